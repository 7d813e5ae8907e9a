/* The page and the world around it: the address of a standalone page, and the messages
 * exchanged with the page that embeds the map (the app).
 *
 * Interface: TCM.embed(app) sets app.notifyParent(), app.applyParams(params) and
 * app.viewParam(), and listens for "tcm:set" messages.
 */
(function () {
  "use strict";
  var TCM = window.TCM = window.TCM || {};

  TCM.embed = function (app) {
    var cfg = app.cfg, view = app.view, map = app.map, address = TCM.address, dates = TCM.dates;

    app.viewParam = function () {
      var c = map.getCenter();
      return address.formatView(c.lat, c.lng, map.getZoom());
    };

    function setView(text) {
      var place = address.parseView(text);
      if (place) { map.setView([place.lat, place.lon], place.zoom, { animate: false }); }
      return !!place;
    }

    function writeHash() {
      if (cfg.embedded) { return; }
      var hash = address.hashFor({
        day: view.day, scenario: view.scenario, convention: view.convention, layers: view.layers,
        view: app.viewParam(), mode: view.mode
      });
      if (window.history && history.replaceState) { history.replaceState(null, "", hash); }
    }

    var timer = null;
    app.notifyParent = function () {
      writeHash();
      if (!cfg.embedded || window.parent === window) { return; }
      clearTimeout(timer);
      timer = setTimeout(function () {
        window.parent.postMessage({
          type: "tcm:date", date: dates.isoOf(view.day), scenario: view.scenario,
          layers: address.layersParam(view.layers), view: app.viewParam(), mode: view.mode
        }, "*");
      }, 250);
    };

    /** Take the view a link asks for (standalone pages: the address fragment). */
    app.applyParams = function (params) {
      var changes = address.readParams(params, cfg);
      if (changes.scenario) { view.scenario = changes.scenario; }
      if (changes.convention) { view.convention = changes.convention; }
      if (changes.day !== undefined) { view.day = changes.day; }
      if (changes.layers) { view.layers = changes.layers; }
      if (params.view) { view.viewApplied = setView(params.view); }
      if (changes.mode) { view.pendingMode = changes.mode; }
      app.shown = {};
    };

    // A setting is taken from the embedding page only when the page's own value
    // moved since its last message. A message can be stale: sent by a server run
    // that started before the user changed the setting here (left presentation,
    // toggled a layer); comparing with the map's own value would undo that change.
    var lastFromParent = {};
    function parentMoved(key, value) {
      var moved = !(key in lastFromParent) || lastFromParent[key] !== value;
      lastFromParent[key] = value;
      return moved;
    }

    window.addEventListener("message", function (e) {
      var msg = e.data;
      if (!msg || msg.type !== "tcm:set") { return; }
      var changed = false;
      if (parentMoved("scenario", msg.scenario) && address.known(cfg.scenarios, msg.scenario) &&
          msg.scenario !== view.scenario) {
        view.scenario = msg.scenario; app.shown = {}; changed = true;
      }
      if (parentMoved("names", msg.names) && address.known(cfg.conventions, msg.names) && msg.names !== view.convention) {
        view.convention = msg.names; changed = true;
      }
      if (parentMoved("layers", msg.layers) && typeof msg.layers === "string" &&
          msg.layers !== address.layersParam(view.layers)) {
        view.layers = address.parseLayers(msg.layers); app.shown = {}; changed = true;
      }
      if (msg.view && !view.viewApplied) { view.viewApplied = setView(msg.view); }
      view.parentHeard = true;
      // The date first: presentation mode opens on the step in force on the date the page was given.
      if (msg.rev !== view.rev) {
        view.rev = msg.rev;
        var day = dates.dayOf(msg.date);
        if (day !== null && day !== view.day) { view.day = dates.clampDay(day, cfg.start, cfg.end); changed = true; }
      }
      if (parentMoved("mode", msg.mode) && msg.mode && msg.mode !== view.mode) { app.setMode(msg.mode, false); changed = true; }
      if (changed) { app.widenSpanFor(view.day); app.render(); app.announce(); }
    });
  };
})();
