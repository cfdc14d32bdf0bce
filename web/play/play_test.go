package play

import (
	"os"
	"strings"
	"testing"

	base "luasync/internal/cli"
	"luasync/internal/cli/check"
	"luasync/internal/cli/explore"
	"luasync/internal/cli/run"
	"luasync/internal/clitest"
	"luasync/internal/engine"
)

// The tests run from the module's root; check's children are this test binary.
func TestMain(m *testing.M) {
	clitest.Main(m, []base.Command{run.Command, check.Command, explore.Command})
}

// The lock tutorial prints, through the sink, what lock.expected says, on the
// virtual clock by default, and its run draws a timeline.
func TestRunStreamsTheLockTutorial(t *testing.T) {
	src, err := os.ReadFile("scripts/tutorial/lock.lua")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("scripts/tutorial/lock.expected")
	if err != nil {
		t.Fatal(err)
	}
	var stdout strings.Builder
	writes := 0
	res := Run(Request{Name: "lock.lua", Source: string(src)}, Sinks{Stdout: func(s string) { writes++; stdout.WriteString(s) }})
	if res.Status != engine.ExitOK || stdout.String() != string(want) {
		t.Fatalf("status %d, stdout %q, want %q; report:\n%s", res.Status, stdout.String(), want, res.Report)
	}
	if writes < 2 {
		t.Errorf("%d writes: the output should arrive as it is printed", writes)
	}
	if !strings.HasPrefix(res.SVG, "<svg") || !strings.Contains(res.SVG, "Task-2") {
		t.Errorf("no timeline: %.200q", res.SVG)
	}
}

// A deadlock ends with its exit status and its report; a script that does not
// compile says where.
func TestRunReportsFailures(t *testing.T) {
	res := Run(Request{Name: "dead.lua", Source: "local l = Lock()\nl:acquire()\nl:acquire()\n"}, Sinks{})
	if res.Status != engine.ExitDeadlock || !strings.Contains(res.Report, "deadlock") {
		t.Errorf("deadlock: status %d, report:\n%s", res.Status, res.Report)
	}
	res = Run(Request{Name: "bad.lua", Source: "print(\n"}, Sinks{})
	if res.Status != engine.ExitFailed || !strings.Contains(res.Report, "bad.lua") {
		t.Errorf("syntax error: status %d, report:\n%s", res.Status, res.Report)
	}
}

// Stop cancels a run that would never end (the virtual clock runs its sleeps at
// once), as Ctrl-C does: the task's cleanup runs.
func TestStopEndsARun(t *testing.T) {
	src := `local ok, err = pcall(function() while true do sleep(1) end end)
print("cleanup", err)
`
	done := make(chan Result)
	s := Start(Request{Source: src}, Sinks{Stdout: func(string) {}, Stderr: func(string) {}}, func(r Result) { done <- r })
	s.Stop()
	res := <-done
	if res.Status != engine.ExitInterrupted {
		t.Errorf("status %d, want %d; report:\n%s", res.Status, engine.ExitInterrupted, res.Report)
	}
}
