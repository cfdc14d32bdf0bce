// Package explore is luasync explore: a race that FIFO order hides is still a
// race. explore runs a script many times in this process, each run under another
// schedule: random ones (runtime.Random or runtime.PCT, seeded), or every schedule
// of the script in turn (runtime.Search), on the virtual clock, with its output
// captured, and stops at the first run that fails, printing the command that
// replays it.
package explore

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"luasync/bindings"
	base "luasync/internal/cli"
	"luasync/internal/engine"
	"luasync/runtime"
)

// Command is luasync explore.
func Command(e *base.Env, status *int) *cli.Command {
	return &cli.Command{
		Name:      "explore",
		Usage:     "run a script under many schedules, or all of them, to find the interleaving that breaks it",
		ArgsUsage: "SCRIPT [ARGS...]",
		Description: `Runs SCRIPT --runs times, each time letting the ready tasks run in another
order: at every switch, --strategy random picks one of the ready tasks at random;
--strategy pct gives each task a random priority, runs the highest, and lowers
the running task's priority at a few random moments (probabilistic concurrency
testing). Runs are on the virtual clock, with no input, their output captured.

--exhaustive runs every schedule instead, depth first, up to --max-runs: its
verdict "verified: all N schedules pass" is a proof. --deviations D runs every
schedule that departs at most D times from asyncio's order (the first ready task),
fewest deviations first, so the first failure found is a minimal one. --outcomes
does not stop at a failure: it lists every distinct output and exit status, with
how many schedules give it and a schedule file for each.

A run fails if a task's error goes unretrieved, the main chunk fails (a failed
assert too), the tasks deadlock, the exit status is not --expect-exit, or, with
--expect FILE, the output differs from FILE. explore stops at the first failing
run and shows its output, its report and the luasync run command that replays it
exactly (with --trace, --timeline or --stats, that replay records it), and saves
its choices in a new schedule file of the temporary folder, to step through with
luasync step --schedule-file. Otherwise it says how many runs passed and how many
distinct outputs they printed.

Run i's schedule seed comes from --seed and i, so the same command explores the
same schedules. --seed here is the schedules'; math.random's is --math-seed.

Exit status 0 if every run passed, 1 if one failed, 2 for a usage error, 130 if
interrupted (Ctrl-C).`,
		Flags:        flags(),
		OnUsageError: base.UsageError,
		Action: func(c *cli.Context) error {
			if !c.Args().Present() {
				return cli.Exit("explore: which script? (luasync explore SCRIPT [ARGS...])", base.ExitUsage)
			}
			cfg, err := exploreConfigOf(c)
			if err != nil {
				return err
			}
			*status = explore(e, cfg)
			return nil
		},
	}
}

// defaultExploreRuns is --runs unless told.
const defaultExploreRuns = 1000

// flags are explore's own, then those it shares with run, with PCT's beside
// math.random's seed (explore's --pct-steps: 0 measures it).
func flags() []cli.Flag {
	own := []cli.Flag{
		&cli.IntFlag{Name: "runs", Value: defaultExploreRuns, Usage: "how many runs, each under its own schedule"},
		&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "seed of the schedules: run i's schedule seed comes from it and i"},
		&cli.StringFlag{Name: "strategy", Value: "random", Usage: "`random` (any ready task, uniformly) or pct (random priorities and a few priority changes)"},
		&cli.StringFlag{Name: "expect", Usage: "a run fails if its output differs from the contents of `FILE`"},
		&cli.IntFlag{Name: "expect-exit", Usage: "a run fails if its exit status is not this one"},
		&cli.BoolFlag{Name: "exhaustive", Usage: "try every schedule, depth first, up to --max-runs: \"verified\" only if none is left"},
		&cli.IntFlag{Name: "deviations", Usage: "try every schedule that departs at most `D` times from asyncio's order, fewest first: the first failure is a minimal one"},
		&cli.IntFlag{Name: "max-runs", Value: defaultMaxRuns, Usage: "--exhaustive, --deviations and --verify stop after this many runs"},
		&cli.BoolFlag{Name: "verify", Usage: "the strongest search within --max-runs: every schedule if they fit, else every one within as many deviations as fit, fewest first"},
		&cli.BoolFlag{Name: "json", Usage: "print the verdict as one line of JSON (path, verdict, guarantee, schedules, counterexample), for autograders"},
		&cli.BoolFlag{Name: "outcomes", Usage: "list every distinct output and exit status, with how many schedules give it and a schedule file for each"},
	}
	pctSteps := &cli.IntFlag{Name: "pct-steps", Usage: "pct: the priority changes fall among the first `K` choices (0: as many as a FIFO run makes)"}
	shared := engine.ExploreFlags.Declare()
	named := func(name string) func(cli.Flag) bool { return func(f cli.Flag) bool { return f.Names()[0] == name } }
	depth := shared[slices.IndexFunc(shared, named("pct-depth"))]
	shared = slices.DeleteFunc(shared, named("pct-depth"))
	seed := slices.IndexFunc(shared, named("math-seed"))
	return slices.Concat(own, shared[:seed+1], []cli.Flag{depth, pctSteps}, shared[seed+1:])
}

// exploreConfig is one exploration.
type exploreConfig struct {
	run        engine.Config // what every run shares; its schedule seed is each run's own
	runs       int
	seed       uint64 // the schedule seeds' seed
	expectPath string // "": any output passes
	expectExit int
	measured   bool // run.PCTSteps was measured by a FIFO run

	search     searchMode // sampling, or a walk of the tree of schedules
	deviations int        // searchDeviations: the most a schedule may have
	maxRuns    int        // a walk of the tree stops after this many runs
	outcomes   bool       // list every outcome rather than stop at the first failure
	json       bool       // the verdict as one line of JSON
	// freshStates has each run build its own Lua state, rather than reuse the
	// last run's: what tests compare the reuse with.
	freshStates bool
}

// searchMode is how explore picks its schedules.
type searchMode int

const (
	searchSample     searchMode = iota // --strategy random or pct, --runs times
	searchExhaustive                   // every schedule, depth first
	searchDeviations                   // every schedule within --deviations, fewest first
)

// defaultMaxRuns is --max-runs unless told: the runs a walk of the tree makes at most.
const defaultMaxRuns = 20000

func exploreConfigOf(c *cli.Context) (exploreConfig, error) {
	run, err := engine.ExploreFlags.Parse(c)
	run.Schedule, run.PCTSteps = c.String("strategy"), c.Int("pct-steps")
	cfg := exploreConfig{
		run:        run,
		runs:       c.Int("runs"),
		seed:       c.Uint64("seed"),
		expectPath: c.String("expect"),
		expectExit: c.Int("expect-exit"),
		maxRuns:    c.Int("max-runs"),
		deviations: c.Int("deviations"),
		outcomes:   c.Bool("outcomes"),
	}
	searches := 0
	for _, name := range []string{"exhaustive", "deviations", "verify"} {
		if c.IsSet(name) {
			searches++
		}
	}
	cfg.json = c.Bool("json")
	switch {
	case searches > 1:
		return cfg, cli.Exit("--exhaustive, --deviations and --verify are three searches: choose one", base.ExitUsage)
	case cfg.json && cfg.outcomes:
		return cfg, cli.Exit("--json prints a verdict, --outcomes a list: choose one", base.ExitUsage)
	case c.Bool("exhaustive"):
		cfg.search = searchExhaustive
	case c.IsSet("deviations"):
		cfg.search = searchDeviations
	case c.Bool("verify"):
		cfg.search, cfg.deviations = searchDeviations, -1 // as many as fit
	}
	tree := cfg.search != searchSample
	switch {
	case tree && (c.IsSet("strategy") || c.IsSet("runs")):
		return cfg, cli.Exit("--strategy and --runs are for random schedules; --exhaustive, --deviations and --verify try schedules in order, up to --max-runs", base.ExitUsage)
	case !tree && c.IsSet("max-runs"):
		return cfg, cli.Exit("--max-runs bounds --exhaustive, --deviations and --verify; random schedules stop after --runs", base.ExitUsage)
	case cfg.deviations < 0 && c.IsSet("deviations"):
		return cfg, cli.Exit(fmt.Sprintf("--deviations must be 0 or more, not %d", cfg.deviations), base.ExitUsage)
	case cfg.maxRuns < 1:
		return cfg, cli.Exit(fmt.Sprintf("--max-runs must be at least 1, not %d", cfg.maxRuns), base.ExitUsage)
	case cfg.run.Schedule != "random" && cfg.run.Schedule != "pct":
		return cfg, cli.Exit(fmt.Sprintf("--strategy must be random or pct, not %q", cfg.run.Schedule), base.ExitUsage)
	case cfg.runs < 1:
		return cfg, cli.Exit(fmt.Sprintf("--runs must be at least 1, not %d", cfg.runs), base.ExitUsage)
	case cfg.run.PCTSteps < 0:
		return cfg, cli.Exit(fmt.Sprintf("--pct-steps must be 0 (measure) or more, not %d", cfg.run.PCTSteps), base.ExitUsage)
	}
	return cfg, err
}

// scheduleSeed is the schedule seed of run i (1, 2, ...) of an exploration from
// seed: the i-th number of a SplitMix64 sequence started at seed, cut to 40 bits so
// that the replay command stays short (13 digits at most).
func scheduleSeed(seed uint64, i int) uint64 {
	z := seed + uint64(i)*0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	z ^= z >> 31
	return z >> 24
}

// explore runs the exploration and prints its verdict; it returns the exit status.
func explore(e *base.Env, cfg exploreConfig) int {
	src, err := os.ReadFile(cfg.run.Script)
	if err != nil {
		fmt.Fprintf(e.Stderr, "luasync: cannot read the script: %v\n", err)
		return base.ExitUsage
	}
	var want string
	if cfg.expectPath != "" {
		b, err := os.ReadFile(cfg.expectPath)
		if err != nil {
			fmt.Fprintf(e.Stderr, "luasync: cannot read the expected output: %v\n", err)
			return base.ExitUsage
		}
		want = string(b)
	}
	var ctrlC interruptible
	stopListening := sync.OnceFunc(e.OnInterrupts(ctrlC.interrupt, ctrlC.abort))
	defer stopListening()

	// Every run: the same source, compiled once, no input, its output captured,
	// unobserved. (A script that does not compile fails each run, which says why.)
	cfg.run.Source, cfg.run.Stdin = src, strings.NewReader("")
	cfg.run.Compiled, _ = bindings.Compile(cfg.run.Script, src)
	// ...and one Lua state, put back as it was built before each run.
	if cfg.run.Reuse == nil && !cfg.freshStates {
		cfg.run.Reuse = engine.NewReuse()
		defer cfg.run.Reuse.Close()
	}
	if cfg.search != searchSample {
		return exploreTree(e, cfg, want, &ctrlC, stopListening)
	}
	if cfg.run.Schedule == "pct" && cfg.run.PCTSteps == 0 {
		// PCT's k: the choices a FIFO run of the script makes.
		var count countChoices
		run := cfg.run
		run.Strategy = &count
		exploreRun(run, &ctrlC)
		cfg.run.PCTSteps, cfg.measured = max(count.n, 1), true
	}
	bar := newProgress(e.Stderr, cfg.runs, "exploring "+cfg.run.Script)
	tally, outcomes := outputTally{}, outcomeTally{}
	for i := 1; i <= cfg.runs && !ctrlC.interrupted.Load(); i++ {
		run := cfg.run
		run.ScheduleSeed = scheduleSeed(cfg.seed, i)
		out := exploreRun(run, &ctrlC)
		if ctrlC.interrupted.Load() {
			break // Ctrl-C: the run did not end by itself
		}
		printed := out.stdout
		if run.Observe.Timestamps {
			printed = engine.WithoutTimestamps(printed)
		}
		failed := cfg.failed(out.Status, printed, want)
		switch {
		case cfg.outcomes:
			outcomes.add(out.Status, printed, failed, i, nil, run.ScheduleSeed)
		case failed:
			bar.clear()
			stopListening() // the replay listens for itself
			if !cfg.json {
				reportFailure(e, e.Stdout, cfg, i, run, out, printed, want)
				return base.ExitFailed
			}
			c := reportFailure(e, io.Discard, cfg, i, run, out, printed, want)
			writeJSON(e.Stdout, engine.Verdict{Path: cfg.run.Script, Verdict: fmt.Sprintf("run %d of %d failed", i, cfg.runs),
				Guarantee: engine.GuaranteeSample, Deviations: -1, Schedules: i, Counterexample: c})
			return base.ExitFailed
		default:
			tally.add(printed, i, run.ScheduleSeed)
		}
		bar.add()
	}
	bar.clear()
	if ctrlC.interrupted.Load() {
		fmt.Fprintf(e.Stdout, "interrupted: %d of %d runs passed (%s); %s\n", tally.runs, cfg.runs, cfg.describe(), tally.count())
		return base.ExitInterrupted
	}
	if cfg.outcomes {
		recordOutcomes(cfg, &outcomes, &ctrlC)
		return outcomes.report(e.Stdout, cfg, guarantee{
			outcomes: fmt.Sprintf("over %d %s (not a proof: there may be more)", cfg.runs, cfg.describe()),
		})
	}
	verdict := fmt.Sprintf("no failure in %d %s (not a proof)", cfg.runs, cfg.describe())
	if cfg.json {
		writeJSON(e.Stdout, engine.Verdict{Path: cfg.run.Script, Pass: true, Verdict: verdict, Guarantee: engine.GuaranteeSample, Deviations: -1, Schedules: cfg.runs})
		return base.ExitOK
	}
	fmt.Fprintf(e.Stdout, "%s; %s\n", verdict, tally.count())
	if len(tally.outputs) > 1 {
		tally.show(e.Stdout, 3)
		fmt.Fprintf(e.Stdout, "replay a run with:\n    %s\n", replayCommand(cfg.run, "SEED", false))
	}
	return base.ExitOK
}

// recordOutcomes runs the first random schedule of each outcome again, recording
// its choices, for the schedule file that --outcomes gives.
func recordOutcomes(cfg exploreConfig, outcomes *outcomeTally, ctrlC *interruptible) {
	for _, o := range outcomes.order {
		run := cfg.run
		run.ScheduleSeed, run.Record = o.seed, true
		if out := exploreRun(run, ctrlC); out.Status == o.status {
			o.choices = out.Choices
		}
	}
}

// describe says which schedules an exploration tries.
func (cfg exploreConfig) describe() string {
	switch cfg.search {
	case searchExhaustive:
		return "every schedule, depth first"
	case searchDeviations:
		if cfg.deviations < 0 {
			return "every schedule, fewest deviations first"
		}
		return fmt.Sprintf("every schedule within %d %s of asyncio's order, fewest first", cfg.deviations, base.Plural(cfg.deviations, "deviation", "deviations"))
	}
	s := fmt.Sprintf("%s schedules from seed %d", cfg.run.Schedule, cfg.seed)
	if cfg.run.Schedule == "pct" {
		s += fmt.Sprintf(", depth %d, priority changes among the first %d choices", cfg.run.PCTDepth, cfg.run.PCTSteps)
		if cfg.measured {
			s += " (as many as a FIFO run makes)"
		}
	}
	if cfg.expectPath == "" {
		s += ", no --expect"
	}
	return s
}

// interruptible is how Ctrl-C reaches the runs of an exploration: the first
// interrupts the run going on and ends the exploration, a second aborts the run.
type interruptible struct {
	current     atomic.Pointer[engine.Run]
	interrupted atomic.Bool
}

func (c *interruptible) interrupt() {
	c.interrupted.Store(true)
	if r := c.current.Load(); r != nil {
		r.Interrupt()
	}
}

func (c *interruptible) abort() {
	if r := c.current.Load(); r != nil {
		r.Abort(engine.ErrInterruptedTwice)
	}
}

// track makes r the run that Ctrl-C interrupts, until the returned func is called.
func (c *interruptible) track(r *engine.Run) (untrack func()) {
	c.current.Store(r)
	if c.interrupted.Load() { // the Ctrl-C came before the store
		r.Interrupt()
	}
	return func() { c.current.Store(nil) }
}

// runOutcome is what one run of explore did: its outcome and what it printed.
type runOutcome struct {
	engine.Outcome
	stdout string
}

// exploreRun runs cfg's script once, quietly (no recorder, no lints), with its
// output captured; Ctrl-C reaches it through ctrlC.
func exploreRun(cfg engine.Config, ctrlC *interruptible) runOutcome {
	var stdout, stderr bytes.Buffer
	cfg.Stdout, cfg.Stderr, cfg.Observe.Quiet = &stdout, &stderr, true
	r, err := engine.Start(cfg)
	if err != nil {
		return runOutcome{Outcome: engine.OutcomeOf(err)}
	}
	untrack := ctrlC.track(r)
	out := r.Wait()
	untrack()
	out.Report = stderr.String() + out.Report
	return runOutcome{Outcome: out, stdout: stdout.String()}
}

// countChoices is FIFO that counts the choices it makes: PCT's k.
type countChoices struct{ n int }

func (c *countChoices) Choose(int, func(int) *runtime.Task) int {
	c.n++
	return 0
}

// maxShownLines bounds the lines of a run's output and stderr that explore shows.
const maxShownLines = 40

// reportFailure shows the failing run: its output, how it differs from the expected
// one, its exit status and report, and the command that replays it. The replay runs
// here too, through the engine as luasync run's do (observed, with the observation
// flags): what it shows on stderr, the lints included, is the report shown, and if
// it printed something else, that is a bug worth saying.
func reportFailure(e *base.Env, w io.Writer, cfg exploreConfig, i int, run engine.Config, out runOutcome, printed, want string) *engine.Counterexample {
	var replayOut, replayErr bytes.Buffer
	replayCfg := run
	replayCfg.Stdout, replayCfg.Stderr, replayCfg.Record = &replayOut, &replayErr, true
	replayCfg.Reuse = nil // a state of its own, as luasync run makes it
	replay := e.RunScript(replayCfg, nil)
	replay.WriteReport(&replayErr)
	// The same format step writes and reads, in a new file named after the script's
	// folder and name and the run.
	saved := engine.NewScheduleFile(run.Script, fmt.Sprintf("%s-%d", run.Schedule, run.ScheduleSeed))
	if saved != "" {
		if err := engine.SaveSchedule(saved, run.Script, replay.Choices); err != nil {
			fmt.Fprintf(&replayErr, "luasync: cannot save the schedule: %v\n", err)
			saved = ""
		}
	}

	c := &engine.Counterexample{Deviations: -1, Schedule: replay.Choices, ScheduleFile: saved, Output: out.stdout, ExitStatus: out.Status, Report: out.Report,
		Replay: replayCommand(run, fmt.Sprint(run.ScheduleSeed), out.Status == base.ExitTimeout)}
	fmt.Fprintf(w, "run %d of %d failed: %s schedule, seed %d\n", i, cfg.runs, run.Schedule, run.ScheduleSeed)
	showRun(w, cfg, fmt.Sprintf("run %d", i), out, printed, want, replay, replayOut.String(), replayErr.String(), maxShownLines)
	fmt.Fprintf(w, "replay it with:\n    %s\n", c.Replay)
	if saved != "" {
		fmt.Fprintf(w, "its choices are saved in %s: step through them with\n    luasync step --schedule-file %s %s\n",
			saved, saved, run.Script)
	}
	if replay.Status != out.Status || replayOut.String() != out.stdout {
		fmt.Fprintf(e.Stderr, "luasync: internal error: the replay of run %d ended otherwise (exit status %d, %d bytes of output, not %d and %d bytes)\n"+
			"This is a bug in luasync: please report it, with the script.\n", i, replay.Status, replayOut.Len(), out.Status, len(out.stdout))
	}
	return c
}

// showRun shows a failing run, named name: its output, how it differs from the
// expected one, its exit status and report: the replay's (replayed, which printed
// replayOut and reported replayErr), unless the replay ended otherwise; at most
// shown lines of the report.
func showRun(w io.Writer, cfg exploreConfig, name string, out runOutcome, printed, want string, replay engine.Outcome, replayOut, replayErr string, shown int) {
	if out.stdout == "" {
		fmt.Fprintln(w, "output: none")
	} else {
		fmt.Fprintf(w, "output:\n%s\n", base.Indent(base.FirstLines(out.stdout, maxShownLines)))
		if !strings.HasSuffix(out.stdout, "\n") {
			fmt.Fprintln(w, "    (no newline at the end)")
		}
	}
	if cfg.expectPath != "" && printed != want {
		fmt.Fprintf(w, "it differs from %s:\n%s\n", cfg.expectPath, base.Indent(base.UnifiedDiff(cfg.expectPath, name, want, printed, 30)))
	}
	report := replayErr
	if replay.Status != out.Status || replayOut != out.stdout {
		report = out.Report // the replay is not the run: show the run's own report
	}
	switch {
	case out.Status != cfg.expectExit:
		fmt.Fprintf(w, "exit status %d, want %d", out.Status, cfg.expectExit)
		if report != "" {
			fmt.Fprintf(w, ":\n%s", base.Indent(base.FirstLines(report, shown)))
		}
		fmt.Fprintln(w)
	case report != "":
		fmt.Fprintf(w, "stderr:\n%s\n", base.Indent(base.FirstLines(report, shown)))
	}
}

// replayCommand is the luasync run command that repeats a run of explore, with seed
// as its schedule seed: run's arguments for the run (without the files it records,
// PCT's settings where the schedule is not PCT, and explore's time limit unless the
// run timed out: its replay would never end), the script and its arguments.
func replayCommand(cfg engine.Config, seed string, timedOut bool) string {
	run := engine.RunFlags.Defaults
	if !timedOut {
		cfg.Timeout = run.Timeout
	}
	cfg.Observe = engine.Observe{Timestamps: cfg.Observe.Timestamps}
	if cfg.Schedule != "pct" {
		cfg.PCTDepth, cfg.PCTSteps = run.PCTDepth, run.PCTSteps
	}
	args := append([]string{"luasync", "run"}, engine.RunFlags.Args(cfg)...)
	for i := 1; i < len(args); i++ {
		if args[i-1] == "--schedule-seed" {
			args[i] = seed
		}
	}
	args = append(append(args, cfg.Script), cfg.Args...)
	return base.ShellCommand(args)
}

// outputTally counts the distinct outputs of the runs.
type outputTally struct {
	runs    int
	outputs map[[sha256.Size]byte]*seenOutput
	order   []*seenOutput
}

// seenOutput is one distinct output: how many runs printed it, and the first one.
type seenOutput struct {
	runs, first int
	seed        uint64
	sample      string // its first lines
}

func (t *outputTally) add(out string, run int, seed uint64) {
	if t.outputs == nil {
		t.outputs = map[[sha256.Size]byte]*seenOutput{}
	}
	key := sha256.Sum256([]byte(out))
	o := t.outputs[key]
	if o == nil {
		o = &seenOutput{first: run, seed: seed, sample: base.FirstLines(out, 10)}
		t.outputs[key] = o
		t.order = append(t.order, o)
	}
	o.runs++
	t.runs++
}

func (t *outputTally) count() string {
	if len(t.outputs) == 1 {
		return "1 distinct output"
	}
	return fmt.Sprintf("%d distinct outputs", len(t.outputs))
}

// show lists the n most frequent outputs, each with the first run that printed it.
func (t *outputTally) show(w io.Writer, n int) {
	sorted := slices.Clone(t.order)
	slices.SortStableFunc(sorted, func(a, b *seenOutput) int { return b.runs - a.runs })
	for _, o := range sorted[:min(n, len(sorted))] {
		fmt.Fprintf(w, "%d %s, the first run %d (schedule seed %d):\n", o.runs, base.Plural(o.runs, "run", "runs"), o.first, o.seed)
		if o.sample == "" {
			fmt.Fprintln(w, "    (no output)")
		} else {
			fmt.Fprintln(w, base.Indent(o.sample))
		}
	}
	if len(sorted) > n {
		fmt.Fprintf(w, "and %d more\n", len(sorted)-n)
	}
}

// progress is the bar explore draws on stderr while it runs, when stderr is a
// terminal and the search has taken more than a second: runs done, runs per second,
// and the bound the search has reached. The nil *progress draws nothing.
type progress struct{ bar *progressbar.ProgressBar }

// progressDelay is how long a search runs before its bar shows.
const progressDelay = time.Second

func newProgress(w io.Writer, runs int, what string) *progress {
	if !onTerminal(w) {
		return nil
	}
	// The bar counts from the start, so that its rate is right, and draws nothing
	// until progressDelay has passed.
	return &progress{progressbar.NewOptions(runs,
		progressbar.OptionSetWriter(&delayedWriter{w: w, from: time.Now().Add(progressDelay)}),
		progressbar.OptionSetDescription(what),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("runs"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
}

// onTerminal says whether w is a terminal, where a person reads what explore says.
func onTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// delayedWriter drops what is written to it before from, then writes to w.
type delayedWriter struct {
	w    io.Writer
	from time.Time
}

func (d *delayedWriter) Write(p []byte) (int, error) {
	if time.Now().Before(d.from) {
		return len(p), nil
	}
	return d.w.Write(p)
}

func (p *progress) add() {
	if p != nil {
		p.bar.Add(1)
	}
}

// describe says what the search has reached.
func (p *progress) describe(what string) {
	if p != nil {
		p.bar.Describe(what)
	}
}

func (p *progress) clear() {
	if p != nil {
		p.bar.Clear()
	}
}
