"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const address = require("../../layers/static/js/address.js");
const dates = require("../../layers/static/js/dates.js");

const CFG = {
  scenarios: { actual: "Actual", scheduled: "As scheduled" },
  conventions: { neutral: "", az: "", hy: "", en: "" },
  start: dates.dayOf("1994-05-12"),
  end: dates.dayOf("2024-06-12")
};

test("layers round-trip through the parameter, in a fixed order", () => {
  const layers = address.parseLayers("line,places");
  assert.equal(layers.places, true);
  assert.equal(layers.corridor, false);
  assert.equal(address.layersParam(layers), "places,line");
  assert.equal(address.layersParam(address.allLayers()), "places,corridor,peacekeepers,line,link,labels");
  assert.equal(address.layersParam(address.parseLayers("")), "");
  assert.equal(address.parseLayers(undefined), null);
});

test("a view parameter is read only when well formed and in range", () => {
  assert.deepEqual(address.parseView("39.75,46.70,10"), { lat: 39.75, lon: 46.7, zoom: 10 });
  for (const bad of ["", "39.75,46.70", "91,46,10", "39,181,10", "39,46,2", "39,46,19", "a,b,c", "39,46,10<x"]) {
    assert.equal(address.parseView(bad), null, bad);
  }
  assert.equal(address.formatView(39.75, 46.7, 10), "39.7500,46.7000,10");
});

test("the fragment carries date, scenario, names, layers, view and presentation", () => {
  const hash = address.hashFor({
    day: dates.dayOf("2020-11-25"), scenario: "scheduled", convention: "hy",
    layers: address.parseLayers("places,corridor"), view: "39.7500,46.7000,10", mode: "present"
  });
  assert.equal(hash, "#date=2020-11-25&scenario=scheduled&names=hy&layers=places,corridor&view=39.7500,46.7000,10&mode=present");
  const params = address.parseHash(hash);
  assert.equal(params.date, "2020-11-25");
  assert.equal(params.mode, "present");
  assert.ok(!address.hashFor({ day: 0, scenario: "actual", convention: "neutral", layers: {}, view: "", mode: "explore" })
    .includes("mode="));
});

test("parseHash decodes, and skips malformed parts instead of failing", () => {
  assert.deepEqual(address.parseHash("#names=hy&bad&x=%E0%A4%A&date=2020-11-25"), { names: "hy", date: "2020-11-25" });
  assert.deepEqual(address.parseHash(""), {});
  assert.equal(address.parseHash("#q=%3Cb%3E").q, "<b>");
});

test("readParams keeps only what the page knows, and clamps the date to the data", () => {
  const changes = address.readParams(address.parseHash(
    "#date=2030-01-01&scenario=imaginary&names=hy&layers=places&view=1,2,3&mode=present"), CFG);
  assert.equal(changes.day, CFG.end);
  assert.equal(changes.scenario, undefined);
  assert.equal(changes.convention, "hy");
  assert.equal(changes.layers.places, true);
  assert.equal(changes.layers.labels, false);
  assert.deepEqual(changes.view, { lat: 1, lon: 2, zoom: 3 });
  assert.equal(changes.mode, "present");
  assert.deepEqual(address.readParams({ date: "2020-02-30", names: "xx" }, CFG), {});
  assert.deepEqual(address.readParams({ scenario: "constructor", names: "__proto__" }, CFG), {});
});
