"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const keys = require("../../layers/static/js/keys.js");
const text = require("../../layers/static/js/text.js");

test("exploring: arrows move a day, with Shift or PageUp/PageDown an event", () => {
  assert.equal(keys.exploreAction("ArrowRight", false, true), "next-day");
  assert.equal(keys.exploreAction("ArrowLeft", false, true), "previous-day");
  assert.equal(keys.exploreAction("ArrowRight", true, true), "next-event");
  assert.equal(keys.exploreAction("ArrowLeft", true, true), "previous-event");
  assert.equal(keys.exploreAction("PageDown", false, true), "next-event");
  assert.equal(keys.exploreAction("PageUp", false, true), "previous-event");
  assert.equal(keys.exploreAction("Home", false, true), "first-day");
  assert.equal(keys.exploreAction("End", false, true), "last-day");
});

test("Space plays only where it cannot mean something else", () => {
  assert.equal(keys.exploreAction(" ", false, true), "play");
  assert.equal(keys.exploreAction(" ", false, false), null);
  assert.equal(keys.exploreAction("a", false, true), null);
});

test("presentation: clicker keys walk the story; Escape leaves unless in full screen", () => {
  for (const key of ["ArrowRight", "PageDown", " ", "ArrowDown"]) { assert.equal(keys.presentAction(key, false), "next-step"); }
  for (const key of ["ArrowLeft", "PageUp", "ArrowUp"]) { assert.equal(keys.presentAction(key, false), "previous-step"); }
  assert.equal(keys.presentAction("Home", false), "first-step");
  assert.equal(keys.presentAction("End", false), "last-step");
  assert.equal(keys.presentAction("Escape", false), "leave");
  assert.equal(keys.presentAction("Escape", true), null);
});

test("sources get a short name: the publication in brackets, else the host", () => {
  assert.equal(text.shortSource("https://www.example.org/a/b (Trend, 25 Nov 2020)"), "Trend, 25 Nov 2020");
  assert.equal(text.shortSource("https://www.mil.am/en/news/8774"), "mil.am");
  assert.equal(text.shortSource("Interview in print"), "Interview in print");
  assert.equal(text.shortSource("x".repeat(100)).length, 90);
});

test("only http(s) addresses become links", () => {
  assert.equal(text.safeUrl("https://example.org/x (y)"), "https://example.org/x");
  assert.equal(text.safeUrl("javascript:alert(1)"), null);
  assert.equal(text.safeUrl("data:text/html,<b>"), null);
  assert.equal(text.safeUrl(" https://example.org"), null);
});
