// Package engine is one run of one script: what the command line asked for (a
// Config, parsed from the flags that are declared here once), the scheduler and the
// Lua state made from it, and how the run ended (an Outcome, which reports itself).
// The commands of internal/cli and anything else that runs scripts go through it.
package engine

import (
	"io"
	"time"

	"luasync/bindings"
	"luasync/runtime"
)

// Config is one run of one script: everything a flag can say, and what a command
// adds (the streams, a strategy of its own, whether to keep the choices).
type Config struct {
	Script string   // the script's path
	Args   []string // its arguments: arg[1..n] and the main chunk's ...
	// Source is the script's text; nil means read it from Script.
	Source []byte
	// Compiled, if set, is Source compiled once, for the many runs of explore.
	Compiled *bindings.Compiled

	Clock   string // "real" sleeps for real; "virtual" jumps to the next deadline
	Seed    uint64 // math.random's
	Timeout time.Duration

	// the sandbox and its limits
	Unsafe      bool
	MaxTasks    int
	MaxMemoryMB int

	Observe Observe // what the run shows of itself

	// the order of the ready tasks: fifo, random or pct; the seed and PCT settings
	Schedule           string
	ScheduleSeed       uint64
	PCTDepth, PCTSteps int
	// a recorded schedule to replay first (--schedule-file): its choices and the
	// script it names, read when the flags are parsed
	ScheduleFile    string
	scheduleChoices []string
	scheduleScript  string

	// Strategy, if set, chooses instead of the schedule flags (a person stepping, a
	// count of the choices).
	Strategy runtime.Strategy
	// Record keeps the run's choices, for a schedule file: Outcome.Choices.
	Record bool
	// Reuse, if set, hands the Lua state from run to run of the script (explore's
	// runs), put back as it was built: see Reuse.
	Reuse *Reuse

	// the script's streams (nil: the process's)
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// Observe is what a run shows of itself.
type Observe struct {
	Trace, Timeline   string // file names; Timeline "-" is text on stderr
	Timestamps, Stats bool
	// TimelineSVG, if set, gets the SVG timeline once the run is over (a page
	// that shows it has no file to write it to).
	TimelineSVG io.Writer
	// Quiet runs without a recorder or the watchdog, and so without lints: explore's
	// many runs, whose reports only a replay shows.
	Quiet bool
}

// Defaults is the Config of a run no flag changed: luasync run's.
func Defaults() Config {
	return Config{
		Clock: "real", Seed: 1, MaxMemoryMB: DefaultMaxMemoryMB,
		Schedule: "fifo", ScheduleSeed: 1, PCTDepth: DefaultPCTDepth, PCTSteps: DefaultPCTSteps,
	}
}

// DefaultPCTDepth is PCT's bug depth d unless told: d-1 = 2 priority changes find
// the bugs that need the tasks to switch at two particular points.
const DefaultPCTDepth = 3

// DefaultPCTSteps is PCT's k for run unless told; explore measures it instead.
const DefaultPCTSteps = 100

// NewClock is the run's clock.
func (cfg Config) NewClock() runtime.Clock {
	if cfg.Clock == "virtual" {
		return runtime.NewVirtualClock()
	}
	return runtime.NewRealClock()
}

// ScheduleStrategy is the strategy the schedule flags ask for: nil for fifo, the
// rules in README.md. A schedule file is replayed first; the --schedule strategy
// takes over where it ends.
func (cfg Config) ScheduleStrategy() runtime.Strategy {
	if cfg.ScheduleFile != "" {
		return runtime.NewReplay(cfg.scheduleChoices)
	}
	switch cfg.Schedule {
	case "random":
		return runtime.NewRandom(cfg.ScheduleSeed)
	case "pct":
		return runtime.NewPCT(cfg.ScheduleSeed, cfg.PCTDepth, cfg.PCTSteps)
	}
	return nil
}

// NewLua makes a scheduler with opts and the Lua state of cfg's script on it, with
// cfg's streams, seed and sandbox (cfg.Reuse's state, put back, if it has one). Every run is made here (and a REPL session too),
// so that a run explore reports is the one its replay command makes.
func NewLua(cfg Config, opts runtime.Options) (*runtime.Scheduler, *bindings.Module) {
	s := runtime.New(opts)
	mopts := bindings.Options{
		Stdout: cfg.Stdout, Stderr: cfg.Stderr, Stdin: cfg.Stdin,
		Seed: cfg.Seed, Script: cfg.Script, Args: cfg.Args,
		Unsafe: cfg.Unsafe, MaxTasks: cfg.MaxTasks,
		Timestamps: cfg.Observe.Timestamps,
		MaxMemory:  int64(cfg.MaxMemoryMB) << 20, MemoryInUse: residentBytes,
	}
	if cfg.Reuse != nil {
		return s, cfg.Reuse.module(s, mopts)
	}
	return s, bindings.New(s, mopts)
}
