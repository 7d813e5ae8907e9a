/* Who held what on a day: look-ups in the compact state table the page carries. Pure. */
(function (factory) {
  "use strict";
  if (typeof module === "object" && module.exports) { module.exports = factory(); return; }
  (window.TCM = window.TCM || {}).states = factory();
})(function () {
  "use strict";

  /** {fieldName: column index} from the list of field names. */
  function fieldIndex(names) {
    var F = {};
    names.forEach(function (name, i) { F[name] = i; });
    return F;
  }

  /** The last row whose day is on or before ``day`` (rows sorted by day), or null. */
  function rowAt(rows, day, dayField) {
    var lo = 0, hi = rows.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (rows[mid][dayField] <= day) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found < 0 ? null : rows[found];
  }

  /** A feature's state row on a day. The second scenario lists only the features that differ from the actual one. */
  function stateAt(states, scenario, id, day, F) {
    var rows = (states[scenario] || {})[id] || states.actual[id];
    return rows ? rowAt(rows, day, F.day) : null;
  }

  function eventOf(row, F, events) {
    return row && row[F.event] !== null ? events[row[F.event]] : null;
  }

  function inScenario(ev, scenario) { return ev.scenario === "both" || ev.scenario === scenario; }

  function eventsOn(events, day, scenario) {
    return events.filter(function (ev) { return ev.day === day && inScenario(ev, scenario); });
  }

  /** The next (direction > 0) or previous key day from ``day``, or null at either end. */
  function stepDay(days, day, direction) {
    var target = null;
    for (var i = 0; i < days.length; i++) {
      if (direction > 0 && days[i] > day) { return days[i]; }
      if (direction < 0 && days[i] < day) { target = days[i]; }
    }
    return target;
  }

  /** The step in force on a day from a list of [day, ...] steps in date order, or null. */
  function stepAt(steps, day) {
    var step = null;
    for (var i = 0; i < steps.length; i++) { if (steps[i][0] <= day) { step = steps[i]; } }
    return step;
  }

  /** "Split: about 60% AZ, 40% ARM" and the like: who held a feature, in words. */
  function controllerLabel(row, F, controllers, sides, translate) {
    var t = translate || function (english, values) {
      return english.replace(/\{(\w+)\}/g, function (whole, name) { return values && name in values ? values[name] : whole; });
    };
    if (!row || !row[F.controller]) { return t("No data for this date"); }
    var c = row[F.controller];
    if (c === "split") {
      var share = row[F.share_az];
      if (share === null) { return t("Split between the sides (shares unknown)"); }
      var first = sides[0], second = sides.length > 1 ? sides[1] : sides[0];
      var values = { a: Math.round(share * 100), first: controllers[first].label,
        b: Math.round((1 - share) * 100), second: controllers[second].label };
      var text = sides.length === 2 ? t("Split: about {a}% {first}, {b}% {second}", values)
        : t("Split: about {a}% {first}", values);
      return row[F.derived] ? text + " " + t("(approximate, from towns and villages)") : text;
    }
    return controllers[c] ? controllers[c].label : c;
  }

  return {
    fieldIndex: fieldIndex, rowAt: rowAt, stateAt: stateAt, eventOf: eventOf, inScenario: inScenario,
    eventsOn: eventsOn, stepDay: stepDay, stepAt: stepAt, controllerLabel: controllerLabel
  };
});
