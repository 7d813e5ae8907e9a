"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const i18n = require("../../layers/static/js/i18n.js");
const dates = require("../../layers/static/js/dates.js");

const day = dates.dayOf("2020-11-10");

test("interface texts are translated, with their values filled in, and fall back to English", () => {
  const t = i18n.makeTranslator({ "Next event": "Следующее событие", "(and {n} more)": "(и ещё {n})" });
  assert.equal(t("Next event"), "Следующее событие");
  assert.equal(t("(and {n} more)", { n: 23 }), "(и ещё 23)");
  assert.equal(t("Play"), "Play");
  assert.equal(t("{x} of {y}", { x: 1 }), "1 of {y}");
  assert.equal(i18n.makeTranslator(undefined)("Play"), "Play");
  assert.equal(i18n.makeTranslator({})("constructor"), "constructor");
});

test("texts from the data are found by key", () => {
  const messages = { "event:a:headline": "Başlıq" };
  assert.equal(i18n.dataText(messages, "event:a:headline", "Headline"), "Başlıq");
  assert.equal(i18n.dataText(messages, "event:b:headline", "Headline"), "Headline");
  assert.equal(i18n.dataText(null, "event:a:headline", "Headline"), "Headline");
});

test("dates follow the language's CLDR pattern, as Babel writes them", () => {
  assert.equal(i18n.dateFormatter()(day), "10 November 2020");
  const ru = { pattern: "d MMMM y\u202f'г'.", months: Array(10).fill("x").concat(["ноября", "декабря"]) };
  assert.equal(i18n.dateFormatter(ru)(day), "10 ноября 2020\u202fг.");
  const hy = { pattern: "y թ. MMMM d", months: Array(10).fill("x").concat(["նոյեմբերի", "x"]) };
  assert.equal(i18n.dateFormatter(hy)(day), "2020 թ. նոյեմբերի 10");
});

test("CLDR patterns: quoted text, an escaped quote, numeric fields", () => {
  assert.deepEqual(i18n.tokens("d 'de' MMMM"), [{ field: "d" }, { text: " " }, { text: "de" }, { text: " " }, { field: "MMMM" }]);
  assert.deepEqual(i18n.tokens("''"), [{ text: "'" }]);
  assert.equal(i18n.dateFormatter({ pattern: "dd.MM.y", months: [] })(dates.dayOf("2020-02-03")), "03.02.2020");
});
