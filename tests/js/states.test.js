"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const states = require("../../layers/static/js/states.js");

const FIELDS = ["day", "controller", "share_az", "status", "confidence", "control_since", "event", "since",
  "remainder", "derived"];
const F = states.fieldIndex(FIELDS);
const row = (day, controller, extra) => {
  const r = [day, controller, null, "held", "confirmed", day, null, day, null, false];
  Object.entries(extra || {}).forEach(([k, v]) => { r[F[k]] = v; });
  return r;
};
const TABLE = {
  actual: { D: [row(10, "ARM"), row(20, "split", { share_az: 0.25 }), row(30, "AZ")] },
  scheduled: { D: [row(10, "ARM"), row(25, "AZ")] }
};
const CONTROLLERS = { AZ: { label: "AZ" }, ARM: { label: "ARM" } };

test("fieldIndex maps each field to its column", () => {
  assert.equal(F.day, 0);
  assert.equal(F.derived, 9);
});

test("stateAt finds the row in force on a day, the day itself included", () => {
  assert.equal(states.stateAt(TABLE, "actual", "D", 9, F), null);
  assert.equal(states.stateAt(TABLE, "actual", "D", 10, F)[F.controller], "ARM");
  assert.equal(states.stateAt(TABLE, "actual", "D", 19, F)[F.controller], "ARM");
  assert.equal(states.stateAt(TABLE, "actual", "D", 20, F)[F.controller], "split");
  assert.equal(states.stateAt(TABLE, "actual", "D", 1e6, F)[F.controller], "AZ");
});

test("stateAt reads the second scenario, and falls back to the actual rows for features it leaves out", () => {
  assert.equal(states.stateAt(TABLE, "scheduled", "D", 26, F)[F.controller], "AZ");
  const onlyActual = { actual: { E: [row(1, "AZ")] }, scheduled: {} };
  assert.equal(states.stateAt(onlyActual, "scheduled", "E", 5, F)[F.controller], "AZ");
  assert.equal(states.stateAt(TABLE, "actual", "unknown-id", 20, F), null);
});

test("rowAt agrees with a linear scan on every day", () => {
  const rows = [row(3, "AZ"), row(7, "ARM"), row(8, "AZ"), row(15, "ARM")];
  for (let day = 0; day < 20; day++) {
    const expected = rows.filter((r) => r[0] <= day).pop() || null;
    assert.equal(states.rowAt(rows, day, F.day), expected, `day ${day}`);
  }
});

test("stepDay moves to the next or previous key day and stops at the ends", () => {
  const days = [10, 20, 30];
  assert.equal(states.stepDay(days, 15, 1), 20);
  assert.equal(states.stepDay(days, 20, 1), 30);
  assert.equal(states.stepDay(days, 30, 1), null);
  assert.equal(states.stepDay(days, 15, -1), 10);
  assert.equal(states.stepDay(days, 10, -1), null);
});

test("eventsOn keeps the day's events of the scenario and those of both", () => {
  const events = [
    { day: 5, scenario: "both" }, { day: 5, scenario: "actual" }, { day: 5, scenario: "scheduled" }, { day: 6, scenario: "both" }
  ];
  assert.equal(states.eventsOn(events, 5, "actual").length, 2);
  assert.equal(states.eventsOn(events, 5, "scheduled").length, 2);
  assert.equal(states.eventsOn(events, 7, "actual").length, 0);
});

test("stepAt picks the peacekeepers' step in force", () => {
  const steps = [[10, "a"], [20, null], [30, "b"]];
  assert.equal(states.stepAt(steps, 5), null);
  assert.equal(states.stepAt(steps, 25)[1], null);
  assert.equal(states.stepAt(steps, 31)[1], "b");
});

test("controllerLabel words whole, split and unknown control", () => {
  const sides = ["AZ", "ARM"];
  assert.equal(states.controllerLabel(null, F, CONTROLLERS, sides), "No data for this date");
  assert.equal(states.controllerLabel(row(1, "AZ"), F, CONTROLLERS, sides), "AZ");
  assert.equal(states.controllerLabel(row(1, "split", { share_az: 0.25 }), F, CONTROLLERS, sides),
    "Split: about 25% AZ, 75% ARM");
  assert.equal(states.controllerLabel(row(1, "split", { share_az: 0.6, derived: true }), F, CONTROLLERS, sides),
    "Split: about 60% AZ, 40% ARM (approximate, from towns and villages)");
  assert.equal(states.controllerLabel(row(1, "split"), F, CONTROLLERS, sides), "Split between the sides (shares unknown)");
});

test("eventOf follows the row's event index", () => {
  const events = [{ id: "a" }, { id: "b" }];
  assert.equal(states.eventOf(row(1, "AZ", { event: 1 }), F, events).id, "b");
  assert.equal(states.eventOf(row(1, "AZ"), F, events), null);
  assert.equal(states.eventOf(null, F, events), null);
});
