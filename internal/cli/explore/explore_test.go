package explore

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	base "luasync/internal/cli"
	"luasync/internal/clitest"
	"luasync/internal/engine"
	"luasync/runtime"
)

func TestMain(m *testing.M) { clitest.Main(m, []base.Command{Command}) }

// testEnv is an environment of no input, whose output goes to stdout and stderr.
func testEnv(stdout, stderr io.Writer) *base.Env {
	return &base.Env{Stdin: strings.NewReader(""), Stdout: stdout, Stderr: stderr, ExitNow: func(int) {}}
}

// Every exercise's solution survives 200 random schedules and 50 PCT ones against
// its expected output.
func TestExploreSolutionsSurvive(t *testing.T) {
	solutions, _ := filepath.Glob(filepath.Join("scripts", "exercises", "*", "solution.lua"))
	if len(solutions) < 12 {
		t.Fatalf("found %d solutions", len(solutions))
	}
	for _, solution := range solutions {
		expected := filepath.Join(filepath.Dir(solution), "expected.txt")
		t.Run(filepath.Base(filepath.Dir(solution)), func(t *testing.T) {
			t.Parallel()
			for _, c := range []struct {
				strategy string
				runs     int
			}{{"random", 200}, {"pct", 50}} {
				// Not through runCLI: urfave/cli's flag parsing is not safe in parallel.
				// No memory limit (maxMemoryMB 0): it would be the whole process's.
				var out, errOut bytes.Buffer
				run := engine.Defaults()
				run.Script, run.Clock, run.Schedule, run.MaxMemoryMB, run.PCTSteps = solution, "virtual", c.strategy, 0, 0
				status := explore(testEnv(&out, &errOut), exploreConfig{run: run, runs: c.runs, seed: 1, expectPath: expected})
				if status != base.ExitOK || !strings.HasPrefix(out.String(), fmt.Sprintf("no failure in %d %s schedules", c.runs, c.strategy)) || !strings.HasSuffix(out.String(), "; 1 distinct output\n") {
					t.Errorf("%s: status %d\n%s%s", c.strategy, status, out.String(), errOut.String())
				}
			}
		})
	}
}

// Run i's schedule seed: distinct over many runs, short, and another for another
// exploration seed.
func TestScheduleSeeds(t *testing.T) {
	seen := map[uint64]bool{}
	for seed := range uint64(3) {
		for i := 1; i <= 10000; i++ {
			s := scheduleSeed(seed, i)
			if s >= 1<<40 || seen[s] {
				t.Fatalf("seed %d, run %d: schedule seed %d (seen before: %v)", seed, i, s, seen[s])
			}
			seen[s] = true
		}
	}
}

// BenchmarkExplore measures explore's runs per second on a script of three tasks
// that switch about 20 times in all (checked below): each run makes a fresh
// scheduler, takes the Lua state the runs share back as it was built, runs the
// whole script under a random schedule and compares its output. Run it without
// -race: go test -run - -bench Explore .
func BenchmarkExplore(b *testing.B) {
	path := filepath.Join(b.TempDir(), "three.lua")
	src := `
local function worker(name)
  for i = 1, 6 do sleep(0) end
  return name
end
print(gather(spawn(worker, "a"), spawn(worker, "b"), spawn(worker, "c")))
`
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		b.Fatal(err)
	}
	expect := filepath.Join(b.TempDir(), "three.expected")
	os.WriteFile(expect, []byte("a\tb\tc\n"), 0o644)

	// How many times the baton changes hands in one run, under FIFO.
	var switches countSwitches
	cfg := engine.Defaults()
	cfg.Script, cfg.Clock, cfg.Stdout, cfg.Stderr = path, "virtual", &bytes.Buffer{}, &bytes.Buffer{}
	s, m := engine.NewLua(cfg, runtime.Options{Clock: runtime.NewVirtualClock(), Observer: &switches})
	chunk, err := m.Load(path, []byte(src))
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Run(m.MainTask(chunk)); err != nil {
		b.Fatal(err)
	}
	m.Close()
	if n := switches.n.Load(); n < 20 || n > 26 {
		b.Fatalf("%d switches, want about 20", n)
	}

	var out, errOut bytes.Buffer
	run := engine.Defaults()
	run.Script, run.Clock, run.Schedule = path, "virtual", "random"
	b.ResetTimer()
	status := explore(testEnv(&out, &errOut), exploreConfig{run: run, runs: b.N, seed: 1, expectPath: expect})
	b.StopTimer()
	if status != base.ExitOK {
		b.Fatalf("status %d: %s%s", status, out.String(), errOut.String())
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "runs/s")
	b.ReportMetric(float64(switches.n.Load()), "switches/run")
}

// countSwitches counts the hand-overs of the baton from one task to another.
type countSwitches struct {
	n    atomic.Int64
	last *runtime.Task
}

func (c *countSwitches) Observe(e runtime.TraceEvent) {
	if e.Kind == runtime.TraceRun && e.Task != c.last {
		c.n.Add(1)
		c.last = e.Task
	}
}
