"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const dates = require("../../layers/static/js/dates.js");

test("isoOf and dayOf are inverse on real days", () => {
  for (const iso of ["1970-01-01", "1994-05-12", "2020-02-29", "2020-11-10", "2024-06-12"]) {
    assert.equal(dates.isoOf(dates.dayOf(iso)), iso);
  }
});

test("day numbers count days since 1970-01-01", () => {
  assert.equal(dates.dayOf("1970-01-01"), 0);
  assert.equal(dates.dayOf("1970-01-02"), 1);
  assert.equal(dates.dayOf("2020-11-10") - dates.dayOf("2020-09-27"), 44);
});

test("dayOf refuses malformed and impossible dates", () => {
  for (const bad of ["", null, undefined, "2020-11", "10/11/2020", "2020-13-01", "2020-02-30", "2021-02-29",
    "2020-11-10T00:00", "<script>"]) {
    assert.equal(dates.dayOf(bad), null, String(bad));
  }
});

test("clampDay keeps a day inside the data's range", () => {
  assert.equal(dates.clampDay(5, 10, 20), 10);
  assert.equal(dates.clampDay(25, 10, 20), 20);
  assert.equal(dates.clampDay(15, 10, 20), 15);
});

test("long dates read as in the exports and are cached per day", () => {
  const long = dates.longDateFormatter("en-GB");
  const day = dates.dayOf("2020-11-10");
  assert.equal(long(day), "10 November 2020");
  assert.equal(long(day), long(day));
  assert.equal(long(dates.dayOf("1994-05-12")), "12 May 1994");
});
