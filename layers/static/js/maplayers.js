/* The map's layers: context, districts, settlement cells, zones, the line of contact, places.
 *
 * Interface: TCM.mapLayers(app) draws them on app.map and keeps them in
 * app.layers for the renderer; tooltips come from app.tooltipFor at hover time.
 */
(function () {
  "use strict";
  var TCM = window.TCM = window.TCM || {};

  TCM.mapLayers = function (app) {
    var cfg = app.cfg, map = app.map, pal = app.pal, el = TCM.dom.el;
    var tip = { sticky: true, direction: "auto", className: "tcm-tooltip" };
    var layers = app.layers = {
      districts: {}, districtsWithCells: {}, cells: {}, zones: {}, points: {},
      peace: null, peaceStep: null, contactShown: false, pointsShown: true
    };

    L.geoJSON(cfg.context, {
      pane: app.basePane || "overlayPane",
      interactive: false,
      style: function (f) {
        return {
          fillColor: f.properties.country === "AZ" ? pal.context_fill : pal.country_fill,
          fillOpacity: 1,
          color: pal.context_line,
          weight: 0.6
        };
      }
    }).addTo(map);

    L.geoJSON(cfg.districts, {
      style: function () { return app.styles.districtStyle(null, false); },
      onEachFeature: function (feature, layer) {
        layers.districts[feature.properties.id] = layer;
        layer.feature = feature;
        layer.bindTooltip(function () { return app.tooltipFor(feature.properties, "district"); }, tip);
        layer.bindPopup(function () { return app.popupFor(feature.properties); }, { maxWidth: 360 });
      }
    }).addTo(map);

    // Cells around towns and villages: drawn only inside districts split between the sides.
    layers.cellGroup = L.layerGroup().addTo(map);
    var settlementById = {};
    cfg.settlements.forEach(function (s) { settlementById[s.id] = s; });
    L.geoJSON(cfg.cells, {
      onEachFeature: function (feature, layer) {
        var id = feature.properties.id;
        layers.districtsWithCells[feature.properties.district] = true;
        layers.cells[id] = { layer: layer, district: feature.properties.district, shown: false };
        layer.bindTooltip(function () {
          var box = app.tooltipFor(settlementById[id], "settlement");
          box.appendChild(el("div", "tcm-tip-approx", app.t("Approximate area: the part of the district closest to this place.")));
          return box;
        }, tip);
      }
    });

    // Zones: the Lachin corridor(s) and the schematic Nakhchivan link.
    layers.zoneGroup = L.layerGroup().addTo(map);
    cfg.zones.forEach(function (z) {
      var layer = L.geoJSON(z.geometry, { style: function () { return app.styles.zoneStyle(z.kind); } });
      layer.bindTooltip(function () { return app.zoneTooltip(z); }, tip);
      layers.zones[z.id] = { layer: layer, kind: z.kind, shown: false };
    });

    layers.contact = cfg.contactLine ? L.geoJSON(cfg.contactLine.geometry, {
      interactive: true,
      style: function () { return { color: "#D55E00", weight: 3, dashArray: "10 5", opacity: 0.95 }; }
    }).bindTooltip(app.t("Line of contact 1994-2020 (approximate: derived from the places each side held)"), { sticky: true }) : null;

    layers.pointGroup = L.layerGroup().addTo(map);
    cfg.settlements.forEach(function (s) {
      var marker = L.circleMarker([s.lat, s.lon], app.styles.pointStyle(null, s.kind));
      marker.bindTooltip(function () { return app.tooltipFor(s, "settlement"); },
        { direction: "auto", className: "tcm-tooltip" });
      marker.bindPopup(function () { return app.popupFor(s); }, { maxWidth: 360 });
      marker.addTo(layers.pointGroup);
      layers.points[s.id] = { marker: marker, props: s };
    });

    var svg = map.getPane("overlayPane").querySelector("svg");
    if (svg) { TCM.dom.addStripes(svg, app.styles.splitStripes()); }

    /** True when a split district shows its split through its settlement cells. */
    app.splitByCells = function (id, row) {
      return !!(row && row[app.F.controller] === "split" && !row[app.F.remainder] && layers.districtsWithCells[id]);
    };
  };
})();
