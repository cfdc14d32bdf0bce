package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/urfave/cli/v2"
)

// A scriptFlag is one flag of the commands that run scripts: how it is declared
// (with a command's defaults), read into a Config and checked, and turned back into
// arguments. Every script flag is here and nowhere else.
type scriptFlag struct {
	name    string
	declare func(name string, d Config) cli.Flag
	parse   func(c *cli.Context, name string, cfg *Config) error
	value   func(cfg Config) string // the value as an argument
	// relevant says when the flag is passed on even at its default: a schedule's
	// seed and PCT's settings, which a replay command shows.
	relevant func(cfg Config) bool
}

// scriptFlags are in the order of the arguments they make (the replay command
// explore prints) and of the help.
var scriptFlags = []scriptFlag{
	{
		name: "clock",
		declare: func(n string, d Config) cli.Flag {
			return &cli.StringFlag{Name: n, Value: d.Clock, Usage: "`real` sleeps for real; `virtual` jumps to the next deadline, so sleeps take no time"}
		},
		parse: func(c *cli.Context, n string, cfg *Config) error {
			if cfg.Clock = c.String(n); cfg.Clock != "real" && cfg.Clock != "virtual" {
				return usageErrorf("--clock must be real or virtual, not %q", cfg.Clock)
			}
			return nil
		},
		value: func(cfg Config) string { return cfg.Clock },
	},
	{
		name: "seed",
		declare: func(n string, d Config) cli.Flag {
			return &cli.Uint64Flag{Name: n, Value: d.Seed, Usage: "seed of math.random: the same seed gives the same numbers"}
		},
		parse: func(c *cli.Context, n string, cfg *Config) error { cfg.Seed = c.Uint64(n); return nil },
		value: func(cfg Config) string { return fmt.Sprint(cfg.Seed) },
	},
	{
		name: "timeout",
		declare: func(n string, d Config) cli.Flag {
			return &cli.DurationFlag{Name: n, Value: d.Timeout, Usage: "stop the script after this much real time (e.g. 10s), exit status 124"}
		},
		parse: func(c *cli.Context, n string, cfg *Config) error {
			if cfg.Timeout = c.Duration(n); cfg.Timeout < 0 {
				return usageErrorf("--timeout must be positive (or 0: no limit), not %v", cfg.Timeout)
			}
			return nil
		},
		value: func(cfg Config) string { return cfg.Timeout.String() },
	},
	{
		name: "unsafe",
		declare: func(n string, d Config) cli.Flag {
			return &cli.BoolFlag{Name: n, Value: d.Unsafe, Usage: "open Lua's standard libraries in full (files, commands, the environment)"}
		},
		parse: func(c *cli.Context, n string, cfg *Config) error { cfg.Unsafe = c.Bool(n); return nil },
		value: func(cfg Config) string { return strconv.FormatBool(cfg.Unsafe) },
	},
	{
		name: "max-tasks",
		declare: func(n string, d Config) cli.Flag {
			return &cli.IntFlag{Name: n, Value: d.MaxTasks, Usage: "at most this many unfinished tasks; spawn raises an error past it (0: no limit)"}
		},
		parse: func(c *cli.Context, n string, cfg *Config) error {
			cfg.MaxTasks = c.Int(n)
			return atLeastZero(n, cfg.MaxTasks)
		},
		value: func(cfg Config) string { return fmt.Sprint(cfg.MaxTasks) },
	},
	{
		name: "max-memory",
		declare: func(n string, d Config) cli.Flag {
			return &cli.IntFlag{Name: n, Value: d.MaxMemoryMB, Usage: "stop the run past this many MiB of memory, exit status 4 (0: no limit)"}
		},
		parse: func(c *cli.Context, n string, cfg *Config) error {
			cfg.MaxMemoryMB = c.Int(n)
			return atLeastZero(n, cfg.MaxMemoryMB)
		},
		value: func(cfg Config) string { return fmt.Sprint(cfg.MaxMemoryMB) },
	},
	{
		name: "trace",
		declare: func(n string, d Config) cli.Flag {
			return &cli.StringFlag{Name: n, Value: d.Observe.Trace, Usage: "write a Chrome trace of the run to `FILE.json`, to open in Perfetto or chrome://tracing"}
		},
		parse: func(c *cli.Context, n string, cfg *Config) error {
			cfg.Observe.Trace = c.String(n)
			return checkOutputFile(n, cfg.Observe.Trace)
		},
		value: func(cfg Config) string { return cfg.Observe.Trace },
	},
	{
		name: "timeline",
		declare: func(n string, d Config) cli.Flag {
			return &cli.StringFlag{Name: n, Value: d.Observe.Timeline, Usage: "draw the tasks' timeline in `FILE.svg`, or as text on stderr with -"}
		},
		parse: func(c *cli.Context, n string, cfg *Config) error {
			if cfg.Observe.Timeline = c.String(n); cfg.Observe.Timeline == "-" {
				return nil
			}
			return checkOutputFile(n, cfg.Observe.Timeline)
		},
		value: func(cfg Config) string { return cfg.Observe.Timeline },
	},
	{
		name: "timestamps",
		declare: func(n string, d Config) cli.Flag {
			return &cli.BoolFlag{Name: n, Value: d.Observe.Timestamps, Usage: "start each line the script prints with the time and the task: [t=2.000 task-1]"}
		},
		parse: func(c *cli.Context, n string, cfg *Config) error { cfg.Observe.Timestamps = c.Bool(n); return nil },
		value: func(cfg Config) string { return strconv.FormatBool(cfg.Observe.Timestamps) },
	},
	{
		name: "stats",
		declare: func(n string, d Config) cli.Flag {
			return &cli.BoolFlag{Name: n, Value: d.Observe.Stats, Usage: "at the end, show on stderr how each primitive was used and how each task spent its time"}
		},
		parse: func(c *cli.Context, n string, cfg *Config) error { cfg.Observe.Stats = c.Bool(n); return nil },
		value: func(cfg Config) string { return strconv.FormatBool(cfg.Observe.Stats) },
	},
	{
		name: "schedule",
		declare: func(n string, d Config) cli.Flag {
			return &cli.StringFlag{Name: n, Value: d.Schedule, Usage: "which ready task runs next: `fifo` (the rules in README.md), random or pct (see luasync explore)"}
		},
		parse: func(c *cli.Context, n string, cfg *Config) error {
			if cfg.Schedule = c.String(n); cfg.Schedule != "fifo" && cfg.Schedule != "random" && cfg.Schedule != "pct" {
				return usageErrorf("--schedule must be fifo, random or pct, not %q", cfg.Schedule)
			}
			return nil
		},
		value: func(cfg Config) string { return cfg.Schedule },
	},
	{
		name: "schedule-seed",
		declare: func(n string, d Config) cli.Flag {
			return &cli.Uint64Flag{Name: n, Value: d.ScheduleSeed, Usage: "seed of the random and pct schedules: the same seed gives the same run (on the virtual clock)"}
		},
		parse:    func(c *cli.Context, n string, cfg *Config) error { cfg.ScheduleSeed = c.Uint64(n); return nil },
		value:    func(cfg Config) string { return fmt.Sprint(cfg.ScheduleSeed) },
		relevant: func(cfg Config) bool { return cfg.Schedule != "fifo" },
	},
	{
		name: "pct-depth",
		declare: func(n string, d Config) cli.Flag {
			return &cli.IntFlag{Name: n, Value: d.PCTDepth, Usage: "pct: priority changes are one fewer than this (the bug depth)"}
		},
		parse: func(c *cli.Context, n string, cfg *Config) error {
			if cfg.PCTDepth = c.Int(n); cfg.PCTDepth < 1 {
				return usageErrorf("--pct-depth must be at least 1, not %d", cfg.PCTDepth)
			}
			return nil
		},
		value:    func(cfg Config) string { return fmt.Sprint(cfg.PCTDepth) },
		relevant: func(cfg Config) bool { return cfg.Schedule == "pct" },
	},
	{
		name: "pct-steps",
		declare: func(n string, d Config) cli.Flag {
			return &cli.IntFlag{Name: n, Value: d.PCTSteps, Usage: "pct: the priority changes fall among the first `K` choices of a task to run"}
		},
		parse: func(c *cli.Context, n string, cfg *Config) error {
			if cfg.PCTSteps = c.Int(n); cfg.PCTSteps < 1 {
				return usageErrorf("--pct-steps must be at least 1, not %d", cfg.PCTSteps)
			}
			return nil
		},
		value:    func(cfg Config) string { return fmt.Sprint(cfg.PCTSteps) },
		relevant: func(cfg Config) bool { return cfg.Schedule == "pct" },
	},
	{
		name: "schedule-file",
		declare: func(n string, d Config) cli.Flag {
			return &cli.StringFlag{Name: n, Value: d.ScheduleFile, Usage: "replay the choices recorded in `FILE` (by step or explore), then go on with --schedule"}
		},
		parse: func(c *cli.Context, n string, cfg *Config) error {
			if cfg.ScheduleFile = c.String(n); cfg.ScheduleFile == "" {
				return nil
			}
			var err error
			if cfg.scheduleChoices, cfg.scheduleScript, err = readScheduleFile(cfg.ScheduleFile); err != nil {
				return cli.Exit(err.Error(), ExitUsage)
			}
			return nil
		},
		value: func(cfg Config) string { return cfg.ScheduleFile },
	},
}

// A FlagSet is the script flags of one command, with its defaults: it declares
// them, parses them into a Config, and turns a Config back into them.
type FlagSet struct {
	Defaults Config
	names    []string          // nil: every script flag
	renamed  map[string]string // a flag's name in this set, where it is another
}

// Only is the set with just the named flags.
func (fs FlagSet) Only(names ...string) FlagSet {
	fs.names = names
	return fs
}

// Renamed is the set in which the flag named from is called to.
func (fs FlagSet) Renamed(from, to string) FlagSet {
	r := map[string]string{from: to}
	for k, v := range fs.renamed {
		r[k] = v
	}
	fs.renamed = r
	return fs
}

// each calls f with each flag of the set and its name here, in order.
func (fs FlagSet) each(f func(sf scriptFlag, name string) error) error {
	for _, sf := range scriptFlags {
		if fs.names != nil && !slices.Contains(fs.names, sf.name) {
			continue
		}
		name := sf.name
		if to, ok := fs.renamed[name]; ok {
			name = to
		}
		if err := f(sf, name); err != nil {
			return err
		}
	}
	return nil
}

// Declare is the flags, for a command.
func (fs FlagSet) Declare() []cli.Flag {
	var flags []cli.Flag
	fs.each(func(sf scriptFlag, name string) error {
		flags = append(flags, sf.declare(name, fs.Defaults))
		return nil
	})
	return flags
}

// Parse reads the flags a command was given into a Config (the script and its
// arguments are the command's arguments), and refuses, before anything runs, the
// values that make no sense: a usage error, exit status 2. A file --trace or
// --timeline cannot write is found out here, not once the run is over.
func (fs FlagSet) Parse(c *cli.Context) (Config, error) {
	cfg := fs.Defaults
	cfg.Script, cfg.Args = c.Args().First(), c.Args().Tail()
	err := fs.each(func(sf scriptFlag, name string) error { return sf.parse(c, name, &cfg) })
	return cfg, err
}

// Args turns cfg back into the arguments of this set's command: each flag whose
// value is not the set's default, or that matters to the schedule cfg has.
func (fs FlagSet) Args(cfg Config) []string {
	var args []string
	fs.each(func(sf scriptFlag, name string) error {
		v, d := sf.value(cfg), sf.value(fs.Defaults)
		_, isBool := sf.declare(name, fs.Defaults).(*cli.BoolFlag)
		switch {
		case v == d && (sf.relevant == nil || !sf.relevant(cfg)):
		case isBool && v == "true":
			args = append(args, "--"+name)
		case isBool:
			args = append(args, "--"+name+"="+v)
		default:
			args = append(args, "--"+name, v)
		}
		return nil
	})
	return args
}

// The flag sets of the commands that run scripts.
var (
	// RunFlags are luasync run's: every script flag, with the defaults.
	RunFlags = FlagSet{Defaults: Defaults()}
	// StepFlags are step's: on the virtual clock.
	StepFlags = FlagSet{Defaults: withClock(Defaults(), "virtual")}
	// CheckFlags are check's, for the children's luasync run: the virtual clock, a
	// minute at most.
	CheckFlags = FlagSet{Defaults: withTimeout(withClock(Defaults(), "virtual"), time.Minute)}
	// REPLFlags are those that make sense at a prompt.
	REPLFlags = RunFlags.Only("clock", "seed", "unsafe", "max-tasks")
	// ExploreFlags are those explore shares with run (explore has its own --seed, of
	// the schedules: math.random's is --math-seed); explore's runs are on the
	// virtual clock and stop after 10 s unless told.
	ExploreFlags = FlagSet{Defaults: withTimeout(withClock(Defaults(), "virtual"), 10*time.Second)}.
			Only("seed", "timeout", "unsafe", "max-tasks", "max-memory", "pct-depth", "trace", "timeline", "timestamps", "stats").
			Renamed("seed", "math-seed")
)

func withClock(cfg Config, clock string) Config {
	cfg.Clock = clock
	return cfg
}

func withTimeout(cfg Config, d time.Duration) Config {
	cfg.Timeout = d
	return cfg
}

func usageErrorf(format string, a ...any) error {
	return cli.Exit(fmt.Sprintf(format, a...), ExitUsage)
}

func atLeastZero(name string, n int) error {
	if n < 0 {
		return usageErrorf("--%s must be 0 (no limit) or more, not %d", name, n)
	}
	return nil
}

// checkOutputFile makes sure, before a run, that the file path (of the flag name)
// can be written: a mistyped folder is said at once, not after the whole run.
func checkOutputFile(name, path string) error {
	if path == "" {
		return nil
	}
	if err := canWrite(path); err != nil {
		return usageErrorf("--%s %s: cannot write it: %v", name, path, err)
	}
	return nil
}

// canWrite says why the file path cannot be written, or nil: it opens it for
// writing without truncating it, and removes it if it made it, leaving behind no
// file that was not there.
func canWrite(path string) error {
	_, statErr := os.Lstat(path)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		var pathErr *fs.PathError
		if errors.As(err, &pathErr) {
			return pathErr.Err
		}
		return err
	}
	f.Close()
	if errors.Is(statErr, fs.ErrNotExist) {
		os.Remove(path)
	}
	return nil
}
