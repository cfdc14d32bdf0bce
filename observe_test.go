package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	lockTutorial  = "scripts/tutorial/lock.lua"
	queueTutorial = "scripts/tutorial/queue.lua"
)

// The trace of the lock tutorial is valid JSON with a track per task, the block()
// slices, the waits, the instants and the lock's holds.
func TestTraceOfTheLockTutorial(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock.json")
	r := runCLI(t, "", "run", "--clock", "virtual", "--trace", path, lockTutorial)
	if r.status != 0 {
		t.Fatalf("status %d: %s", r.status, r.stderr)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		TraceEvents []struct {
			Name string         `json:"name"`
			Ph   string         `json:"ph"`
			Ts   float64        `json:"ts"`
			Dur  float64        `json:"dur"`
			Pid  int            `json:"pid"`
			Tid  int            `json:"tid"`
			Args map[string]any `json:"args"`
		} `json:"traceEvents"`
	}
	if err := json.Unmarshal(src, &f); err != nil {
		t.Fatalf("the trace is not JSON: %v", err)
	}
	var got []string
	for _, e := range f.TraceEvents {
		s := e.Ph + " " + e.Name
		switch e.Ph {
		case "M":
			s += " " + anyString(e.Args["name"])
		case "X":
			s += " " + strings.Join([]string{ms(e.Ts), ms(e.Ts + e.Dur)}, "-")
			if at := anyString(e.Args["acquired at"]); at != "" {
				s += " " + at
			}
		case "i":
			s += " " + ms(e.Ts)
		}
		got = append(got, strings.TrimSpace(s))
	}
	for _, want := range []string{
		"M thread_name Task-1", "M thread_name Task-2", "M thread_name Task-3", "M thread_name Lock A",
		"X wait 0-4000", "X block() 0-2000", "X ready 0-2000", "X block() 2000-4000",
		"i spawn 0", "i finish 2000", "i finish 4000",
		"X Task-2 0-2000 scripts/tutorial/lock.lua:11", "X Task-3 2000-4000 scripts/tutorial/lock.lua:11",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("no %q in the trace:\n%s", want, strings.Join(got, "\n"))
		}
	}
}

// ms shows microseconds as milliseconds: 2e+06 is "2000".
func ms(us float64) string { return strconv.FormatFloat(us/1000, 'f', -1, 64) }

func anyString(v any) string {
	s, _ := v.(string)
	return s
}

// svgRows parses an SVG strictly as XML and returns the names of its task rows.
func svgRows(t *testing.T, src []byte) []string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(src))
	d.Strict = true
	var rows []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			t.Fatalf("the SVG is not XML: %v", err)
		}
		if el, ok := tok.(xml.StartElement); ok && el.Name.Local == "g" {
			var class, task string
			for _, a := range el.Attr {
				switch a.Name.Local {
				case "class":
					class = a.Value
				case "data-task":
					task = a.Value
				}
			}
			if class == "task" {
				rows = append(rows, task)
			}
		}
	}
}

func TestTimelineSVGOfTheLockTutorial(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock.svg")
	r := runCLI(t, "", "run", "--clock", "virtual", "--timeline", path, lockTutorial)
	if r.status != 0 {
		t.Fatalf("status %d: %s", r.status, r.stderr)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if rows := svgRows(t, src); strings.Join(rows, " ") != "Task-1 Task-2 Task-3" {
		t.Errorf("rows %q, want one per task", rows)
	}
}

// The README's images, docs/lock.svg and docs/queue.svg, are what the program draws
// of the two tutorials: this test draws them again and compares;
// go test -run TestDocsTimelines -update rewrites them.
func TestDocsTimelines(t *testing.T) {
	for _, c := range []struct {
		doc  string
		args []string
	}{
		{"docs/lock.svg", []string{lockTutorial}},
		{"docs/queue.svg", []string{queueTutorial, "6"}},
	} {
		t.Run(c.doc, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "out.svg")
			args := append([]string{"run", "--clock", "virtual", "--seed", "1", "--timeline", path}, c.args...)
			if r := runCLI(t, "", args...); r.status != 0 {
				t.Fatalf("status %d: %s", r.status, r.stderr)
			}
			drawn, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				if err := os.WriteFile(c.doc, drawn, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			committed, err := os.ReadFile(c.doc)
			if err != nil {
				t.Fatalf("%v (go test -run TestDocsTimelines -update makes it)", err)
			}
			if !bytes.Equal(drawn, committed) {
				t.Errorf("%s is not what luasync draws now: go test -run TestDocsTimelines -update", c.doc)
			}
		})
	}
}

// The lock tutorial's timeline, rendered by a real browser (headless Chromium), is
// not blank: it has a fair share of coloured pixels, among them block()'s purple.
func TestTimelineRendersInChromium(t *testing.T) {
	browser, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed (apt-get install -y chromium; .ci/run installs it): the timeline is not rendered")
	}
	dir := t.TempDir()
	svg, shot := filepath.Join(dir, "lock.svg"), filepath.Join(dir, "lock.png")
	if r := runCLI(t, "", "run", "--clock", "virtual", "--timeline", svg, lockTutorial); r.status != 0 {
		t.Fatalf("status %d: %s", r.status, r.stderr)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--screenshot="+shot, "--window-size=1200,600",
		"file://"+svg)
	cmd.WaitDelay = 10 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out.String())
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v\n%s", err, out.String())
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	coloured, purple := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			if r < 240 || g < 240 || bl < 240 {
				coloured++
			}
			if near(r, 0x7b) && near(g, 0x2d) && near(bl, 0x8e) {
				purple++
			}
		}
	}
	total := b.Dx() * b.Dy()
	if coloured < total/50 {
		t.Errorf("the screenshot is nearly blank: %d of %d pixels are not white", coloured, total)
	}
	if purple < 1000 {
		t.Errorf("only %d pixels of block()'s colour", purple)
	}
}

func near(v, want uint32) bool { return v+12 >= want && v <= want+12 }

// --timeline - and --stats write to stderr, after the lints; --timestamps prefixes
// what the script prints.
func TestObservationFlagsOnStderr(t *testing.T) {
	r := runCLI(t, "", "run", "--clock", "virtual", "--timeline", "-", "--stats", "--timestamps", "scripts/tutorial/lock_sleep.lua")
	if r.status != 0 {
		t.Fatalf("status %d: %s", r.status, r.stderr)
	}
	for _, want := range []string{
		"[t=0.000 Task-2] Attempting to attain lock\n",
		"[t=0.000 Task-2] Currently Locked\n",
		"[t=2.000 Task-3] Currently Locked\n",
		"[t=4.000 Task-1] All Tasks Completed\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	for _, want := range []string{
		"  Lock A     acquire      2       1         2.000      1.000         2.000  1 of 1\n",
		"  Task-3    0.000    0.000  0.000    2.000     2.000  done\n",
		"timeline of scripts/tutorial/lock_sleep.lua (virtual clock): 0 to 4.000 s, one column = 0.1 s\n",
		"Task-3|#-------------------#zzzzzzzzzzzzzzzzzz#| done\n",
		"Lock A|2222222222222222222233333333333333333333|\n",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
}

// The lints, the slow-task warning and the deadlock's cycle, as a person sees them.
func TestWarningsOnTheCommandLine(t *testing.T) {
	cycle := writeScript(t, "cycle.lua", "local a, b = Lock(), Lock()\nlocal function f(x, y) x:acquire() sleep(1) y:acquire() end\ngather(spawn(f, a, b), spawn(f, b, a))\n")
	held := writeScript(t, "held.lua", "local l = Lock()\nspawn(function()\n  l:acquire()\nend)\nsleep(1)\n")
	cases := []struct {
		args   []string
		status int
		stderr []string
	}{
		{[]string{"scripts/exercises/12-lost-wakeup/exercise.lua"}, exitDeadlock, []string{
			"luasync: warning: Condition A: Task-3 began waiting at scripts/exercises/12-lost-wakeup/exercise.lua:22 (t=2.000) after Task-2's notify() at scripts/exercises/12-lost-wakeup/exercise.lua:14 (t=1.000) had found nobody waiting"}},
		{[]string{cycle}, exitDeadlock, []string{"  cycle: Task-2 waits for Lock B held by Task-3, which waits for Lock A held by Task-2\n"}},
		{[]string{held}, exitOK, []string{"luasync: warning: Task-2 finished at t=0.000 while holding Lock A, acquired at " + held + ":3"}},
		{[]string{lockTutorial}, exitOK, []string{"luasync: warning: Task-2 blocks for 2 s, at scripts/tutorial/lock.lua:13: block() keeps the baton on purpose"}},
	}
	for _, c := range cases {
		r := runCLI(t, "", append([]string{"run", "--clock", "virtual"}, c.args...)...)
		if r.status != c.status {
			t.Errorf("%v: status %d, want %d", c.args, r.status, c.status)
		}
		for _, want := range c.stderr {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%v: stderr lacks %q:\n%s", c.args, want, r.stderr)
			}
		}
	}
	// A correct program gets no warning: wait_for(lock.acquire, t, lock), asyncio's
	// wait_for(lock.acquire(), t), takes the lock in the caller's own task.
	idiom := writeScript(t, "idiom.lua", "local l = Lock()\nwait_for(l.acquire, 1, l)\nsleep(1)\nl:release()\n")
	for _, path := range []string{"scripts/tutorial/lock_sleep.lua", "scripts/exercises/12-lost-wakeup/solution.lua", "scripts/exercises/11-worker-pool/solution.lua", idiom} {
		if r := runCLI(t, "", "run", "--clock", "virtual", path); strings.Contains(r.stderr, "warning") {
			t.Errorf("%s: %s", path, r.stderr)
		}
	}
}

// check passes the flags on to each script's run: with several scripts each gets
// its own trace; --timestamps shows the stamped lines and still compares the plain
// ones; --stats shows each child's stderr.
func TestCheckPassesObservationFlags(t *testing.T) {
	dir := t.TempDir()
	trace := filepath.Join(dir, "t.json")
	r := runCLI(t, "", "check", "--trace", trace, "--timestamps", "--stats", "scripts/tutorial/lock.lua", "scripts/tutorial/lock_sleep.lua")
	if r.status != 0 {
		t.Fatalf("status %d:\n%s%s", r.status, r.stdout, r.stderr)
	}
	for _, want := range []string{"PASS scripts/tutorial/lock.lua", "    [t=4.000 Task-3] Unlocked Critical Section", "    stats of scripts/tutorial/lock_sleep.lua", "2 passed, 0 failed"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("check's output lacks %q:\n%s", want, r.stdout)
		}
	}
	for _, name := range []string{"t.scripts-tutorial-lock.json", "t.scripts-tutorial-lock_sleep.json"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("no trace for a script: %v", err)
		}
	}
	one := filepath.Join(dir, "one.svg")
	if r := runCLI(t, "", "check", "--timeline", one, "scripts/tutorial/lock.lua"); r.status != 0 {
		t.Fatalf("status %d: %s", r.status, r.stdout)
	}
	if _, err := os.Stat(one); err != nil {
		t.Errorf("one script: its timeline goes where it was asked: %v", err)
	}
}

func TestREPLTimeline(t *testing.T) {
	r := runCLI(t, "l = Lock()\nt = spawn(function() l:with(function() sleep(1) end) end)\nsleep(2)\n:timeline\n", "repl", "--clock", "virtual")
	// The entries run one after the other on one row; when each starts depends on
	// when the input comes (the virtual clock moves while the prompt waits).
	for _, want := range []string{
		"timeline of the session (virtual clock): 0 to ",
		"\nrepl  |#",
		"\nTask-1|#zzzzzzzzzzzzzzzzzzz# ",
		"\nLock A|11111111111111111111 ",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
}
