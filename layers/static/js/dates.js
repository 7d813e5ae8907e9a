/* Dates as day numbers (days since 1970-01-01, UTC): parse, print, clamp. Pure. */
(function (factory) {
  "use strict";
  if (typeof module === "object" && module.exports) { module.exports = factory(); return; }
  (window.TCM = window.TCM || {}).dates = factory();
})(function () {
  "use strict";
  var DAY_MS = 86400000;

  /** "2020-11-10" for a day number. */
  function isoOf(day) { return new Date(day * DAY_MS).toISOString().slice(0, 10); }

  /** The day number of an ISO date, or null for anything that is not a real calendar day. */
  function dayOf(iso) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso || "")) { return null; }
    var t = Date.parse(iso + "T00:00:00Z");
    if (isNaN(t)) { return null; }
    var day = Math.round(t / DAY_MS);
    return isoOf(day) === iso ? day : null;  // 2020-02-30 is not a day
  }

  function clampDay(day, start, end) { return Math.max(start, Math.min(end, day)); }

  /**
   * A function printing a day number as a long date ("10 November 2020").
   * One formatter, and each day formatted once: building a formatter per
   * call cost more than any other step of opening the page.
   */
  function longDateFormatter(locale) {
    var format = new Intl.DateTimeFormat(locale || "en-GB", {
      day: "numeric", month: "long", year: "numeric", timeZone: "UTC"
    });
    var cache = {};
    return function (day) {
      var text = cache[day];
      if (text === undefined) { text = cache[day] = format.format(new Date(day * DAY_MS)); }
      return text;
    };
  }

  return { DAY_MS: DAY_MS, isoOf: isoOf, dayOf: dayOf, clampDay: clampDay, longDateFormatter: longDateFormatter };
});
