/* Rivers, lakes and the names of the countries around: the quiet base under the control colours.
 *
 * Interface: TCM.water(app) makes two map panes under Leaflet's overlay pane
 * (where the districts are drawn): app.basePane for the context countries and,
 * above it, the water with its names and the country names. Nothing here
 * takes the pointer or a tab stop. Names are written with textContent and
 * follow the naming convention (app.labelHooks, run when labels are placed).
 */
(function () {
  "use strict";
  var TCM = window.TCM = window.TCM || {};

  function pane(map, name, zIndex) {
    var node = map.getPane(name) || map.createPane(name);
    node.style.zIndex = String(zIndex);
    node.style.pointerEvents = "none";
    return name;
  }

  function nameMarker(at, pane, text, style) {
    var marker = L.marker(at, {
      pane: pane, interactive: false, keyboard: false,
      icon: L.divIcon({ className: "tcm-context-name", html: "", iconSize: null })
    });
    marker.tcmText = text;
    marker.tcmStyle = style;
    return marker;
  }

  function write(marker, text) {
    var node = marker.getElement();
    if (!node) { return; }
    var span = node.firstChild;
    if (!span) {
      span = document.createElement("span");
      span.setAttribute("aria-hidden", "true");
      Object.keys(marker.tcmStyle).forEach(function (key) { span.style[key] = marker.tcmStyle[key]; });
      node.appendChild(span);
    }
    span.textContent = text;
  }

  TCM.water = function (app) {
    var cfg = app.cfg, map = app.map, pal = app.pal, view = app.view;
    // Leaflet's overlay pane, where the districts are, sits at z-index 400.
    app.basePane = pane(map, "tcmBase", 380);
    var waterPane = pane(map, "tcmWater", 390);
    var namePane = pane(map, "tcmContextNames", 395);
    app.labelHooks = app.labelHooks || [];
    var group = L.layerGroup();
    var markers = [];

    if (cfg.water && cfg.water.features.length) {
      var rivers = L.geoJSON(cfg.water, {
        pane: waterPane,
        interactive: false,
        style: function (f) {
          if (f.properties.kind === "lake") {
            return { fillColor: pal.water_fill, fillOpacity: 1, color: pal.water_line, weight: 0.8 };
          }
          return { color: pal.water_line, weight: f.properties.major ? 2.4 : 1.3, opacity: 0.95, fill: false };
        }
      });
      // On the map with the other shapes, once the view is fitted (maplayers.js, app.addMapLayers).
      app.pendingLayers.push(rivers);
    }
    var halo = "0 0 2px #FFFFFF, 0 0 2px #FFFFFF, 0 0 3px #FFFFFF";
    (cfg.waterLabels || []).forEach(function (w) {
      var marker = nameMarker(w.at, namePane, w.label, {
        position: "absolute", left: "0", top: "0", whiteSpace: "nowrap", fontStyle: "italic",
        fontSize: w.kind === "lake" ? "12px" : "11px", color: pal.water_label, textShadow: halo,
        transform: "translate(-50%, -50%) rotate(" + (-w.angle) + "deg)", transformOrigin: "center"
      });
      markers.push(marker.addTo(group));
    });
    (cfg.placeLabels || []).forEach(function (p) {
      var country = p.kind === "country";
      var marker = nameMarker(p.at, namePane, { neutral: p.text }, {
        position: "absolute", left: "0", top: "0", whiteSpace: "nowrap",
        fontSize: country ? "14px" : "12px", fontWeight: country ? "bold" : "normal",
        fontStyle: country ? "normal" : "italic", letterSpacing: country ? "0.12em" : "0",
        color: pal.place_label, textShadow: halo, transform: "translate(-50%, -50%)"
      });
      markers.push(marker.addTo(group));
    });
    group.addTo(map);

    /** Writes every name in the current convention; hidden with the other names when labels are off. */
    function writeNames() {
      var shown = !view.layers || view.layers.labels !== false;
      if (shown && !map.hasLayer(group)) { group.addTo(map); }
      if (!shown && map.hasLayer(group)) { map.removeLayer(group); }
      markers.forEach(function (marker) {
        write(marker, marker.tcmText[view.convention] || marker.tcmText.neutral || "");
      });
    }
    app.labelHooks.push(writeNames);
    writeNames();
  };
})();
