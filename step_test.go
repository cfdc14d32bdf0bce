package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"luasync/runtime"
)

// raceScript loses an update only if late adds while slow sleeps between its read
// and its write: FIFO never does that, a person (or a strategy) can.
const raceScript = `local count = 0
local function slow() local seen = count; sleep(0); count = seen + 1 end
local function late() sleep(0); sleep(0); count = count + 1 end
gather(spawn(slow), spawn(late))
print("count", count)
assert(count == 2, "an update was lost")
`

// step through piped input: the decisions are shown with each task's next line, the
// person picks, what the script prints comes in between, a failure is reported with
// the path of choices, and the saved schedule replays the run exactly.
func TestStepPiped(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "race.lua")
	os.WriteFile(script, []byte(raceScript), 0o644)
	saved := filepath.Join(dir, "race.schedule")

	// <enter> each time: first in line, as luasync would; nothing is lost.
	r := runCLI(t, "\n\n\n\n", "step", "--save", saved, script)
	if r.status != 0 || r.stdout != "count\t2\n" {
		t.Fatalf("FIFO choices: status %d, stdout %q, stderr:\n%s", r.status, r.stdout, r.stderr)
	}
	for _, want := range []string{
		"-- decision 1 at t=0.000: who runs next?\n *  2  Task-2     (not started yet)\n    3  Task-3     (not started yet)\n   waiting:\n       Task-1 waiting on gather [Task-2, Task-3], at " + script + ":4\nstep> ",
		" *  3  Task-3     (not started yet)\n    2  Task-2     at " + script + ":2",
		"local function slow() local seen = count; sleep(0); count = seen + 1 end",
		"choices saved in " + saved,
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}

	// Keep choosing Task-3 (id 3) while Task-2 sleeps in the middle of its update: lost.
	r = runCLI(t, "\n3\n3\nw 2\n3\n", "step", "--save", saved, script)
	if r.status != exitFailed || r.stdout != "count\t1\n" {
		t.Fatalf("racy choices: status %d, stdout %q, stderr:\n%s", r.status, r.stdout, r.stderr)
	}
	for _, want := range []string{
		"an update was lost",
		"Task-2, ready on sleep, at " + script + ":2:", // w 2: its traceback
		"luasync: the path of choices: Task-2, Task-3, Task-3, Task-3",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	f, _ := os.Open(saved)
	choices, err := runtime.ReadSchedule(f)
	f.Close()
	if err != nil || strings.Join(choices, " ") != "Task-2 Task-3 Task-3 Task-3" {
		t.Fatalf("saved schedule %v, %v", choices, err)
	}
	replay := runCLI(t, "", "run", "--clock", "virtual", "--schedule-file", saved, script)
	if replay.status != r.status || replay.stdout != r.stdout || strings.Contains(replay.stderr, "does not fit") {
		t.Errorf("replay: status %d, stdout %q, stderr:\n%s", replay.status, replay.stdout, replay.stderr)
	}

	// q quits; stepping through a schedule file offers its choices as the default.
	r = runCLI(t, "q\n", "step", "--save", saved, script)
	if r.status != exitInterrupted {
		t.Errorf("q: status %d, stderr:\n%s", r.status, r.stderr)
	}
	// Only the choices made are saved: none when q is the first answer, two when it
	// is the third.
	for input, want := range map[string]string{"q\n": "", "\n3\nq\n": "Task-2 Task-3"} {
		r = runCLI(t, input, "step", "--save", saved, script)
		f, _ := os.Open(saved)
		choices, err := runtime.ReadSchedule(f)
		f.Close()
		if err != nil || strings.Join(choices, " ") != want || !strings.Contains(r.stderr, fmt.Sprintf("%d %s saved in", len(choices), plural(len(choices), "choice", "choices"))) {
			t.Errorf("step answered %q saves %q (%v), want %q; stderr:\n%s", input, choices, err, want, r.stderr)
		}
	}
	os.WriteFile(saved, []byte("# take Task-3 first\nTask-3\n"), 0o644)
	r = runCLI(t, "\n\n\n", "step", "--schedule-file", saved, "--save", filepath.Join(dir, "again.schedule"), script)
	if !strings.Contains(r.stderr, "    2  Task-2     (not started yet)\n *  3  Task-3     (not started yet)") {
		t.Errorf("the schedule's choice is not the default:\n%s", r.stderr)
	}
}

func TestScheduleFileUsage(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "race.lua")
	os.WriteFile(script, []byte(raceScript), 0o644)
	bad := filepath.Join(dir, "bad.schedule")
	os.WriteFile(bad, []byte("Task-2 Task-3\n"), 0o644)
	if r := runCLI(t, "", "run", "--schedule-file", bad, script); r.status != exitUsage || !strings.Contains(r.stderr, "a schedule line names one task") {
		t.Errorf("bad schedule: %+v", r)
	}
	if r := runCLI(t, "", "run", "--schedule-file", filepath.Join(dir, "none"), script); r.status != exitUsage {
		t.Errorf("missing schedule: %+v", r)
	}
	unfit := filepath.Join(dir, "unfit.schedule")
	os.WriteFile(unfit, []byte("Task-8\n"), 0o644)
	if r := runCLI(t, "", "run", "--clock", "virtual", "--schedule-file", unfit, script); r.status != 0 ||
		!strings.Contains(r.stderr, "the schedule does not fit the run: at decision 1 it picks Task-8, but the ready tasks are Task-2, Task-3") {
		t.Errorf("unfit schedule: %+v", r)
	}
}

// explore saves the failing run's choices in a schedule file that run replays.
func TestExploreSavesItsSchedule(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "race.lua")
	os.WriteFile(script, []byte(raceScript), 0o644)
	r := runCLI(t, "", "explore", "--runs", "100", script)
	i := strings.Index(r.stdout, "its choices are saved in ")
	if r.status != exitFailed || i < 0 {
		t.Fatalf("explore: %+v", r)
	}
	path := strings.TrimSuffix(strings.Fields(r.stdout[i+len("its choices are saved in "):])[0], ":")
	defer os.Remove(path)
	replay := runCLI(t, "", "run", "--clock", "virtual", "--schedule-file", path, script)
	if replay.status != exitFailed || replay.stdout != "count\t1\n" {
		t.Errorf("replay of %s: %+v", path, replay)
	}
}

// Each schedule explore and step save goes in a new file named after the script's
// folder, so that exploring two exercise.lua files, or one twice, keeps both; a
// schedule names its script, and replaying it for another script warns.
func TestSavedSchedulesNameTheirScript(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where explore and step make their files
	dir := t.TempDir()
	var scripts []string
	for _, folder := range []string{"01-first", "13-second"} {
		os.Mkdir(filepath.Join(dir, folder), 0o755)
		scripts = append(scripts, filepath.Join(dir, folder, "exercise.lua"))
		os.WriteFile(scripts[len(scripts)-1], []byte(raceScript), 0o644)
	}
	savedBy := func(r cliResult, marker string) string {
		t.Helper()
		i := strings.Index(r.stdout+r.stderr, marker)
		if i < 0 {
			t.Fatalf("no %q: %+v", marker, r)
		}
		return strings.TrimSuffix(strings.Fields((r.stdout + r.stderr)[i+len(marker):])[0], ":")
	}
	var files []string
	for _, script := range []string{scripts[0], scripts[1], scripts[0]} {
		files = append(files, savedBy(runCLI(t, "", "explore", "--runs", "100", script), "its choices are saved in "))
	}
	files = append(files, savedBy(runCLI(t, "c\n", "step", scripts[1]), "choices saved in "))
	for i, f := range files {
		if filepath.Dir(f) != tmp || !strings.HasPrefix(filepath.Base(f), filepath.Base(filepath.Dir([]string{scripts[0], scripts[1], scripts[0], scripts[1]}[i]))+"-exercise-") {
			t.Errorf("file %d is %s: not in %s, or not named after the script's folder", i, f, tmp)
		}
		if slices.Contains(files[:i], f) {
			t.Errorf("file %d is %s again", i, f)
		}
	}
	b, _ := os.ReadFile(files[0])
	if !strings.Contains(string(b), "\n# script: "+scripts[0]+"\n") {
		t.Errorf("%s does not name its script:\n%s", files[0], b)
	}
	warning := "luasync: warning: " + files[0] + " was recorded for " + scripts[0] + ", not " + scripts[1] + ": its choices may not fit this script\n"
	for _, cmd := range [][]string{{"run", "--clock", "virtual"}, {"step"}} {
		other := runCLI(t, "c\n", append(cmd, "--schedule-file", files[0], scripts[1])...)
		if !strings.Contains(other.stderr, warning) {
			t.Errorf("%s of another script: no warning:\n%s", cmd[0], other.stderr)
		}
		// The same script, by another path: no warning.
		relative, _ := filepath.Rel(".", scripts[0])
		same := runCLI(t, "c\n", append(cmd, "--schedule-file", files[0], relative)...)
		if strings.Contains(same.stderr, "was recorded for") {
			t.Errorf("%s of its own script warns:\n%s", cmd[0], same.stderr)
		}
	}
}

// :step in the REPL: while an entry runs, the person chooses.
func TestREPLStep(t *testing.T) {
	input := ":step\nc = 0\nfunction inc() local v = c; sleep(0); c = v + 1 end\ngather(spawn(inc), spawn(inc))\n2\n\n\n\nprint(c)\n:step\ngather(spawn(inc), spawn(inc))\nprint(c)\n"
	r := runCLI(t, input, "repl", "--clock", "virtual")
	want := "stepping is on: while an entry runs, you choose the task that runs at each decision (:step again to stop)\nnil\tnil\n1\nstepping is off\nnil\tnil\n2\n"
	if r.stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s\nstderr:\n%s", r.stdout, want, r.stderr)
	}
	if !strings.Contains(r.stderr, "-- decision 1 at t=0.000: who runs next?") {
		t.Errorf("no decision shown:\n%s", r.stderr)
	}
}

// step on a terminal: the same, through a pseudo-terminal.
func TestStepTerminal(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "race.lua")
	os.WriteFile(script, []byte(raceScript), 0o644)
	term := startTerminalWith(t, dir, "step", "--save", filepath.Join(dir, "s.schedule"), script)
	term.expect("who runs next?")
	term.expect("step> ")
	term.send("\r")
	term.expect("step> ")
	term.send("3\r")
	term.expect("step> ")
	term.send("3\r")
	term.expect("step> ")
	term.send("c\r")
	term.expect("count\t2")
	term.expect("choices saved in")
	term.waitExit()
}
