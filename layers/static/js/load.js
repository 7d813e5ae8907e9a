/* Where the page's configuration comes from: inline, or two files named by their hash.
 *
 * A self-contained page carries its whole configuration in #tcm-config. A
 * served or published page carries only {"parts": {"geometry": ..., "timeline": ...}}
 * (see layers/page_files.py): each part is fetched as NAME.json.gz and
 * unpacked here, or, for a page opened from disk or a browser without
 * DecompressionStream, loaded as the script NAME.js. ``unpack`` undoes
 * layers/pack.py: shared strings, integer coordinate steps, geometry
 * references. Pure but for the loading, which only the page uses.
 */
(function (factory) {
  "use strict";
  if (typeof module === "object" && module.exports) { module.exports = factory(); return; }
  (window.TCM = window.TCM || {}).load = factory();
})(function () {
  "use strict";

  var SCALE = 100000;  // coordinates come in units of 1e-5 degree
  var GEOMETRIES = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"];

  /** A flat list of integer steps as positions; a Point's two numbers are absolute. */
  function positions(flat, isPoint) {
    if (isPoint) { return flat.length ? [flat[0] / SCALE, flat[1] / SCALE] : []; }
    var out = [], x = 0, y = 0;
    for (var i = 0; i + 1 < flat.length; i += 2) {
      x += flat[i];
      y += flat[i + 1];
      out.push([x / SCALE, y / SCALE]);
    }
    return out;
  }

  /** The nested coordinate arrays of a geometry from their packed form. */
  function coordinates(packed, isPoint) {
    if (packed.length === 0 || typeof packed[0] === "number") { return positions(packed, isPoint); }
    return packed.map(function (part) { return coordinates(part, false); });
  }

  /** Resolve {"$s": i} and {"$geo": i} references (and, in the geometry part, coordinates) in place. */
  function resolve(value, strings, geometries, isGeometry) {
    if (Array.isArray(value)) {
      for (var i = 0; i < value.length; i++) { value[i] = resolve(value[i], strings, geometries, isGeometry); }
      return value;
    }
    if (value === null || typeof value !== "object") { return value; }
    if (value.$s !== undefined) { return strings[value.$s]; }
    if (value.$geo !== undefined) { return geometries[value.$geo]; }
    Object.keys(value).forEach(function (key) {
      if (isGeometry && key === "d" && GEOMETRIES.indexOf(value.type) >= 0) {
        value.coordinates = coordinates(value.d, value.type === "Point");
        delete value.d;
      } else {
        value[key] = resolve(value[key], strings, geometries, isGeometry);
      }
    });
    return value;
  }

  /** The page's configuration from its two packed parts. */
  function unpack(geometryPart, timelinePart) {
    var geometries = resolve(geometryPart.data, geometryPart.strings, [], true);
    return resolve(timelinePart.data, timelinePart.strings, geometries, false);
  }

  /** Gzip's magic number: a host that marks .gz files as gzip-encoded has had the browser unpack them. */
  function isGzip(bytes) { return bytes.length > 1 && bytes[0] === 0x1f && bytes[1] === 0x8b; }

  /** The part's request: the one the page's head started early (page_files.py EARLY_FETCH), else a new one. */
  function request(url) {
    var early = window.TCM_FETCHES && window.TCM_FETCHES[url];
    if (early) { delete window.TCM_FETCHES[url]; return early; }
    return fetch(url + ".json.gz");
  }

  function fetchPart(url) {
    return request(url).then(function (response) {
      if (!response.ok) { throw new Error(url + ".json.gz: HTTP " + response.status); }
      return response.arrayBuffer();
    }).then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      if (!isGzip(bytes)) { return new TextDecoder().decode(bytes); }
      return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
    }).then(JSON.parse);
  }

  function scriptPart(url) {
    var name = url.slice(url.lastIndexOf("/") + 1);
    return new Promise(function (resolved, rejected) {
      var tag = document.createElement("script");
      tag.src = url + ".js";
      tag.onload = function () {
        var part = window.TCM_PARTS && window.TCM_PARTS[name];
        if (part) { resolved(part); } else { rejected(new Error(tag.src + " did not define " + name)); }
      };
      tag.onerror = function () { rejected(new Error("could not load " + tag.src)); };
      document.head.appendChild(tag);
    });
  }

  function loadPart(url) {
    var canFetch = /^https?:$/.test(window.location.protocol) && typeof DecompressionStream === "function";
    if (!canFetch) { return scriptPart(url); }
    return fetchPart(url).catch(function () { return scriptPart(url); });
  }

  function showFailure(error) {
    var note = document.createElement("p");
    note.setAttribute("role", "alert");
    note.className = "tcm-load-failed";
    note.textContent = "The map's data could not be loaded. Reload the page to try again.";
    document.body.appendChild(note);
    throw error;
  }

  /** Call ``start`` with the configuration: at once when inline, else once both parts have arrived. */
  function config(start) {
    var cfg = JSON.parse(document.getElementById("tcm-config").textContent);
    if (!cfg.parts) { start(cfg); return; }
    Promise.all([loadPart(cfg.parts.geometry), loadPart(cfg.parts.timeline)])
      .then(function (parts) { return unpack(parts[0], parts[1]); }, showFailure)
      .then(start);
  }

  return { unpack: unpack, coordinates: coordinates, isGzip: isGzip, config: config };
});
