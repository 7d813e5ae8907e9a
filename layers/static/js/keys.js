/* Which key does what, in the explorer and in presentation mode. Pure. */
(function (factory) {
  "use strict";
  if (typeof module === "object" && module.exports) { module.exports = factory(); return; }
  (window.TCM = window.TCM || {}).keys = factory();
})(function () {
  "use strict";

  /** Presentation: arrows, PageUp/PageDown (what clickers send) and Space walk the story. */
  function presentAction(key, inFullscreen) {
    if (key === "ArrowRight" || key === "PageDown" || key === " " || key === "ArrowDown") { return "next-step"; }
    if (key === "ArrowLeft" || key === "PageUp" || key === "ArrowUp") { return "previous-step"; }
    if (key === "Home") { return "first-step"; }
    if (key === "End") { return "last-step"; }
    if (key === "Escape" && !inFullscreen) { return "leave"; }
    return null;
  }

  /** Exploring: a day or an event at a time, the ends, and play. ``playable``: Space may start playback here. */
  function exploreAction(key, shift, playable) {
    if (key === "ArrowRight" && shift) { return "next-event"; }
    if (key === "ArrowLeft" && shift) { return "previous-event"; }
    if (key === "ArrowRight") { return "next-day"; }
    if (key === "ArrowLeft") { return "previous-day"; }
    if (key === "PageDown") { return "next-event"; }
    if (key === "PageUp") { return "previous-event"; }
    if (key === "Home") { return "first-day"; }
    if (key === "End") { return "last-day"; }
    if (key === " " && playable) { return "play"; }
    return null;
  }

  return { presentAction: presentAction, exploreAction: exploreAction };
});
