package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"
)

// A scriptFlag is one flag of the commands that run scripts: its name and usage,
// the Config field it sets, what it refuses, and when it is passed on even at its
// default. Every script flag is here and nowhere else: the commands declare them,
// parse them and turn a Config back into them through this table.
type scriptFlag struct {
	name, usage string
	field       field
	check       func(cfg *Config) error // nil: every value is fine
	// relevant says when the flag is passed on even at its default: a schedule's
	// seed and PCT's settings, which a replay command shows.
	relevant func(cfg Config) bool
}

// scriptFlags are in the order they are checked in and of the arguments they make
// (the replay command explore prints); the help has them in helpOrder.
var scriptFlags = []scriptFlag{
	{name: "clock", usage: "`real` sleeps for real; `virtual` jumps to the next deadline, so sleeps take no time",
		field: stringField(func(c *Config) *string { return &c.Clock }),
		check: func(cfg *Config) error {
			return oneOf("clock", cfg.Clock, "real", "virtual")
		}},
	{name: "seed", usage: "seed of math.random: the same seed gives the same numbers",
		field: uint64Field(func(c *Config) *uint64 { return &c.Seed })},
	{name: "timeout", usage: "stop the script after this much real time (e.g. 10s), exit status 124",
		field: durationField(func(c *Config) *time.Duration { return &c.Timeout }),
		check: func(cfg *Config) error {
			if cfg.Timeout < 0 {
				return usageErrorf("--timeout must be positive (or 0: no limit), not %v", cfg.Timeout)
			}
			return nil
		}},
	{name: "unsafe", usage: "open Lua's standard libraries in full (files, commands, the environment)",
		field: boolField(func(c *Config) *bool { return &c.Unsafe })},
	{name: "max-tasks", usage: "at most this many unfinished tasks; spawn raises an error past it (0: no limit)",
		field: intField(func(c *Config) *int { return &c.MaxTasks }),
		check: func(cfg *Config) error { return atLeast("max-tasks", cfg.MaxTasks, 0, "0 (no limit) or more") }},
	{name: "max-memory", usage: "stop the run past this many MiB of memory, exit status 4 (0: no limit)",
		field: intField(func(c *Config) *int { return &c.MaxMemoryMB }),
		check: func(cfg *Config) error { return atLeast("max-memory", cfg.MaxMemoryMB, 0, "0 (no limit) or more") }},
	{name: "trace", usage: "write a Chrome trace of the run to `FILE.json`, to open in Perfetto or chrome://tracing",
		field: stringField(func(c *Config) *string { return &c.Observe.Trace }),
		check: func(cfg *Config) error { return checkOutputFile("trace", cfg.Observe.Trace) }},
	{name: "timeline", usage: "draw the tasks' timeline in `FILE.svg`, or as text on stderr with -",
		field: stringField(func(c *Config) *string { return &c.Observe.Timeline }),
		check: func(cfg *Config) error {
			if cfg.Observe.Timeline == "-" {
				return nil
			}
			return checkOutputFile("timeline", cfg.Observe.Timeline)
		}},
	{name: "timestamps", usage: "start each line the script prints with the time and the task: [t=2.000 Task-2]",
		field: boolField(func(c *Config) *bool { return &c.Observe.Timestamps })},
	{name: "stats", usage: "at the end, show on stderr how each primitive was used and how each task spent its time",
		field: boolField(func(c *Config) *bool { return &c.Observe.Stats })},
	{name: "schedule", usage: "which ready task runs next: `fifo` (the rules in README.md), random or pct (see luasync explore)",
		field: stringField(func(c *Config) *string { return &c.Schedule }),
		check: func(cfg *Config) error { return oneOf("schedule", cfg.Schedule, "fifo", "random", "pct") }},
	{name: "schedule-seed", usage: "seed of the random and pct schedules: the same seed gives the same run (on the virtual clock)",
		field:    uint64Field(func(c *Config) *uint64 { return &c.ScheduleSeed }),
		relevant: func(cfg Config) bool { return cfg.Schedule != "fifo" }},
	{name: "pct-depth", usage: "pct: priority changes are one fewer than this (the bug depth)",
		field:    intField(func(c *Config) *int { return &c.PCTDepth }),
		check:    func(cfg *Config) error { return atLeast("pct-depth", cfg.PCTDepth, 1, "at least 1") },
		relevant: isPCT},
	{name: "pct-steps", usage: "pct: the priority changes fall among the first `K` choices of a task to run",
		field:    intField(func(c *Config) *int { return &c.PCTSteps }),
		check:    func(cfg *Config) error { return atLeast("pct-steps", cfg.PCTSteps, 1, "at least 1") },
		relevant: isPCT},
	{name: "schedule-file", usage: "replay the choices recorded in `FILE` (by step or explore), then go on with --schedule",
		field: stringField(func(c *Config) *string { return &c.ScheduleFile }),
		check: func(cfg *Config) error {
			if cfg.ScheduleFile == "" {
				return nil
			}
			var err error
			if cfg.scheduleChoices, cfg.scheduleScript, err = readScheduleFile(cfg.ScheduleFile); err != nil {
				return cli.Exit(err.Error(), ExitUsage)
			}
			return nil
		}},
}

func isPCT(cfg Config) bool { return cfg.Schedule == "pct" }

// helpOrder is the order of the script flags in a command's help: how the run goes,
// its limits, its schedule, then what it shows of itself.
var helpOrder = []string{
	"clock", "seed", "timeout", "unsafe", "max-tasks", "max-memory",
	"schedule", "schedule-seed", "schedule-file", "pct-depth", "pct-steps",
	"trace", "timeline", "timestamps", "stats",
}

// A field is the Config field a flag sets, of one type: it declares the flag with
// the field's default, reads the flag into the field, and writes the field as an
// argument.
type field interface {
	declare(name, usage string, defaults Config) cli.Flag
	parse(c *cli.Context, name string, cfg *Config)
	arg(cfg Config) string
}

type (
	stringField   func(*Config) *string
	boolField     func(*Config) *bool
	intField      func(*Config) *int
	uint64Field   func(*Config) *uint64
	durationField func(*Config) *time.Duration
)

func (f stringField) declare(n, u string, d Config) cli.Flag {
	return &cli.StringFlag{Name: n, Value: *f(&d), Usage: u}
}
func (f stringField) parse(c *cli.Context, n string, cfg *Config) { *f(cfg) = c.String(n) }
func (f stringField) arg(cfg Config) string                       { return *f(&cfg) }

func (f boolField) declare(n, u string, d Config) cli.Flag {
	return &cli.BoolFlag{Name: n, Value: *f(&d), Usage: u}
}
func (f boolField) parse(c *cli.Context, n string, cfg *Config) { *f(cfg) = c.Bool(n) }
func (f boolField) arg(cfg Config) string                       { return strconv.FormatBool(*f(&cfg)) }

func (f intField) declare(n, u string, d Config) cli.Flag {
	return &cli.IntFlag{Name: n, Value: *f(&d), Usage: u}
}
func (f intField) parse(c *cli.Context, n string, cfg *Config) { *f(cfg) = c.Int(n) }
func (f intField) arg(cfg Config) string                       { return strconv.Itoa(*f(&cfg)) }

func (f uint64Field) declare(n, u string, d Config) cli.Flag {
	return &cli.Uint64Flag{Name: n, Value: *f(&d), Usage: u}
}
func (f uint64Field) parse(c *cli.Context, n string, cfg *Config) { *f(cfg) = c.Uint64(n) }
func (f uint64Field) arg(cfg Config) string                       { return strconv.FormatUint(*f(&cfg), 10) }

func (f durationField) declare(n, u string, d Config) cli.Flag {
	return &cli.DurationFlag{Name: n, Value: *f(&d), Usage: u}
}
func (f durationField) parse(c *cli.Context, n string, cfg *Config) { *f(cfg) = c.Duration(n) }
func (f durationField) arg(cfg Config) string                       { return f(&cfg).String() }

// A FlagSet is the script flags of one command, with its defaults: it declares
// them, parses them into a Config, and turns a Config back into them.
type FlagSet struct {
	Defaults Config
	names    []string          // nil: every script flag
	renamed  map[string]string // a flag's name in this set, where it is another
	usages   map[string]string // a flag's usage in this set, where it is another
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

// WithUsage is the set in which the flag named (by its script flag name) says usage
// in the help.
func (fs FlagSet) WithUsage(name, usage string) FlagSet {
	u := map[string]string{name: usage}
	for k, v := range fs.usages {
		u[k] = v
	}
	fs.usages = u
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

// Declare is the flags, for a command, in the order of the help.
func (fs FlagSet) Declare() []cli.Flag {
	var flags []cli.Flag
	fs.each(func(sf scriptFlag, name string) error {
		usage := sf.usage
		if u, ok := fs.usages[sf.name]; ok {
			usage = u
		}
		flags = append(flags, sf.field.declare(name, usage, fs.Defaults))
		return nil
	})
	rank := func(f cli.Flag) int {
		name := f.Names()[0]
		for from, to := range fs.renamed {
			if to == name {
				name = from
			}
		}
		return slices.Index(helpOrder, name)
	}
	slices.SortStableFunc(flags, func(a, b cli.Flag) int { return rank(a) - rank(b) })
	return flags
}

// Parse reads the flags a command was given into a Config (the script and its
// arguments are the command's arguments), and refuses, before anything runs, the
// values that make no sense: a usage error, exit status 2. A file --trace or
// --timeline cannot write is found out here, not once the run is over.
func (fs FlagSet) Parse(c *cli.Context) (Config, error) {
	cfg := fs.Defaults
	cfg.Script, cfg.Args = c.Args().First(), c.Args().Tail()
	err := fs.each(func(sf scriptFlag, name string) error {
		sf.field.parse(c, name, &cfg)
		if sf.check == nil {
			return nil
		}
		return sf.check(&cfg)
	})
	return cfg, err
}

// Args turns cfg back into the arguments of this set's command: each flag whose
// value is not the set's default, or that matters to the schedule cfg has.
func (fs FlagSet) Args(cfg Config) []string {
	var args []string
	fs.each(func(sf scriptFlag, name string) error {
		v, d := sf.field.arg(cfg), sf.field.arg(fs.Defaults)
		_, isBool := sf.field.(boolField)
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
			Renamed("seed", "math-seed").
			WithUsage("seed", "seed of math.random in every run (luasync run's --seed)").
			WithUsage("timeout", "stop a run after this much real time; it fails with exit status 124").
			WithUsage("max-memory", "stop a run past this many MiB of memory, exit status 4 (0: no limit)")
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

// atLeast refuses n below least: --name must be what.
func atLeast(name string, n, least int, what string) error {
	if n < least {
		return usageErrorf("--%s must be %s, not %d", name, what, n)
	}
	return nil
}

// oneOf refuses a value not among those allowed.
func oneOf(name, value string, allowed ...string) error {
	if slices.Contains(allowed, value) {
		return nil
	}
	last := len(allowed) - 1
	return usageErrorf("--%s must be %s or %s, not %q", name, strings.Join(allowed[:last], ", "), allowed[last], value)
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
