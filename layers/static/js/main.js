/* The in-page timeline: restyles the map for any date without a server.
 *
 * Data arrives once as JSON (inline in #tcm-config, or as files: load.js). Every text from the data is put
 * into the page with textContent, never as HTML, so a place name cannot
 * inject markup or script. The other files each add one part to ``app``;
 * this one puts them together in drawing order and starts the page.
 */
window.TCM.load.config(function (cfg) {
  "use strict";
  var TCM = window.TCM;
  var map = window[cfg.map];
  cfg.captions = TCM.captions.expandShared(cfg.captions);
  var F = TCM.states.fieldIndex(cfg.stateFields);
  var view = {
    day: cfg.day,
    scenario: cfg.scenario,
    convention: cfg.convention,
    playing: false,
    speed: 1,
    rev: null,
    layers: TCM.address.allLayers(),
    span: "all",
    mode: "explore",
    step: 0
  };
  var app = {
    cfg: cfg, map: map, F: F, view: view, pal: cfg.palette, ui: {}, shown: {},
    pendingLayers: [],  // shapes built before the view is fitted, put on the map after it (maplayers.js)
    styles: TCM.styles.makeStyles(cfg.palette, cfg.sides, F),
    // Dates in the page's language, written from the same CLDR pattern the exports use.
    longDate: TCM.i18n.dateFormatter(cfg.dateFormat),
    t: TCM.i18n.makeTranslator(cfg.messages)
  };
  app.headline = function (ev) {
    return TCM.i18n.dataText(cfg.messages, "event:" + ev.id + ":headline", ev.headline || ev.summary);
  };
  app.stateAt = function (id, day) { return TCM.states.stateAt(cfg.states, view.scenario, id, day, F); };
  app.eventOf = function (row) { return TCM.states.eventOf(row, F, cfg.events); };
  app.controllerLabel = function (row) { return TCM.states.controllerLabel(row, F, cfg.controllers, cfg.sides, app.t); };

  // Drawing order is stacking order: layers first, then the controls over them, then the names.
  [TCM.tooltips, TCM.water, TCM.mapLayers, TCM.controls, TCM.bar, TCM.present, TCM.labels, TCM.table, TCM.render,
    TCM.playback, TCM.embed, TCM.layout].forEach(function (install) { install(app); });

  if (!cfg.embedded) {
    app.applyParams(TCM.address.parseHash(window.location.hash));
    window.addEventListener("hashchange", function () {
      app.applyParams(TCM.address.parseHash(window.location.hash));
      app.render();
      app.announce();
    });
  }
  // Report pans and zooms, but only once the embedding page has told us its view,
  // so a resize at start-up cannot overwrite the view a shared link asked for.
  map.on("moveend", function () { if (app.started && (!cfg.embedded || view.parentHeard)) { app.notifyParent(); } });
  map.attributionControl.setPosition("bottomleft");  // under the timeline bar, out of the legend's way
  map.attributionControl.setPrefix("<a href=\"https://leafletjs.com\">Leaflet</a>");
  map.attributionControl.addAttribution(cfg.attribution);
  app.setSpan(cfg.spans[0].id, false);
  app.widenSpanFor(view.day);
  app.render();
  // Fitted to what the overlays leave free once they hold their text; no animation:
  // a pending zoom animation would undo a view set from a shared link. The shapes go on
  // the map after the fit, so they are projected and drawn once, at the fitted view.
  app.relayout();
  app.addMapLayers();
  app.placeLabels();
  if (view.pendingMode) { app.setMode(view.pendingMode, false); }
  app.started = true;
  window.tcm = {
    setDay: function (iso) { app.setDay(TCM.dates.dayOf(iso), true); },
    day: function () { return TCM.dates.isoOf(view.day); },
    zoom: function () { return map.getZoom(); },
    mode: function () { return view.mode; },
    layers: function () { return TCM.address.layersParam(view.layers); },
    step: function () { return view.step; },
    storyStep: function () { return TCM.captions.nearestStep(cfg.story, view.day); },
    caption: function () { return app.ui.caption.textContent; },
    visibleLabels: function () { return app.visibleLabels(); },
    stateOf: function (id) { return app.stateAt(id, view.day); },
    zonesShown: function () {
      return Object.keys(app.layers.zones).filter(function (id) { return app.layers.zones[id].shown; }).sort();
    },
    coverage: function () { return app.coverage(); },
    gestures: function () { return !!(map.gestureHandling && map.gestureHandling.enabled()); },
    fitted: function () {
      var b = L.latLngBounds(cfg.bounds), s = map.getSize();
      var nw = map.latLngToContainerPoint(b.getNorthWest()), se = map.latLngToContainerPoint(b.getSouthEast());
      return { left: nw.x, top: nw.y, right: se.x, bottom: se.y, width: s.x, height: s.y };
    },
    linesShown: function () { return { contact: app.layers.contactShown, peacekeepers: !!app.layers.peace }; },
    /** The fill over most of a district's area on the current date (its pieces drawn now). */
    fillOf: function (id) {
      var sizes = app.fillsOf(id), best = null;
      Object.keys(sizes).forEach(function (fill) { if (best === null || sizes[fill] > sizes[best]) { best = fill; } });
      return best;
    },
    /** {fill: km2} over a district's pieces drawn now. */
    fillsOf: function (id) { return app.fillsOf(id); }
  };
  if (cfg.embedded && window.parent !== window) {
    window.parent.postMessage({ type: "tcm:ready" }, "*");
  }
});
