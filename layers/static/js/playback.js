/* Moving the date: by day, by event, by playing, by keyboard, and the slider's span.
 *
 * Interface: TCM.playback(app) sets app.setDay(day, byUser), app.stepEvent(direction, byUser),
 * app.togglePlay(), app.onKey(event), app.setSpan(id, byUser) and app.widenSpanFor(day).
 */
(function () {
  "use strict";
  var TCM = window.TCM = window.TCM || {};

  TCM.playback = function (app) {
    var cfg = app.cfg, view = app.view, ui = app.ui, states = TCM.states, keys = TCM.keys;

    app.setDay = function (day, byUser) {
      if (day === null || isNaN(day)) { return; }
      day = TCM.dates.clampDay(day, cfg.start, cfg.end);
      if (day === view.day && !byUser) { return; }
      view.day = day;
      app.widenSpanFor(day);
      app.render();
      app.announce();
      if (byUser) { app.notifyParent(); }
    };

    app.stepEvent = function (direction, byUser) {
      var target = states.stepDay(cfg.keyDays[view.scenario] || [], view.day, direction);
      if (target !== null) { app.setDay(target, byUser); }
      return target;
    };

    var timer = null;
    function tick() {
      clearTimeout(timer);
      if (!view.playing) { return; }
      var moved;
      if (view.speed === "event") {
        moved = app.stepEvent(1, true) !== null;
      } else {
        var before = view.day;
        app.setDay(view.day + parseInt(view.speed, 10), true);
        moved = view.day !== before;
      }
      if (!moved) { app.togglePlay(); return; }
      timer = setTimeout(tick, view.speed === "event" ? 1200 : 120);
    }

    app.togglePlay = function () {
      view.playing = !view.playing;
      TCM.dom.setIcon(ui.play, view.playing ? "pause" : "play");
      ui.play.setAttribute("aria-label", view.playing ? "Pause" : "Play");
      if (view.playing) { tick(); }
    };

    var ACTIONS = {
      "next-step": function () { app.stepStory(1); },
      "previous-step": function () { app.stepStory(-1); },
      "first-step": function () { app.goStep(0); },
      "last-step": function () { app.goStep(cfg.story.length - 1); },
      "leave": function () { app.setMode("explore", true); },
      "next-event": function () { app.stepEvent(1, true); },
      "previous-event": function () { app.stepEvent(-1, true); },
      "next-day": function () { app.setDay(view.day + 1, true); },
      "previous-day": function () { app.setDay(view.day - 1, true); },
      "first-day": function () { app.setDay(cfg.start, true); },
      "last-day": function () { app.setDay(cfg.end, true); },
      "play": function () { app.togglePlay(); }
    };

    // Exploring, the keys move the date only from the date control (on the map they pan it, as
    // Leaflet's own keyboard does); presenting, they walk the story from anywhere, as a clicker does.
    app.onKey = function (e) {
      var target = e.target;
      if (target && target !== ui.slider && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) { return; }
      if (view.mode !== "present" && target !== ui.slider) { return; }
      var action = view.mode === "present"
        ? keys.presentAction(e.key, !!document.fullscreenElement)
        : keys.exploreAction(e.key, e.shiftKey, true);
      if (!action) { return; }
      ACTIONS[action]();
      e.preventDefault();
      e.stopPropagation();
    };
    document.addEventListener("keydown", function (e) { if (e.target !== ui.slider) { app.onKey(e); } });

    function spanById(id) {
      for (var i = 0; i < cfg.spans.length; i++) { if (cfg.spans[i].id === id) { return cfg.spans[i]; } }
      return cfg.spans[0];
    }

    app.setSpan = function (id, byUser) {
      var sp = spanById(id);
      view.span = sp.id;
      ui.span.value = sp.id;
      ui.slider.min = String(sp.start);
      ui.slider.max = String(sp.end);
      if (byUser && (view.day < sp.start || view.day > sp.end)) {
        app.setDay(Math.max(sp.start, Math.min(sp.end, view.day)), true);
      } else {
        ui.slider.value = String(view.day);
      }
    };

    app.widenSpanFor = function (day) {
      var sp = spanById(view.span);
      if (day < sp.start || day > sp.end) { app.setSpan(cfg.spans[0].id, false); }
    };
  };
})();
