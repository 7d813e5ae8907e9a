/* DOM helpers that put text in as text: no data ever becomes markup. */
(function (factory) {
  "use strict";
  if (typeof module === "object" && module.exports) { module.exports = factory(require("./text.js")); return; }
  var TCM = window.TCM = window.TCM || {};
  TCM.dom = factory(TCM.text);
})(function (text) {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var ICONS = {
    prev: "M6 5h2v14H6zM20 5v14L9 12z",
    next: "M16 5h2v14h-2zM4 5v14l11-7z",
    play: "M7 5v14l12-7z",
    pause: "M6 5h4v14H6zM14 5h4v14h-4z"
  };

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content !== undefined && content !== null) { node.textContent = String(content); }
    return node;
  }

  /** A source as a link when it is an http(s) address, else as plain text. */
  function sourceNode(source) {
    var url = text.safeUrl(source);
    if (!url) { return el("span", "tcm-source", source); }
    var a = el("a", "tcm-source", source);
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function setIcon(btn, name) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "18");
    svg.setAttribute("height", "18");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", ICONS[name]);
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    btn.textContent = "";
    btn.appendChild(svg);
  }

  function iconButton(icon, ariaLabel, hint) {
    var btn = el("button", "tcm-btn");
    btn.type = "button";
    btn.setAttribute("aria-label", ariaLabel);
    btn.title = hint;
    setIcon(btn, icon);
    return btn;
  }

  function textButton(label, hint) {
    var btn = el("button", "tcm-btn tcm-text-btn", label);
    btn.type = "button";
    if (hint) { btn.title = hint; }
    return btn;
  }

  /** The diagonal stripes that mark a district split between the sides, as an SVG pattern. */
  function addStripes(svg, stripes) {
    var defs = document.createElementNS(SVG, "defs");
    var pattern = document.createElementNS(SVG, "pattern");
    pattern.setAttribute("id", "tcm-split");
    pattern.setAttribute("patternUnits", "userSpaceOnUse");
    pattern.setAttribute("width", "12");
    pattern.setAttribute("height", "12");
    pattern.setAttribute("patternTransform", "rotate(45)");
    stripes.forEach(function (stripe) {
      var rect = document.createElementNS(SVG, "rect");
      rect.setAttribute("x", stripe[0]);
      rect.setAttribute("y", "0");
      rect.setAttribute("width", "6");
      rect.setAttribute("height", "12");
      rect.setAttribute("fill", stripe[1]);
      pattern.appendChild(rect);
    });
    defs.appendChild(pattern);
    svg.insertBefore(defs, svg.firstChild);
  }

  return {
    el: el, sourceNode: sourceNode, setIcon: setIcon, iconButton: iconButton, textButton: textButton,
    addStripes: addStripes
  };
});
