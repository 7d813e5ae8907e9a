/* The title box and the legend (with the layer switches).
 *
 * Interface: TCM.controls(app) adds both to app.map and fills app.ui.titleDate
 * and app.ui.titleScenario, which the renderer writes.
 */
(function () {
  "use strict";
  var TCM = window.TCM = window.TCM || {};

  TCM.controls = function (app) {
    var cfg = app.cfg, pal = app.pal, ui = app.ui, view = app.view, el = TCM.dom.el, t = app.t;

    /** The two sides' colours in one line under the date: the legend's essentials, always in view. */
    function key() {
      var line = el("div", "tcm-key");
      line.setAttribute("aria-hidden", "true");  // the legend says the same in full
      cfg.sides.forEach(function (side) {
        var item = el("span", "tcm-key-item");
        var sw = el("span", "tcm-swatch");
        sw.style.background = pal.controllers[side];
        item.appendChild(sw);
        item.appendChild(document.createTextNode(cfg.controllers[side].label));
        line.appendChild(item);
      });
      return line;
    }

    var title = L.control({ position: "topright" });
    title.onAdd = function () {
      var box = el("div", "tcm-title");
      box.appendChild(el("div", "tcm-title-text", cfg.title));
      ui.titleDate = el("div", "tcm-title-date");
      ui.titleDate.setAttribute("data-testid", "map-date");
      box.appendChild(ui.titleDate);
      var meta = el("div", "tcm-title-meta");
      ui.titleScenario = el("div", "tcm-title-scenario");
      meta.appendChild(ui.titleScenario);
      meta.appendChild(key());
      box.appendChild(meta);
      return box;
    };
    title.addTo(app.map);

    /** Which data this is, how to cite it and where to get it. */
    function about() {
      var box = el("div", "tcm-legend-note tcm-about");
      box.appendChild(el("div", "tcm-attribution", cfg.attribution));
      box.appendChild(el("div", "", t("Data version {version}", { version: cfg.version })));
      if (cfg.citation) { box.appendChild(el("div", "tcm-citation", t("How to cite: {citation}", { citation: cfg.citation }))); }
      if (cfg.dataUrl) {
        var link = el("a", "tcm-data-link", t("Get the data (open data package, .zip)"));
        link.href = cfg.dataUrl;
        link.setAttribute("download", "");
        box.appendChild(link);
      }
      return box;
    }

    var legend = L.control({ position: "bottomright" });
    legend.onAdd = function () {
      // Folds away (a native disclosure, keyboard-ready) and scrolls within the map,
      // so on a short map it never covers the date.
      var outer = el("div", "tcm-legend");
      outer.id = "tcm-legend";
      outer.setAttribute("role", "group");
      outer.setAttribute("aria-label", t("Legend"));
      L.DomEvent.disableClickPropagation(outer);
      L.DomEvent.disableScrollPropagation(outer);
      var details = el("details", "tcm-legend-fold");
      // Open where there is room for it beside the districts; folded on a laptop, a tablet or a phone.
      details.open = window.innerHeight >= 900 && window.innerWidth >= 1280;
      details.appendChild(el("summary", "tcm-legend-title", t("Who controlled the area")));
      outer.appendChild(details);
      function folded() {
        outer.classList.toggle("tcm-closed", !details.open);
        if (ui.legendButton) { ui.legendButton.setAttribute("aria-expanded", String(details.open)); }
      }
      details.addEventListener("toggle", function () { folded(); app.relayout(); });
      folded();
      app.toggleLegend = function () {
        details.open = !details.open;
        folded();
        if (details.open) { details.querySelector("summary").focus(); }
      };
      var box = el("div", "tcm-legend-body");
      details.appendChild(box);
      function swatch(fill, text, extra) {
        var item = el("div", "tcm-legend-item");
        var sw = el("span", "tcm-swatch" + (extra ? " " + extra : ""));
        if (fill) { sw.style.background = fill; }
        item.appendChild(sw);
        item.appendChild(el("span", "", text));
        box.appendChild(item);
      }
      cfg.sides.forEach(function (side) {
        swatch(pal.controllers[side], cfg.controllers[side].description || cfg.controllers[side].label);
      });
      var first = pal.controllers[app.styles.first], second = pal.controllers[app.styles.second];
      swatch("repeating-linear-gradient(45deg," + first + " 0 5px," + second + " 5px 10px)",
        t("Split district (share in the tooltip)"));
      swatch(null, t("Claimed or disputed: faded, dashed edge"), "tcm-swatch-claim");
      swatch(null, t("Scheduled for handover"), "tcm-swatch-scheduled");
      swatch(null, t("Russian peacekeepers' zone (part)"), "tcm-swatch-peace");
      swatch(null, t("Fighting reported"), "tcm-swatch-contested");
      swatch(pal.controllers.unknown, t("No data for this date"));
      swatch(null, t("Line of contact 1994-2020 (approximate)"), "tcm-swatch-contact");
      swatch(null, t("Lachin corridor (schematic)"), "tcm-swatch-corridor");
      swatch(null, t("Peacekeepers' area (approximate)"), "tcm-swatch-peace-area");
      swatch(null, t("Planned link to Nakhchivan (schematic)"), "tcm-swatch-link");
      box.appendChild(el("div", "tcm-legend-note", t("Inside split districts the areas are approximate: each place is given the ground closest to it.")));
      box.appendChild(el("div", "tcm-legend-note", t("Town dots: filled = confirmed, hollow = claimed.")));
      var fieldset = el("fieldset", "tcm-layers");
      fieldset.appendChild(el("legend", "", t("Show")));
      TCM.address.LAYERS.forEach(function (l) {
        var label = el("label", "tcm-layer");
        var input = el("input");
        input.type = "checkbox";
        input.checked = !!view.layers[l[0]];
        input.setAttribute("data-layer", l[0]);
        input.addEventListener("change", function () {
          view.layers[l[0]] = input.checked;
          app.shown = {};
          app.render();
          app.notifyParent();
        });
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + t(l[1])));
        fieldset.appendChild(label);
      });
      box.appendChild(fieldset);
      box.appendChild(about());
      return outer;
    };
    legend.addTo(app.map);
  };
})();
