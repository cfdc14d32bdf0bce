package engine

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	lua "github.com/yuin/gopher-lua"

	"luasync/bindings"
	"luasync/runtime"
)

// A Run is one run of one script, made by Start and run to its end by Wait.
type Run struct {
	cfg       Config
	sched     *runtime.Scheduler
	mod       *bindings.Module
	chunk     *lua.LFunction
	obs       *observation       // nil for a quiet run
	strategy  runtime.Strategy   // what chooses, before any recording
	recording *runtime.Recording // the choices, if kept
	memory    *memoryWatch       // --max-memory, from before the script is compiled
	timer     *time.Timer        // --timeout, likewise; nil without one
}

// Outcome is how a run ended: its exit status, its report (what stderr shows once
// the run is over: the failed tasks, why the run stopped, the lints, what the
// observation flags asked for), and the choices it made, if it kept them.
type Outcome struct {
	Status  int
	Report  string
	Choices []string
}

// WriteReport writes the report to w.
func (o Outcome) WriteReport(w io.Writer) { io.WriteString(w, o.Report) }

// StartError is a run that could not start: a script that cannot be read (exit
// status 2) or compiled (1).
type StartError struct {
	Status int
	Report string // what stderr shows, a line
}

func (e *StartError) Error() string { return e.Report }

// OutcomeOf is the outcome of a run that failed to start with err.
func OutcomeOf(err error) Outcome {
	var start *StartError
	if errors.As(err, &start) {
		return Outcome{Status: start.Status, Report: start.Report + "\n"}
	}
	return Outcome{Status: ExitInternal, Report: fmt.Sprintf("luasync: internal error: %v\n", err)}
}

// Start makes the run of cfg's script: its scheduler, on cfg's clock and strategy,
// observed unless cfg.Observe.Quiet, and its Lua state with the script compiled.
// Nothing runs until Wait. A warning (a schedule file recorded for another script)
// goes to cfg.Stderr at once.
func Start(cfg Config) (*Run, error) {
	src := cfg.Source
	var err error
	if src == nil {
		if src, err = os.ReadFile(cfg.Script); err != nil {
			return nil, &StartError{Status: ExitUsage, Report: fmt.Sprintf("luasync: cannot read the script: %v", err)}
		}
	}
	if cfg.Stderr == nil {
		cfg.Stderr = os.Stderr
	}
	warnIfScheduleOfAnother(cfg.Stderr, cfg)
	r := &Run{cfg: cfg, strategy: cfg.Strategy}
	if r.strategy == nil {
		r.strategy = cfg.ScheduleStrategy()
	}
	opts := runtime.Options{Clock: cfg.NewClock(), Strategy: r.strategy}
	if cfg.Record {
		r.recording = runtime.NewRecording(r.strategy)
		opts.Strategy = r.recording
	}
	if !cfg.Observe.Quiet {
		r.obs = newObservation(cfg, opts.Clock)
		opts = r.obs.options(opts)
	}
	r.sched, r.mod = NewLua(cfg, opts)
	r.startLimits() // compiling a big script takes time and memory too
	var chunk *lua.LFunction
	if cfg.Compiled != nil {
		chunk = r.mod.LoadCompiled(cfg.Compiled)
	} else {
		chunk, err = r.mod.Load(cfg.Script, src)
	}
	if err != nil {
		r.stopLimits()
		r.closeModule(true) // nothing ran
		return nil, &StartError{Status: ExitFailed, Report: err.Error()}
	}
	r.chunk = chunk
	return r, nil
}

// startLimits starts the clock of --timeout and the watch of --max-memory.
func (r *Run) startLimits() {
	if r.cfg.Reuse != nil {
		r.memory = r.cfg.Reuse.watchMemory(r.sched, r.cfg.MaxMemoryMB)
	} else {
		r.memory = startMemoryWatch(r.sched, r.cfg.MaxMemoryMB)
	}
	if d := r.cfg.Timeout; d > 0 {
		r.timer = time.AfterFunc(d, func() { r.sched.Abort(errTimeout{d}) })
	}
}

func (r *Run) stopLimits() {
	if r.cfg.Reuse != nil {
		r.memory.end() // the watch goes on, for the next run
	} else {
		r.memory.stop()
	}
	if r.timer != nil {
		r.timer.Stop()
	}
}

// Scheduler is the run's scheduler.
func (r *Run) Scheduler() *runtime.Scheduler { return r.sched }

// Module is the run's Lua state.
func (r *Run) Module() *bindings.Module { return r.mod }

// Interrupt is Ctrl-C: every task is cancelled, their cleanup runs.
func (r *Run) Interrupt() { r.sched.Interrupt() }

// Abort stops the run at once, for reason (ErrInterruptedTwice, ErrQuit).
func (r *Run) Abort(reason error) { r.sched.Abort(reason) }

// Wait runs the script to its end, within cfg's limits, and says how it ended.
func (r *Run) Wait() Outcome {
	reusable := false
	defer func() { r.closeModule(reusable) }()
	defer r.stopLimits()
	cfg := r.cfg
	runErr := r.memory.atEnd(r.sched.Run(r.mod.MainTask(r.chunk)))
	reusable = reusableAfter(runErr, r.sched.Failed())
	var report bytes.Buffer
	status := writeReport(&report, r.sched, r.mod, runErr)
	if r.obs != nil {
		status = r.obs.finish(&report, status)
	}
	if replay, ok := r.strategy.(*runtime.Replay); ok && replay.Err() != nil && !cfg.Record {
		fmt.Fprintf(&report, "luasync: warning: %s: %v (FIFO from there on)\n", cfg.ScheduleFile, replay.Err())
	}
	out := Outcome{Status: status, Report: report.String()}
	if r.recording != nil {
		out.Choices = r.recording.Choices
	}
	return out
}

// closeModule is done with the run's Lua state: it frees it, or hands it to the
// next run of cfg.Reuse if reusable.
func (r *Run) closeModule(reusable bool) {
	if r.cfg.Reuse != nil {
		r.cfg.Reuse.keep(r.mod, reusable)
		return
	}
	r.mod.Close()
}
