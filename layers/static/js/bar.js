/* The timeline bar: date slider, play, previous and next event, speed, span, table, present.
 *
 * Interface: TCM.bar(app) adds the bar to app.map and fills app.ui (slider,
 * dateText, caption, table, live, play, span); its buttons call app.setDay,
 * app.stepEvent, app.togglePlay, app.setSpan, app.setMode and app.fillTable.
 */
(function () {
  "use strict";
  var TCM = window.TCM = window.TCM || {};

  TCM.bar = function (app) {
    var cfg = app.cfg, ui = app.ui, view = app.view, dom = TCM.dom, el = dom.el, t = app.t;
    var bar = L.control({ position: "bottomleft" });
    bar.onAdd = function () {
      var box = el("div", "tcm-bar");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      // Two rows: the date and its slider on top, the buttons below (they wrap on a narrow map).
      var dateRow = el("div", "tcm-bar-row");
      var row = el("div", "tcm-bar-row tcm-bar-buttons");
      ui.prev = dom.iconButton("prev", t("Previous event"), t("Previous event (PageUp)"));
      ui.play = dom.iconButton("play", t("Play"), t("Play or pause (Space)"));
      ui.next = dom.iconButton("next", t("Next event"), t("Next event (PageDown)"));
      ui.speed = el("select", "tcm-speed tcm-speed-select");
      ui.speed.setAttribute("aria-label", t("Playback speed"));
      [["1", t("1 day/step")], ["7", t("1 week/step")], ["30", t("1 month/step")], ["event", t("event by event")]]
        .forEach(function (o) {
        var opt = el("option", "", o[1]);
        opt.value = o[0];
        ui.speed.appendChild(opt);
      });
      ui.span = el("select", "tcm-speed");
      ui.span.setAttribute("aria-label", t("Time span of the slider"));
      cfg.spans.forEach(function (sp) {
        var opt = el("option", "", sp.label);
        opt.value = sp.id;
        ui.span.appendChild(opt);
      });
      ui.presentButton = dom.textButton(t("Present"), t("Presentation mode: the key dates step by step, in large type"));
      ui.presentButton.addEventListener("click", function () { app.setMode("present", true); });
      ui.tableButton = dom.textButton(t("Table"), t("The same information as a table"));
      ui.tableButton.setAttribute("aria-expanded", "false");
      ui.tableButton.setAttribute("aria-controls", "tcm-table");
      ui.sliderLabel = el("label", "tcm-visually-hidden", t("Date"));
      ui.sliderLabel.htmlFor = "tcm-date";
      ui.slider = el("input", "tcm-slider");
      ui.slider.type = "range";
      ui.slider.id = "tcm-date";
      ui.slider.min = String(cfg.start);
      ui.slider.max = String(cfg.end);
      ui.slider.step = "1";
      ui.dateText = el("output", "tcm-bar-date");
      ui.dateText.htmlFor = "tcm-date";
      // An exact day, typed or picked: the slider alone is too coarse on a narrow screen.
      ui.dayInput = el("input", "tcm-day");
      ui.dayInput.type = "date";
      ui.dayInput.min = TCM.dates.isoOf(cfg.start);
      ui.dayInput.max = TCM.dates.isoOf(cfg.end);
      ui.dayInput.setAttribute("aria-label", t("Exact date"));
      ui.dayInput.addEventListener("change", function () {
        var day = TCM.dates.dayOf(ui.dayInput.value);
        if (day !== null) { app.setDay(day, true); }
      });
      ui.legendButton = dom.textButton(t("Legend"), t("Who controlled the area: colours, lines and layers"));
      ui.legendButton.classList.add("tcm-legend-btn");
      ui.legendButton.setAttribute("aria-controls", "tcm-legend");
      ui.legendButton.setAttribute("aria-expanded", "false");
      ui.legendButton.addEventListener("click", function () { app.toggleLegend(); });
      // On a narrow map the less used controls wait behind "More", so the bar stays two rows tall.
      ui.moreButton = dom.textButton(t("More"), t("Playback speed, time span, table and presentation"));
      ui.moreButton.classList.add("tcm-more-btn");
      ui.moreButton.setAttribute("aria-expanded", "false");
      ui.moreButton.addEventListener("click", function () {
        var open = !box.classList.contains("tcm-more-open");
        box.classList.toggle("tcm-more-open", open);
        ui.moreButton.setAttribute("aria-expanded", String(open));
        app.relayout();
      });
      var extras = [ui.speed, ui.span, ui.tableButton, ui.presentButton];
      // A published site has a page per language: the picker opens the same view in another one.
      if (cfg.languagePages) {
        ui.lang = el("select", "tcm-speed tcm-lang");
        ui.lang.setAttribute("aria-label", t("Language"));
        Object.keys(cfg.languagePages).forEach(function (code) {
          var opt = el("option", "", cfg.languages[code] || code);
          opt.value = code;
          opt.lang = code;
          ui.lang.appendChild(opt);
        });
        ui.lang.value = cfg.lang;
        ui.lang.addEventListener("change", function () {
          window.location.href = cfg.languagePages[ui.lang.value] + window.location.hash;
        });
        extras.push(ui.lang);
      }
      extras.forEach(function (n) { n.classList.add("tcm-extra"); });
      [ui.sliderLabel, ui.slider, ui.dateText, ui.legendButton].forEach(function (n) { dateRow.appendChild(n); });
      [ui.prev, ui.play, ui.next, ui.dayInput, ui.moreButton, ui.speed, ui.span, el("span", "tcm-bar-gap"),
        ui.tableButton, ui.presentButton, ui.lang].forEach(function (n) { if (n) { row.appendChild(n); } });
      box.appendChild(dateRow);
      box.appendChild(row);
      ui.caption = el("div", "tcm-caption");
      ui.caption.setAttribute("data-testid", "map-caption");
      ui.caption.tabIndex = 0;  // it scrolls when long: reachable by keyboard
      ui.caption.setAttribute("role", "note");
      ui.caption.setAttribute("aria-label", t("What changed"));
      box.appendChild(ui.caption);
      ui.table = el("div", "tcm-table");
      ui.table.id = "tcm-table";
      ui.table.hidden = true;
      // A scrolling region must be reachable by keyboard to be read.
      ui.table.tabIndex = 0;
      ui.table.setAttribute("role", "region");
      ui.table.setAttribute("aria-label", t("Districts as a table"));
      box.appendChild(ui.table);
      ui.tableButton.addEventListener("click", function () {
        ui.table.hidden = !ui.table.hidden;
        ui.tableButton.setAttribute("aria-expanded", String(!ui.table.hidden));
        if (!ui.table.hidden) { app.fillTable(); }
        app.relayout();
      });
      ui.live = el("div", "tcm-visually-hidden");
      ui.live.setAttribute("aria-live", "polite");
      ui.live.setAttribute("role", "status");
      box.appendChild(ui.live);

      ui.prev.addEventListener("click", function () { app.stepEvent(-1, true); });
      ui.next.addEventListener("click", function () { app.stepEvent(1, true); });
      ui.play.addEventListener("click", function () { app.togglePlay(); });
      ui.speed.addEventListener("change", function () { view.speed = ui.speed.value; });
      ui.span.addEventListener("change", function () { app.setSpan(ui.span.value, true); });
      ui.slider.addEventListener("input", function () { app.setDay(parseInt(ui.slider.value, 10), true); });
      ui.slider.addEventListener("keydown", function (e) { app.onKey(e); });
      return box;
    };
    bar.addTo(app.map);
  };
})();
