package play

import (
	"fmt"
	"strings"

	base "luasync/internal/cli"
	"luasync/internal/engine"
	"luasync/runtime"
)

// Explore in the page, as luasync explore: the script run again and again, each
// run under its own random (or PCT) schedule, on the virtual clock, until one
// fails; the same schedule seeds as the command, so its replay command is the
// command's.

// ExploreRequest is a script and how to explore it.
type ExploreRequest struct {
	Name, Source string
	Runs         int    // 0: 1000
	Seed         uint64 // the schedules' seed; 0: 1
	Strategy     string // "random" (the default) or "pct"
	Expected     string // with ExpectedName set, a run must print this
	ExpectedName string
	ExpectExit   int
}

// ExploreResult is an exploration's verdict.
type ExploreResult struct {
	Pass       bool
	Runs       int    // the runs made
	FailedRun  int    // the failing run's number, from 1
	Text       string // the verdict, as luasync explore words it
	Guarantee  string // what passing runs say, and do not
	Stdout     string // what the failing run printed
	Choices    []string
	ReplaySeed uint64
}

// scheduleSeed is the schedule seed of run i of an exploration from seed:
// luasync explore's (SplitMix64, cut to 40 bits).
func scheduleSeed(seed uint64, i int) uint64 {
	z := seed + uint64(i)*0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	z ^= z >> 31
	return z >> 24
}

// countChoices is FIFO that counts its choices: PCT's k.
type countChoices struct{ n int }

func (c *countChoices) Choose(int, func(int) *runtime.Task) int { c.n++; return 0 }

// Explore runs req's exploration; progress, if set, gets the runs done now and then.
func Explore(req ExploreRequest, progress func(done, of int)) ExploreResult {
	runs, seed, strategy := req.Runs, req.Seed, req.Strategy
	if runs <= 0 {
		runs = 1000
	}
	if seed == 0 {
		seed = 1
	}
	if strategy != "pct" {
		strategy = "random"
	}
	cfg := engine.Defaults()
	cfg.Script, cfg.Source, cfg.Clock = req.Name, []byte(req.Source), "virtual"
	if cfg.Script == "" {
		cfg.Script = "playground.lua"
	}
	cfg.Stdin, cfg.Schedule = strings.NewReader(""), strategy
	cfg.Reuse = engine.NewReuse() // one Lua state for every run, put back as built
	defer cfg.Reuse.Close()
	describe := fmt.Sprintf("%s schedules from seed %d", strategy, seed)
	if strategy == "pct" {
		var count countChoices
		c := cfg
		c.Strategy = &count
		quietRun(c)
		cfg.PCTSteps = max(count.n, 1)
		describe += fmt.Sprintf(", depth %d, priority changes among the first %d choices (as many as a FIFO run makes)", cfg.PCTDepth, cfg.PCTSteps)
	}
	if req.ExpectedName == "" {
		describe += ", no --expect"
	}
	distinct := map[string]bool{}
	for i := 1; i <= runs; i++ {
		run := cfg
		run.ScheduleSeed = scheduleSeed(seed, i)
		status, stdout, _ := quietRun(run)
		if status != req.ExpectExit || (req.ExpectedName != "" && stdout != req.Expected) {
			return failure(req, run, i, runs, status, stdout)
		}
		distinct[stdout] = true
		if progress != nil && (i%20 == 0 || i == runs) {
			progress(i, runs)
		}
	}
	count := "1 distinct output"
	if len(distinct) > 1 {
		count = fmt.Sprintf("%d distinct outputs", len(distinct))
	}
	return ExploreResult{
		Pass: true, Runs: runs,
		Text:      fmt.Sprintf("no failure in %d %s (not a proof); %s\n", runs, describe, count),
		Guarantee: guarantee(strategy, runs),
	}
}

// guarantee is what runs that all passed say.
func guarantee(strategy string, runs int) string {
	if strategy == "pct" {
		return fmt.Sprintf("PCT finds a bug of depth d among n tasks and k choices in each run with a probability of at least 1/(n·k^(d-1)): %d runs that passed make such a bug unlikely, not impossible.", runs)
	}
	return fmt.Sprintf("%d random schedules passed: evidence, not proof; a race that needs a long, particular order may need more runs, or PCT.", runs)
}

// quietRun runs cfg once without a recorder and returns its status, output and
// report.
func quietRun(cfg engine.Config) (int, string, string) {
	var stdout, stderr strings.Builder
	cfg.Stdout = sink(func(s string) { stdout.WriteString(s) })
	cfg.Stderr = sink(func(s string) { stderr.WriteString(s) })
	cfg.Observe.Quiet = true
	r, err := engine.Start(cfg)
	if err != nil {
		o := engine.OutcomeOf(err)
		return o.Status, "", o.Report
	}
	o := r.Wait()
	return o.Status, stdout.String(), stderr.String() + o.Report
}

// failure reports run i, which failed, as luasync explore does; its replay (as
// luasync run makes it, with its choices kept) gives the report and the path to
// open in step mode.
func failure(req ExploreRequest, run engine.Config, i, runs, status int, stdout string) ExploreResult {
	var replayOut, replayErr strings.Builder
	replay := run
	replay.Stdout = sink(func(s string) { replayOut.WriteString(s) })
	replay.Stderr = sink(func(s string) { replayErr.WriteString(s) })
	replay.Record = true
	replay.Reuse = nil // a state of its own, as luasync run makes it
	var o engine.Outcome
	if r, err := engine.Start(replay); err != nil {
		o = engine.OutcomeOf(err)
	} else {
		o = r.Wait()
	}
	report := replayErr.String() + o.Report

	var w strings.Builder
	fmt.Fprintf(&w, "run %d of %d failed: %s schedule, seed %d\n", i, runs, run.Schedule, run.ScheduleSeed)
	if stdout == "" {
		fmt.Fprintln(&w, "output: none")
	} else {
		fmt.Fprintf(&w, "output:\n%s\n", base.Indent(base.FirstLines(stdout, 40)))
		if !strings.HasSuffix(stdout, "\n") {
			fmt.Fprintln(&w, "    (no newline at the end)")
		}
	}
	if req.ExpectedName != "" && stdout != req.Expected {
		fmt.Fprintf(&w, "it differs from %s:\n%s\n", req.ExpectedName, base.Indent(base.UnifiedDiff(req.ExpectedName, fmt.Sprintf("run %d", i), req.Expected, stdout, 30)))
	}
	switch {
	case status != req.ExpectExit:
		fmt.Fprintf(&w, "exit status %d, want %d", status, req.ExpectExit)
		if report != "" {
			fmt.Fprintf(&w, ":\n%s", base.Indent(base.FirstLines(report, 40)))
		}
		fmt.Fprintln(&w)
	case report != "":
		fmt.Fprintf(&w, "stderr:\n%s\n", base.Indent(base.FirstLines(report, 40)))
	}
	args := []string{"luasync", "run", "--clock", "virtual", "--schedule", run.Schedule, "--schedule-seed", fmt.Sprint(run.ScheduleSeed)}
	if run.Schedule == "pct" {
		args = append(args, "--pct-depth", fmt.Sprint(run.PCTDepth), "--pct-steps", fmt.Sprint(run.PCTSteps))
	}
	fmt.Fprintf(&w, "replay it with:\n    %s\n", base.ShellCommand(append(args, run.Script)))
	return ExploreResult{Runs: i, FailedRun: i, Text: w.String(), Stdout: stdout, Choices: o.Choices, ReplaySeed: run.ScheduleSeed}
}
