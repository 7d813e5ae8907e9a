/* Presentation mode: the classroom story step by step, in large type.
 *
 * Interface: TCM.present(app) sets app.setMode(mode, byUser) and app.goStep(index).
 */
(function () {
  "use strict";
  var TCM = window.TCM = window.TCM || {};

  TCM.present = function (app) {
    var cfg = app.cfg, view = app.view, dom = TCM.dom, el = dom.el, captions = TCM.captions, t = app.t;
    var storyBox = null;
    var story = L.control({ position: "topleft" });
    story.onAdd = function () {
      storyBox = el("div", "tcm-story");
      storyBox.setAttribute("role", "region");
      storyBox.setAttribute("aria-label", t("Guided story"));
      L.DomEvent.disableClickPropagation(storyBox);
      L.DomEvent.disableScrollPropagation(storyBox);
      return storyBox;
    };

    function progress() {
      var bar = el("div", "tcm-story-progress");
      bar.setAttribute("role", "progressbar");
      bar.setAttribute("aria-label", t("Progress through the story"));
      bar.setAttribute("aria-valuemin", "1");
      bar.setAttribute("aria-valuemax", String(cfg.story.length));
      bar.setAttribute("aria-valuenow", String(view.step + 1));
      var fill = el("div", "tcm-story-progress-fill");
      fill.style.width = Math.round(100 * (view.step + 1) / cfg.story.length) + "%";
      bar.appendChild(fill);
      return bar;
    }

    function sourcesLine(step) {
      var sources = el("div", "tcm-story-sources", t("Sources:") + " ");
      step.sources.slice(0, 3).forEach(function (s, i) {
        if (i) { sources.appendChild(document.createTextNode(" · ")); }
        var link = dom.sourceNode(s);
        link.textContent = TCM.text.shortSource(s);
        sources.appendChild(link);
      });
      return sources;
    }

    function navigation() {
      var nav = el("div", "tcm-story-nav");
      var back = dom.textButton("\u2190 " + t("Back"));
      back.disabled = captions.previousStep(cfg.story, view.day) === null;
      back.addEventListener("click", function () { app.stepStory(-1); });
      var next = dom.textButton(t("Next") + " \u2192");
      next.disabled = captions.nextStep(cfg.story, view.day) === null;
      next.addEventListener("click", function () { app.stepStory(1); });
      var full = dom.textButton(t("Full screen"));
      full.addEventListener("click", function () {
        if (document.fullscreenElement) { document.exitFullscreen(); }
        else if (document.documentElement.requestFullscreen) { document.documentElement.requestFullscreen(); }
      });
      var exit = dom.textButton(t("Leave presentation"));
      exit.addEventListener("click", function () { app.setMode("explore", true); });
      [back, next, full, exit].forEach(function (b) { nav.appendChild(b); });
      return nav;
    }

    function fillStory() {
      if (!storyBox) { return; }
      var step = cfg.story[view.step];
      storyBox.textContent = "";
      storyBox.setAttribute("data-day", String(view.day));
      if (!step) { return; }
      var head = el("div", "tcm-story-head");
      head.appendChild(el("span", "tcm-story-count", t("Step {n} of {total}", { n: view.step + 1, total: cfg.story.length })));
      head.appendChild(progress());
      storyBox.appendChild(head);
      storyBox.appendChild(el("div", "tcm-story-title", step.title));
      storyBox.appendChild(el("div", "tcm-story-date", app.longDate(step.day)));
      if (step.day !== view.day) {
        // A link to a date between steps: the map keeps its date; the step shown is the one in force.
        storyBox.appendChild(el("p", "tcm-story-offstep", step.day < view.day
          ? t("The map shows {date}, after this step.", { date: app.longDate(view.day) })
          : t("The map shows {date}, before the first step.", { date: app.longDate(view.day) })));
      }
      storyBox.appendChild(el("p", "tcm-story-caption", step.caption));
      storyBox.appendChild(sourcesLine(step));
      storyBox.appendChild(navigation());
    }

    app.goStep = function (index) {
      if (!cfg.story.length) { return; }
      view.step = captions.clampStep(cfg.story, index);
      app.setDay(cfg.story[view.step].day, true);
      fillStory();
    };

    /** Next (+1) or Back (-1): the story step after or before the map's date, never back to front. */
    app.stepStory = function (direction) {
      var index = direction > 0 ? captions.nextStep(cfg.story, view.day) : captions.previousStep(cfg.story, view.day);
      if (index !== null) { app.goStep(index); }
    };

    /** Keep the story box on the step in force when the date moves by other means (the app's slider). */
    app.syncStory = function () {
      if (view.mode !== "present") { return; }
      var index = captions.nearestStep(cfg.story, view.day);
      if (index !== view.step || storyBox && storyBox.getAttribute("data-day") !== String(view.day)) {
        view.step = index;
        fillStory();
      }
    };

    app.setMode = function (mode, byUser) {
      if (mode !== "present" && mode !== "explore") { return; }
      if (mode === "present" && !cfg.story.length) { return; }
      if (mode === view.mode) { return; }
      view.mode = mode;
      document.documentElement.classList.toggle("tcm-present", mode === "present");
      if (mode === "present") {
        story.addTo(app.map);
        view.step = captions.nearestStep(cfg.story, view.day);
        if (byUser) { app.goStep(view.step); } else { fillStory(); }
        app.map.getContainer().focus();
      } else {
        story.remove();
      }
      app.placeLabels();
      if (byUser) { app.notifyParent(); }
    };
  };
})();
