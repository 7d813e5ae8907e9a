/* The reader's language on the page: translated texts and dates written as the exports write them. Pure.
 *
 * The page receives its language's messages (interface texts keyed by their
 * English wording, data texts by key) and the CLDR long-date pattern with the
 * month names, both from the core (geo/i18n.py, Babel), so the page and an
 * export of the same date print the same words.
 */
(function (factory) {
  "use strict";
  if (typeof module === "object" && module.exports) { module.exports = factory(); return; }
  (window.TCM = window.TCM || {}).i18n = factory();
})(function () {
  "use strict";
  var DAY_MS = 86400000;
  var ENGLISH_DATES = {
    pattern: "d MMMM y",
    months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December"]
  };

  /** t(english, {n: 3}): the translation of an interface text, with {name} values filled in; English if none. */
  function makeTranslator(messages) {
    var book = messages || {};
    return function (english, values) {
      var text = Object.prototype.hasOwnProperty.call(book, english) && book[english] ? book[english] : english;
      if (!values) { return text; }
      return text.replace(/\{(\w+)\}/g, function (whole, name) {
        return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
      });
    };
  }

  /** A text from the data in the page's language (e.g. key "event:ID:headline"), else its English. */
  function dataText(messages, key, english) {
    return messages && Object.prototype.hasOwnProperty.call(messages, key) && messages[key] ? messages[key] : english;
  }

  /** Split a CLDR date pattern into fields and literal text ('quoted', '' for a quote). */
  function tokens(pattern) {
    var out = [], i = 0;
    while (i < pattern.length) {
      var c = pattern[i];
      if (c === "'") {
        var end = pattern.indexOf("'", i + 1);
        if (end === i + 1) { out.push({ text: "'" }); i += 2; continue; }
        if (end < 0) { end = pattern.length; }
        out.push({ text: pattern.slice(i + 1, end) });
        i = end + 1;
      } else if (/[A-Za-z]/.test(c)) {
        var j = i;
        while (j < pattern.length && pattern[j] === c) { j++; }
        out.push({ field: pattern.slice(i, j) });
        i = j;
      } else {
        out.push({ text: c });
        i++;
      }
    }
    return out;
  }

  function field(name, date, months) {
    var d = date.getUTCDate(), m = date.getUTCMonth(), y = date.getUTCFullYear();
    if (name === "d") { return String(d); }
    if (name === "dd") { return (d < 10 ? "0" : "") + d; }
    if (name === "M") { return String(m + 1); }
    if (name === "MM") { return (m < 9 ? "0" : "") + (m + 1); }
    if (name === "MMMM" || name === "MMM" || name === "LLLL") { return months[m]; }
    if (name.charAt(0) === "y") { return String(y); }
    return name;
  }

  /** A function printing a day number in the language's long date; each day formatted once. */
  function dateFormatter(format) {
    var fmt = format || ENGLISH_DATES;
    var parts = tokens(fmt.pattern);
    var cache = {};
    return function (day) {
      var text = cache[day];
      if (text === undefined) {
        var date = new Date(day * DAY_MS);
        text = cache[day] = parts.map(function (p) { return p.field ? field(p.field, date, fmt.months) : p.text; }).join("");
      }
      return text;
    };
  }

  return { makeTranslator: makeTranslator, dataText: dataText, tokens: tokens, dateFormatter: dateFormatter };
});
