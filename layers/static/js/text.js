/* Sources as short names and safe links. Pure. */
(function (factory) {
  "use strict";
  if (typeof module === "object" && module.exports) { module.exports = factory(); return; }
  (window.TCM = window.TCM || {}).text = factory();
})(function () {
  "use strict";

  /** The http(s) address a source starts with, or null: nothing else ever becomes a link. */
  function safeUrl(text) {
    var m = /^(https?:\/\/\S+)/.exec(text || "");
    return m ? m[1] : null;
  }

  /** "https://host/path (Publication, date)" -> "Publication, date"; else the host name; else the text, cut. */
  function shortSource(text) {
    var named = /\(([^()]+)\)\s*$/.exec(text || "");
    if (named) { return named[1]; }
    var url = safeUrl(text);
    if (url) { return url.replace(/^https?:\/\/(www\.)?/, "").split("/")[0]; }
    return text.length > 90 ? text.slice(0, 87) + "..." : text;
  }

  return { safeUrl: safeUrl, shortSource: shortSource };
});
