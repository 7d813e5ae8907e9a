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
      districts: {}, cells: {}, zones: {}, points: {},
      peace: null, peaceStep: null, contactShown: false, pointsShown: true
    };

    // Built here, put on the map by app.addMapLayers once the view is fitted: each shape is then
    // projected and drawn once, not once here and again when the view moves to its fitted place.
    var pending = app.pendingLayers;  // rivers and lakes are already in it
    pending.push(L.geoJSON(cfg.context, {
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
    }));

    // District outlines above the coloured pieces, so a status outline (a handover due, fighting)
    // is never dimmed by a fill; they let the pointer through to the pieces, which carry the tooltips.
    var outlines = map.getPane("tcmOutlines") || map.createPane("tcmOutlines");
    outlines.style.zIndex = 450;
    outlines.style.pointerEvents = "none";
    pending.push(L.geoJSON(cfg.districts, {
      pane: "tcmOutlines",
      interactive: false,
      style: function () { return app.styles.districtStyle(null, true); },
      onEachFeature: function (feature, layer) {
        layers.districts[feature.properties.id] = layer;
        layer.feature = feature;
      }
    }));

    // The pieces that carry the colours: whole districts, their parts inside and outside a line of
    // control, and the parts of changed ground closest to each place. Each has its own state rows;
    // a piece with no controller on a day is not drawn (another cut of its district is).
    // They have a pane of their own under the lines, zones and places: a piece drawn for the first
    // time on a later date would otherwise go on top of them (and take their pointer events).
    var piecesPane = map.getPane("tcmPieces") || map.createPane("tcmPieces");
    piecesPane.style.zIndex = 398;  // above the water's names (395), under the overlay pane (400)
    layers.cellGroup = L.layerGroup();
    pending.push(layers.cellGroup);
    var settlementById = {}, districtById = {};
    cfg.settlements.forEach(function (s) { settlementById[s.id] = s; });
    (cfg.districts.features || []).forEach(function (f) { districtById[f.properties.id] = f.properties; });
    /** The Leaflet layer of a piece, made the first time the piece is drawn: most pieces belong to
     * other dates, and a page that built them all up front would start slower on a phone. */
    function pieceLayer(feature) {
      var props = feature.properties;
      var layer = L.geoJSON(feature, { pane: "tcmPieces" }).getLayers()[0];
      layer.bindTooltip(function () {
        if (props.kind === "cell" && settlementById[props.source]) {
          var box = app.tooltipFor(settlementById[props.source], "settlement");
          box.appendChild(el("div", "tcm-tip-approx", app.t("Approximate area: the part of the district closest to this place.")));
          return box;
        }
        var card = app.tooltipFor(districtById[props.district], "district");
        if (props.kind === "held" || props.kind === "other") {
          card.appendChild(el("div", "tcm-tip-approx", app.t("Drawn from the line of control (Natural Earth, corrected)")));
        }
        return card;
      }, tip);
      if (districtById[props.district]) {
        layer.bindPopup(function () { return app.popupFor(districtById[props.district]); }, { maxWidth: 360 });
      }
      return layer;
    }
    (cfg.cells.features || []).forEach(function (feature) {
      var props = feature.properties;
      layers.cells[props.id] = { feature: feature, layer: null, district: props.district, shown: false };
    });
    /** A piece's layer, made on first use. */
    app.pieceLayer = function (cell) {
      if (!cell.layer) { cell.layer = pieceLayer(cell.feature); }
      return cell.layer;
    };

    // Zones: the Lachin corridor(s) and the schematic Nakhchivan link.
    layers.zoneGroup = L.layerGroup();
    pending.push(layers.zoneGroup);
    cfg.zones.forEach(function (z) {
      var layer = L.geoJSON(z.geometry, { style: function () { return app.styles.zoneStyle(z.kind); } });
      layer.bindTooltip(function () { return app.zoneTooltip(z); }, tip);
      layers.zones[z.id] = { layer: layer, kind: z.kind, shown: false };
    });

    layers.contact = cfg.contactLine ? L.geoJSON(cfg.contactLine.geometry, {
      interactive: true,
      style: function () { return { color: "#D55E00", weight: 3, dashArray: "10 5", opacity: 0.95 }; }
    }).bindTooltip(app.t("Line of contact 1994-2020 (approximate: derived from the places each side held)"), { sticky: true }) : null;

    layers.pointGroup = L.layerGroup();
    cfg.settlements.forEach(function (s) {
      var marker = L.circleMarker([s.lat, s.lon], app.styles.pointStyle(null, s.kind));
      marker.bindTooltip(function () { return app.tooltipFor(s, "settlement"); },
        { direction: "auto", className: "tcm-tooltip" });
      marker.bindPopup(function () { return app.popupFor(s); }, { maxWidth: 360 });
      marker.addTo(layers.pointGroup);
      layers.points[s.id] = { marker: marker, props: s };
    });

    /** Put the layers on the map, in stacking order (called once, after the first fit of the view). */
    app.addMapLayers = function () {
      pending.forEach(function (layer) { layer.addTo(map); });
      if (layers.pointsShown) { layers.pointGroup.addTo(map); }
      var svg = map.getPane("overlayPane").querySelector("svg");
      if (svg) { TCM.dom.addStripes(svg, app.styles.splitStripes()); }
    };
  };
})();
