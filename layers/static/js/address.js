/* The view in the address: which layers, where the map looks, and the link's fragment. Pure. */
(function (factory) {
  "use strict";
  if (typeof module === "object" && module.exports) { module.exports = factory(require("./dates.js")); return; }
  var TCM = window.TCM = window.TCM || {};
  TCM.address = factory(TCM.dates);
})(function (dates) {
  "use strict";

  /** Marks an interface text for the catalogues; the page translates it where it shows it. */
  function N_(english) { return english; }

  var LAYERS = [
    ["places", N_("Towns and villages")],
    ["corridor", N_("Lachin corridor")],
    ["peacekeepers", N_("Peacekeepers' area")],
    ["line", N_("Line of contact 1994-2020")],
    ["link", N_("Nakhchivan link")],
    ["labels", N_("Names on the map")]
  ];

  function allLayers() {
    var layers = {};
    LAYERS.forEach(function (l) { layers[l[0]] = true; });
    return layers;
  }

  /** "places,corridor": the layers switched on, in their fixed order. */
  function layersParam(layers) {
    return LAYERS.filter(function (l) { return layers[l[0]]; }).map(function (l) { return l[0]; }).join(",");
  }

  /** The layers a "places,line" parameter switches on (every known layer gets true or false), or null. */
  function parseLayers(text) {
    if (typeof text !== "string") { return null; }
    var wanted = text.split(",");
    var layers = {};
    LAYERS.forEach(function (l) { layers[l[0]] = wanted.indexOf(l[0]) >= 0; });
    return layers;
  }

  /** {lat, lon, zoom} from "39.75,46.70,10", or null when malformed or out of range. */
  function parseView(text) {
    var m = /^(-?\d+(\.\d+)?),(-?\d+(\.\d+)?),(\d+(\.\d+)?)$/.exec(text || "");
    if (!m) { return null; }
    var lat = parseFloat(m[1]), lon = parseFloat(m[3]), zoom = parseFloat(m[5]);
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180 || zoom < 3 || zoom > 18) { return null; }
    return { lat: lat, lon: lon, zoom: zoom };
  }

  function formatView(lat, lon, zoom) { return lat.toFixed(4) + "," + lon.toFixed(4) + "," + zoom; }

  /** The fragment of a standalone page's address for a view. */
  function hashFor(state) {
    return "#date=" + dates.isoOf(state.day) + "&scenario=" + state.scenario + "&names=" + state.convention +
      "&layers=" + layersParam(state.layers) + "&view=" + state.view + (state.mode === "present" ? "&mode=present" : "");
  }

  /** Parameters of a fragment such as "#date=2020-11-25&names=hy" (malformed parts are skipped). */
  function parseHash(hash) {
    var params = {};
    (hash || "").replace(/^#/, "").split("&").forEach(function (part) {
      var kv = part.split("=");
      if (kv.length !== 2) { return; }
      try {
        params[decodeURIComponent(kv[0])] = decodeURIComponent(kv[1]);
      } catch (e) {
        // A malformed escape ("%E0%A4%A") in a pasted link: skip that part, keep the rest.
      }
    });
    return params;
  }

  /** Whether ``key`` names one of the object's own entries ("constructor" is not a scenario). */
  function known(table, key) {
    return typeof key === "string" && Object.prototype.hasOwnProperty.call(table, key);
  }

  /**
   * The changes a set of parameters asks for, each checked against what the page knows:
   * {scenario, convention, day, layers, view, mode}, with only the valid ones present.
   */
  function readParams(params, cfg) {
    var changes = {};
    if (known(cfg.scenarios, params.scenario)) { changes.scenario = params.scenario; }
    if (known(cfg.conventions, params.names)) { changes.convention = params.names; }
    var day = dates.dayOf(params.date);
    if (day !== null) { changes.day = dates.clampDay(day, cfg.start, cfg.end); }
    if (params.layers !== undefined) {
      var layers = parseLayers(params.layers);
      if (layers) { changes.layers = layers; }
    }
    if (params.view) {
      var view = parseView(params.view);
      if (view) { changes.view = view; }
    }
    if (params.mode) { changes.mode = params.mode; }
    return changes;
  }

  return {
    LAYERS: LAYERS, allLayers: allLayers, layersParam: layersParam, parseLayers: parseLayers,
    parseView: parseView, formatView: formatView, known: known, hashFor: hashFor, parseHash: parseHash, readParams: readParams
  };
});
