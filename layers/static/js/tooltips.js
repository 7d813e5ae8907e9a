/* Tooltips and popups: a place's names, who held it since when, how sure, and who said so.
 *
 * Interface: TCM.tooltips(app) sets app.label, app.tooltipFor, app.popupFor, app.zoneTooltip.
 */
(function () {
  "use strict";
  var TCM = window.TCM = window.TCM || {};

  TCM.tooltips = function (app) {
    var cfg = app.cfg, F = app.F, view = app.view, el = TCM.dom.el, shortSource = TCM.text.shortSource, t = app.t;

    app.label = function (props) { return props.label[view.convention] || props.label.neutral; };

    function namesLine(props) {
      var n = props.names || {};
      return [n.az, n.hy, n.ru].filter(function (name) { return !!name; }).join(" · ");
    }

    function stateLines(box, props) {
      var row = app.stateAt(props.id, view.day);
      box.appendChild(el("div", "tcm-tip-control", app.controllerLabel(row)));
      if (!row) { return row; }
      var status = cfg.statuses[row[F.status]] || "";
      if (status) {
        box.appendChild(el("div", "tcm-tip-status", row[F.since] !== null
          ? t("{status} since {date}", { status: status, date: app.longDate(row[F.since]) }) : status));
      }
      var confidence = row[F.confidence];
      if (confidence && confidence !== "confirmed") {
        box.appendChild(el("div", "tcm-tip-claim", confidence === "disputed"
          ? t("Disputed: the other side denied it") : t("Claimed by one side, not confirmed")));
      }
      return row;
    }

    function heading(box, props) {
      box.appendChild(el("div", "tcm-tip-title", app.label(props)));
      var names = namesLine(props);
      if (names) { box.appendChild(el("div", "tcm-tip-names", names)); }
    }

    app.tooltipFor = function (props, kind) {
      var box = el("div", "tcm-tip");
      heading(box, props);
      if (kind === "settlement" && !props.tracked) {
        box.appendChild(el("div", "tcm-tip-status", t("Context: outside the area the timeline follows")));
        return box;
      }
      var event = app.eventOf(stateLines(box, props));
      if (event && event.sources.length) {
        var first = shortSource(event.sources[0]);
        box.appendChild(el("div", "tcm-tip-source", event.sources.length > 1
          ? t("Source: {source} (+{n} more; click for all)", { source: first, n: event.sources.length - 1 })
          : t("Source: {source}", { source: first })));
      }
      return box;
    };

    app.popupFor = function (props) {
      var box = el("div", "tcm-popup");
      heading(box, props);
      var event = app.eventOf(stateLines(box, props));
      if (event) {
        box.appendChild(el("p", "tcm-popup-summary", event.summary));
        if (event.note) { box.appendChild(el("p", "tcm-popup-note", event.note)); }
        var list = el("ul", "tcm-popup-sources");
        event.sources.forEach(function (s) {
          var item = el("li");
          item.appendChild(TCM.dom.sourceNode(s));
          list.appendChild(item);
        });
        box.appendChild(list);
      }
      return box;
    };

    app.zoneTooltip = function (z) {
      var box = el("div", "tcm-tip");
      box.appendChild(el("div", "tcm-tip-title", z.label[view.convention] || z.label.neutral));
      var row = app.stateAt(z.id, view.day);
      if (row) {
        box.appendChild(el("div", "tcm-tip-status", t("{status} since {date}", { status: cfg.statuses[row[F.status]] || "", date: app.longDate(row[F.since]) })));
      }
      if (z.schematic) { box.appendChild(el("div", "tcm-tip-approx", t("Schematic: {note}", { note: z.note }))); }
      if (z.sources.length) { box.appendChild(el("div", "tcm-tip-source", t("Source: {source}", { source: shortSource(z.sources[0]) }))); }
      return box;
    };
  };
})();
