package explore

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	base "luasync/internal/cli"
	"luasync/internal/clitest"
	"luasync/internal/engine"
	"luasync/runtime"
)

// exploreCLI runs luasync explore args... in process.
func exploreCLI(t *testing.T, args ...string) clitest.Result {
	t.Helper()
	t.Setenv("TMPDIR", t.TempDir()) // the schedule files it saves
	return clitest.Run(t, []base.Command{Command}, "", append([]string{"explore"}, args...)...)
}

// writeScript writes a script in a folder of the test's own and returns its path.
func writeScript(t *testing.T, name, src string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// interleavings is a script of three tasks that each print their name twice, with
// a waiting point after each line: every interleaving of the six lines is a
// distinct output, 6!/(2!2!2!) = 90 of them. Each task takes three steps (the last
// one returns), so its schedules are the interleavings of nine steps.
const interleavings = `
local function say(name) for _ = 1, 2 do io.write(name) sleep(0) end end
gather(spawn(say, "a"), spawn(say, "b"), spawn(say, "c"))
print()
`

// interleavingSchedules is how many schedules interleavings has: 9!/(3!3!3!), one
// decision wherever two of the tasks' steps are ready. It is the one count here
// that depends on how many steps the scheduler makes of a task.
const interleavingSchedules = 1680

// --exhaustive runs every schedule: the 90 interleavings are all among the outputs,
// and the verdict is a proof.
func TestExhaustiveCoversEverySchedule(t *testing.T) {
	script := writeScript(t, "three.lua", interleavings)
	r := exploreCLI(t, "--exhaustive", script)
	want := fmt.Sprintf("verified: all %d schedules pass; 90 distinct outputs\n(--outcomes lists them, with a schedule for each)\n", interleavingSchedules)
	if r.Status != base.ExitOK || r.Stdout != want {
		t.Errorf("status %d\n%s%s", r.Status, r.Stdout, r.Stderr)
	}
	// Up to --max-runs: then it says how far it got, and claims no proof.
	r = exploreCLI(t, "--exhaustive", "--max-runs", "40", script)
	if r.Status != base.ExitOK || !strings.HasPrefix(r.Stdout, "no failure in 40 schedules, depth first (not a proof: not every schedule was run); ") ||
		!strings.Contains(r.Stdout, "the search stopped at --max-runs 40") {
		t.Errorf("status %d\n%s%s", r.Status, r.Stdout, r.Stderr)
	}
}

// A script whose tasks must run in the reverse of their order to fail: asyncio's
// order runs a, b, c; the failure needs c first (a deviation), then b before a
// (another). Its tree: asyncio's order, three schedules with one deviation (c or b
// first, or a then c), then with two: b, c, a and the failing c, b, a.
const reversed = `
local order = ""
local function go(name) order = order .. name end
gather(spawn(go, "a"), spawn(go, "b"), spawn(go, "c"))
print(order)
assert(order ~= "cba", "the tasks ran in reverse")
`

// --deviations D tries schedules in increasing order of deviations: the failure
// reported is a minimal one, named decision by decision, with a schedule file that
// replays it; below its deviations, no failure is the verdict.
func TestDeviationsFindsTheMinimalFailure(t *testing.T) {
	script := writeScript(t, "reversed.lua", reversed)
	r := exploreCLI(t, "--deviations", "1", script)
	if r.Status != base.ExitOK || !strings.HasPrefix(r.Stdout, "no failure within 1 deviation (4 schedules); 4 distinct outputs\n") {
		t.Errorf("--deviations 1: status %d\n%s%s", r.Status, r.Stdout, r.Stderr)
	}
	r = exploreCLI(t, "--deviations", "3", script)
	want := "schedule 6 failed, with 2 deviations from asyncio's order: at decision 1 run Task-4 instead of Task-2, at decision 2 run Task-3 instead of Task-2\n" +
		"(no schedule with fewer deviations fails: they were all tried first)\n" +
		"output:\n    cba\n"
	if r.Status != base.ExitFailed || !strings.HasPrefix(r.Stdout, want) || !strings.Contains(r.Stdout, "the tasks ran in reverse") {
		t.Fatalf("status %d\n%s%s\nwant it to start\n%s", r.Status, r.Stdout, r.Stderr, want)
	}
	m := regexp.MustCompile(`(?m)^its choices are saved in (.*\.schedule); replay it with:\n    luasync run --clock virtual --schedule-file (.*) (.*)\n`).FindStringSubmatch(r.Stdout)
	if m == nil || m[1] != m[2] || m[3] != script {
		t.Fatalf("no replay command:\n%s", r.Stdout)
	}
	b, err := os.ReadFile(m[1])
	if err != nil {
		t.Fatal(err)
	}
	choices, err := runtime.ReadSchedule(bytes.NewReader(b))
	if err != nil || strings.Join(choices, " ") != "Task-4 Task-3" {
		t.Fatalf("the schedule file has %q (%v)", choices, err)
	}
	var printed bytes.Buffer
	if status := replaySchedule(t, script, choices, &printed); status != base.ExitFailed || printed.String() != "cba\n" {
		t.Errorf("the replay printed %q, status %d", printed.String(), status)
	}
}

// replaySchedule runs script under the choices of a schedule file, as luasync run
// --schedule-file does, and returns its exit status.
func replaySchedule(t *testing.T, script string, choices []string, stdout *bytes.Buffer) int {
	t.Helper()
	cfg := engine.Defaults()
	cfg.Script, cfg.Clock, cfg.MaxMemoryMB, cfg.Strategy = script, "virtual", 0, runtime.NewReplay(choices)
	cfg.Stdin, cfg.Stdout, cfg.Stderr, cfg.Observe.Quiet = strings.NewReader(""), stdout, &bytes.Buffer{}, true
	r, err := engine.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r.Wait().Status
}

// The lost update: three servers read a counter, wait and write it back. Its
// outcomes under every schedule are exactly the counts a lost update allows, and
// --exhaustive says the list is complete; each comes with a schedule that gives it.
func TestOutcomesOfALostUpdate(t *testing.T) {
	script := writeScript(t, "count.lua", `
local count = 0
local function visit() local seen = count; sleep(0); count = seen + 1 end
gather(spawn(visit), spawn(visit), spawn(visit))
print("count", count)
`)
	r := exploreCLI(t, "--exhaustive", "--outcomes", script)
	if r.Status != base.ExitOK || !strings.HasPrefix(r.Stdout, "the script can end in 3 ways, over all ") || !strings.Contains(r.Stdout, "schedules: the list is complete\n") {
		t.Fatalf("status %d\n%s%s", r.Status, r.Stdout, r.Stderr)
	}
	files := regexp.MustCompile(`(?m)^   replay: luasync run --clock virtual --schedule-file (\S+) `).FindAllStringSubmatch(r.Stdout, -1)
	if len(files) != 3 {
		t.Fatalf("%d replay commands:\n%s", len(files), r.Stdout)
	}
	var counts []string
	for _, f := range files {
		b, _ := os.ReadFile(f[1])
		choices, _ := runtime.ReadSchedule(bytes.NewReader(b))
		var printed bytes.Buffer
		replaySchedule(t, script, choices, &printed)
		if !strings.Contains(r.Stdout, "\n    "+strings.TrimSuffix(printed.String(), "\n")+"\n   replay: luasync run --clock virtual --schedule-file "+f[1]+" ") {
			t.Errorf("the schedule %s prints %q, not the outcome it is listed with:\n%s", f[1], printed.String(), r.Stdout)
		}
		counts = append(counts, strings.TrimSpace(printed.String()))
	}
	// asyncio's order loses two updates, and is the most frequent way to end
	if counts[0] != "count\t1" {
		t.Errorf("outcomes %q: asyncio's order first", counts)
	}
	for _, want := range []string{"count\t1", "count\t2", "count\t3"} {
		if !strings.Contains(r.Stdout, "    "+want+"\n") {
			t.Errorf("no outcome %q:\n%s", want, r.Stdout)
		}
	}
	// With --expect, the outcomes that differ fail, and so does explore.
	expect := writeScript(t, "count.expected", "count\t3\n")
	r = exploreCLI(t, "--exhaustive", "--outcomes", "--expect", expect, script)
	if r.Status != base.ExitFailed || !strings.Contains(r.Stdout, "1. passes: ") || strings.Count(r.Stdout, ". FAILS: ") != 2 {
		t.Errorf("status %d\n%s%s", r.Status, r.Stdout, r.Stderr)
	}
	// Random schedules list what they met, and say it is not a proof.
	r = exploreCLI(t, "--runs", "200", "--outcomes", script)
	if r.Status != base.ExitOK || !strings.HasPrefix(r.Stdout, "the script can end in 3 ways, over 200 random schedules from seed 1, no --expect (not a proof: there may be more)\n") {
		t.Errorf("status %d\n%s%s", r.Status, r.Stdout, r.Stderr)
	}
}

// The search flags are checked before anything runs.
func TestSearchUsage(t *testing.T) {
	script := writeScript(t, "x.lua", "print(1)\n")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--exhaustive", "--deviations", "2"}, "--exhaustive, --deviations and --verify are three searches: choose one"},
		{[]string{"--verify", "--exhaustive"}, "--exhaustive, --deviations and --verify are three searches: choose one"},
		{[]string{"--verify", "--json", "--outcomes"}, "--json prints a verdict, --outcomes a list: choose one"},
		{[]string{"--exhaustive", "--strategy", "pct"}, "--strategy and --runs are for random schedules"},
		{[]string{"--deviations", "1", "--runs", "5"}, "--strategy and --runs are for random schedules"},
		{[]string{"--max-runs", "5"}, "--max-runs bounds --exhaustive, --deviations and --verify"},
		{[]string{"--deviations", "-1"}, "--deviations must be 0 or more, not -1"},
		{[]string{"--exhaustive", "--max-runs", "0"}, "--max-runs must be at least 1, not 0"},
	} {
		r := exploreCLI(t, append(c.args, script)...)
		if r.Status != base.ExitUsage || !strings.Contains(r.Stderr, c.want) || r.Stdout != "" {
			t.Errorf("%v: status %d, stdout %q, stderr %q", c.args, r.Status, r.Stdout, r.Stderr)
		}
	}
}
