package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"luasync/runtime"
)

// luasync explore: a race that FIFO order hides is still a race. explore
// runs a script many times in this process, each run under another random schedule
// (runtime.Random or runtime.PCT, seeded), on the virtual clock, with its output
// captured, and stops at the first run that fails, printing the command that
// replays it.

func exploreCommand(e *env, status *int) *cli.Command {
	return &cli.Command{
		Name:      "explore",
		Usage:     "run a script under many random schedules to find the interleaving that breaks it",
		ArgsUsage: "SCRIPT [ARGS...]",
		Description: `Runs SCRIPT --runs times, each time letting the ready tasks run in another
order: at every switch, --strategy random picks one of the ready tasks at random;
--strategy pct gives each task a random priority, runs the highest, and lowers
the running task's priority at a few random moments (probabilistic concurrency
testing). Runs are on the virtual clock, with no input, their output captured.

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
		Flags:        exploreFlags(),
		OnUsageError: usageError,
		Action: func(c *cli.Context) error {
			if !c.Args().Present() {
				return cli.Exit("explore: which script? (luasync explore SCRIPT [ARGS...])", exitUsage)
			}
			cfg, err := exploreConfigOf(c)
			if err != nil {
				return err
			}
			*status = e.explore(cfg)
			return nil
		},
	}
}

// defaultExploreRuns is --runs unless told.
const defaultExploreRuns = 1000

// defaultExploreTimeout bounds each run of explore in real time unless told.
const defaultExploreTimeout = 10 * time.Second

func exploreFlags() []cli.Flag {
	return append([]cli.Flag{
		&cli.IntFlag{Name: "runs", Value: defaultExploreRuns, Usage: "how many runs, each under its own schedule"},
		&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "seed of the schedules: run i's schedule seed comes from it and i"},
		&cli.StringFlag{Name: "strategy", Value: "random", Usage: "`random` (any ready task, uniformly) or pct (random priorities and a few priority changes)"},
		&cli.StringFlag{Name: "expect", Usage: "a run fails if its output differs from the contents of `FILE`"},
		&cli.IntFlag{Name: "expect-exit", Usage: "a run fails if its exit status is not this one"},
		&cli.Uint64Flag{Name: "math-seed", Value: 1, Usage: "seed of math.random in every run (luasync run's --seed)"},
		&cli.IntFlag{Name: "pct-depth", Value: defaultPCTDepth, Usage: "pct: priority changes are one fewer than this (the bug depth)"},
		&cli.IntFlag{Name: "pct-steps", Usage: "pct: the priority changes fall among the first `K` choices (0: as many as a FIFO run makes)"},
		&cli.DurationFlag{Name: "timeout", Value: defaultExploreTimeout, Usage: "stop a run after this much real time; it fails with exit status 124"},
		&cli.BoolFlag{Name: "unsafe", Usage: "open Lua's standard libraries in full (files, commands, the environment)"},
		&cli.IntFlag{Name: "max-tasks", Usage: "at most this many unfinished tasks; spawn raises an error past it (0: no limit)"},
		&cli.IntFlag{Name: "max-memory", Value: defaultMaxMemoryMB, Usage: "stop a run past this many MiB of memory, exit status 4 (0: no limit)"},
	}, observeFlags()...)
}

// exploreConfig is one exploration.
type exploreConfig struct {
	run        runConfig // what every run shares; its schedule seed is each run's own
	runs       int
	seed       uint64 // the schedule seeds' seed
	expectPath string // "": any output passes
	expectExit int
	measured   bool // run.pctSteps was measured by a FIFO run
}

func exploreConfigOf(c *cli.Context) (exploreConfig, error) {
	cfg := exploreConfig{
		run: runConfig{
			path:    c.Args().First(),
			args:    c.Args().Tail(),
			clock:   "virtual",
			seed:    c.Uint64("math-seed"),
			timeout: c.Duration("timeout"),

			unsafe:      c.Bool("unsafe"),
			maxTasks:    c.Int("max-tasks"),
			maxMemoryMB: c.Int("max-memory"),
			observe:     observeConfigOf(c),

			schedule: c.String("strategy"),
			pctDepth: c.Int("pct-depth"),
			pctSteps: c.Int("pct-steps"),
		},
		runs:       c.Int("runs"),
		seed:       c.Uint64("seed"),
		expectPath: c.String("expect"),
		expectExit: c.Int("expect-exit"),
	}
	switch {
	case cfg.run.schedule != "random" && cfg.run.schedule != "pct":
		return cfg, cli.Exit(fmt.Sprintf("--strategy must be random or pct, not %q", cfg.run.schedule), exitUsage)
	case cfg.runs < 1:
		return cfg, cli.Exit(fmt.Sprintf("--runs must be at least 1, not %d", cfg.runs), exitUsage)
	case cfg.run.pctDepth < 1:
		return cfg, cli.Exit(fmt.Sprintf("--pct-depth must be at least 1, not %d", cfg.run.pctDepth), exitUsage)
	case cfg.run.pctSteps < 0:
		return cfg, cli.Exit(fmt.Sprintf("--pct-steps must be 0 (measure) or more, not %d", cfg.run.pctSteps), exitUsage)
	}
	return cfg, checkFlagValues(c)
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

// runOutcome is what one run of explore did.
type runOutcome struct {
	status         int
	stdout, stderr string
}

// explore runs the exploration and prints its verdict; it returns the exit status.
func (e *env) explore(cfg exploreConfig) int {
	src, err := os.ReadFile(cfg.run.path)
	if err != nil {
		fmt.Fprintf(e.stderr, "luasync: cannot read the script: %v\n", err)
		return exitUsage
	}
	var want string
	if cfg.expectPath != "" {
		b, err := os.ReadFile(cfg.expectPath)
		if err != nil {
			fmt.Fprintf(e.stderr, "luasync: cannot read the expected output: %v\n", err)
			return exitUsage
		}
		want = string(b)
	}
	var ctrlC interruptible
	stopListening := sync.OnceFunc(e.onInterrupts(ctrlC.interrupt, ctrlC.abort))
	defer stopListening()

	if cfg.run.schedule == "pct" && cfg.run.pctSteps == 0 {
		// PCT's k: the choices a FIFO run of the script makes.
		var count countChoices
		e.exploreRun(cfg.run, src, &count, &ctrlC)
		cfg.run.pctSteps, cfg.measured = max(count.n, 1), true
	}
	bar := newProgress(e.stderr, cfg.runs, "exploring "+cfg.run.path)
	tally := outputTally{}
	for i := 1; i <= cfg.runs && !ctrlC.interrupted.Load(); i++ {
		run := cfg.run
		run.scheduleSeed = scheduleSeed(cfg.seed, i)
		out := e.exploreRun(run, src, run.strategy(), &ctrlC)
		if ctrlC.interrupted.Load() {
			break // Ctrl-C: the run did not end by itself
		}
		printed := out.stdout
		if run.observe.timestamps {
			printed = timestampPrefix.ReplaceAllString(printed, "")
		}
		if out.status != cfg.expectExit || (cfg.expectPath != "" && printed != want) {
			bar.clear()
			stopListening() // the replay listens for itself
			e.reportFailure(cfg, i, run, out, printed, want)
			return exitFailed
		}
		tally.add(printed, i, run.scheduleSeed)
		bar.add()
	}
	bar.clear()
	if ctrlC.interrupted.Load() {
		fmt.Fprintf(e.stdout, "interrupted: %d of %d runs passed (%s); %s\n", tally.runs, cfg.runs, cfg.describe(), tally.count())
		return exitInterrupted
	}
	fmt.Fprintf(e.stdout, "%d runs passed (%s); %s\n", cfg.runs, cfg.describe(), tally.count())
	if len(tally.outputs) > 1 {
		tally.show(e.stdout, 3)
		fmt.Fprintf(e.stdout, "replay a run with:\n    %s\n", replayCommand(cfg.run, "SEED"))
	}
	return exitOK
}

// describe says which schedules an exploration tries.
func (cfg exploreConfig) describe() string {
	s := fmt.Sprintf("%s schedules from seed %d", cfg.run.schedule, cfg.seed)
	if cfg.run.schedule == "pct" {
		s += fmt.Sprintf(", depth %d, priority changes among the first %d choices", cfg.run.pctDepth, cfg.run.pctSteps)
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
	current     atomic.Pointer[runtime.Scheduler]
	interrupted atomic.Bool
}

func (c *interruptible) interrupt() {
	c.interrupted.Store(true)
	if s := c.current.Load(); s != nil {
		s.Interrupt()
	}
}

func (c *interruptible) abort() {
	if s := c.current.Load(); s != nil {
		s.Abort(errInterruptedTwice)
	}
}

// track makes s the run that Ctrl-C interrupts, until the returned func is called.
func (c *interruptible) track(s *runtime.Scheduler) (untrack func()) {
	c.current.Store(s)
	if c.interrupted.Load() { // the Ctrl-C came before the store
		s.Interrupt()
	}
	return func() { c.current.Store(nil) }
}

// exploreRun runs the script once under strategy, on the virtual clock, with its
// output captured; Ctrl-C reaches it through ctrlC.
func (e *env) exploreRun(cfg runConfig, src []byte, strategy runtime.Strategy, ctrlC *interruptible) runOutcome {
	var stdout, stderr bytes.Buffer
	s, m := newScriptRun(cfg, runtime.Options{Clock: runtime.NewVirtualClock(), Strategy: strategy}, strings.NewReader(""), &stdout, &stderr)
	defer m.Close()
	chunk, err := m.Load(cfg.path, src)
	if err != nil {
		fmt.Fprintln(&stderr, err)
		return runOutcome{status: exitFailed, stderr: stderr.String()}
	}
	defer ctrlC.track(s)()
	defer watchMemory(s, cfg.maxMemoryMB)()
	if cfg.timeout > 0 {
		t := time.AfterFunc(cfg.timeout, func() { s.Abort(errTimeout{cfg.timeout}) })
		defer t.Stop()
	}
	quiet := *e
	quiet.stdout, quiet.stderr = &stdout, &stderr
	status := quiet.report(s, m, s.Run(m.MainTask(chunk)))
	return runOutcome{status: status, stdout: stdout.String(), stderr: stderr.String()}
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
// here too, through run's own code (with the observation flags, which the runs
// before it did without): what it shows on stderr, the lints included, is the
// report shown, and if it printed something else, that is a bug worth saying.
func (e *env) reportFailure(cfg exploreConfig, i int, run runConfig, out runOutcome, printed, want string) {
	var replayOut, replayErr bytes.Buffer
	replay := *e
	replay.stdin, replay.stdout, replay.stderr = strings.NewReader(""), &replayOut, &replayErr
	// The same format step writes and reads, in a new file named after the script's
	// folder and name and the run.
	run.saveSchedule = newScheduleFile(run.path, fmt.Sprintf("%s-%d", run.schedule, run.scheduleSeed))
	replayStatus := replay.runScript(run)

	w := e.stdout
	fmt.Fprintf(w, "run %d of %d failed: %s schedule, seed %d\n", i, cfg.runs, run.schedule, run.scheduleSeed)
	if out.stdout == "" {
		fmt.Fprintln(w, "output: none")
	} else {
		fmt.Fprintf(w, "output:\n%s\n", indent(firstLines(out.stdout, maxShownLines)))
		if !strings.HasSuffix(out.stdout, "\n") {
			fmt.Fprintln(w, "    (no newline at the end)")
		}
	}
	if cfg.expectPath != "" && printed != want {
		fmt.Fprintf(w, "it differs from %s:\n%s\n", cfg.expectPath, indent(unifiedDiff(cfg.expectPath, fmt.Sprintf("run %d", i), want, printed, 30)))
	}
	report := replayErr.String()
	if replayStatus != out.status || replayOut.String() != out.stdout {
		report = out.stderr // the replay is not the run: show the run's own report
	}
	switch {
	case out.status != cfg.expectExit:
		fmt.Fprintf(w, "exit status %d, want %d", out.status, cfg.expectExit)
		if report != "" {
			fmt.Fprintf(w, ":\n%s", indent(firstLines(report, maxShownLines)))
		}
		fmt.Fprintln(w)
	case report != "":
		fmt.Fprintf(w, "stderr:\n%s\n", indent(firstLines(report, maxShownLines)))
	}
	fmt.Fprintf(w, "replay it with:\n    %s\n", replayCommand(run, fmt.Sprint(run.scheduleSeed)))
	if run.saveSchedule != "" {
		fmt.Fprintf(w, "its choices are saved in %s: step through them with\n    luasync step --schedule-file %s %s\n",
			run.saveSchedule, run.saveSchedule, run.path)
	}
	if replayStatus != out.status || replayOut.String() != out.stdout {
		fmt.Fprintf(e.stderr, "luasync: internal error: the replay of run %d ended otherwise (exit status %d, %d bytes of output, not %d and %d bytes)\n"+
			"This is a bug in luasync: please report it, with the script.\n", i, replayStatus, replayOut.Len(), out.status, len(out.stdout))
	}
}

// replayCommand is the luasync run command that repeats a run of explore, with seed
// as its schedule seed.
func replayCommand(cfg runConfig, seed string) string {
	args := []string{"luasync", "run", "--clock", "virtual"}
	if cfg.seed != 1 {
		args = append(args, "--seed", fmt.Sprint(cfg.seed))
	}
	if cfg.unsafe {
		args = append(args, "--unsafe")
	}
	if cfg.maxTasks != 0 {
		args = append(args, "--max-tasks", fmt.Sprint(cfg.maxTasks))
	}
	if cfg.maxMemoryMB != defaultMaxMemoryMB {
		args = append(args, "--max-memory", fmt.Sprint(cfg.maxMemoryMB))
	}
	if cfg.observe.timestamps {
		args = append(args, "--timestamps")
	}
	args = append(args, "--schedule", cfg.schedule, "--schedule-seed", seed)
	if cfg.schedule == "pct" {
		args = append(args, "--pct-depth", fmt.Sprint(cfg.pctDepth), "--pct-steps", fmt.Sprint(cfg.pctSteps))
	}
	args = append(args, cfg.path)
	args = append(args, cfg.args...)
	for i, a := range args {
		args[i] = shellQuote(a)
	}
	return strings.Join(args, " ")
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_./=:,+@%-]+$`)

// shellQuote quotes s for a POSIX shell unless it needs none.
func shellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
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
		o = &seenOutput{first: run, seed: seed, sample: firstLines(out, 10)}
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
		fmt.Fprintf(w, "%d %s, the first run %d (schedule seed %d):\n", o.runs, plural(o.runs, "run", "runs"), o.first, o.seed)
		if o.sample == "" {
			fmt.Fprintln(w, "    (no output)")
		} else {
			fmt.Fprintln(w, indent(o.sample))
		}
	}
	if len(sorted) > n {
		fmt.Fprintf(w, "and %d more\n", len(sorted)-n)
	}
}

// progress is the bar explore draws on stderr while it runs, when stderr is a
// terminal; the nil *progress draws nothing.
type progress struct{ bar *progressbar.ProgressBar }

func newProgress(w io.Writer, runs int, what string) *progress {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return &progress{progressbar.NewOptions(runs,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(what),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("runs"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
}

func (p *progress) add() {
	if p != nil {
		p.bar.Add(1)
	}
}

func (p *progress) clear() {
	if p != nil {
		p.bar.Clear()
	}
}
