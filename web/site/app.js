// The playground page: the editor, the menus, Run and Stop, Share. Runs happen in
// worker.js.
"use strict";
const $ = (id) => document.getElementById(id);
let worker = null, ready = false, running = false, started = 0, stopTimer = 0;
let scriptName = "playground.lua";
let exercise = null; // the exercise open, if it has a Check: {expected, expectedFile}

function setStatus(text) { $("status").textContent = text; }

const starter = "-- Write a script, then Run (Ctrl-Enter).\nlocal lock = Lock()\nlocal function worker(name)\n  lock:with(function()\n    print(name .. \" has the lock\")\n    sleep(1)\n  end)\nend\nwait({spawn(worker, \"a\"), spawn(worker, \"b\")})\nprint(\"done\")\n";
const editor = LuasyncEditor.create($("editor"), starter, () => run());

function startWorker() {
  ready = false;
  $("run").disabled = true;
  worker = new Worker("worker.js");
  worker.onmessage = (e) => {
    const m = e.data;
    if (m.type === "ready") {
      ready = true;
      $("run").disabled = running;
      $("check").disabled = running;
      $("step").disabled = running;
      $("explore").disabled = running;
      if (!running) setStatus("ready");
    } else if (m.type === "stdout") {
      $("stdout").textContent += m.text;
    } else if (m.type === "stderr") {
      $("report").textContent += m.text;
    } else if (m.type === "progress") {
      $("progress").max = m.of;
      $("progress").value = m.done;
    } else if (m.type === "explored") {
      explored(m.result);
    } else if (m.type === "stepped") {
      stepped(m.state);
    } else if (m.type === "checked") {
      checked(m.pass, m.text);
    } else if (m.type === "done") {
      finish(m.status, m.report, m.svg);
    } else if (m.type === "failed") {
      setStatus("the browser build failed to load: " + m.text);
    }
  };
}

function run() {
  if (!ready || running) return;
  endStep();
  hideExplorer();
  starting("running");
  worker.postMessage({ type: "run", name: scriptName, source: editor.value, clock: $("clock").value });
}

function starting(what) {
  running = true;
  $("stdout").textContent = "";
  $("report").textContent = "";
  $("timeline").innerHTML = "";
  $("verdict").hidden = true;
  $("run").disabled = true;
  $("check").disabled = true;
  $("step").disabled = true;
  $("explore").disabled = true;
  $("stop").disabled = false;
  setStatus(what + "…");
  started = performance.now();
}

// Step mode, as luasync step: each step replays the path of choices from the start
// and pauses at the next decision; Undo replays one choice fewer.
let stepPath = null; // null: not stepping

function step(path, cont) {
  if (!ready || running) return;
  stepPath = path;
  starting(cont ? "running on" : "stepping");
  $("stepper").hidden = false;
  delete document.body.dataset.decision;
  worker.postMessage({ type: "step", name: scriptName, source: editor.value, path, continue: !!cont });
}

function stepped(st) {
  $("stdout").textContent = st.Stdout || "";
  $("path").textContent = "path of choices: " + ((st.Path || []).join(", ") || "(none yet)");
  stepPath = st.Path || [];
  $("undo").disabled = stepPath.length === 0;
  const choices = $("choices");
  choices.textContent = "";
  $("waiting").textContent = "";
  if (st.Finished) {
    $("decision").textContent = "The run is over";
    editor.mark([]);
    finish(st.Status, st.Report || "", "");
    $("continue").disabled = true;
    document.body.dataset.decision = "end";
    return;
  }
  finish("paused", "", "");
  $("continue").disabled = false;
  $("decision").textContent = "Decision " + st.Decision + " at t=" + st.Time.toFixed(3) + ": who runs next?";
  for (const r of st.Ready) {
    const b = document.createElement("button");
    b.textContent = r.Name + "  " + r.Text;
    b.dataset.task = r.Name;
    b.addEventListener("click", () => step(stepPath.concat([r.Name])));
    choices.appendChild(b);
  }
  if (st.Waiting && st.Waiting.length) $("waiting").textContent = "waiting:\n  " + st.Waiting.join("\n  ");
  editor.mark(st.Ready.map((r) => r.Line).filter((n) => n > 0));
  document.body.dataset.decision = String(st.Decision);
}

function hideExplorer() { $("explorer").hidden = true; }

function endStep() {
  stepPath = null;
  $("stepper").hidden = true;
  editor.mark([]);
}

// Explore, as luasync explore: many runs, each under its own schedule, until one
// fails; against the exercise's expected output when an exercise is open.
let counterexample = null;

function explore() {
  if (!ready || running) return;
  endStep();
  starting("exploring");
  counterexample = null;
  delete document.body.dataset.explored;
  $("explorer").hidden = false;
  $("progress").value = 0;
  $("exploreText").textContent = "";
  $("guarantee").textContent = "";
  $("openStep").hidden = true;
  const req = { type: "explore", name: scriptName, source: editor.value, strategy: $("strategy").value, runs: Number($("runs").value) || 1000 };
  if (exercise) { req.expected = exercise.expected; req.expectedName = exercise.expectedFile; }
  worker.postMessage(req);
}

function explored(res) {
  finish(res.Pass ? 0 : 1, "", "");
  $("progress").value = $("progress").max;
  $("exploreText").textContent = res.Text;
  $("guarantee").textContent = res.Guarantee || "";
  counterexample = res.Pass ? null : (res.Choices || []);
  $("openStep").hidden = res.Pass;
  document.body.dataset.explored = res.Pass ? "pass" : "fail";
}

// Check: the exercise's verdict, as luasync check gives it.
function check() {
  if (!ready || running || !exercise) return;
  endStep();
  hideExplorer();
  starting("checking");
  delete document.body.dataset.verdict;
  worker.postMessage({ type: "check", name: scriptName, source: editor.value, expected: exercise.expected, expectedName: exercise.expectedFile });
}

function checked(pass, text) {
  finish(pass ? 0 : 1, "", "");
  const v = $("verdict");
  v.hidden = false;
  v.className = pass ? "pass" : "fail";
  v.textContent = text;
  document.body.dataset.verdict = pass ? "PASS" : "FAIL";
}

function finish(status, report, svg) {
  clearTimeout(stopTimer);
  const ms = performance.now() - started;
  running = false;
  $("report").textContent += report;
  $("timeline").innerHTML = svg || "";
  $("run").disabled = !ready;
  $("check").disabled = !ready;
  $("step").disabled = !ready;
  $("explore").disabled = !ready;
  $("stop").disabled = true;
  document.body.dataset.status = String(status);
  document.body.dataset.ms = ms.toFixed(1);
  setStatus(status === "paused" ? "paused at a decision" : "exit status " + status + " in " + ms.toFixed(1) + " ms");
}

function stop() {
  if (!running) return;
  worker.postMessage({ type: "stop" });
  // A run that never waits cannot hear the message: end its worker.
  stopTimer = setTimeout(() => {
    if (!running) return;
    worker.terminate();
    finish(130, "luasync: stopped (the run did not answer, its worker was ended)\n", "");
    startWorker();
  }, 1000);
}

function load(name, source, readme, ex) {
  scriptName = name;
  exercise = ex && ex.expected !== undefined ? ex : null;
  $("check").hidden = !exercise;
  $("verdict").hidden = true;
  editor.value = source;
  $("readme").hidden = !readme;
  $("readme").textContent = readme || "";
}

async function loadMenus() {
  const res = await fetch("scripts.json");
  const groups = await res.json();
  const menu = $("scripts"), byKey = {};
  for (const g of groups) {
    const og = document.createElement("optgroup");
    og.label = g.title;
    for (const s of g.scripts) {
      const key = g.title + "/" + s.name;
      byKey[key] = s;
      const o = document.createElement("option");
      o.value = key;
      o.textContent = s.name;
      og.appendChild(o);
    }
    menu.appendChild(og);
  }
  menu.addEventListener("change", () => {
    const s = byKey[menu.value];
    if (s) load(s.file, s.source, s.readme, s);
  });
}

// Share: the script, deflated and in base64url, after #code= in the address.
async function bytesOf(stream) { return new Uint8Array(await new Response(stream).arrayBuffer()); }
async function encode(text) {
  const z = await bytesOf(new Blob([text]).stream().pipeThrough(new CompressionStream("deflate")));
  let bin = "";
  for (const b of z) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
async function decode(s) {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  const z = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(await bytesOf(new Blob([z]).stream().pipeThrough(new DecompressionStream("deflate"))));
}
async function share() {
  const url = location.href.split("#")[0] + "#code=" + await encode(editor.value);
  history.replaceState(null, "", url);
  try { await navigator.clipboard.writeText(url); setStatus("the address holds the script (copied)"); }
  catch { setStatus("the address holds the script"); }
}
async function restore() {
  const m = location.hash.match(/^#code=([A-Za-z0-9_-]*)$/);
  if (!m) return;
  try { load("shared.lua", await decode(m[1]), ""); }
  catch (err) { setStatus("the shared script could not be read: " + err); }
}

$("run").addEventListener("click", run);
$("stop").addEventListener("click", stop);
$("check").addEventListener("click", check);
$("step").addEventListener("click", () => { hideExplorer(); step([]); });
$("explore").addEventListener("click", explore);
$("openStep").addEventListener("click", () => { if (counterexample) { hideExplorer(); step(counterexample); } });
$("undo").addEventListener("click", () => step(stepPath.slice(0, -1)));
$("continue").addEventListener("click", () => step(stepPath, true));
$("endstep").addEventListener("click", endStep);
$("share").addEventListener("click", share);
// what the browser tests drive
window.playground = { get code() { return editor.value; }, set code(text) { editor.value = text; } };
startWorker();
restore().then(() => { document.body.dataset.restored = "1"; });
loadMenus().catch((err) => setStatus("the menus could not be loaded: " + err));
