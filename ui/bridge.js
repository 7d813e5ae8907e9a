// Hosts the map page in an iframe (by its address, or an uploaded scenario's page inline)
// and keeps its date in step with Streamlit.
// Python -> map: {date, rev, scenario, names} posted as "tcm:set"; the map
// applies a date only when rev changes (a Streamlit widget moved it).
// Map -> Python: "tcm:date" messages become the component's "date" state.
export default function (component) {
  const { data, parentElement, setStateValue } = component;
  const host = parentElement;
  host.__tcmSetState = setStateValue;
  let frame = host.querySelector("iframe.tcm-frame");
  if ((data.src || data.html) && (!frame || frame.dataset.doc !== data.doc)) {
    if (frame) { frame.remove(); }
    frame = document.createElement("iframe");
    frame.className = "tcm-frame";
    frame.title = "Map: who controlled each district, town and village on the chosen date";
    frame.dataset.doc = data.doc;
    frame.setAttribute("allow", "fullscreen");
    if (data.src) { frame.src = data.src; } else { frame.srcdoc = data.html; }
    host.appendChild(frame);
    setStateValue("loaded", data.doc);
  }
  if (!frame) {
    setStateValue("loaded", null);
    return;
  }
  frame.style.height = data.height;
  frame.__tcmView = {
    type: "tcm:set", date: data.date, rev: data.rev, scenario: data.scenario, names: data.names,
    layers: data.layers, view: data.view, mode: data.mode
  };
  const send = (f) => {
    if (f.__tcmReady && f.contentWindow) { f.contentWindow.postMessage(f.__tcmView, "*"); }
  };
  send(frame);
  if (!host.__tcmListening) {
    host.__tcmListening = true;
    window.addEventListener("message", (event) => {
      const f = host.querySelector("iframe.tcm-frame");
      if (!f || event.source !== f.contentWindow) { return; }
      const msg = event.data || {};
      if (msg.type === "tcm:ready") {
        f.__tcmReady = true;
        send(f);
      } else if (msg.type === "tcm:date" && typeof msg.date === "string") {
        host.__tcmSetState("view", {
          date: msg.date,
          layers: typeof msg.layers === "string" ? msg.layers : null,
          view: typeof msg.view === "string" ? msg.view : null,
          mode: typeof msg.mode === "string" ? msg.mode : null
        });
      }
    });
  }
}
