package playground

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image/png"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var update = flag.Bool("update", false, "write docs/playground.png from the browser test's screenshot")

// chromium is Debian's, which .ci/run installs.
const chromium = "/usr/bin/chromium"

// browser is a headless chromium on the served page, with a fresh profile.
func browser(t *testing.T) (context.Context, string) {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("no %s (apt-get install chromium): the page is not tested in a browser", chromium)
	}
	srv := httptest.NewServer(testSite(t).Handler())
	t.Cleanup(srv.Close)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 800),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 40*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx, srv.URL + "/"
}

// page drives the page in ctx; a step that fails ends the test.
type page struct {
	t   *testing.T
	ctx context.Context
}

func (p page) do(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, steps...); err != nil {
		p.t.Fatal(err)
	}
}

// wait waits until the JavaScript predicate is true. A poll started while a
// navigation replaces the page loses its context: it is started again.
func (p page) wait(predicate string) {
	p.t.Helper()
	for tries := 0; ; tries++ {
		_, err := chromedp.Run(p.ctx, chromedp.Poll[bool](predicate, chromedp.WithPollingInterval(10*time.Millisecond)))
		if err == nil {
			return
		}
		if tries == 20 || !strings.Contains(err.Error(), "context") || p.ctx.Err() != nil {
			p.t.Fatalf("waiting for %s: %v", predicate, err)
		}
	}
}

func (p page) str(expr string) string {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		p.t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func (p page) js(expr string) {
	p.t.Helper()
	p.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr+"; null"))
		return err
	}))
}

// run clicks Run and waits for the run's end.
func (p page) run() {
	p.t.Helper()
	p.js(`delete document.body.dataset.status; document.getElementById("run").click()`)
	p.wait(`document.body.dataset.status !== undefined`)
}

func (p page) setCode(src string) {
	p.t.Helper()
	p.js(fmt.Sprintf(`window.playground.code = %s`, jsString(src)))
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// In a real browser: the lock tutorial, opened from the menu and run on the
// virtual clock, prints lock.expected, and its timeline is drawn; the editor has
// line numbers and Lua highlighted; a deadlock, run by Ctrl-Enter, shows its
// report; Stop ends a run that would never end; an exercise's Check gives luasync
// check's verdict; step mode chooses, undoes, runs on and reports a failure with
// its path; Explore gives explore's verdict and opens its counterexample in step
// mode; a Share link restores the
// script; the screenshot is not blank.
func TestPlaygroundInABrowser(t *testing.T) {
	ctx, url := browser(t)
	p := page{t, ctx}
	want, err := os.ReadFile(filepath.Join("scripts", "tutorial", "lock.expected"))
	if err != nil {
		t.Fatal(err)
	}
	opened := time.Now()
	p.do(chromedp.Navigate(url))
	p.wait(`document.getElementById("status").textContent === "ready" && document.querySelector('#scripts option[value="tutorial/lock"]') !== null`)
	p.js(`{const m = document.getElementById("scripts"); m.value = "tutorial/lock"; m.dispatchEvent(new Event("change"))}`)
	p.run()
	t.Logf("opened to first run finished: %v; the lock tutorial's run in the page: %s ms",
		time.Since(opened).Round(time.Millisecond), p.str(`document.body.dataset.ms`))
	if status, stdout := p.str(`document.body.dataset.status`), p.str(`document.getElementById("stdout").textContent`); status != "0" || stdout != string(want) {
		t.Errorf("lock tutorial: status %s, stdout %q, want %q", status, stdout, want)
	}
	if svg := p.str(`document.getElementById("timeline").innerHTML`); !strings.Contains(svg, "Task-2") {
		t.Errorf("no timeline drawn: %.200q", svg)
	}

	p.run() // again, warm: the figure the README gives
	t.Logf("the lock tutorial's run again: %s ms", p.str(`document.body.dataset.ms`))

	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if colours := distinctColours(t, shot); colours < 8 {
		t.Errorf("the screenshot has %d colours: blank?", colours)
	}
	if *update {
		if err := os.WriteFile(filepath.Join("docs", "playground.png"), shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// the editor: line numbers, Lua highlighted; Ctrl-Enter runs
	if n := p.str(`String(document.querySelectorAll(".cm-gutters .cm-lineNumbers .cm-gutterElement").length)`); n == "0" || n == "1" {
		t.Errorf("%s line numbers", n)
	}
	if kw := p.str(`[...document.querySelectorAll(".cm-line span")].map(e => e.textContent).join(" ")`); !strings.Contains(kw, "local") {
		t.Errorf("no keyword highlighted: %q", kw)
	}
	p.setCode("local l = Lock()\nl:acquire()\nl:acquire()\n")
	p.js(`delete document.body.dataset.status; document.querySelector(".cm-content").dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", code: "Enter", keyCode: 13, ctrlKey: true, bubbles: true, cancelable: true}))`)
	p.wait(`document.body.dataset.status !== undefined`)
	if status, report := p.str(`document.body.dataset.status`), p.str(`document.getElementById("report").textContent`); status != "3" || !strings.Contains(report, "deadlock") {
		t.Errorf("deadlock: status %s, report %q", status, report)
	}

	// Stop ends a run that never ends, even one that never lets the page's message
	// in (the virtual clock runs its sleeps at once); the next run works.
	p.setCode("while true do sleep(1) end\n")
	p.js(`delete document.body.dataset.status; document.getElementById("run").click(); document.getElementById("stop").click()`)
	p.wait(`document.body.dataset.status !== undefined`)
	if status := p.str(`document.body.dataset.status`); status != "130" {
		t.Errorf("stopped run: status %s, want 130", status)
	}
	p.wait(`!document.getElementById("run").disabled`)

	// on the real clock the output appears as it is printed, and Stop reaches the
	// run while it sleeps: Ctrl-C's cancellation, whose cleanup runs
	p.setCode("print('first')\nlocal ok, err = pcall(sleep, 30)\nprint('cleanup')\nerror(err)\n")
	p.js(`document.getElementById("clock").value = "real"`)
	p.js(`delete document.body.dataset.status; document.getElementById("run").click()`)
	p.wait(`document.getElementById("stdout").textContent === "first\n"`)
	if status := p.str(`String(document.body.dataset.status)`); status != "undefined" {
		t.Errorf("the run ended (%s) before Stop", status)
	}
	p.js(`document.getElementById("stop").click()`)
	p.wait(`document.body.dataset.status !== undefined`)
	if status, stdout := p.str(`document.body.dataset.status`), p.str(`document.getElementById("stdout").textContent`); status != "130" || stdout != "first\ncleanup\n" {
		t.Errorf("stopped on the real clock: status %s, stdout %q", status, stdout)
	}
	p.js(`document.getElementById("clock").value = "virtual"`)
	p.wait(`!document.getElementById("run").disabled`)
	p.setCode("print('again')\n")
	p.run()
	if stdout := p.str(`document.getElementById("stdout").textContent`); stdout != "again\n" {
		t.Errorf("the run after Stop printed %q", stdout)
	}

	// an exercise's Check: the starter fails as luasync check says, the solution
	// passes
	p.js(`{const m = document.getElementById("scripts"); m.value = "exercises/01-lost-update"; m.dispatchEvent(new Event("change"))}`)
	p.wait(`!document.getElementById("check").hidden && !document.getElementById("check").disabled`)
	if readme := p.str(`document.getElementById("readme").textContent`); !strings.Contains(readme, "#") {
		t.Errorf("the exercise's README is not shown: %.100q", readme)
	}
	p.js(`document.getElementById("check").click()`)
	p.wait(`document.body.dataset.verdict !== undefined`)
	if v := p.str(`document.getElementById("verdict").textContent`); !strings.HasPrefix(v, "FAIL scripts/exercises/01-lost-update/exercise.lua (") ||
		!strings.Contains(v, "    -counted 300 visits, expected 300\n    +counted 100 visits, expected 300\n") {
		t.Errorf("the starter's verdict: %q", v)
	}
	solution, err := os.ReadFile(filepath.Join("scripts", "exercises", "01-lost-update", "solution.lua"))
	if err != nil {
		t.Fatal(err)
	}
	p.setCode(string(solution))
	p.js(`document.getElementById("check").click()`)
	p.wait(`document.body.dataset.verdict !== undefined`)
	if v := p.str(`document.getElementById("verdict").textContent`); !strings.HasPrefix(v, "PASS scripts/exercises/01-lost-update/exercise.lua (") {
		t.Errorf("the solution's verdict: %q", v)
	}

	// step mode on the lost-update exercise: the ready tasks with their next lines
	// marked in the editor; a choice; Undo; Continue to the end and its wrong count
	p.js(`{const m = document.getElementById("scripts"); m.value = "exercises/01-lost-update"; m.dispatchEvent(new Event("change"))}`)
	p.js(`document.getElementById("step").click()`)
	p.wait(`document.body.dataset.decision === "1"`)
	first := p.str(`document.getElementById("choices").textContent`)
	if !strings.Contains(first, "Task-2") || !strings.Contains(first, "Task-3") {
		t.Errorf("decision 1 offers %q", first)
	}
	p.js(`document.querySelectorAll("#choices button")[1].click()`)
	p.wait(`document.body.dataset.decision === "2"`)
	if path := p.str(`document.getElementById("path").textContent`); path != "path of choices: Task-3" {
		t.Errorf("after choosing the second: %q", path)
	}
	p.js(`document.querySelectorAll("#choices button")[0].click()`)
	p.wait(`document.body.dataset.decision === "3"`)
	if marked := p.str(`String(document.querySelectorAll(".cm-next-line").length)`); marked == "0" {
		t.Errorf("no next line marked in the editor")
	}
	p.js(`document.getElementById("undo").click()`)
	p.wait(`document.body.dataset.decision === "2"`)
	if path := p.str(`document.getElementById("path").textContent`); path != "path of choices: Task-3" {
		t.Errorf("after Undo: %q", path)
	}
	p.js(`document.getElementById("continue").click()`)
	p.wait(`document.body.dataset.decision === "end"`)
	if stdout := p.str(`document.getElementById("stdout").textContent`); !strings.Contains(stdout, "expected 300") || strings.Contains(stdout, "counted 300") {
		t.Errorf("the starter run on: %q", stdout)
	}
	// Explore the starter: luasync explore's verdict; its counterexample opened in
	// step mode ends as the failing run did, and Undo goes back a decision
	p.js(`document.getElementById("endstep").click(); document.getElementById("runs").value = "100"; document.getElementById("explore").click()`)
	p.wait(`document.body.dataset.explored !== undefined`)
	text := p.str(`document.getElementById("exploreText").textContent`)
	if !strings.HasPrefix(text, "run 1 of 100 failed: random schedule, seed ") || !strings.Contains(text, "replay it with:\n    luasync run --clock virtual --schedule random --schedule-seed ") {
		t.Errorf("explore: %q", text)
	}
	failing, _, _ := strings.Cut(strings.TrimPrefix(text[strings.Index(text, "output:\n"):], "output:\n    "), "\n")
	p.js(`document.getElementById("openStep").click()`)
	p.wait(`document.body.dataset.decision === "end"`)
	if stdout := p.str(`document.getElementById("stdout").textContent`); stdout != failing+"\n" {
		t.Errorf("the counterexample in step mode printed %q, the failing run %q", stdout, failing)
	}
	p.js(`document.getElementById("undo").click()`)
	p.wait(`document.body.dataset.decision !== undefined && document.body.dataset.decision !== "end"`)

	// a deadlock reached by stepping is reported with its path
	p.setCode("local l = Lock()\nlocal function a() l:acquire(); sleep(0); l:acquire() end\nspawn(a)\nsleep(0)\nl:acquire()\n")
	p.js(`document.getElementById("step").click()`)
	for range 10 {
		p.wait(`document.body.dataset.decision !== undefined`)
		if p.str(`document.body.dataset.decision`) == "end" {
			break
		}
		p.js(`document.querySelectorAll("#choices button")[0].click()`)
	}
	if report := p.str(`document.getElementById("report").textContent`); !strings.Contains(report, "deadlock") || !strings.Contains(report, "luasync: the path of choices: ") {
		t.Errorf("stepped deadlock: %q", report)
	}
	p.js(`document.getElementById("endstep").click()`)

	const shared = "-- shared: ünïcode and \"quotes\"\nprint(('x'):rep(3))\n"
	p.setCode(shared)
	p.js(`document.getElementById("share").click()`)
	p.wait(`location.hash.startsWith("#code=")`)
	link := p.str(`location.href`)
	p.do(chromedp.Navigate("about:blank"), chromedp.Navigate(link))
	p.wait(`document.body.dataset.restored === "1"`)
	if restored := p.str(`window.playground.code`); restored != shared {
		t.Errorf("share link %s restored %q, want %q", link, restored, shared)
	}
}

func distinctColours(t *testing.T, shot []byte) int {
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
		}
	}
	return len(seen)
}
