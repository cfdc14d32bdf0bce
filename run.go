package main

import (
	"errors"
	"fmt"
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
	}, observeFlags()...)
}

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
	}
	if cfg.clock != "real" && cfg.clock != "virtual" {
		return cfg, cli.Exit(fmt.Sprintf("--clock must be real or virtual, not %q", cfg.clock), exitUsage)
	}
	return cfg, nil
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
	clock := runtime.NewRealClock()
	if cfg.clock == "virtual" {
		clock = runtime.NewVirtualClock()
	}
	obs := newObservation(cfg, clock)
	s := runtime.New(obs.options(runtime.Options{Clock: clock}))
	m := bindings.New(s, bindings.Options{
		Stdout: e.stdout, Stderr: e.stderr, Stdin: e.stdin,
		Seed: cfg.seed, Script: cfg.path, Args: cfg.args,
		Unsafe: cfg.unsafe, MaxTasks: cfg.maxTasks,
		Timestamps: cfg.observe.timestamps,
	})
	defer m.Close()
	chunk, err := m.Load(cfg.path, src)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return exitFailed
	}
	defer e.forwardInterrupts(s)()
	defer watchMemory(s, cfg.maxMemoryMB)()
	if cfg.timeout > 0 {
		t := time.AfterFunc(cfg.timeout, func() { s.Abort(errTimeout{cfg.timeout}) })
		defer t.Stop()
	}
	return obs.finish(e, e.report(s, m, s.Run(m.MainTask(chunk))))
}

// forwardInterrupts turns the first Ctrl-C into s.Interrupt() and a second one into an
// immediate exit. It returns the func that stops listening.
func (e *env) forwardInterrupts(s *runtime.Scheduler) (stop func()) {
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
				s.Interrupt()
				continue
			}
			fmt.Fprintln(e.stderr, "\nluasync: interrupted twice, exiting now")
			e.exitNow(exitInterrupted)
			s.Abort(errInterruptedTwice) // reached only when exitNow returns, in tests
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
	for _, t := range s.Failed() {
		_, err := t.Result()
		var panicked *runtime.PanicError
		if errors.As(err, &panicked) {
			fmt.Fprintf(e.stderr, "luasync: %s crashed the Lua interpreter: %v\n"+
				"Runaway recursion (such as a vararg tail call) can do this; if that is not it, it is a bug: please report it, with the script.\n",
				t.Name(), panicked.Value)
			status = exitInternal
			continue
		}
		if t != s.Main() {
			fmt.Fprintf(e.stderr, "%s failed: ", t.Name())
		}
		fmt.Fprintln(e.stderr, err)
		var script *bindings.ScriptError
		if errors.As(err, &script) && script.Traceback != "" {
			fmt.Fprintln(e.stderr, script.Traceback)
		}
		if status == exitOK {
			status = exitFailed
		}
	}
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
