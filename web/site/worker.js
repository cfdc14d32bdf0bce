// The run's own thread: the browser build of luasync, so that a script that never
// waits cannot freeze the page (Stop ends the worker if the run does not).
importScripts("wasm_exec.js");
let current = null;
const pending = [];
function handle(msg) {
  if (msg.type === "run") {
    current = luasyncRun(msg,
      (text) => postMessage({ type: "stdout", text }),
      (text) => postMessage({ type: "stderr", text }),
      (res) => { current = null; postMessage({ type: "done", status: res.status, report: res.report, svg: res.svg }); });
  } else if (msg.type === "check") {
    current = { stop() {} }; // a check runs on the virtual clock; Stop ends the worker
    luasyncCheck(msg, (v) => { current = null; postMessage({ type: "checked", pass: v.pass, text: v.text }); });
  } else if (msg.type === "step") {
    current = { stop() {} }; // a step runs on the virtual clock; Stop ends the worker
    luasyncStep(msg, (state) => { current = null; postMessage({ type: "stepped", state: JSON.parse(state) }); });
  } else if (msg.type === "explore") {
    current = { stop() {} }; // explore runs on the virtual clock; Stop ends the worker
    luasyncExplore(msg, (done, of) => postMessage({ type: "progress", done, of }),
      (res) => { current = null; postMessage({ type: "explored", result: JSON.parse(res) }); });
  } else if (msg.type === "stop" && current) {
    current.stop();
  }
}
onmessage = (e) => {
  if (typeof luasyncRun === "undefined") pending.push(e.data); else handle(e.data);
};
const go = new Go();
// A host that does not send .wasm as application/wasm cannot stream it: then the
// whole file is read first.
WebAssembly.instantiateStreaming(fetch("luasync.wasm"), go.importObject).catch(() =>
  fetch("luasync.wasm").then((res) => res.arrayBuffer()).then((b) => WebAssembly.instantiate(b, go.importObject))
).then((r) => {
  go.run(r.instance); // the build sets luasyncRun and posts "ready"
  pending.splice(0).forEach(handle);
}).catch((err) => postMessage({ type: "failed", text: String(err) }));
