/* Restyle the map for the current date: only the features whose state row changed are touched.
 *
 * Interface: TCM.render(app) sets app.render().
 */
(function () {
  "use strict";
  var TCM = window.TCM = window.TCM || {};

  TCM.render = function (app) {
    var cfg = app.cfg, F = app.F, view = app.view, ui = app.ui, map = app.map;
    var layers = app.layers, styles = app.styles, dates = TCM.dates, captions = TCM.captions;

    /** The districts' outlines (their colours are their pieces', drawn by cells()). */
    function districts(day) {
      Object.keys(layers.districts).forEach(function (id) {
        var row = app.stateAt(id, day);
        if (app.shown[id] !== row) {
          app.shown[id] = row;
          layers.districts[id].setStyle(styles.districtStyle(row, true));
        }
      });
    }

    function cells(day) {
      Object.keys(layers.cells).forEach(function (id) {
        var cell = layers.cells[id];
        var row = app.stateAt(id, day);
        var visible = !!(row && row[F.controller]);
        if (visible !== cell.shown) {
          if (visible) { layers.cellGroup.addLayer(app.pieceLayer(cell)); } else { layers.cellGroup.removeLayer(cell.layer); }
          cell.shown = visible;
        }
        if (visible && app.shown["c:" + id] !== row) {
          app.shown["c:" + id] = row;
          cell.layer.setStyle(styles.cellStyle(row));
        }
      });
    }

    function zones(day) {
      Object.keys(layers.zones).forEach(function (id) {
        var zone = layers.zones[id];
        var row = app.stateAt(id, day);
        var status = row ? row[F.status] : null;
        var visible = TCM.styles.zoneVisible(zone.kind, status, cfg.zoneShown, view.layers);
        if (visible !== zone.shown) {
          if (visible) { layers.zoneGroup.addLayer(zone.layer); } else { layers.zoneGroup.removeLayer(zone.layer); }
          zone.shown = visible;
        }
        if (visible && zone.kind === "corridor") { zone.layer.setStyle(styles.corridorStyle(status)); }
      });
    }

    function lines(day) {
      if (layers.contact) {
        var showLine = cfg.contactLine.from <= day && day <= cfg.contactLine.until && view.layers.line;
        if (showLine !== layers.contactShown) {
          if (showLine) { layers.contact.addTo(map); } else { map.removeLayer(layers.contact); }
          layers.contactShown = showLine;
        }
      }
      var steps = cfg.peacekeepers[view.scenario] || cfg.peacekeepers.actual || [];
      var step = view.layers.peacekeepers ? TCM.states.stepAt(steps, day) : null;
      if (step !== layers.peaceStep) {
        layers.peaceStep = step;
        if (layers.peace) { map.removeLayer(layers.peace); layers.peace = null; }
        if (step && step[1]) {
          layers.peace = L.geoJSON(step[1], {
            interactive: false,
            style: function () { return { color: "#000000", weight: 2.5, dashArray: "1 5", fill: false }; }
          }).addTo(map);
          layers.pointGroup.eachLayer(function (m) { m.bringToFront(); });
        }
      }
    }

    function points(day) {
      Object.keys(layers.points).forEach(function (id) {
        var entry = layers.points[id];
        var row = entry.props.tracked ? app.stateAt(id, day) : null;
        if (app.shown["s:" + id] !== row || app.shown["s:" + id] === undefined) {
          app.shown["s:" + id] = row;
          entry.marker.setStyle(entry.props.tracked ? styles.pointStyle(row, entry.props.kind) : styles.contextPointStyle());
        }
      });
      if (view.layers.places !== layers.pointsShown) {
        if (view.layers.places) { layers.pointGroup.addTo(map); } else { map.removeLayer(layers.pointGroup); }
        layers.pointsShown = view.layers.places;
      }
    }

    function texts(day) {
      document.querySelectorAll(".tcm-layers input").forEach(function (input) {
        input.checked = !!view.layers[input.getAttribute("data-layer")];
      });
      if (ui.table && !ui.table.hidden) { app.fillTable(); }
      if (view.labelConvention !== view.convention || view.labelLayers !== view.layers.labels) {
        view.labelConvention = view.convention;
        view.labelLayers = view.layers.labels;
        app.placeLabels();
      }
      var long = app.longDate(day);
      ui.titleDate.textContent = long;
      ui.titleScenario.textContent = cfg.scenarios[view.scenario];
      ui.slider.value = String(day);
      ui.slider.setAttribute("aria-valuetext", long);
      ui.dateText.textContent = long;
      if (document.activeElement !== ui.dayInput) { ui.dayInput.value = dates.isoOf(day); }
      var caption = captions.captionAt(cfg.captions[view.scenario] || [], day);
      ui.caption.textContent = captions.captionText(caption, app.longDate, app.t);
      document.documentElement.setAttribute("data-day", dates.isoOf(day));
      document.documentElement.setAttribute("data-scenario", view.scenario);
      app.syncStory();
    }

    /** Rough area of a Leaflet polygon in km2 (planar, fine for comparing the pieces of one district). */
    function roughKm2(layer) {
      function ring(points) {
        var sum = 0, k = Math.cos(points[0].lat * Math.PI / 180);
        for (var i = 0, j = points.length - 1; i < points.length; j = i++) {
          sum += points[j].lng * k * points[i].lat - points[i].lng * k * points[j].lat;
        }
        return Math.abs(sum) / 2 * 111.32 * 111.32;
      }
      function polygon(rings) {
        return rings.reduce(function (area, points, i) { return area + (i ? -ring(points) : ring(points)); }, 0);
      }
      var latlngs = layer.getLatLngs ? layer.getLatLngs() : [];
      if (!latlngs.length) { return 0; }
      var single = latlngs[0].length && latlngs[0][0].lat !== undefined;
      return single ? polygon(latlngs) : latlngs.reduce(function (area, rings) { return area + polygon(rings); }, 0);
    }

    /** {fill colour: km2} of a district's pieces drawn on the current date (for checks of the page). */
    app.fillsOf = function (district) {
      var sizes = {};
      Object.keys(layers.cells).forEach(function (id) {
        var cell = layers.cells[id];
        if (cell.district !== district || !cell.shown) { return; }
        var fill = cell.layer.options.fillColor;
        if (cell.km2 === undefined) { cell.km2 = roughKm2(cell.layer); }
        sizes[fill] = (sizes[fill] || 0) + cell.km2;
      });
      return sizes;
    };

    app.render = function () {
      var day = view.day;
      districts(day);
      cells(day);
      zones(day);
      lines(day);
      points(day);
      texts(day);
    };
  };
})();
