/* Names on the map, placed so that none overlaps another.
 *
 * Interface: TCM.labels(app) sets app.placeLabels() and app.visibleLabels().
 */
(function () {
  "use strict";
  var TCM = window.TCM = window.TCM || {};

  TCM.labels = function (app) {
    var cfg = app.cfg, view = app.view, map = app.map;
    var group = L.layerGroup().addTo(map);
    var labels = [];
    cfg.districts.features.forEach(function (f) {
      labels.push({ props: f.properties, at: f.properties.labelAt, rank: 0, cls: "tcm-label tcm-label-district" });
    });
    cfg.settlements.forEach(function (s) {
      if (s.kind === "town" || s.kind === "city") {
        labels.push({ props: s, at: [s.lat, s.lon], rank: s.kind === "city" ? 1 : 2, cls: "tcm-label tcm-label-town" });
      }
    });
    labels.sort(function (a, b) { return a.rank - b.rank; });
    labels.forEach(function (l) {
      l.marker = L.marker(l.at, {
        interactive: false,
        keyboard: false,
        icon: L.divIcon({ className: l.cls, html: "", iconSize: null })
      }).addTo(group);
    });

    function overlaps(box, taken) {
      return taken.some(function (t) {
        return !(box.right + 2 < t.left || box.left - 2 > t.right || box.bottom + 1 < t.top || box.top - 1 > t.bottom);
      });
    }

    app.placeLabels = function () {
      (app.labelHooks || []).forEach(function (hook) { hook(); });
      if (!view.layers.labels) { map.removeLayer(group); return; }
      group.addTo(map);
      // Write every text, then measure every box, then hide the clashes: one
      // layout for all labels instead of one per label.
      var placed = [];
      labels.forEach(function (l) {
        var node = l.marker.getElement();
        if (!node) { return; }
        node.textContent = app.label(l.props);
        node.style.visibility = "visible";
        placed.push(node);
      });
      var boxes = placed.map(function (node) { return node.getBoundingClientRect(); });
      var taken = [];
      placed.forEach(function (node, i) {
        if (overlaps(boxes[i], taken)) { node.style.visibility = "hidden"; } else { taken.push(boxes[i]); }
      });
    };

    app.visibleLabels = function () {
      return labels.filter(function (l) { return l.marker.getElement() && l.marker.getElement().style.visibility !== "hidden"; })
        .map(function (l) { return l.marker.getElement().getBoundingClientRect(); });
    };

    map.on("zoomend moveend resize", app.placeLabels);
  };
})();
