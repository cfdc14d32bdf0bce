package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"luasync/internal/engine"
)

// lostUpdate is the shared-counter exercise: its starter loses updates under every
// schedule, FIFO included.
var lostUpdate = filepath.Join("scripts", "exercises", "01-lost-update")

// failingRun is what explore's report says of the run that failed.
type failingRun struct {
	run    int
	seed   string
	output string // the output as shown, without its indentation
	replay []string
}

var (
	failedLine = regexp.MustCompile(`(?m)^run (\d+) of \d+ failed: \w+ schedule, seed (\d+)$`)
	outputPart = regexp.MustCompile(`(?m)^output:\n((?:    .*\n)*)`)
	replayLine = regexp.MustCompile(`(?m)^replay it with:\n    (.*)$`)
)

// parseFailure reads explore's report of a failing run.
func parseFailure(t *testing.T, stdout string) failingRun {
	t.Helper()
	m, out, replay := failedLine.FindStringSubmatch(stdout), outputPart.FindStringSubmatch(stdout), replayLine.FindStringSubmatch(stdout)
	if m == nil || replay == nil {
		t.Fatalf("not a report of a failing run:\n%s", stdout)
	}
	f := failingRun{seed: m[2], replay: shellWords(t, replay[1])}
	fmt.Sscan(m[1], &f.run)
	if out != nil {
		f.output = regexp.MustCompile(`(?m)^    `).ReplaceAllString(out[1], "")
	}
	if len(f.replay) < 2 || f.replay[0] != "luasync" || f.replay[1] != "run" {
		t.Fatalf("the replay command is not a luasync run: %q", replay[1])
	}
	return f
}

// shellWords splits a command line as a POSIX shell would, for the quoting that
// replayCommand does: words, single-quoted parts and backslashes.
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	var words []string
	var word strings.Builder
	inWord, quoted, escaped := false, false, false
	for _, r := range line {
		switch {
		case escaped:
			word.WriteRune(r)
			escaped = false
		case !quoted && r == '\\':
			escaped, inWord = true, true
		case quoted && r == '\'':
			quoted = false
		case quoted:
			word.WriteRune(r)
		case r == '\'':
			quoted, inWord = true, true
		case r == ' ':
			if inWord {
				words = append(words, word.String())
				word.Reset()
				inWord = false
			}
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		t.Fatalf("unbalanced quotes in %q", line)
	}
	if inWord {
		words = append(words, word.String())
	}
	return words
}

// The lost update is found within 100 runs for a fixed seed, by both strategies,
// and the replay command prints the failing run's output byte for byte: as explore
// shows it, and as the run made it.
func TestExploreFindsTheLostUpdate(t *testing.T) {
	schedulesInTempDir(t)
	script, expected := filepath.Join(lostUpdate, "exercise.lua"), filepath.Join(lostUpdate, "expected.txt")
	want, _ := os.ReadFile(expected)
	for _, strategy := range []string{"random", "pct"} {
		t.Run(strategy, func(t *testing.T) {
			r := runCLI(t, "", "explore", "--runs", "100", "--seed", "1", "--strategy", strategy, "--expect", expected, script)
			if r.status != exitFailed {
				t.Fatalf("status %d, want %d; stdout:\n%s\nstderr:\n%s", r.status, exitFailed, r.stdout, r.stderr)
			}
			f := parseFailure(t, r.stdout)
			if f.run < 1 || f.run > 100 || !strings.HasPrefix(f.output, "counted ") || f.output == string(want) {
				t.Fatalf("run %d, output %q:\n%s", f.run, f.output, r.stdout)
			}
			for _, part := range []string{"it differs from " + expected, "-" + strings.TrimSpace(string(want)), "+" + strings.TrimSpace(f.output)} {
				if !strings.Contains(r.stdout, part) {
					t.Errorf("the report lacks %q:\n%s", part, r.stdout)
				}
			}
			if r.stderr != "" {
				t.Errorf("stderr: %s", r.stderr)
			}
			replay := runCLI(t, "", f.replay[1:]...)
			if replay.status != exitOK || replay.stdout != f.output {
				t.Errorf("%s: status %d, stdout %q; explore showed %q", strings.Join(f.replay, " "), replay.status, replay.stdout, f.output)
			}
			// The bytes the run itself printed, not only what the report shows.
			var printed bytes.Buffer
			cfg := engine.Defaults()
			cfg.Script, cfg.Clock, cfg.Schedule, cfg.MaxMemoryMB = script, "virtual", strategy, 0
			cfg.Stdin, cfg.Stdout, cfg.Stderr, cfg.Observe.Quiet = strings.NewReader(""), &printed, io.Discard, true
			fmt.Sscan(f.seed, &cfg.ScheduleSeed)
			if strategy == "pct" {
				i := indexOf(f.replay, "--pct-steps")
				fmt.Sscan(f.replay[i+1], &cfg.PCTSteps)
			}
			run, err := engine.Start(cfg)
			if err != nil {
				t.Fatal(err)
			}
			out := run.Wait()
			if printed.String() != replay.stdout || out.Status != replay.status {
				t.Errorf("run %d printed %q (status %d), its replay %q (status %d)", f.run, printed.String(), out.Status, replay.stdout, replay.status)
			}
			// The same command explores the same schedules (and saves them in a new
			// file: its name's random part differs).
			newFile := regexp.MustCompile(`-[0-9]+\.schedule\b`)
			if again := runCLI(t, "", "explore", "--runs", "100", "--seed", "1", "--strategy", strategy, "--expect", expected, script); newFile.ReplaceAllString(again.stdout, "") != newFile.ReplaceAllString(r.stdout, "") {
				t.Errorf("a second exploration reported otherwise:\n%s\nthen:\n%s", r.stdout, again.stdout)
			}
		})
	}
}

func indexOf(words []string, w string) int {
	for i, x := range words {
		if x == w {
			return i
		}
	}
	return -1
}

// Scripts that FIFO order passes and other orders break: a lock-order deadlock, a
// failed assert in a task nobody joins, the same in the main chunk. explore finds
// each within 100 runs, reports it, and the replay ends the same way.
func TestExploreFindsWhatFIFOHides(t *testing.T) {
	schedulesInTempDir(t)
	cases := []struct {
		name, src string
		status    int
		report    []string // in the report's stderr part
	}{
		{"deadlock", `
local a, b = Lock(), Lock()
local function one() a:acquire() sleep(0) b:acquire() print("one") b:release() a:release() end
local function two() sleep(0) sleep(0) b:acquire() sleep(0) a:acquire() print("two") a:release() b:release() end
gather(spawn(one), spawn(two))
print("done")
`, exitDeadlock, []string{"exit status 3, want 0:", "luasync: deadlock: 3 tasks are waiting", "cycle: "}},
		{"assert in a task", `
local ready = false
spawn(function() sleep(0) ready = true end)
spawn(function() sleep(0) assert(ready, "not ready yet") print("ready") end)
`, exitFailed, []string{"exit status 1, want 0:", "Task-3 failed: ", "not ready yet"}},
		{"assert in the main chunk", `
local n = 0
local function add(k) sleep(0) n = n * 10 + k end
gather(spawn(add, 1), spawn(add, 2), spawn(add, 3))
assert(n == 123, "n is " .. n)
print(n)
`, exitFailed, []string{"exit status 1, want 0:", "racy.lua:5: n is ", "in function 'assert'"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeScript(t, "racy.lua", c.src)
			if fifo := runCLI(t, "", "run", "--clock", "virtual", path); fifo.status != exitOK {
				t.Fatalf("FIFO order should pass: %+v", fifo)
			}
			r := runCLI(t, "", "explore", "--runs", "100", path)
			if r.status != exitFailed {
				t.Fatalf("status %d; stdout:\n%s", r.status, r.stdout)
			}
			for _, want := range c.report {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("the report lacks %q:\n%s", want, r.stdout)
				}
			}
			f := parseFailure(t, r.stdout)
			replay := runCLI(t, "", f.replay[1:]...)
			if replay.status != c.status || replay.stdout != f.output {
				t.Errorf("replay: status %d, stdout %q; want %d and %q", replay.status, replay.stdout, c.status, f.output)
			}
			// With the status it ends with expected, every run passes or fails otherwise.
			expectExit := runCLI(t, "", "explore", "--runs", "20", "--expect-exit", fmt.Sprint(c.status), path)
			if expectExit.status == exitFailed && strings.Contains(expectExit.stdout, fmt.Sprintf("exit status %d,", c.status)) {
				t.Errorf("--expect-exit %d still fails runs for that status:\n%s", c.status, expectExit.stdout)
			}
		})
	}
}

// FIFO runs are unchanged: --schedule fifo (whatever the schedule seed) prints
// exactly the expected output of every exercise solution and tutorial script.
func TestScheduleFIFOIsTheDefault(t *testing.T) {
	scripts, _ := filepath.Glob(filepath.Join("scripts", "exercises", "*", "solution.lua"))
	tutorial, _ := filepath.Glob(filepath.Join("scripts", "tutorial", "*.lua"))
	scripts = append(scripts, tutorial...)
	for _, script := range scripts {
		src, _ := os.ReadFile(script)
		want, err := os.ReadFile(expectedFile(script))
		if err != nil {
			t.Fatal(err)
		}
		args := strings.Fields(scriptDirectives(src)["args"])
		for _, flags := range [][]string{{"--schedule", "fifo"}, {"--schedule", "fifo", "--schedule-seed", "77"}} {
			r := runCLI(t, "", append(append(append([]string{"run", "--clock", "virtual"}, flags...), script), args...)...)
			if r.stdout != string(want) || r.status != exitOK {
				t.Errorf("%s %v: status %d\n%s", script, flags, r.status, unifiedDiff("expected", "stdout", string(want), r.stdout, 20))
			}
		}
	}
}

// Without --expect any output passes, and explore counts the distinct ones and
// shows the most frequent, with a schedule seed to replay each.
func TestExploreDistinctOutputs(t *testing.T) {
	schedulesInTempDir(t)
	path := writeScript(t, "order.lua", `
local function say(w) sleep(0) print(w) end
gather(spawn(say, "a"), spawn(say, "b"))
`)
	r := runCLI(t, "", "explore", "--runs", "60", path)
	if r.status != exitOK || !strings.HasPrefix(r.stdout, "no failure in 60 random schedules from seed 1, no --expect (not a proof); 2 distinct outputs\n") {
		t.Fatalf("status %d:\n%s%s", r.status, r.stdout, r.stderr)
	}
	for _, want := range []string{"    a\n    b\n", "    b\n    a\n", "replay a run with:\n    luasync run --clock virtual --schedule random --schedule-seed SEED " + path + "\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	// Each shown seed replays its output.
	for _, m := range regexp.MustCompile(`(?m)^\d+ runs?, the first run \d+ \(schedule seed (\d+)\):\n((?:    .*\n)+)`).FindAllStringSubmatch(r.stdout, -1) {
		replay := runCLI(t, "", "run", "--clock", "virtual", "--schedule", "random", "--schedule-seed", m[1], path)
		if want := strings.ReplaceAll(m[2], "    ", ""); replay.stdout != want {
			t.Errorf("seed %s: %q, want %q", m[1], replay.stdout, want)
		}
	}
	// --timestamps: compared without the stamps, shown with them; the script's
	// arguments and math.random's seed go to every run and to the replay command.
	args := writeScript(t, "args.lua", `
local word, x = ..., math.random(1000)
spawn(function() sleep(0) print(word, x) end)
spawn(function() sleep(0) error("late") end)
sleep(1)
`)
	r = runCLI(t, "", "explore", "--runs", "5", "--timestamps", "--math-seed", "9", args, "it's")
	f := parseFailure(t, r.stdout)
	if want := []string{"luasync", "run", "--clock", "virtual", "--seed", "9", "--timestamps", "--schedule", "random", "--schedule-seed", f.seed, args, "it's"}; strings.Join(f.replay, "|") != strings.Join(want, "|") {
		t.Errorf("replay command %q, want %q", f.replay, want)
	}
	if replay := runCLI(t, "", f.replay[1:]...); replay.stdout != f.output || !strings.HasPrefix(f.output, "[t=0.000 Task-2] it's\t") {
		t.Errorf("replay printed %q, explore showed %q", replay.stdout, f.output)
	}
}

func TestExploreUsage(t *testing.T) {
	path := writeScript(t, "ok.lua", `print("ok")`)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"explore"}, "which script?"},
		{[]string{"explore", "--strategy", "fifo", path}, `--strategy must be random or pct, not "fifo"`},
		{[]string{"explore", "--runs", "0", path}, "--runs must be at least 1"},
		{[]string{"explore", "--pct-depth", "0", path}, "--pct-depth must be at least 1"},
		{[]string{"explore", "no-such-script.lua"}, "cannot read the script"},
		{[]string{"explore", "--expect", "no-such-file", path}, "cannot read the expected output"},
		{[]string{"explore", "--clock", "real", path}, "flag provided but not defined: -clock"},
		{[]string{"run", "--schedule", "sideways", path}, `--schedule must be fifo, random or pct, not "sideways"`},
		{[]string{"run", "--schedule", "pct", "--pct-steps", "0", path}, "--pct-steps must be at least 1"},
		{[]string{"check", "--explore", "-1", path}, "--explore must be 0 or more"},
	} {
		if r := runCLI(t, "", c.args...); r.status != exitUsage || !strings.Contains(r.stderr, c.want) {
			t.Errorf("luasync %v: status %d, stderr %q; want %d and %q", c.args, r.status, r.stderr, exitUsage, c.want)
		}
	}
	if r := runCLI(t, "", "explore", "--runs", "3", path); r.status != exitOK || r.stdout != "no failure in 3 random schedules from seed 1, no --expect (not a proof); 1 distinct output\n" {
		t.Errorf("explore: %+v", r)
	}
}

// Ctrl-C stops the exploration: the run going on is interrupted, and explore says
// how many passed and exits with 130. The interrupt is there before the first run
// starts, so the test does not depend on timing (a run would never end without it).
func TestExploreInterrupted(t *testing.T) {
	schedulesInTempDir(t)
	path := writeScript(t, "forever.lua", "while true do sleep(1) end\n")
	var out, errOut bytes.Buffer
	interrupts := make(chan os.Signal, 1)
	interrupts <- os.Interrupt
	e := testEnv(t, strings.NewReader(""), &out, &errOut)
	e.interrupts = interrupts
	status := runWith([]string{"luasync", "explore", "--runs", "5", path}, e)
	if status != exitInterrupted || !strings.HasPrefix(out.String(), "interrupted: 0 of 5 runs passed (random schedules from seed 1, no --expect); 0 distinct outputs\n") {
		t.Errorf("status %d, stdout %q, stderr %q", status, out.String(), errOut.String())
	}
}

// explore's --timeout stops a run inside a long string search too.
func TestExploreTimeoutStopsASearch(t *testing.T) {
	path := writeScript(t, "search.lua", "print(('a'):rep(2^17):find('.-b'))\n")
	r := runCLI(t, "", "explore", "--runs", "2", "--timeout", "200ms", path)
	if r.status != exitFailed || !strings.Contains(r.stdout+r.stderr, "timed out after 200ms; Task-1 was running at "+path+":1") {
		t.Errorf("status %d, stdout %q, stderr %q", r.status, r.stdout, r.stderr)
	}
}

// A run that explore stopped at its --timeout is replayed with that timeout: the
// replay of an endless loop would never end.
func TestExploreReplayOfATimeoutKeepsIt(t *testing.T) {
	schedulesInTempDir(t)
	path := writeScript(t, "spin.lua", "while true do end\n")
	r := runCLI(t, "", "explore", "--runs", "1", "--timeout", "100ms", path)
	want := "replay it with:\n    luasync run --clock virtual --timeout 100ms --schedule random --schedule-seed 622941039753 " + path + "\n"
	if r.status != exitFailed || !strings.Contains(r.stdout, want) {
		t.Errorf("status %d, stdout %q, stderr %q", r.status, r.stdout, r.stderr)
	}
}

// check --explore N runs each script that passed under N random schedules too, and
// a schedule that breaks it fails the check with the replay command.
func TestCheckExplore(t *testing.T) {
	schedulesInTempDir(t)
	dir := writeFiles(t, map[string]string{
		"racy.lua":        "local function say(w) sleep(0) print(w) end\ngather(spawn(say, 'a'), spawn(say, 'b'))\n",
		"racy.expected":   "a\nb\n",
		"steady.lua":      "local q = Queue()\nspawn(function() for i = 1, 3 do q:put(i) sleep(0) end q:close() end)\nfor x in q:items() do print(x) end\n",
		"steady.expected": "1\n2\n3\n",
		"stuck.lua":       "--! exit: 3\nprint('before')\nLock():acquire() Queue():get()\n",
		"stuck.expected":  "before\n",
	})
	r := runCLI(t, "", "check", "--explore", "50", dir)
	if r.status != exitFailed {
		t.Errorf("status %d, want 1", r.status)
	}
	for _, want := range []string{
		"FAIL " + filepath.Join(dir, "racy.lua"),
		"    under 50 random schedules (luasync explore): exit status 1\n    run ",
		"    replay it with:\n        luasync run --clock virtual --schedule random --schedule-seed ",
		"PASS " + filepath.Join(dir, "steady.lua"),
		"PASS " + filepath.Join(dir, "stuck.lua"),
		"2 passed, 1 failed\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if r := runCLI(t, "", "check", dir); r.status != exitOK {
		t.Errorf("without --explore every script passes in FIFO order:\n%s", r.stdout)
	}
}

// schedulesInTempDir sends the schedules that explore saves of a failing run to a
// folder of the test's own, removed after it.
func schedulesInTempDir(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
}

// On a terminal, the smallest failing schedule that --deviations finds comes with
// the timeline of its run.
func TestExploreDeviationsShowsTheTimelineOnATerminal(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	script := filepath.Join(dir, "reversed.lua")
	os.WriteFile(script, []byte("local order = ''\nlocal function go(name) order = order .. name end\n"+
		"gather(spawn(go, 'a'), spawn(go, 'b'), spawn(go, 'c'))\nassert(order ~= 'cba', 'the tasks ran in reverse')\n"), 0o644)
	term := startTerminalWith(t, dir, "explore", "--deviations", "2", script)
	term.expect("failed, with 2 deviations from asyncio's order: at decision 1 run Task-4 instead of Task-2")
	term.expect("the tasks ran in reverse")
	term.expect("# running")
	term.expect("replay it with:")
	term.waitExit()
}
