/* The same information as a table, and the announcement of each date for screen readers.
 *
 * Interface: TCM.table(app) sets app.fillTable() and app.announce().
 */
(function () {
  "use strict";
  var TCM = window.TCM = window.TCM || {};

  TCM.table = function (app) {
    var cfg = app.cfg, F = app.F, view = app.view, ui = app.ui, el = TCM.dom.el, t = app.t;

    app.fillTable = function () {
      var table = el("table");
      table.appendChild(el("caption", "", t("Districts on {date} ({scenario})", { date: app.longDate(view.day), scenario: cfg.scenarios[view.scenario] })));
      var head = el("tr");
      [t("District"), t("Controlled by"), t("Status"), t("Since"), t("Confidence")].forEach(function (h) {
        var th = el("th", "", h);
        th.scope = "col";
        head.appendChild(th);
      });
      var thead = el("thead");
      thead.appendChild(head);
      table.appendChild(thead);
      var body = el("tbody");
      cfg.districts.features.forEach(function (f) {
        var row = app.stateAt(f.properties.id, view.day);
        var tr = el("tr");
        var th = el("th", "", app.label(f.properties));
        th.scope = "row";
        tr.appendChild(th);
        tr.appendChild(el("td", "", app.controllerLabel(row)));
        tr.appendChild(el("td", "", row ? (cfg.statuses[row[F.status]] || "") : ""));
        tr.appendChild(el("td", "", row && row[F.since] !== null ? app.longDate(row[F.since]) : ""));
        tr.appendChild(el("td", "", row && row[F.confidence] ? t(row[F.confidence]) : ""));
        body.appendChild(tr);
      });
      table.appendChild(body);
      ui.table.textContent = "";
      ui.table.appendChild(table);
    };

    // The live region speaks once the date has settled, not on every step of a drag.
    var timer = null;
    app.announce = function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var today = TCM.states.eventsOn(cfg.events, view.day, view.scenario);
        ui.live.textContent = app.longDate(view.day) +
          (today.length ? ": " + today.map(function (e) { return app.headline(e); }).join(" ") : "");
      }, 400);
    };
  };
})();
