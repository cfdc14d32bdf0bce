package main

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"luasync/internal/clitest"
	"luasync/internal/leaktest"
)

// update rewrites the expected-output files from what the scripts print:
// go test -run TestScripts -update
var update = flag.Bool("update", false, "rewrite the scripts' .expected files")

func TestMain(m *testing.M) {
	if os.Getenv(childEnvVar) == "1" {
		os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr)) // a child of check
	}
	leaktest.VerifyTestMain(m)
}

// childEnvVar makes the test binary act as luasync: check runs it as its child.
const childEnvVar = "LUASYNC_TEST_CHILD"

// testEnv is an env for an in-process run whose children are this test binary.
func testEnv(t *testing.T, stdin io.Reader, stdout, stderr io.Writer) *env {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return &env{
		stdin: stdin, stdout: stdout, stderr: stderr,
		exitNow:  func(code int) { t.Errorf("exitNow(%d) called", code) },
		selfPath: exe, childEnv: []string{childEnvVar + "=1"},
	}
}

// cliResult is what one in-process run of the command line produced.
type cliResult struct {
	status         int
	stdout, stderr string
}

// runCLI runs the whole command line in process: luasync args...
func runCLI(t *testing.T, stdin string, args ...string) cliResult {
	t.Helper()
	var out, errOut bytes.Buffer
	status := runWith(append([]string{"luasync"}, args...), testEnv(t, strings.NewReader(stdin), &out, &errOut))
	return cliResult{status, out.String(), errOut.String()}
}

// TestScripts runs every script under scripts/ on the virtual clock with seed 1 and
// compares its stdout with the .expected file beside it, and its exit status with
// the "--! exit:" directive (0 by default).
func TestScripts(t *testing.T) {
	var scripts []string
	filepath.WalkDir("scripts", func(path string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && path == filepath.Join("scripts", "exercises") {
			return filepath.SkipDir // checked by TestExercises: a starter must fail
		}
		if err == nil && strings.HasSuffix(path, ".lua") {
			scripts = append(scripts, path)
		}
		return err
	})
	if len(scripts) < 3 {
		t.Fatalf("found only %d scripts", len(scripts))
	}
	for _, path := range scripts {
		t.Run(path, func(t *testing.T) {
			skipAwaitingEventLoop(t, path)
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			d := scriptDirectives(src)
			args := []string{"run", "--clock", "virtual", "--seed", "1", "--timeout", "60s", path}
			if a := d["args"]; a != "" {
				args = append(args, strings.Fields(a)...)
			}
			r := runCLI(t, "", args...)
			expectedPath := newExpectedFile(path)
			if *update {
				if err := os.WriteFile(expectedPath, []byte(r.stdout), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(expectedPath)
			if err != nil {
				t.Fatalf("every script needs an expected-output file: %v", err)
			}
			if r.stdout != string(want) {
				t.Errorf("stdout differs from %s:\n%s\nwant:\n%s", expectedPath, r.stdout, want)
			}
			wantStatus := 0
			if s := d["exit"]; s != "" {
				wantStatus, _ = strconv.Atoi(s)
			}
			if r.status != wantStatus {
				t.Errorf("exit status %d, want %d; stderr:\n%s", r.status, wantStatus, r.stderr)
			}
		})
	}
}

// writeScript puts src in a file of a temporary folder and returns its path.
func writeScript(t *testing.T, name, src string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestExitStatusesAndMessages checks each documented exit status and that messages
// name the script and line, with a Lua traceback and never a Go panic.
func TestExitStatusesAndMessages(t *testing.T) {
	cases := []struct {
		name, src string
		args      []string // before the script
		status    int
		stdout    string
		stderr    []string // each must appear in stderr
	}{
		{"ok", `print("hi")`, nil, exitOK, "hi\n", nil},
		{"runtime error with traceback", "local function f()\n  error('boom')\nend\nf()\n", nil, exitFailed, "",
			[]string{"SCRIPT:2: boom\nstack traceback:\n", "SCRIPT:4: in main chunk"}},
		{"syntax error", "x = = 1\n", nil, exitFailed, "", []string{"SCRIPT:1: syntax error near '='"}},
		{"a task's unretrieved error", "spawn(function()\n  error('lost')\nend)\nprint('main ends')\n", nil, exitFailed, "main ends\n",
			[]string{"Task-2 failed: SCRIPT:2: lost\nstack traceback:"}},
		{"deadlock", "local q = Queue()\nq:get()\n", nil, exitDeadlock, "",
			[]string{"luasync: deadlock: 1 task is waiting and nothing can wake it\n  Task-1 waiting on Queue.get <Queue maxsize=0 _getters[1]>, at SCRIPT:2\n"}},
		{"os.exit", "print('a')\nos.exit(7)\nprint('b')\n", nil, 7, "a\n", nil},
		{"timeout stops an endless loop", "spawn(function()\n  while true do end\nend)\nsleep(1)\n", []string{"--timeout", "100ms"}, exitTimeout, "",
			[]string{"luasync: timed out after 100ms; Task-2 was running at SCRIPT:2"}},
		{"bad clock", "", []string{"--clock", "sideways"}, exitUsage, "", []string{`--clock must be real or virtual, not "sideways"`}},
		{"bad flag", "", []string{"--nope"}, exitUsage, "", []string{"flag provided but not defined: -nope"}},
		{"vararg tail call crash is contained", "spawn(function()\n  local function f(...) return f(1, ...) end\n  f()\nend)\nsleep(1)\nprint('main goes on')\n", nil, exitFailed, "main goes on\n",
			[]string{"Task-2 failed: SCRIPT:3: stack overflow"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeScript(t, "s.lua", c.src)
			args := append(append([]string{"run", "--clock", "virtual"}, c.args...), path)
			r := runCLI(t, "", args...)
			if r.status != c.status {
				t.Errorf("status %d, want %d; stderr:\n%s", r.status, c.status, r.stderr)
			}
			if r.stdout != c.stdout {
				t.Errorf("stdout %q, want %q", r.stdout, c.stdout)
			}
			for _, want := range c.stderr {
				want = strings.ReplaceAll(want, "SCRIPT", path)
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
				}
			}
			if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic:") {
				t.Errorf("a Go panic reached the user:\n%s", r.stderr)
			}
		})
	}
}

func TestCommandLineShapes(t *testing.T) {
	lock := filepath.Join("scripts", "tutorial", "lock_sleep.lua")
	want, _ := os.ReadFile(strings.TrimSuffix(lock, ".lua") + ".expected")
	for _, args := range [][]string{
		{"run", "--clock", "virtual", lock},
		{"--clock=virtual", lock}, // the shorthand: luasync [flags] x.lua
	} {
		if r := runCLI(t, "", args...); r.status != 0 || r.stdout != string(want) {
			t.Errorf("luasync %v: status %d, stdout %q, stderr %q", args, r.status, r.stdout, r.stderr)
		}
	}
	hello := writeScript(t, "hello.lua", `print("hello")`)
	if r := runCLI(t, "", hello); r.status != 0 || r.stdout != "hello\n" {
		t.Errorf("luasync x.lua: %+v", r)
	}
	if r := runCLI(t, "", "version"); r.status != 0 || !strings.HasPrefix(r.stdout, "luasync "+version) {
		t.Errorf("version: %+v", r)
	}
	if r := runCLI(t, "", "--help"); r.status != 0 || !strings.Contains(r.stdout, "run") || !strings.Contains(r.stdout, "Exit status") {
		t.Errorf("--help: %+v", r)
	}
	for _, args := range [][]string{{"run"}, {"frobnicate"}, {"run", "no-such-file.lua"}} {
		if r := runCLI(t, "", args...); r.status != exitUsage {
			t.Errorf("luasync %v: status %d, want %d", args, r.status, exitUsage)
		}
	}
	// Arguments after the script are the script's, even when they look like flags.
	path := writeScript(t, "args.lua", `print(#arg, ...)`)
	if r := runCLI(t, "", path, "a", "--seed", "9"); r.stdout != "3\ta\t--seed\t9\n" {
		t.Errorf("script arguments: %q %q", r.stdout, r.stderr)
	}
	// The same seed gives the same numbers; another seed others.
	rnd := writeScript(t, "rnd.lua", `print(math.random(1, 1000000))`)
	a, b, c := runCLI(t, "", "--seed", "5", rnd), runCLI(t, "", "--seed", "5", rnd), runCLI(t, "", "--seed", "6", rnd)
	if a.stdout != b.stdout || a.stdout == c.stdout {
		t.Errorf("seeds: %q %q %q", a.stdout, b.stdout, c.stdout)
	}
}

// Ctrl-C cancels every task, lets its cleanup run, lists the tasks and exits 130.
// The test sends the interrupt once the script says it is ready: no sleeping.
func TestInterruptCancelsAndLists(t *testing.T) {
	path := writeScript(t, "ctrlc.lua", `
local function worker(name)
  local ok, err = pcall(sleep, 3600)
  print(name .. " cleanup: " .. tostring(err))
end
local a, b = spawn(worker, "a"), spawn(worker, "b")
sleep(0)
print("ready")
gather(a, b)
print("not reached")
`)
	out := clitest.NewLineSignal("ready")
	var errOut bytes.Buffer
	interrupts := make(chan os.Signal, 1)
	go func() {
		<-out.Ready
		interrupts <- os.Interrupt
	}()
	status := runWith([]string{"luasync", "run", path}, &env{
		stdin: strings.NewReader(""), stdout: out, stderr: &errOut,
		exitNow: func(code int) { t.Errorf("exitNow(%d)", code) }, interrupts: interrupts,
	})
	if status != exitInterrupted {
		t.Errorf("status %d, stderr %s", status, errOut.String())
	}
	if got, want := out.String(), "ready\na cleanup: Cancelled: interrupted\nb cleanup: Cancelled: interrupted\n"; got != want {
		t.Errorf("stdout %q, want %q", got, want)
	}
	for _, want := range []string{"luasync: interrupted: cancelled 3 tasks", "Task-1 waiting on gather [Task-2, Task-3], at " + path + ":9 (cancelled)", "Task-2 waiting on sleep, at " + path + ":3 (done)"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut.String())
		}
	}
}

// A second Ctrl-C exits at once, even if the tasks ignore the first.
func TestSecondInterruptExitsAtOnce(t *testing.T) {
	path := writeScript(t, "stubborn.lua", "print('ready')\nwhile true do pcall(sleep, 3600) end\n")
	out := clitest.NewLineSignal("ready")
	interrupts := make(chan os.Signal)
	exited := make(chan int, 1)
	go func() {
		<-out.Ready
		interrupts <- os.Interrupt
		interrupts <- os.Interrupt
	}()
	var errOut bytes.Buffer
	status := runWith([]string{"luasync", "run", path}, &env{
		stdin: strings.NewReader(""), stdout: out, stderr: &errOut, interrupts: interrupts,
		exitNow: func(code int) { exited <- code }, // the real one never returns
	})
	if code := <-exited; code != exitInterrupted || status != exitInterrupted {
		t.Errorf("exitNow(%d), status %d; want %d", code, status, exitInterrupted)
	}
	if !strings.Contains(errOut.String(), "interrupted twice, exiting now") {
		t.Errorf("stderr: %s", errOut.String())
	}
}

// TestExercises checks both directions for every exercise folder: the solution
// prints expected.txt and exits 0, and the starter does not (an exercise whose
// starter passes teaches nothing).
func TestExercises(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("scripts", "exercises", "*", "exercise.lua"))
	if len(dirs) < 12 {
		t.Fatalf("found %d exercises, want at least 12", len(dirs))
	}
	for _, starter := range dirs {
		dir := filepath.Dir(starter)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			for _, f := range []string{"README.md", "solution.lua", "expected.txt"} {
				if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
					t.Fatalf("an exercise needs %s: %v", f, err)
				}
			}
			want, _ := os.ReadFile(filepath.Join(dir, "expected.txt"))
			solution := runCLI(t, "", "run", "--clock", "virtual", "--seed", "1", filepath.Join(dir, "solution.lua"))
			if solution.stdout != string(want) || solution.status != 0 {
				t.Errorf("the solution fails: status %d\n%s", solution.status, unifiedDiff("expected.txt", "stdout", string(want), solution.stdout, 30))
			}
			ex := runCLI(t, "", "run", "--clock", "virtual", "--seed", "1", starter)
			if ex.stdout == string(want) && ex.status == 0 {
				t.Errorf("the starter passes: it must be wrong")
			}
			if ex.status == exitDeadlock && !strings.Contains(ex.stderr, "luasync: deadlock:") {
				t.Errorf("a deadlocking starter must show the report:\n%s", ex.stderr)
			}
		})
	}
	// The same through luasync check, which students and teachers use.
	if r := runCLI(t, "", "check", "--solutions", filepath.Join("scripts", "exercises")); r.status != 0 {
		t.Errorf("check --solutions: %s", r.stdout)
	}
	r := runCLI(t, "", "check", filepath.Join("scripts", "exercises"))
	if fails := strings.Count(r.stdout, "FAIL "); fails != len(dirs) || strings.Contains(r.stdout, "PASS "+filepath.Join("scripts", "exercises", "01")) {
		t.Errorf("check on the starters: %d failed, want %d:\n%s", fails, len(dirs), r.stdout)
	}
}

// TestScheduleExercises checks the "find the schedule that breaks this" exercises:
// in FIFO order the program prints its expected output and exits 0, and the known
// breaking schedule (the answer) makes it fail, fitting the run to the end.
func TestScheduleExercises(t *testing.T) {
	schedules, _ := filepath.Glob(filepath.Join("scripts", "exercises", "*", "breaking.schedule"))
	if len(schedules) < 5 {
		t.Fatalf("found %d schedule exercises, want at least 5", len(schedules))
	}
	for _, schedule := range schedules {
		dir := filepath.Dir(schedule)
		program := filepath.Join(dir, "program.lua")
		t.Run(filepath.Base(dir), func(t *testing.T) {
			if _, err := os.Stat(filepath.Join(dir, "README.md")); err != nil {
				t.Fatal("an exercise needs a README.md")
			}
			want, err := os.ReadFile(filepath.Join(dir, "program.expected"))
			if err != nil {
				t.Fatal(err)
			}
			fifo := runCLI(t, "", "run", "--clock", "virtual", program)
			if fifo.status != 0 || fifo.stdout != string(want) {
				t.Errorf("in FIFO order: status %d\n%s", fifo.status, unifiedDiff("program.expected", "stdout", string(want), fifo.stdout, 20))
			}
			broken := runCLI(t, "", "run", "--clock", "virtual", "--schedule-file", schedule, program)
			if broken.status == 0 {
				t.Errorf("the breaking schedule does not break it:\n%s", broken.stdout)
			}
			if strings.Contains(broken.stderr, "does not fit") {
				t.Errorf("the breaking schedule does not fit the run:\n%s", broken.stderr)
			}
		})
	}
}

// LUASYNC_CPUPROFILE makes run write a CPU profile (gzipped protobuf) of the command;
// bench/pgo.sh makes default.pgo with it.
func TestCPUProfileEnv(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cpu.prof")
	t.Setenv(cpuProfileEnv, path)
	script := writeScript(t, "s.lua", "print('hi')\n")
	var out, errOut bytes.Buffer
	if status := run([]string{"luasync", "run", "--clock", "virtual", script}, strings.NewReader(""), &out, &errOut); status != exitOK || out.String() != "hi\n" {
		t.Fatalf("status %d, stdout %q, stderr:\n%s", status, out.String(), errOut.String())
	}
	data, err := os.ReadFile(path)
	if err != nil || len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		t.Fatalf("no gzipped profile at %s (%v, %d bytes)", path, err, len(data))
	}
}
