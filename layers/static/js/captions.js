/* The caption of a date and the story step it belongs to, from the rows the core chose. Pure.
 *
 * The core (geo/view.py) decides which event leads each day; the page only
 * finds the caption in force and prints it as the exports print it.
 */
(function (factory) {
  "use strict";
  if (typeof module === "object" && module.exports) { module.exports = factory(); return; }
  (window.TCM = window.TCM || {}).captions = factory();
})(function () {
  "use strict";

  /** The caption row [day, headline, more, sources] in force on ``day``: the latest on or before it. */
  function captionAt(captions, day) {
    var lo = 0, hi = captions.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (captions[mid][0] <= day) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found < 0 ? null : captions[found];
  }

  /** "10 November 2020: headline (and 3 more)", worded as on the exports; ``t`` translates the frame. */
  function captionText(caption, longDate, t) {
    if (!caption) { return ""; }
    var frame = t || function (english, values) { return english.replace("{n}", values.n); };
    return longDate(caption[0]) + ": " + caption[1] + (caption[2] ? " " + frame("(and {n} more)", { n: caption[2] }) : "");
  }

  /** Index of the latest story step on or before ``day`` (the first step before the story starts). */
  function nearestStep(story, day) {
    var best = 0;
    story.forEach(function (s, i) { if (s.day <= day) { best = i; } });
    return best;
  }

  function clampStep(story, index) { return Math.max(0, Math.min(story.length - 1, index)); }

  /** The first story step after ``day`` (Next always moves forward in time), or null at the end. */
  function nextStep(story, day) {
    for (var i = 0; i < story.length; i++) { if (story[i].day > day) { return i; } }
    return null;
  }

  /** The last story step before ``day`` (Back always moves back in time), or null at the start. */
  function previousStep(story, day) {
    var found = null;
    story.forEach(function (s, i) { if (s.day < day) { found = i; } });
    return found;
  }

  /** Captions sent once: in a scenario's list, a number stands for that entry of the actual scenario's. */
  function expandShared(captions) {
    var actual = captions.actual || [];
    var result = {};
    Object.keys(captions).forEach(function (scenario) {
      result[scenario] = scenario === "actual" ? actual : captions[scenario].map(function (entry) {
        return typeof entry === "number" ? actual[entry] : entry;
      });
    });
    return result;
  }

  return {
    expandShared: expandShared,
    captionAt: captionAt, captionText: captionText, nearestStep: nearestStep, clampStep: clampStep,
    nextStep: nextStep, previousStep: previousStep
  };
});
