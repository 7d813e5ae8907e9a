/* How a state looks: fills, outlines and dashes for districts, cells, places and zones. Pure. */
(function (factory) {
  "use strict";
  if (typeof module === "object" && module.exports) { module.exports = factory(); return; }
  (window.TCM = window.TCM || {}).styles = factory();
})(function () {
  "use strict";

  /** Style functions for one palette (cfg.palette), the controllers in order and the state fields. */
  function makeStyles(pal, sides, F) {
    var first = sides[0];
    var second = sides.length > 1 ? sides[1] : sides[0];

    function isClaim(confidence) { return confidence === "claimed" || confidence === "disputed"; }

    function fillFor(row) {
      if (!row || !row[F.controller]) { return pal.controllers.unknown; }
      if (row[F.controller] === "split") { return "url(#tcm-split)"; }
      return pal.controllers[row[F.controller]] || pal.controllers.unknown;
    }

    /** A district (or, with byCells false, a settlement cell). byCells: the cells show the split, so no fill. */
    function districtStyle(row, byCells) {
      var confidence = row ? row[F.confidence] : null;
      var status = row ? row[F.status] : null;
      var fill = fillFor(row);
      if (row && row[F.controller] === "split" && row[F.remainder]) { fill = pal.controllers[row[F.remainder]]; }
      return {
        fillColor: fill,
        fillOpacity: byCells ? 0 : (pal.fill_opacity[confidence] || pal.fill_opacity.confirmed),
        color: pal.status_outline[status] || pal.border,
        weight: pal.status_outline[status] ? 2.5 : 1,
        dashArray: isClaim(confidence) ? pal.claim_dash : (pal.status_dash[status] || null),
        opacity: 1
      };
    }

    /** A piece of a district: fill only, so the pieces of one side read as one shape (no patchwork). */
    function cellStyle(row) {
      var style = districtStyle(row, false);
      style.stroke = false;
      style.weight = 0;
      return style;
    }

    /** A town dot: filled when confirmed, hollow when only claimed. */
    function pointStyle(row, kind) {
      var claimed = isClaim(row ? row[F.confidence] : null);
      var colour = row && row[F.controller] === "split" ? "#555555" : fillFor(row);
      return {
        radius: kind === "city" ? 7 : (kind === "town" ? 5.5 : 4),
        fillColor: claimed ? "#FFFFFF" : colour,
        fillOpacity: 1,
        color: claimed ? colour : "#FFFFFF",
        weight: claimed ? 2.5 : 1.5,
        dashArray: null
      };
    }

    /** A place outside the followed area: a small grey dot. */
    function contextPointStyle() {
      return { radius: 3.5, fillColor: "#757575", fillOpacity: 1, color: "#FFFFFF", weight: 1, dashArray: null };
    }

    function zoneStyle(kind) {
      return kind === "link"
        ? { color: pal.zone_link, weight: 3, dashArray: "8 6", opacity: 0.9 }
        : { color: "#000000", weight: 2, dashArray: "4 3", fillColor: pal.controllers[second], fillOpacity: 0.55 };
    }

    function corridorStyle(status) {
      return { dashArray: status === "blockaded" ? "1 4" : "4 3", weight: status === "blockaded" ? 3.5 : 2 };
    }

    function splitStripes() { return [["0", pal.controllers[first]], ["6", pal.controllers[second]]]; }

    return {
      fillFor: fillFor, districtStyle: districtStyle, cellStyle: cellStyle, pointStyle: pointStyle,
      contextPointStyle: contextPointStyle, zoneStyle: zoneStyle, corridorStyle: corridorStyle,
      splitStripes: splitStripes, first: first, second: second
    };
  }

  /** Whether a zone is drawn: its status is one the core lists for its kind, and its layer is on. */
  function zoneVisible(kind, status, zoneShown, layers) {
    var shown = (zoneShown[kind] || []).indexOf(status) >= 0;
    return shown && !!(kind === "link" ? layers.link : layers.corridor);
  }

  return { makeStyles: makeStyles, zoneVisible: zoneVisible };
});
