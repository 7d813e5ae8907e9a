"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const stylesModule = require("../../layers/static/js/styles.js");
const states = require("../../layers/static/js/states.js");

const F = states.fieldIndex(["day", "controller", "share_az", "status", "confidence", "control_since", "event",
  "since", "remainder", "derived"]);
const PALETTE = {
  controllers: { AZ: "#0072B2", ARM: "#E69F00", unknown: "#BDBDBD" },
  fill_opacity: { confirmed: 0.78, claimed: 0.38, disputed: 0.38 },
  status_outline: { contested: "#D55E00", peacekeepers_zone: "#000000" },
  status_dash: { peacekeepers_zone: "2 5" },
  claim_dash: "5 4",
  border: "#FFFFFF",
  zone_link: "#009E73"
};
const styles = stylesModule.makeStyles(PALETTE, ["AZ", "ARM"], F);
const row = (controller, extra) => {
  const r = [0, controller, null, "held", "confirmed", 0, null, 0, null, false];
  Object.entries(extra || {}).forEach(([k, v]) => { r[F[k]] = v; });
  return r;
};

test("a confirmed district takes its controller's colour, solid", () => {
  const style = styles.districtStyle(row("AZ"), false);
  assert.equal(style.fillColor, "#0072B2");
  assert.equal(style.fillOpacity, 0.78);
  assert.equal(style.dashArray, null);
  assert.equal(style.weight, 1);
});

test("a claim is faded with a dashed edge", () => {
  for (const confidence of ["claimed", "disputed"]) {
    const style = styles.districtStyle(row("AZ", { confidence }), false);
    assert.equal(style.fillOpacity, 0.38);
    assert.equal(style.dashArray, "5 4");
  }
});

test("a split district is striped, or coloured by the remainder's holder, or left to its cells", () => {
  assert.equal(styles.districtStyle(row("split"), false).fillColor, "url(#tcm-split)");
  assert.equal(styles.districtStyle(row("split", { remainder: "ARM" }), false).fillColor, "#E69F00");
  assert.equal(styles.districtStyle(row("split"), true).fillOpacity, 0);
});

test("status outlines: fighting and the peacekeepers' zone show on the edge", () => {
  const contested = styles.districtStyle(row("ARM", { status: "contested" }), false);
  assert.equal(contested.color, "#D55E00");
  assert.equal(contested.weight, 2.5);
  assert.equal(styles.districtStyle(row("ARM", { status: "peacekeepers_zone" }), false).dashArray, "2 5");
});

test("no data is grey", () => {
  assert.equal(styles.districtStyle(null, false).fillColor, "#BDBDBD");
  assert.equal(styles.fillFor(row(null)), "#BDBDBD");
});

test("town dots: filled when confirmed, hollow when claimed, sized by kind", () => {
  const confirmed = styles.pointStyle(row("ARM"), "city");
  assert.equal(confirmed.fillColor, "#E69F00");
  assert.equal(confirmed.radius, 7);
  const claimed = styles.pointStyle(row("AZ", { confidence: "claimed" }), "village");
  assert.equal(claimed.fillColor, "#FFFFFF");
  assert.equal(claimed.color, "#0072B2");
  assert.equal(claimed.radius, 4);
});

test("pieces are fill only, so one side's pieces read as one shape", () => {
  const cell = styles.cellStyle(row("AZ"));
  assert.equal(cell.stroke, false);
  assert.equal(cell.weight, 0);
  assert.equal(cell.fillColor, "#0072B2");
  const claimed = styles.cellStyle(row("AZ", { confidence: "claimed" }));
  assert.ok(claimed.fillOpacity < cell.fillOpacity, "a claim stays fainter than a confirmed holder");
});

test("zones show for the statuses the core lists, and only with their layer on", () => {
  const shown = { corridor: ["peacekeepers_zone", "blockaded", "active"], link: ["planned", "active"] };
  const on = { corridor: true, link: true };
  assert.equal(stylesModule.zoneVisible("corridor", "blockaded", shown, on), true);
  assert.equal(stylesModule.zoneVisible("corridor", "closed", shown, on), false);
  assert.equal(stylesModule.zoneVisible("link", "planned", shown, on), true);
  assert.equal(stylesModule.zoneVisible("link", "planned", shown, { corridor: true, link: false }), false);
  assert.equal(stylesModule.zoneVisible("corridor", null, shown, on), false);
});

test("a blockaded corridor is drawn dotted and heavier", () => {
  assert.deepEqual(styles.corridorStyle("blockaded"), { dashArray: "1 4", weight: 3.5 });
  assert.deepEqual(styles.corridorStyle("peacekeepers_zone"), { dashArray: "4 3", weight: 2 });
});
