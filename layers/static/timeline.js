/* The in-page timeline: restyles the map for any date without a server.
 *
 * Data arrives once as JSON (#tcm-config). Every text from the data is put
 * into the page with textContent, never as HTML, so a place name cannot
 * inject markup or script.
 */
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("tcm-config").textContent);
  var map = window[cfg.map];
  var DAY_MS = 86400000;
  var F = {};
  cfg.stateFields.forEach(function (name, i) { F[name] = i; });

  var view = {
    day: cfg.day,
    scenario: cfg.scenario,
    convention: cfg.convention,
    playing: false,
    speed: 1,
    rev: null,
    layers: {},
    span: "all",
    mode: "explore",
    step: 0
  };
  var LAYERS = [
    ["places", "Towns and villages"],
    ["corridor", "Lachin corridor"],
    ["peacekeepers", "Peacekeepers' area"],
    ["line", "Line of contact 1994-2020"],
    ["link", "Nakhchivan link"],
    ["labels", "Names on the map"]
  ];
  LAYERS.forEach(function (l) { view.layers[l[0]] = true; });
  function layersParam() {
    return LAYERS.filter(function (l) { return view.layers[l[0]]; }).map(function (l) { return l[0]; }).join(",");
  }
  function setLayersParam(text) {
    if (typeof text !== "string") { return false; }
    var wanted = text.split(",");
    LAYERS.forEach(function (l) { view.layers[l[0]] = wanted.indexOf(l[0]) >= 0; });
    return true;
  }
  function viewParam() {
    var c = map.getCenter();
    return c.lat.toFixed(4) + "," + c.lng.toFixed(4) + "," + map.getZoom();
  }
  function setViewParam(text) {
    var m = /^(-?\d+(\.\d+)?),(-?\d+(\.\d+)?),(\d+(\.\d+)?)$/.exec(text || "");
    if (!m) { return false; }
    var lat = parseFloat(m[1]), lon = parseFloat(m[3]), zoom = parseFloat(m[5]);
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180 || zoom < 3 || zoom > 18) { return false; }
    map.setView([lat, lon], zoom, { animate: false });
    return true;
  }

  // ---- dates ---------------------------------------------------------------
  function isoOf(day) { return new Date(day * DAY_MS).toISOString().slice(0, 10); }
  function dayOf(iso) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso || "")) { return null; }
    var t = Date.parse(iso + "T00:00:00Z");
    return isNaN(t) ? null : Math.round(t / DAY_MS);
  }
  // One formatter, and each day formatted once: building a formatter per call
  // cost more than any other step of opening the page.
  var DATE_FORMAT = new Intl.DateTimeFormat("en-GB", {
    day: "numeric", month: "long", year: "numeric", timeZone: "UTC"
  });
  var longDates = {};
  function longDate(day) {
    var text = longDates[day];
    if (text === undefined) { text = longDates[day] = DATE_FORMAT.format(new Date(day * DAY_MS)); }
    return text;
  }
  function clampDay(day) { return Math.max(cfg.start, Math.min(cfg.end, day)); }

  // ---- DOM helpers (text only) --------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function safeUrl(text) {
    var m = /^(https?:\/\/\S+)/.exec(text || "");
    return m ? m[1] : null;
  }
  function sourceNode(text) {
    var url = safeUrl(text);
    if (!url) { return el("span", "tcm-source", text); }
    var a = el("a", "tcm-source", text);
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  // ---- state lookup ----------------------------------------------------------
  function stateAt(id, day) {
    // The second scenario lists only the features that differ from the actual one.
    var rows = (cfg.states[view.scenario] || {})[id] || cfg.states.actual[id];
    if (!rows) { return null; }
    var lo = 0, hi = rows.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (rows[mid][F.day] <= day) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found < 0 ? null : rows[found];
  }
  function eventOf(row) {
    return row && row[F.event] !== null ? cfg.events[row[F.event]] : null;
  }
  function controllerLabel(row) {
    if (!row || !row[F.controller]) { return "No data for this date"; }
    var c = row[F.controller];
    if (c === "split") {
      var share = row[F.share_az];
      if (share === null) { return "Split between the sides (shares unknown)"; }
      return "Split: about " + Math.round(share * 100) + "% " + cfg.controllers[FIRST].label +
        (SIDES.length === 2 ? ", " + Math.round((1 - share) * 100) + "% " + cfg.controllers[SECOND].label : "") +
        (row[F.derived] ? " (approximate, from towns and villages)" : "");
    }
    return cfg.controllers[c] ? cfg.controllers[c].label : c;
  }

  // ---- styles ----------------------------------------------------------------
  var pal = cfg.palette;
  var SIDES = cfg.sides;  // controller ids in declared order
  var FIRST = SIDES[0];
  var SECOND = SIDES.length > 1 ? SIDES[1] : SIDES[0];
  function fillFor(row) {
    if (!row || !row[F.controller]) { return pal.controllers.unknown; }
    if (row[F.controller] === "split") { return "url(#tcm-split)"; }
    return pal.controllers[row[F.controller]] || pal.controllers.unknown;
  }
  function splitByCells(id, row) {
    return row && row[F.controller] === "split" && !row[F.remainder] && districtsWithCells[id];
  }
  function districtStyle(row, id) {
    var confidence = row ? row[F.confidence] : null;
    var status = row ? row[F.status] : null;
    var claimed = confidence === "claimed" || confidence === "disputed";
    var fill = fillFor(row);
    if (row && row[F.controller] === "split" && row[F.remainder]) { fill = pal.controllers[row[F.remainder]]; }
    var byCells = splitByCells(id, row);
    return {
      fillColor: fill,
      fillOpacity: byCells ? 0 : (pal.fill_opacity[confidence] || pal.fill_opacity.confirmed),
      color: pal.status_outline[status] || pal.border,
      weight: pal.status_outline[status] ? 2.5 : 1,
      dashArray: claimed ? pal.claim_dash : (pal.status_dash[status] || null),
      opacity: 1
    };
  }
  function pointStyle(row, kind) {
    var confidence = row ? row[F.confidence] : null;
    var claimed = confidence === "claimed" || confidence === "disputed";
    var colour = row && row[F.controller] === "split" ? "#555555" : fillFor(row);
    return {
      radius: kind === "city" ? 7 : (kind === "town" ? 5.5 : 4),
      fillColor: claimed ? "#FFFFFF" : colour,
      fillOpacity: 1,
      color: claimed ? colour : "#FFFFFF",
      weight: claimed ? 2.5 : 1.5,
      dashArray: null
    };
  }

  // ---- layers ----------------------------------------------------------------
  var contextLayer = L.geoJSON(cfg.context, {
    interactive: false,
    style: function (f) {
      return {
        fillColor: f.properties.country === "AZ" ? pal.context_fill : pal.country_fill,
        fillOpacity: 1,
        color: pal.context_line,
        weight: 0.6
      };
    }
  }).addTo(map);

  var districtLayers = {};
  var districtLayer = L.geoJSON(cfg.districts, {
    style: function () { return districtStyle(null); },
    onEachFeature: function (feature, layer) {
      districtLayers[feature.properties.id] = layer;
      layer.feature = feature;
      layer.bindTooltip(function () { return tooltipFor(feature.properties, "district"); },
        { sticky: true, direction: "auto", className: "tcm-tooltip" });
      layer.bindPopup(function () { return popupFor(feature.properties); }, { maxWidth: 360 });
    }
  }).addTo(map);

  // Cells around towns and villages: drawn only inside districts split between the sides.
  var districtsWithCells = {};
  var cellLayers = {};
  var cellLayer = L.layerGroup().addTo(map);
  var settlementById = {};
  cfg.settlements.forEach(function (s) { settlementById[s.id] = s; });
  L.geoJSON(cfg.cells, {
    onEachFeature: function (feature, layer) {
      var id = feature.properties.id;
      districtsWithCells[feature.properties.district] = true;
      cellLayers[id] = { layer: layer, district: feature.properties.district, shown: false };
      layer.bindTooltip(function () {
        var props = settlementById[id];
        var box = tooltipFor(props, "settlement");
        box.appendChild(el("div", "tcm-tip-approx", "Approximate area: the part of the district closest to this place."));
        return box;
      }, { sticky: true, direction: "auto", className: "tcm-tooltip" });
    }
  });

  // Zones: the Lachin corridor(s), the schematic Nakhchivan link, the peacekeepers' area.
  var zoneLayers = {};
  var zoneLayer = L.layerGroup().addTo(map);
  cfg.zones.forEach(function (z) {
    var layer = L.geoJSON(z.geometry, {
      style: function () {
        return z.kind === "link"
          ? { color: pal.zone_link, weight: 3, dashArray: "8 6", opacity: 0.9 }
          : { color: "#000000", weight: 2, dashArray: "4 3", fillColor: pal.controllers[SECOND], fillOpacity: 0.55 };
      }
    });
    layer.bindTooltip(function () {
      var box = el("div", "tcm-tip");
      box.appendChild(el("div", "tcm-tip-title", z.label[view.convention] || z.label.neutral));
      var row = stateAt(z.id, view.day);
      if (row) { box.appendChild(el("div", "tcm-tip-status", (cfg.statuses[row[F.status]] || "") + " since " + longDate(row[F.since]))); }
      if (z.schematic) { box.appendChild(el("div", "tcm-tip-approx", "Schematic: " + z.note)); }
      if (z.sources.length) { box.appendChild(el("div", "tcm-tip-source", "Source: " + shortSource(z.sources[0]))); }
      return box;
    }, { sticky: true, direction: "auto", className: "tcm-tooltip" });
    zoneLayers[z.id] = { layer: layer, kind: z.kind, shown: false };
  });
  var peaceLayer = null;
  var peaceStep = null;
  var contactLayer = cfg.contactLine ? L.geoJSON(cfg.contactLine.geometry, {
    interactive: true,
    style: function () { return { color: "#D55E00", weight: 3, dashArray: "10 5", opacity: 0.95 }; }
  }).bindTooltip("Line of contact 1994-2020 (approximate: derived from the places each side held)", { sticky: true }) : null;
  var contactShown = false;

  var pointLayers = {};
  var pointLayer = L.layerGroup().addTo(map);
  var pointsShown = true;
  cfg.settlements.forEach(function (s) {
    var marker = L.circleMarker([s.lat, s.lon], pointStyle(null, s.kind));
    marker.bindTooltip(function () { return tooltipFor(s, "settlement"); },
      { direction: "auto", className: "tcm-tooltip" });
    marker.bindPopup(function () { return popupFor(s); }, { maxWidth: 360 });
    marker.addTo(pointLayer);
    pointLayers[s.id] = { marker: marker, props: s };
  });

  // Stripes for districts split between the sides.
  (function addPattern() {
    var svg = map.getPane("overlayPane").querySelector("svg");
    if (!svg) { return; }
    var ns = "http://www.w3.org/2000/svg";
    var defs = document.createElementNS(ns, "defs");
    var pattern = document.createElementNS(ns, "pattern");
    pattern.setAttribute("id", "tcm-split");
    pattern.setAttribute("patternUnits", "userSpaceOnUse");
    pattern.setAttribute("width", "12");
    pattern.setAttribute("height", "12");
    pattern.setAttribute("patternTransform", "rotate(45)");
    [["0", pal.controllers[FIRST]], ["6", pal.controllers[SECOND]]].forEach(function (stripe) {
      var rect = document.createElementNS(ns, "rect");
      rect.setAttribute("x", stripe[0]);
      rect.setAttribute("y", "0");
      rect.setAttribute("width", "6");
      rect.setAttribute("height", "12");
      rect.setAttribute("fill", stripe[1]);
      pattern.appendChild(rect);
    });
    defs.appendChild(pattern);
    svg.insertBefore(defs, svg.firstChild);
  })();

  // ---- tooltips and popups -------------------------------------------------
  function label(props) { return props.label[view.convention] || props.label.neutral; }
  function namesLine(props) {
    var n = props.names || {};
    var parts = [];
    if (n.az) { parts.push(n.az); }
    if (n.hy) { parts.push(n.hy); }
    if (n.ru) { parts.push(n.ru); }
    return parts.join(" · ");
  }
  function stateLines(box, props) {
    var row = stateAt(props.id, view.day);
    box.appendChild(el("div", "tcm-tip-control", controllerLabel(row)));
    if (!row) { return row; }
    var status = cfg.statuses[row[F.status]] || "";
    var since = row[F.since] !== null ? " since " + longDate(row[F.since]) : "";
    if (status) { box.appendChild(el("div", "tcm-tip-status", status + since)); }
    var confidence = row[F.confidence];
    if (confidence && confidence !== "confirmed") {
      box.appendChild(el("div", "tcm-tip-claim", confidence === "disputed"
        ? "Disputed: the other side denied it" : "Claimed by one side, not confirmed"));
    }
    return row;
  }
  // "https://host/path (Publication, date)" -> "Publication, date"; else the host name.
  function shortSource(text) {
    var named = /\(([^()]+)\)\s*$/.exec(text || "");
    if (named) { return named[1]; }
    var url = safeUrl(text);
    if (url) { return url.replace(/^https?:\/\/(www\.)?/, "").split("/")[0]; }
    return text.length > 90 ? text.slice(0, 87) + "..." : text;
  }
  function tooltipFor(props, kind) {
    var box = el("div", "tcm-tip");
    box.appendChild(el("div", "tcm-tip-title", label(props)));
    var names = namesLine(props);
    if (names) { box.appendChild(el("div", "tcm-tip-names", names)); }
    if (kind === "settlement" && !props.tracked) {
      box.appendChild(el("div", "tcm-tip-status", "Context: outside the area the timeline follows"));
      return box;
    }
    var row = stateLines(box, props);
    var event = eventOf(row);
    if (event && event.sources.length) {
      box.appendChild(el("div", "tcm-tip-source", "Source: " + shortSource(event.sources[0]) +
        (event.sources.length > 1 ? " (+" + (event.sources.length - 1) + " more; click for all)" : "")));
    }
    return box;
  }
  function popupFor(props) {
    var box = el("div", "tcm-popup");
    box.appendChild(el("div", "tcm-tip-title", label(props)));
    var names = namesLine(props);
    if (names) { box.appendChild(el("div", "tcm-tip-names", names)); }
    var row = stateLines(box, props);
    var event = eventOf(row);
    if (event) {
      box.appendChild(el("p", "tcm-popup-summary", event.summary));
      if (event.note) { box.appendChild(el("p", "tcm-popup-note", event.note)); }
      var list = el("ul", "tcm-popup-sources");
      event.sources.forEach(function (s) {
        var item = el("li");
        item.appendChild(sourceNode(s));
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    return box;
  }

  // ---- controls ----------------------------------------------------------------
  var ICONS = {
    prev: "M6 5h2v14H6zM20 5v14L9 12z",
    next: "M16 5h2v14h-2zM4 5v14l11-7z",
    play: "M7 5v14l12-7z",
    pause: "M6 5h4v14H6zM14 5h4v14h-4z"
  };
  function setIcon(btn, name) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "18");
    svg.setAttribute("height", "18");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", ICONS[name]);
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    btn.textContent = "";
    btn.appendChild(svg);
  }
  function button(icon, ariaLabel, hint) {
    var btn = el("button", "tcm-btn");
    btn.type = "button";
    btn.setAttribute("aria-label", ariaLabel);
    btn.title = hint;
    setIcon(btn, icon);
    return btn;
  }
  var title = L.control({ position: "topright" });
  var titleBox, titleDate, titleScenario;
  title.onAdd = function () {
    titleBox = el("div", "tcm-title");
    titleBox.appendChild(el("div", "tcm-title-text", cfg.title));
    titleDate = el("div", "tcm-title-date");
    titleDate.setAttribute("data-testid", "map-date");
    titleBox.appendChild(titleDate);
    titleScenario = el("div", "tcm-title-scenario");
    titleBox.appendChild(titleScenario);
    return titleBox;
  };
  title.addTo(map);

  var legend = L.control({ position: "bottomright" });
  legend.onAdd = function () {
    // Folds away (a native disclosure, keyboard-ready) and scrolls within the map,
    // so on a short map it never covers the date.
    var outer = el("div", "tcm-legend");
    outer.setAttribute("role", "group");
    outer.setAttribute("aria-label", "Legend");
    L.DomEvent.disableClickPropagation(outer);
    L.DomEvent.disableScrollPropagation(outer);
    var details = el("details", "tcm-legend-fold");
    details.open = window.innerHeight >= 420 && window.innerWidth >= 760;  // folded on a phone
    details.appendChild(el("summary", "tcm-legend-title", "Who controlled the area"));
    outer.appendChild(details);
    var box = el("div", "tcm-legend-body");
    details.appendChild(box);
    function swatch(fill, text, extra) {
      var item = el("div", "tcm-legend-item");
      var sw = el("span", "tcm-swatch" + (extra ? " " + extra : ""));
      if (fill) { sw.style.background = fill; }
      item.appendChild(sw);
      item.appendChild(el("span", "", text));
      box.appendChild(item);
    }
    SIDES.forEach(function (side) {
      swatch(pal.controllers[side], cfg.controllers[side].description || cfg.controllers[side].label);
    });
    swatch("repeating-linear-gradient(45deg," + pal.controllers[FIRST] + " 0 5px," + pal.controllers[SECOND] + " 5px 10px)",
      "Split district (share in the tooltip)");
    swatch(null, "Claimed or disputed: faded, dashed edge", "tcm-swatch-claim");
    swatch(null, "Scheduled for handover", "tcm-swatch-scheduled");
    swatch(null, "Russian peacekeepers' zone (part)", "tcm-swatch-peace");
    swatch(null, "Fighting reported", "tcm-swatch-contested");
    swatch(pal.controllers.unknown, "No data for this date");
    swatch(null, "Line of contact 1994-2020 (approximate)", "tcm-swatch-contact");
    swatch(null, "Lachin corridor (schematic)", "tcm-swatch-corridor");
    swatch(null, "Peacekeepers' area (approximate)", "tcm-swatch-peace-area");
    swatch(null, "Planned link to Nakhchivan (schematic)", "tcm-swatch-link");
    box.appendChild(el("div", "tcm-legend-note", "Inside split districts the areas are approximate: each place is given the ground closest to it."));
    box.appendChild(el("div", "tcm-legend-note", "Town dots: filled = confirmed, hollow = claimed."));
    var fieldset = el("fieldset", "tcm-layers");
    fieldset.appendChild(el("legend", "", "Show"));
    LAYERS.forEach(function (l) {
      var label = el("label", "tcm-layer");
      var input = el("input");
      input.type = "checkbox";
      input.checked = !!view.layers[l[0]];
      input.setAttribute("data-layer", l[0]);
      input.addEventListener("change", function () {
        view.layers[l[0]] = input.checked;
        shown = {};
        render();
        notifyParent();
      });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + l[1]));
      fieldset.appendChild(label);
    });
    box.appendChild(fieldset);
    return outer;
  };
  legend.addTo(map);

  var bar = L.control({ position: "bottomleft" });
  var ui = {};
  bar.onAdd = function () {
    var box = el("div", "tcm-bar");
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    // Two rows: the date and its slider on top, the buttons below (they wrap on a narrow map).
    var dateRow = el("div", "tcm-bar-row");
    var row = el("div", "tcm-bar-row tcm-bar-buttons");
    ui.prev = button("prev", "Previous event", "Previous event (PageUp)");
    ui.play = button("play", "Play", "Play or pause (Space)");
    ui.next = button("next", "Next event", "Next event (PageDown)");
    ui.speed = el("select", "tcm-speed");
    ui.speed.setAttribute("aria-label", "Playback speed");
    [["1", "1 day/step"], ["7", "1 week/step"], ["30", "1 month/step"], ["event", "event by event"]].forEach(function (o) {
      var opt = el("option", "", o[1]);
      opt.value = o[0];
      ui.speed.appendChild(opt);
    });
    ui.span = el("select", "tcm-speed");
    ui.span.setAttribute("aria-label", "Time span of the slider");
    cfg.spans.forEach(function (sp) {
      var opt = el("option", "", sp.label);
      opt.value = sp.id;
      ui.span.appendChild(opt);
    });
    ui.presentButton = el("button", "tcm-btn tcm-text-btn", "Present");
    ui.presentButton.type = "button";
    ui.presentButton.title = "Presentation mode: the key dates step by step, in large type";
    ui.presentButton.addEventListener("click", function () { setMode("present", true); });
    ui.tableButton = el("button", "tcm-btn tcm-text-btn", "Table");
    ui.tableButton.type = "button";
    ui.tableButton.setAttribute("aria-expanded", "false");
    ui.tableButton.setAttribute("aria-controls", "tcm-table");
    ui.tableButton.title = "The same information as a table";
    ui.sliderLabel = el("label", "tcm-visually-hidden", "Date");
    ui.sliderLabel.htmlFor = "tcm-date";
    ui.slider = el("input", "tcm-slider");
    ui.slider.type = "range";
    ui.slider.id = "tcm-date";
    ui.slider.min = String(cfg.start);
    ui.slider.max = String(cfg.end);
    ui.slider.step = "1";
    ui.dateText = el("output", "tcm-bar-date");
    ui.dateText.htmlFor = "tcm-date";
    [ui.sliderLabel, ui.slider, ui.dateText].forEach(function (n) { dateRow.appendChild(n); });
    [ui.prev, ui.play, ui.next, ui.speed, ui.span, el("span", "tcm-bar-gap"), ui.tableButton, ui.presentButton]
      .forEach(function (n) { row.appendChild(n); });
    box.appendChild(dateRow);
    box.appendChild(row);
    ui.caption = el("div", "tcm-caption");
    ui.caption.setAttribute("data-testid", "map-caption");
    box.appendChild(ui.caption);
    ui.table = el("div", "tcm-table");
    ui.table.id = "tcm-table";
    ui.table.hidden = true;
    box.appendChild(ui.table);
    ui.tableButton.addEventListener("click", function () {
      ui.table.hidden = !ui.table.hidden;
      ui.tableButton.setAttribute("aria-expanded", String(!ui.table.hidden));
      if (!ui.table.hidden) { fillTable(); }
    });
    ui.live = el("div", "tcm-visually-hidden");
    ui.live.setAttribute("aria-live", "polite");
    ui.live.setAttribute("role", "status");
    box.appendChild(ui.live);

    ui.prev.addEventListener("click", function () { stepEvent(-1, true); });
    ui.next.addEventListener("click", function () { stepEvent(1, true); });
    ui.play.addEventListener("click", function () { togglePlay(); });
    ui.speed.addEventListener("change", function () { view.speed = ui.speed.value; });
    ui.span.addEventListener("change", function () { setSpan(ui.span.value, true); });
    ui.slider.addEventListener("input", function () { setDay(parseInt(ui.slider.value, 10), true); });
    ui.slider.addEventListener("keydown", onKey);
    return box;
  };
  bar.addTo(map);

  // ---- presentation mode: a guided story with large type ----------------------------
  var storyBox = null;
  var story = L.control({ position: "topleft" });
  story.onAdd = function () {
    storyBox = el("div", "tcm-story");
    storyBox.setAttribute("role", "region");
    storyBox.setAttribute("aria-label", "Guided story");
    L.DomEvent.disableClickPropagation(storyBox);
    L.DomEvent.disableScrollPropagation(storyBox);
    return storyBox;
  };
  function fillStory() {
    if (!storyBox) { return; }
    var step = cfg.story[view.step];
    storyBox.textContent = "";
    if (!step) { return; }
    var head = el("div", "tcm-story-head");
    head.appendChild(el("span", "tcm-story-count", "Step " + (view.step + 1) + " of " + cfg.story.length));
    var bar = el("div", "tcm-story-progress");
    bar.setAttribute("role", "progressbar");
    bar.setAttribute("aria-valuemin", "1");
    bar.setAttribute("aria-valuemax", String(cfg.story.length));
    bar.setAttribute("aria-valuenow", String(view.step + 1));
    var fill = el("div", "tcm-story-progress-fill");
    fill.style.width = Math.round(100 * (view.step + 1) / cfg.story.length) + "%";
    bar.appendChild(fill);
    head.appendChild(bar);
    storyBox.appendChild(head);
    storyBox.appendChild(el("div", "tcm-story-title", step.title));
    storyBox.appendChild(el("div", "tcm-story-date", longDate(step.day)));
    storyBox.appendChild(el("p", "tcm-story-caption", step.caption));
    var sources = el("div", "tcm-story-sources", "Sources: ");
    step.sources.slice(0, 3).forEach(function (s, i) {
      if (i) { sources.appendChild(document.createTextNode(" · ")); }
      var link = sourceNode(s);
      link.textContent = shortSource(s);
      sources.appendChild(link);
    });
    storyBox.appendChild(sources);
    var nav = el("div", "tcm-story-nav");
    var back = el("button", "tcm-btn tcm-text-btn", "\u2190 Back");
    back.type = "button";
    back.disabled = view.step === 0;
    back.addEventListener("click", function () { goStep(view.step - 1); });
    var next = el("button", "tcm-btn tcm-text-btn", "Next \u2192");
    next.type = "button";
    next.disabled = view.step === cfg.story.length - 1;
    next.addEventListener("click", function () { goStep(view.step + 1); });
    var full = el("button", "tcm-btn tcm-text-btn", "Full screen");
    full.type = "button";
    full.addEventListener("click", function () {
      if (document.fullscreenElement) { document.exitFullscreen(); }
      else if (document.documentElement.requestFullscreen) { document.documentElement.requestFullscreen(); }
    });
    var exit = el("button", "tcm-btn tcm-text-btn", "Leave presentation");
    exit.type = "button";
    exit.addEventListener("click", function () { setMode("explore", true); });
    [back, next, full, exit].forEach(function (b) { nav.appendChild(b); });
    storyBox.appendChild(nav);
  }
  function goStep(index) {
    if (!cfg.story.length) { return; }
    view.step = Math.max(0, Math.min(cfg.story.length - 1, index));
    setDay(cfg.story[view.step].day, true);
    fillStory();
  }
  function nearestStep(day) {
    var best = 0;
    cfg.story.forEach(function (s, i) { if (s.day <= day) { best = i; } });
    return best;
  }
  function setMode(mode, byUser) {
    if (mode !== "present" && mode !== "explore") { return; }
    if (mode === "present" && !cfg.story.length) { return; }
    if (mode === view.mode) { return; }
    view.mode = mode;
    document.documentElement.classList.toggle("tcm-present", mode === "present");
    if (mode === "present") {
      story.addTo(map);
      view.step = nearestStep(view.day);
      if (byUser) { goStep(view.step); } else { fillStory(); }
      map.getContainer().focus();
    } else {
      story.remove();
    }
    placeLabels();
    if (byUser) { notifyParent(); }
  }

  // ---- names on the map, without overlaps -----------------------------------------------
  var labelLayer = L.layerGroup().addTo(map);
  var labels = [];
  cfg.districts.features.forEach(function (f) {
    labels.push({ props: f.properties, at: f.properties.labelAt, rank: 0, cls: "tcm-label tcm-label-district" });
  });
  cfg.settlements.forEach(function (s) {
    if (s.kind === "town" || s.kind === "city") {
      labels.push({ props: s, at: [s.lat, s.lon], rank: s.kind === "city" ? 1 : 2, cls: "tcm-label tcm-label-town" });
    }
  });
  labels.sort(function (a, b) { return a.rank - b.rank; });
  labels.forEach(function (l) {
    l.marker = L.marker(l.at, {
      interactive: false,
      keyboard: false,
      icon: L.divIcon({ className: l.cls, html: "", iconSize: null })
    }).addTo(labelLayer);
  });
  function placeLabels() {
    if (!view.layers.labels) { map.removeLayer(labelLayer); return; }
    labelLayer.addTo(map);
    // Write every text, then measure every box, then hide the clashes: one
    // layout for all labels instead of one per label.
    var placed = [];
    labels.forEach(function (l) {
      var node = l.marker.getElement();
      if (!node) { return; }
      node.textContent = label(l.props);
      node.style.visibility = "visible";
      placed.push(node);
    });
    var boxes = placed.map(function (node) { return node.getBoundingClientRect(); });
    var taken = [];
    placed.forEach(function (node, i) {
      var box = boxes[i];
      var clash = taken.some(function (t) {
        return !(box.right + 2 < t.left || box.left - 2 > t.right || box.bottom + 1 < t.top || box.top - 1 > t.bottom);
      });
      if (clash) { node.style.visibility = "hidden"; } else { taken.push(box); }
    });
  }
  map.on("zoomend moveend resize", placeLabels);

  // ---- the slider's span: the whole history, or a zoom on the war months ------------
  function spanById(id) {
    for (var i = 0; i < cfg.spans.length; i++) { if (cfg.spans[i].id === id) { return cfg.spans[i]; } }
    return cfg.spans[0];
  }
  function setSpan(id, byUser) {
    var sp = spanById(id);
    view.span = sp.id;
    ui.span.value = sp.id;
    ui.slider.min = String(sp.start);
    ui.slider.max = String(sp.end);
    if (byUser && (view.day < sp.start || view.day > sp.end)) {
      setDay(Math.max(sp.start, Math.min(sp.end, view.day)), true);
    } else {
      ui.slider.value = String(view.day);
    }
  }
  function widenSpanFor(day) {
    var sp = spanById(view.span);
    if (day < sp.start || day > sp.end) { setSpan(cfg.spans[0].id, false); }
  }

  // ---- rendering ---------------------------------------------------------------
  var shown = {};
  function render() {
    var day = view.day;
    var districtRows = {};
    Object.keys(districtLayers).forEach(function (id) {
      var row = stateAt(id, day);
      districtRows[id] = row;
      if (shown[id] !== row) {
        shown[id] = row;
        districtLayers[id].setStyle(districtStyle(row, id));
      }
    });
    Object.keys(cellLayers).forEach(function (id) {
      var cell = cellLayers[id];
      var visible = !!splitByCells(cell.district, districtRows[cell.district]);
      if (visible !== cell.shown) {
        if (visible) { cellLayer.addLayer(cell.layer); } else { cellLayer.removeLayer(cell.layer); }
        cell.shown = visible;
      }
      if (visible) {
        var row = stateAt(id, day);
        if (shown["c:" + id] !== row) {
          shown["c:" + id] = row;
          var style = districtStyle(row, null);
          style.weight = 0.5;
          style.color = "#FFFFFF";
          cell.layer.setStyle(style);
        }
      }
    });
    Object.keys(zoneLayers).forEach(function (id) {
      var zone = zoneLayers[id];
      var row = stateAt(id, day);
      var status = row ? row[F.status] : null;
      var visible = zone.kind === "link" ? (status === "planned" || status === "active") && view.layers.link
        : (status === "peacekeepers_zone" || status === "blockaded" || status === "active") && view.layers.corridor;
      if (visible !== zone.shown) {
        if (visible) { zoneLayer.addLayer(zone.layer); } else { zoneLayer.removeLayer(zone.layer); }
        zone.shown = visible;
      }
      if (visible && zone.kind === "corridor") {
        zone.layer.setStyle({ dashArray: status === "blockaded" ? "1 4" : "4 3", weight: status === "blockaded" ? 3.5 : 2 });
      }
    });
    if (contactLayer) {
      var showLine = day <= cfg.contactLine.until && view.layers.line;
      if (showLine !== contactShown) {
        if (showLine) { contactLayer.addTo(map); } else { map.removeLayer(contactLayer); }
        contactShown = showLine;
      }
    }
    var steps = cfg.peacekeepers[view.scenario] || cfg.peacekeepers.actual || [];
    var step = null;
    for (var i = 0; i < steps.length; i++) { if (steps[i][0] <= day) { step = steps[i]; } }
    if (!view.layers.peacekeepers) { step = null; }
    if (step !== peaceStep) {
      peaceStep = step;
      if (peaceLayer) { map.removeLayer(peaceLayer); peaceLayer = null; }
      if (step && step[1]) {
        peaceLayer = L.geoJSON(step[1], {
          interactive: false,
          style: function () { return { color: "#000000", weight: 2.5, dashArray: "1 5", fill: false }; }
        }).addTo(map);
        pointLayer.eachLayer(function (m) { m.bringToFront(); });
      }
    }
    Object.keys(pointLayers).forEach(function (id) {
      var entry = pointLayers[id];
      var row = entry.props.tracked ? stateAt(id, day) : null;
      if (shown["s:" + id] !== row || shown["s:" + id] === undefined) {
        shown["s:" + id] = row;
        entry.marker.setStyle(entry.props.tracked ? pointStyle(row, entry.props.kind) : {
          radius: 3.5, fillColor: "#757575", fillOpacity: 1, color: "#FFFFFF", weight: 1, dashArray: null
        });
      }
    });
    if (view.layers.places !== pointsShown) {
      if (view.layers.places) { pointLayer.addTo(map); } else { map.removeLayer(pointLayer); }
      pointsShown = view.layers.places;
    }
    document.querySelectorAll(".tcm-layers input").forEach(function (input) {
      input.checked = !!view.layers[input.getAttribute("data-layer")];
    });
    if (ui.table && !ui.table.hidden) { fillTable(); }
    if (view.labelConvention !== view.convention || view.labelLayers !== view.layers.labels) {
      view.labelConvention = view.convention;
      view.labelLayers = view.layers.labels;
      placeLabels();
    }
    titleDate.textContent = longDate(day);
    titleScenario.textContent = cfg.scenarios[view.scenario];
    ui.slider.value = String(day);
    ui.slider.setAttribute("aria-valuetext", longDate(day));
    ui.dateText.textContent = longDate(day);
    var ev = latestEvent(day);
    ui.caption.textContent = ev ? longDate(ev.day) + ": " + ev.summary : "";
    document.documentElement.setAttribute("data-day", isoOf(day));
    document.documentElement.setAttribute("data-scenario", view.scenario);
  }

  function fillTable() {
    var table = el("table");
    table.appendChild(el("caption", "", "Districts on " + longDate(view.day) + " (" + cfg.scenarios[view.scenario] + ")"));
    var head = el("tr");
    ["District", "Controlled by", "Status", "Since", "Confidence"].forEach(function (h) {
      var th = el("th", "", h);
      th.scope = "col";
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = el("tbody");
    cfg.districts.features.forEach(function (f) {
      var row = stateAt(f.properties.id, view.day);
      var tr = el("tr");
      var th = el("th", "", label(f.properties));
      th.scope = "row";
      tr.appendChild(th);
      tr.appendChild(el("td", "", controllerLabel(row)));
      tr.appendChild(el("td", "", row ? (cfg.statuses[row[F.status]] || "") : ""));
      tr.appendChild(el("td", "", row && row[F.since] !== null ? longDate(row[F.since]) : ""));
      tr.appendChild(el("td", "", row ? (row[F.confidence] || "") : ""));
      body.appendChild(tr);
    });
    table.appendChild(body);
    ui.table.textContent = "";
    ui.table.appendChild(table);
  }

  function inScenario(ev) { return ev.scenario === "both" || ev.scenario === view.scenario; }
  function latestEvent(day) {
    for (var i = cfg.events.length - 1; i >= 0; i--) {
      var ev = cfg.events[i];
      if (ev.day <= day && inScenario(ev)) { return ev; }
    }
    return null;
  }
  function eventsOn(day) {
    return cfg.events.filter(function (ev) { return ev.day === day && inScenario(ev); });
  }

  var announceTimer = null;
  function announce() {
    clearTimeout(announceTimer);
    announceTimer = setTimeout(function () {
      var today = eventsOn(view.day);
      ui.live.textContent = longDate(view.day) + (today.length ? ": " + today.map(function (e) { return e.summary; }).join(" ") : "");
    }, 400);
  }

  // ---- changing the date -------------------------------------------------------
  var notifyTimer = null;
  var tcmStarted = false;
  function setDay(day, byUser) {
    if (day === null || isNaN(day)) { return; }
    day = clampDay(day);
    if (day === view.day && !byUser) { return; }
    view.day = day;
    widenSpanFor(day);
    render();
    announce();
    if (byUser) { notifyParent(); }
  }
  function notifyParent() {
    writeHash();
    if (!cfg.embedded || window.parent === window) { return; }
    clearTimeout(notifyTimer);
    notifyTimer = setTimeout(function () {
      window.parent.postMessage({
        type: "tcm:date", date: isoOf(view.day), scenario: view.scenario, layers: layersParam(), view: viewParam(),
        mode: view.mode
      }, "*");
    }, 250);
  }
  function keyDays() { return cfg.keyDays[view.scenario] || []; }
  function stepEvent(direction, byUser) {
    var days = keyDays();
    var target = null;
    for (var i = 0; i < days.length; i++) {
      if (direction > 0 && days[i] > view.day) { target = days[i]; break; }
      if (direction < 0 && days[i] < view.day) { target = days[i]; }
    }
    if (target !== null) { setDay(target, byUser); }
    return target;
  }
  function togglePlay() {
    view.playing = !view.playing;
    setIcon(ui.play, view.playing ? "pause" : "play");
    ui.play.setAttribute("aria-label", view.playing ? "Pause" : "Play");
    if (view.playing) { tick(); }
  }
  var playTimer = null;
  function tick() {
    clearTimeout(playTimer);
    if (!view.playing) { return; }
    var moved;
    if (view.speed === "event") {
      moved = stepEvent(1, true) !== null;
    } else {
      var before = view.day;
      setDay(view.day + parseInt(view.speed, 10), true);
      moved = view.day !== before;
    }
    if (!moved) { togglePlay(); return; }
    playTimer = setTimeout(tick, view.speed === "event" ? 1200 : 120);
  }
  function onKey(e) {
    var target = e.target;
    if (target && target !== ui.slider && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) { return; }
    var handled = true;
    if (view.mode === "present") {
      // Arrow keys, PageUp/PageDown (what presentation clickers send) and Space walk the story.
      if (e.key === "ArrowRight" || e.key === "PageDown" || e.key === " " || e.key === "ArrowDown") { goStep(view.step + 1); }
      else if (e.key === "ArrowLeft" || e.key === "PageUp" || e.key === "ArrowUp") { goStep(view.step - 1); }
      else if (e.key === "Home") { goStep(0); }
      else if (e.key === "End") { goStep(cfg.story.length - 1); }
      else if (e.key === "Escape" && !document.fullscreenElement) { setMode("explore", true); }
      else { handled = false; }
      if (handled) { e.preventDefault(); e.stopPropagation(); }
      return;
    }
    if (e.key === "ArrowRight" && e.shiftKey) { stepEvent(1, true); }
    else if (e.key === "ArrowLeft" && e.shiftKey) { stepEvent(-1, true); }
    else if (e.key === "ArrowRight") { setDay(view.day + 1, true); }
    else if (e.key === "ArrowLeft") { setDay(view.day - 1, true); }
    else if (e.key === "PageDown") { stepEvent(1, true); }
    else if (e.key === "PageUp") { stepEvent(-1, true); }
    else if (e.key === "Home") { setDay(cfg.start, true); }
    else if (e.key === "End") { setDay(cfg.end, true); }
    else if (e.key === " " && target === ui.slider || e.key === " " && (!target || target === document.body)) { togglePlay(); }
    else { handled = false; }
    if (handled) { e.preventDefault(); e.stopPropagation(); }
  }
  document.addEventListener("keydown", function (e) { if (e.target !== ui.slider) { onKey(e); } });

  // ---- the view in the address (standalone pages) ---------------------------------
  function writeHash() {
    if (cfg.embedded) { return; }
    var hash = "#date=" + isoOf(view.day) + "&scenario=" + view.scenario + "&names=" + view.convention +
      "&layers=" + layersParam() + "&view=" + viewParam() + (view.mode === "present" ? "&mode=present" : "");
    if (window.history && history.replaceState) { history.replaceState(null, "", hash); }
  }
  function readHash() {
    var params = {};
    (window.location.hash || "").replace(/^#/, "").split("&").forEach(function (part) {
      var kv = part.split("=");
      if (kv.length === 2) { params[decodeURIComponent(kv[0])] = decodeURIComponent(kv[1]); }
    });
    return params;
  }
  function applyParams(params) {
    if (params.scenario && cfg.scenarios[params.scenario]) { view.scenario = params.scenario; }
    if (params.names && cfg.conventions[params.names]) { view.convention = params.names; }
    var day = dayOf(params.date);
    if (day !== null) { view.day = clampDay(day); }
    if (params.layers !== undefined) { setLayersParam(params.layers); }
    if (params.view) { view.viewApplied = setViewParam(params.view); }
    if (params.mode) { view.pendingMode = params.mode; }
    shown = {};
  }

  // ---- messages from the page that embeds the map ----------------------------------
  // A setting is taken from the embedding page only when the page's own value
  // moved since its last message. A message can be stale: sent by a server run
  // that started before the user changed the setting here (left presentation,
  // toggled a layer); comparing with the map's own value would undo that change.
  var lastFromParent = {};
  function parentMoved(key, value) {
    var moved = !(key in lastFromParent) || lastFromParent[key] !== value;
    lastFromParent[key] = value;
    return moved;
  }
  window.addEventListener("message", function (e) {
    var msg = e.data;
    if (!msg || msg.type !== "tcm:set") { return; }
    var changed = false;
    if (parentMoved("scenario", msg.scenario) && msg.scenario && cfg.scenarios[msg.scenario] &&
        msg.scenario !== view.scenario) {
      view.scenario = msg.scenario; shown = {}; changed = true;
    }
    if (parentMoved("names", msg.names) && msg.names && cfg.conventions[msg.names] && msg.names !== view.convention) {
      view.convention = msg.names; changed = true;
    }
    if (parentMoved("layers", msg.layers) && typeof msg.layers === "string" && msg.layers !== layersParam()) {
      setLayersParam(msg.layers); shown = {}; changed = true;
    }
    if (msg.view && !view.viewApplied) { view.viewApplied = setViewParam(msg.view); }
    if (parentMoved("mode", msg.mode) && msg.mode && msg.mode !== view.mode) { setMode(msg.mode, false); changed = true; }
    view.parentHeard = true;
    if (msg.rev !== view.rev) {
      view.rev = msg.rev;
      var day = dayOf(msg.date);
      if (day !== null && day !== view.day) { view.day = clampDay(day); changed = true; }
    }
    if (changed) { widenSpanFor(view.day); render(); announce(); }
  });

  // ---- start ----------------------------------------------------------------------
  // No animation: a pending zoom animation would undo a view set from a shared link.
  map.fitBounds(cfg.bounds, { paddingTopLeft: [10, 10], paddingBottomRight: [280, 150], animate: false });
  if (!cfg.embedded) {
    applyParams(readHash());
    window.addEventListener("hashchange", function () { applyParams(readHash()); render(); announce(); });
  }
  // Report pans and zooms, but only once the embedding page has told us its view,
  // so a resize at start-up cannot overwrite the view a shared link asked for.
  map.on("moveend", function () { if (tcmStarted && (!cfg.embedded || view.parentHeard)) { notifyParent(); } });
  map.attributionControl.setPrefix("<a href=\"https://leafletjs.com\">Leaflet</a>");
  map.attributionControl.addAttribution(cfg.attribution);
  setSpan(cfg.spans[0].id, false);
  widenSpanFor(view.day);
  render();
  placeLabels();
  if (view.pendingMode) { setMode(view.pendingMode, false); }
  tcmStarted = true;
  window.tcm = {
    setDay: function (iso) { setDay(dayOf(iso), true); },
    day: function () { return isoOf(view.day); },
    zoom: function () { return map.getZoom(); },
    mode: function () { return view.mode; },
    layers: function () { return layersParam(); },
    step: function () { return view.step; },
    visibleLabels: function () {
      return labels.filter(function (l) { return l.marker.getElement() && l.marker.getElement().style.visibility !== "hidden"; })
        .map(function (l) { return l.marker.getElement().getBoundingClientRect(); });
    },
    stateOf: function (id) { return stateAt(id, view.day); },
    fillOf: function (id) {
      var layer = districtLayers[id];
      return layer ? layer.options.fillColor : null;
    }
  };
  if (cfg.embedded && window.parent !== window) {
    window.parent.postMessage({ type: "tcm:ready" }, "*");
  }
})();
