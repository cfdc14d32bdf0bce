package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/urfave/cli/v2"

	"luasync/bindings"
	"luasync/runtime"
)

// scriptFlags are the flags of every command that runs a script.
func scriptFlags(defaultClock string) []cli.Flag {
	return append([]cli.Flag{
		&cli.StringFlag{Name: "clock", Value: defaultClock, Usage: "`real` sleeps for real; `virtual` jumps to the next deadline, so sleeps take no time"},
		&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "seed of math.random: the same seed gives the same numbers"},
		&cli.DurationFlag{Name: "timeout", Usage: "stop the script after this much real time (e.g. 10s), exit status 124"},
		&cli.BoolFlag{Name: "unsafe", Usage: "open Lua's standard libraries in full (files, commands, the environment)"},
		&cli.IntFlag{Name: "max-tasks", Usage: "at most this many unfinished tasks; spawn raises an error past it (0: no limit)"},
		&cli.IntFlag{Name: "max-memory", Value: defaultMaxMemoryMB, Usage: "stop the run past this many MiB of memory, exit status 4 (0: no limit)"},
	}, append(scheduleFlags(), observeFlags()...)...)
}

// scheduleFlags choose the order in which ready tasks run: DESIGN's FIFO rules by
// default, or a random order that explore prints for replaying a failing run.
func scheduleFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "schedule", Value: "fifo", Usage: "which ready task runs next: `fifo` (the rules in README.md), random or pct (see luasync explore)"},
		&cli.Uint64Flag{Name: "schedule-seed", Value: 1, Usage: "seed of the random and pct schedules: the same seed gives the same run (on the virtual clock)"},
		&cli.StringFlag{Name: "schedule-file", Usage: "replay the choices recorded in `FILE` (by step or explore), then go on with --schedule"},
		&cli.IntFlag{Name: "pct-depth", Value: defaultPCTDepth, Usage: "pct: priority changes are one fewer than this (the bug depth)"},
		&cli.IntFlag{Name: "pct-steps", Value: defaultPCTSteps, Usage: "pct: the priority changes fall among the first `K` choices of a task to run"},
	}
}

// defaultPCTDepth is PCT's bug depth d unless told: d-1 = 2 priority changes find
// the bugs that need the tasks to switch at two particular points.
const defaultPCTDepth = 3

// defaultPCTSteps is PCT's k for run unless told; explore measures it instead.
const defaultPCTSteps = 100

func runCommand(e *env, status *int) *cli.Command {
	return &cli.Command{
		Name:      "run",
		Usage:     "run a Lua script",
		ArgsUsage: "SCRIPT [ARGS...]",
		Description: `Runs SCRIPT as the task "main"; the program ends when it and every task it
spawned have finished. The script gets its arguments as arg[1..n] and as ... .
Output is the script's; reports (errors, deadlocks, Ctrl-C) go to stderr.

Ctrl-C cancels every task (each gets a Cancelled error, so its cleanup runs), lists
the tasks, and exits with status 130; a second Ctrl-C exits at once.`,
		Flags:        scriptFlags("real"),
		OnUsageError: usageError,
		Action: func(c *cli.Context) error {
			if !c.Args().Present() {
				return cli.Exit("run: which script? (luasync run SCRIPT [ARGS...])", exitUsage)
			}
			cfg, err := scriptConfig(c)
			if err != nil {
				return err
			}
			*status = e.runScript(cfg)
			return nil
		},
	}
}

// runConfig is one run of one script.
type runConfig struct {
	path    string
	args    []string
	clock   string
	seed    uint64
	timeout time.Duration
	// the sandbox and its limits
	unsafe      bool
	maxTasks    int
	maxMemoryMB int
	observe     observeConfig // what it shows of itself (observe.go)
	// the order of the ready tasks: fifo, random or pct; the seed and PCT settings
	schedule           string
	scheduleSeed       uint64
	pctDepth, pctSteps int
	// a recorded schedule to replay (--schedule-file), or a person choosing (step)
	scheduleFile    string
	scheduleChoices []string
	scheduleScript  string // the script the schedule file was recorded for, if it says
	stepper         *stepper
	// where to save the schedule of the run, if anywhere (step, explore)
	saveSchedule string
}

func scriptConfig(c *cli.Context) (runConfig, error) {
	cfg := runConfig{
		path:    c.Args().First(),
		args:    c.Args().Tail(),
		clock:   c.String("clock"),
		seed:    c.Uint64("seed"),
		timeout: c.Duration("timeout"),

		unsafe:      c.Bool("unsafe"),
		maxTasks:    c.Int("max-tasks"),
		maxMemoryMB: c.Int("max-memory"),
		observe:     observeConfigOf(c),

		schedule:     c.String("schedule"),
		scheduleSeed: c.Uint64("schedule-seed"),
		pctDepth:     c.Int("pct-depth"),
		pctSteps:     c.Int("pct-steps"),
		scheduleFile: c.String("schedule-file"),
	}
	if cfg.clock != "real" && cfg.clock != "virtual" {
		return cfg, cli.Exit(fmt.Sprintf("--clock must be real or virtual, not %q", cfg.clock), exitUsage)
	}
	if err := checkFlagValues(c); err != nil {
		return cfg, err
	}
	if err := checkSchedule(cfg.schedule, cfg.pctDepth, cfg.pctSteps); err != nil {
		return cfg, err
	}
	if cfg.scheduleFile != "" {
		var err error
		if cfg.scheduleChoices, cfg.scheduleScript, err = readScheduleFile(cfg.scheduleFile); err != nil {
			return cfg, cli.Exit(err.Error(), exitUsage)
		}
	}
	return cfg, nil
}

// checkSchedule refuses a schedule that does not exist and PCT settings below 1.
func checkSchedule(schedule string, depth, steps int) error {
	switch {
	case schedule != "fifo" && schedule != "random" && schedule != "pct":
		return cli.Exit(fmt.Sprintf("--schedule must be fifo, random or pct, not %q", schedule), exitUsage)
	case depth < 1:
		return cli.Exit(fmt.Sprintf("--pct-depth must be at least 1, not %d", depth), exitUsage)
	case steps < 1:
		return cli.Exit(fmt.Sprintf("--pct-steps must be at least 1, not %d", steps), exitUsage)
	}
	return nil
}

// strategy is the run's schedule: nil for fifo, DESIGN's rules. A schedule file is
// replayed first; the --schedule strategy takes over where it ends.
func (cfg runConfig) strategy() runtime.Strategy {
	if cfg.scheduleFile != "" {
		return runtime.NewReplay(cfg.scheduleChoices)
	}
	switch cfg.schedule {
	case "random":
		return runtime.NewRandom(cfg.scheduleSeed)
	case "pct":
		return runtime.NewPCT(cfg.scheduleSeed, cfg.pctDepth, cfg.pctSteps)
	}
	return nil
}

// newScriptRun makes the scheduler and the Lua state of one run of cfg's script,
// with opts (the clock, the strategy, what observes the run) and the given streams.
// run and explore both build their runs here, so that a run explore reports is the
// one its replay command makes.
func newScriptRun(cfg runConfig, opts runtime.Options, stdin io.Reader, stdout, stderr io.Writer) (*runtime.Scheduler, *bindings.Module) {
	s := runtime.New(opts)
	m := bindings.New(s, bindings.Options{
		Stdout: stdout, Stderr: stderr, Stdin: stdin,
		Seed: cfg.seed, Script: cfg.path, Args: cfg.args,
		Unsafe: cfg.unsafe, MaxTasks: cfg.maxTasks,
		Timestamps: cfg.observe.timestamps,
		MaxMemory:  int64(cfg.maxMemoryMB) << 20, MemoryInUse: residentBytes,
	})
	return s, m
}

// errInterruptedTwice is the Abort reason after a second Ctrl-C.
var errInterruptedTwice = errors.New("interrupted twice")

// errTimeout is the Abort reason when --timeout passes.
type errTimeout struct{ after time.Duration }

func (e errTimeout) Error() string { return fmt.Sprintf("timed out after %v", e.after) }

// runScript runs one script and reports how it ended; it returns the exit status.
func (e *env) runScript(cfg runConfig) int {
	src, err := os.ReadFile(cfg.path)
	if err != nil {
		fmt.Fprintf(e.stderr, "luasync: cannot read the script: %v\n", err)
		return exitUsage
	}
	e.warnIfScheduleOfAnother(cfg)
	clock := runtime.NewRealClock()
	if cfg.clock == "virtual" {
		clock = runtime.NewVirtualClock()
	}
	obs := newObservation(cfg, clock)
	strategy := cfg.strategy()
	if cfg.stepper != nil {
		strategy = cfg.stepper
	}
	var recording *runtime.Recording
	if cfg.saveSchedule != "" || cfg.stepper != nil {
		recording = runtime.NewRecording(strategy)
		strategy = recording
	}
	s, m := newScriptRun(cfg, obs.options(runtime.Options{Clock: clock, Strategy: strategy}), e.stdin, e.stdout, e.stderr)
	defer m.Close()
	if cfg.stepper != nil {
		cfg.stepper.attach(s, m)
	}
	// The limits hold from the start: compiling a big script takes time and memory.
	memory := startMemoryWatch(s, cfg.maxMemoryMB)
	defer memory.stop()
	if cfg.timeout > 0 {
		t := time.AfterFunc(cfg.timeout, func() { s.Abort(errTimeout{cfg.timeout}) })
		defer t.Stop()
	}
	chunk, err := m.Load(cfg.path, src)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return exitFailed
	}
	defer e.forwardInterrupts(s)()
	status := obs.finish(e, e.report(s, m, memory.atEnd(s.Run(m.MainTask(chunk)))))
	if replay, ok := strategy.(*runtime.Replay); ok && replay.Err() != nil {
		fmt.Fprintf(e.stderr, "luasync: warning: %s: %v (FIFO from there on)\n", cfg.scheduleFile, replay.Err())
	}
	var choices []string
	if recording != nil {
		choices = recording.Choices
	}
	if cfg.stepper != nil {
		choices = cfg.stepper.made(choices)
	}
	saved := ""
	if cfg.saveSchedule != "" {
		if err := saveSchedule(cfg.saveSchedule, cfg.path, choices); err != nil {
			fmt.Fprintf(e.stderr, "luasync: cannot save the schedule: %v\n", err)
		} else {
			saved = cfg.saveSchedule
		}
	}
	if cfg.stepper != nil {
		cfg.stepper.finished(status, choices, saved, cfg.path)
	}
	return status
}

// saveSchedule writes the choices of a run of script to the file path.
func saveSchedule(path, script string, choices []string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = runtime.WriteSchedule(f, scheduleComments(script), choices)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// forwardInterrupts turns the first Ctrl-C into s.Interrupt() and a second one into an
// immediate exit. It returns the func that stops listening.
func (e *env) forwardInterrupts(s *runtime.Scheduler) (stop func()) {
	return e.onInterrupts(s.Interrupt, func() { s.Abort(errInterruptedTwice) })
}

// onInterrupts calls first at the first Ctrl-C; at a second one it exits at once
// (then, in tests whose exitNow returns, it calls twice). It returns the func that
// stops listening.
func (e *env) onInterrupts(first, twice func()) (stop func()) {
	signals := e.interrupts
	var ch chan os.Signal
	if signals == nil {
		ch = make(chan os.Signal, 2)
		signal.Notify(ch, os.Interrupt)
		signals = ch
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for n := 0; ; n++ {
			select {
			case <-done:
				return
			case <-signals:
			}
			if n == 0 {
				first()
				continue
			}
			fmt.Fprintln(e.stderr, "\nluasync: interrupted twice, exiting now")
			e.exitNow(exitInterrupted)
			twice() // reached only when exitNow returns, in tests
			return
		}
	}()
	return func() {
		if ch != nil {
			signal.Stop(ch)
		}
		close(done)
		<-finished
	}
}

// report prints, on stderr, what went wrong in a finished run, and returns the exit
// status: every task error nobody retrieved (with its traceback), then the reason the
// run stopped, if it did not end by itself.
func (e *env) report(s *runtime.Scheduler, m *bindings.Module, runErr error) int {
	if exit := m.Exit(); exit != nil {
		return exit.Code
	}
	status := exitOK
	w := newReportWriter(e.stderr)
	for _, t := range s.Failed() {
		_, err := t.Result()
		var panicked *runtime.PanicError
		if errors.As(err, &panicked) {
			fmt.Fprintf(w, "luasync: %s crashed the Lua interpreter: %v\n"+
				"Runaway recursion (such as a vararg tail call) can do this; if that is not it, it is a bug: please report it, with the script.\n",
				t.Name(), panicked.Value)
			status = exitInternal
			continue
		}
		if t != s.Main() {
			fmt.Fprintf(w, "%s failed: ", t.Name())
		}
		fmt.Fprintln(w, err)
		var script *bindings.ScriptError
		if errors.As(err, &script) && script.Traceback != "" {
			fmt.Fprintln(w, script.Traceback)
		}
		if status == exitOK {
			status = exitFailed
		}
	}
	w.finish()
	var deadlock *runtime.DeadlockError
	var interrupted *runtime.InterruptedError
	var timeout errTimeout
	var limit *bindings.LimitError
	switch {
	case runErr == nil:
	case errors.As(runErr, &limit):
		fmt.Fprintf(e.stderr, "luasync: %v\n", limit)
		return exitLimit
	case errors.As(runErr, &deadlock):
		fmt.Fprintf(e.stderr, "luasync: %v\n", deadlock)
		return exitDeadlock
	case errors.Is(runErr, errInterruptedTwice):
		return exitInterrupted
	case errors.Is(runErr, errStepQuit):
		fmt.Fprintln(e.stderr, "luasync: stopped: you quit")
		return exitInterrupted
	case errors.As(runErr, &interrupted):
		fmt.Fprintf(e.stderr, "\nluasync: %v\n", interrupted)
		return exitInterrupted
	case errors.As(runErr, &timeout):
		fmt.Fprintf(e.stderr, "luasync: %v", timeout)
		if where := m.StoppedIn(); where != "" {
			fmt.Fprintf(e.stderr, "; %s", where)
		}
		fmt.Fprintln(e.stderr)
		return exitTimeout
	default:
		fmt.Fprintf(e.stderr, "luasync: internal error: %v\nThis is a bug in luasync: please report it, with the script.\n", runErr)
		return exitInternal
	}
	return status
}
