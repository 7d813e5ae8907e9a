/* Fitting the map to any screen, and the page's keyboard paths.
 *
 * Interface: TCM.layout(app) sets app.fitView() and app.overlayBoxes(); fits
 * the followed districts inside what the overlays leave free, again on
 * resize and rotation until the reader moves the map; keeps map shapes out of
 * the tab order; adds a skip link to the timeline; turns on cooperative
 * gestures when the map sits inside another page.
 */
(function () {
  "use strict";
  var TCM = window.TCM = window.TCM || {};

  TCM.layout = function (app) {
    var cfg = app.cfg, map = app.map, view = app.view, container = map.getContainer();
    var fitting = false;

    /** Boxes of the controls drawn over the map, relative to the map (what a reader cannot see through). */
    app.overlayBoxes = function () {
      var outer = container.getBoundingClientRect();
      var nodes = container.querySelectorAll(".leaflet-control");
      var boxes = [];
      Array.prototype.forEach.call(nodes, function (node) {
        var r = node.getBoundingClientRect();
        if (r.width < 1 || r.height < 1 || getComputedStyle(node).visibility === "hidden") { return; }
        boxes.push({ left: r.left - outer.left, top: r.top - outer.top, right: r.right - outer.left, bottom: r.bottom - outer.top });
      });
      return boxes;
    };

    /**
     * The padding each overlay asks for: it is pushed off the side where it costs the districts the least
     * room (a bar along the bottom, the title along the top, the zoom buttons along the left).
     */
    function paddings(boxes, width, height) {
      var pad = { top: 8, bottom: 8, left: 8, right: 8 };
      boxes.forEach(function (b) {
        var sides = [
          ["top", b.bottom + 6, width * (b.bottom + 6), b.top < height / 2],
          ["bottom", height - b.top + 6, width * (height - b.top + 6), b.bottom > height / 2],
          ["left", b.right + 6, height * (b.right + 6), b.left < width / 2],
          ["right", width - b.left + 6, height * (width - b.left + 6), b.right > width / 2]
        ].filter(function (s) { return s[3]; });
        sides.sort(function (a, c) { return a[2] - c[2]; });
        if (sides.length) { pad[sides[0][0]] = Math.max(pad[sides[0][0]], sides[0][1]); }
      });
      // Never leave the districts less than 30% of the map either way.
      pad.bottom = Math.min(pad.bottom, height * 0.55);
      pad.top = Math.min(pad.top, height * 0.7 - pad.bottom);
      pad.right = Math.min(pad.right, width * 0.45);
      pad.left = Math.min(pad.left, width * 0.7 - pad.right);
      return pad;
    }

    /** Fit the followed districts into the part of the map the overlays leave free. */
    app.fitView = function () {
      var size = map.getSize();
      var pad = paddings(app.overlayBoxes(), size.x, size.y);
      fitting = true;
      map.fitBounds(cfg.bounds, { paddingTopLeft: [pad.left, pad.top], paddingBottomRight: [pad.right, pad.bottom], animate: false });
      fitting = false;
    };

    /** Share of the map that the overlays cover (sampled every 4 px): what the layout is held to. */
    app.coverage = function () {
      var size = map.getSize(), boxes = app.overlayBoxes(), covered = 0, total = 0;
      for (var y = 2; y < size.y; y += 4) {
        for (var x = 2; x < size.x; x += 4) {
          total += 1;
          for (var i = 0; i < boxes.length; i++) {
            var b = boxes[i];
            if (x >= b.left && x < b.right && y >= b.top && y < b.bottom) { covered += 1; break; }
          }
        }
      }
      return total ? covered / total : 0;
    };

    // The reader's own pan or zoom (or a view from a link) is kept through later resizes.
    map.on("movestart zoomstart", function () { if (!fitting && app.started) { view.userMoved = true; } });
    function barHeight() {
      var bar = container.querySelector(".tcm-bar");
      container.style.setProperty("--tcm-bar-h", (bar ? bar.getBoundingClientRect().height : 0) + "px");
    }
    map.on("resize", function () {
      barHeight();
      if (!view.userMoved && !view.viewApplied) { app.fitView(); }
    });
    app.relayout = function () {
      barHeight();
      if (!view.userMoved && !view.viewApplied) { app.fitView(); }
    };

    // Shapes are found with the mouse, by touch or in the table; the keyboard goes map, then controls.
    function untab(node) { node.setAttribute("tabindex", "-1"); }
    Array.prototype.forEach.call(container.querySelectorAll("path.leaflet-interactive"), untab);
    map.on("layeradd", function (e) {
      if (e.layer && e.layer._path && e.layer.options.interactive !== false) { untab(e.layer._path); }
    });

    var skip = TCM.dom.el("a", "tcm-skip", app.t("Skip to the timeline"));
    skip.href = "#tcm-date";
    skip.addEventListener("click", function (e) {
      e.preventDefault();
      if (app.ui.slider) { app.ui.slider.focus(); }
    });
    document.body.insertBefore(skip, document.body.firstChild);
    container.setAttribute("aria-label", app.t("Map of {title}. The timeline and the legend follow the map.", { title: cfg.title }));

    // Inside another page (the app, an article), one finger scrolls the page and two move the map.
    if ((cfg.embedded || window.parent !== window) && map.gestureHandling) { map.gestureHandling.enable(); }
  };
})();
