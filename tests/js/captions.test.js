"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const captions = require("../../layers/static/js/captions.js");
const dates = require("../../layers/static/js/dates.js");

const long = dates.longDateFormatter("en-GB");
const d = dates.dayOf;
const CAPTIONS = [
  [d("2020-09-27"), "War broke out.", 2, []],
  [d("2020-11-10"), "Trilateral statement.", 23, []],
  [d("2020-11-20"), "Aghdam handed over.", 0, []]
];

test("the caption in force is the latest one on or before the day", () => {
  assert.equal(captions.captionAt(CAPTIONS, d("2020-09-26")), null);
  assert.equal(captions.captionAt(CAPTIONS, d("2020-09-27"))[1], "War broke out.");
  assert.equal(captions.captionAt(CAPTIONS, d("2020-11-19"))[1], "Trilateral statement.");
  assert.equal(captions.captionAt(CAPTIONS, d("2024-01-01"))[1], "Aghdam handed over.");
  assert.equal(captions.captionAt([], d("2024-01-01")), null);
});

test("caption text names the day and how many other events there were", () => {
  assert.equal(captions.captionText(CAPTIONS[1], long), "10 November 2020: Trilateral statement. (and 23 more)");
  assert.equal(captions.captionText(CAPTIONS[2], long), "20 November 2020: Aghdam handed over.");
  assert.equal(captions.captionText(null, long), "");
});

test("nearestStep is the latest story step on or before the day, the first one before the story", () => {
  const story = [{ day: 10 }, { day: 20 }, { day: 30 }];
  assert.equal(captions.nearestStep(story, 5), 0);
  assert.equal(captions.nearestStep(story, 20), 1);
  assert.equal(captions.nearestStep(story, 29), 1);
  assert.equal(captions.nearestStep(story, 99), 2);
});

test("clampStep keeps a step index inside the story", () => {
  const story = [{ day: 1 }, { day: 2 }];
  assert.equal(captions.clampStep(story, -1), 0);
  assert.equal(captions.clampStep(story, 5), 1);
  assert.equal(captions.clampStep(story, 1), 1);
});

test("Next and Back move forward and back in time from the map's date, whatever step is shown", () => {
  const story = [{ day: 10 }, { day: 20 }, { day: 30 }];
  assert.equal(captions.nextStep(story, 25), 2);  // between steps: Next goes to the later one
  assert.equal(captions.previousStep(story, 25), 1);
  assert.equal(captions.nextStep(story, 20), 2);
  assert.equal(captions.previousStep(story, 20), 0);
  assert.equal(captions.nextStep(story, 30), null);
  assert.equal(captions.previousStep(story, 10), null);
  assert.equal(captions.nextStep(story, 1), 0);
});

test("a scenario's captions shared with the actual one come back as the same entries", () => {
  const actual = [[10, "A", 0, []], [20, "B", 1, ["s"]]];
  const expanded = captions.expandShared({ actual: actual, scheduled: [0, [15, "C", 0, []], 1] });
  assert.deepEqual(expanded.actual, actual);
  assert.deepEqual(expanded.scheduled, [actual[0], [15, "C", 0, []], actual[1]]);
});
