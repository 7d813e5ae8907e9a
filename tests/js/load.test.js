"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const load = require("../../layers/static/js/load.js");

test("coordinates come back from integer steps of 1e-5 degree", () => {
  assert.deepEqual(load.coordinates([4672705, 4003089, 3452, 209], false), [[46.72705, 40.03089], [46.76157, 40.03298]]);
  assert.deepEqual(load.coordinates([[[100000, 200000, 1, -1]]], false), [[[[1, 2], [1.00001, 1.99999]]]]);
  assert.deepEqual(load.coordinates([4672705, 4003089], true), [46.72705, 40.03089]);
  assert.deepEqual(load.coordinates([], false), []);
});

test("unpack resolves shared strings and geometry references", () => {
  const geometry = {
    strings: ["a long shared name"],
    data: [
      { type: "Feature", properties: { id: "A", label: { $s: 0 }, other: { $s: 0 } }, geometry: { type: "Point", d: [100000, 200000] } },
      { type: "LineString", d: [0, 0, 100000, 100000] }
    ]
  };
  const timeline = {
    strings: ["https://example.org/a source cited twice"],
    data: {
      districts: { $geo: 0 },
      zones: [{ id: "z", geometry: { $geo: 1 }, sources: [{ $s: 0 }] }],
      events: [{ sources: [{ $s: 0 }], type: "not a geometry", d: [1, 2] }]
    }
  };
  const cfg = load.unpack(geometry, timeline);
  assert.deepEqual(cfg.districts.geometry, { type: "Point", coordinates: [1, 2] });
  assert.equal(cfg.districts.properties.label, "a long shared name");
  assert.deepEqual(cfg.zones[0].geometry, { type: "LineString", coordinates: [[0, 0], [1, 1]] });
  assert.deepEqual(cfg.zones[0].sources, ["https://example.org/a source cited twice"]);
  assert.deepEqual(cfg.events[0].d, [1, 2], "only the geometry part's coordinates are unpacked");
});

test("gzip is recognised by its magic number", () => {
  assert.equal(load.isGzip(new Uint8Array([0x1f, 0x8b, 8])), true);
  assert.equal(load.isGzip(new Uint8Array([0x7b, 0x22])), false);
});
