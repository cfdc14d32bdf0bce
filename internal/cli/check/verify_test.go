package check_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"luasync/internal/app"
	"luasync/internal/clitest"
	"luasync/internal/engine"
)

// verifyFiles are scripts for check --verify: one correct under every schedule
// (a lock around a read-wait-write), one that asyncio's order passes and that one
// deviation breaks (the second task first), and one that asyncio's order fails.
var verifyFiles = map[string]string{
	"locked.lua": `local count, lock = 0, Lock()
local function visit() lock:acquire() local seen = count; sleep(0); count = seen + 1 lock:release() end
gather(spawn(visit), spawn(visit), spawn(visit))
print(count)
`,
	"locked.expected": "3\n",
	"first.lua": `local first
local function go(name) first = first or name end
gather(spawn(go, "a"), spawn(go, "b"))
print(first)
`,
	"first.expected": "a\n",
	"lost.lua": `local count = 0
local function visit() local seen = count; sleep(0); count = seen + 1 end
gather(spawn(visit), spawn(visit))
print(count)
`,
	"lost.expected": "2\n",
}

func writeVerifyFiles(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range verifyFiles {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("TMPDIR", t.TempDir()) // the schedule files the searches save
	return dir
}

// check --verify proves what fits the budget, and fails a script some schedule
// breaks with a smallest counterexample and the command that replays it.
func TestCheckVerify(t *testing.T) {
	dir := writeVerifyFiles(t)
	r := clitest.Run(t, app.Commands, "", "check", "--verify", dir)
	for _, want := range []string{
		"FAIL " + filepath.Join(dir, "first.lua") + " (",
		"    fails with 1 deviation from asyncio's order: at decision 1 run Task-3 instead of Task-2 (a smallest counterexample: every schedule with fewer deviations passes)\n    output:\n        b\n",
		"    replay it with:\n        luasync run --clock virtual --schedule-file ",
		"FAIL " + filepath.Join(dir, "lost.lua") + " (",
		"    it fails in asyncio's own order: that run, with 0 deviations, is a smallest counterexample\n",
		"PASS " + filepath.Join(dir, "locked.lua") + " (",
		"    verified: all ",
		"1 passed, 2 failed\n",
	} {
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("the report lacks %q:\n%s%s", want, r.Stdout, r.Stderr)
		}
	}
	if r.Status != 1 {
		t.Errorf("status %d, want 1", r.Status)
	}
	// A budget too small for every schedule: the guarantee is a number of deviations.
	r = clitest.Run(t, app.Commands, "", "check", "--verify", "--max-runs", "2", filepath.Join(dir, "locked.lua"))
	if r.Status != 0 || !strings.Contains(r.Stdout, "    no failure within 0 deviations (2 schedules; --max-runs 2 stopped the search among those with 1)\n") {
		t.Errorf("status %d:\n%s%s", r.Status, r.Stdout, r.Stderr)
	}
}

// check --json prints one record per script, in order, and nothing else.
func TestCheckJSON(t *testing.T) {
	dir := writeVerifyFiles(t)
	r := clitest.Run(t, app.Commands, "", "check", "--verify", "--json", dir)
	lines := strings.Split(strings.TrimSuffix(r.Stdout, "\n"), "\n")
	if r.Status != 1 || len(lines) != 3 {
		t.Fatalf("status %d, %d lines:\n%s%s", r.Status, len(lines), r.Stdout, r.Stderr)
	}
	var records []engine.Verdict
	for _, line := range lines {
		var v engine.Verdict
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		records = append(records, v)
	}
	first, locked, lost := records[0], records[1], records[2]
	if filepath.Base(first.Path) != "first.lua" || first.Pass || first.Guarantee != engine.GuaranteeDeviations || first.Deviations != 0 ||
		first.Counterexample == nil || first.Counterexample.Deviations != 1 || !first.Counterexample.Minimal ||
		len(first.Counterexample.At) != 1 || first.Counterexample.At[0] != (engine.Deviation{Decision: 1, Ran: "Task-3", Instead: "Task-2"}) ||
		first.Counterexample.Output != "b\n" || first.Counterexample.ScheduleFile == "" {
		t.Errorf("first.lua: %+v %+v", first, first.Counterexample)
	}
	if filepath.Base(locked.Path) != "locked.lua" || !locked.Pass || locked.Guarantee != engine.GuaranteeAll || locked.Schedules < 2 || locked.Counterexample != nil {
		t.Errorf("locked.lua: %+v", locked)
	}
	if filepath.Base(lost.Path) != "lost.lua" || lost.Pass || lost.Counterexample == nil || lost.Counterexample.Deviations != 0 || lost.Counterexample.Output != "1\n" {
		t.Errorf("lost.lua: %+v %+v", lost, lost.Counterexample)
	}
	// Without --verify, the record says the one run's guarantee.
	r = clitest.Run(t, app.Commands, "", "check", "--json", filepath.Join(dir, "first.lua"))
	var v engine.Verdict
	if err := json.Unmarshal([]byte(r.Stdout), &v); err != nil || !v.Pass || v.Guarantee != engine.GuaranteeDefault || v.Schedules != 1 {
		t.Errorf("%v: %s", err, r.Stdout)
	}
}

// The flags of the searches are checked before anything runs.
func TestCheckVerifyUsage(t *testing.T) {
	dir := writeVerifyFiles(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--verify", "--explore", "5"}, "--verify and --explore are two searches: choose one"},
		{[]string{"--max-runs", "5"}, "--max-runs bounds --verify's search"},
		{[]string{"--verify", "--max-runs", "0"}, "--max-runs must be at least 1, not 0"},
		{[]string{"--json", "--update"}, "--json reports checks; --update writes expected files: choose one"},
	} {
		r := clitest.Run(t, app.Commands, "", append(append([]string{"check"}, c.args...), dir)...)
		if r.Status != 2 || !strings.Contains(r.Stderr, c.want) {
			t.Errorf("%v: status %d, stderr %q", c.args, r.Status, r.Stderr)
		}
	}
}
