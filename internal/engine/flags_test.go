package engine

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/urfave/cli/v2"

	"luasync/internal/leaktest"
)

func TestMain(m *testing.M) { leaktest.VerifyTestMain(m) }

// parse is what fs makes of the arguments args of a command with its flags.
func parse(t *testing.T, fs FlagSet, args []string) Config {
	t.Helper()
	var cfg Config
	var parseErr error
	app := &cli.App{
		Flags:          fs.Declare(),
		ExitErrHandler: func(*cli.Context, error) {},
		Action: func(c *cli.Context) error {
			cfg, parseErr = fs.Parse(c)
			return nil
		},
	}
	if err := app.Run(append([]string{"luasync"}, args...)); err != nil {
		t.Fatalf("%q: %v", args, err)
	}
	if parseErr != nil {
		t.Fatalf("%q: %v", args, parseErr)
	}
	return cfg
}

// Every script flag survives being turned into arguments and parsed again, in
// every command's flag set that has it: parse(args(cfg)) == cfg, with each flag
// away from its default (and with all of them at once).
func TestFlagsRoundTrip(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "x.lua")
	schedule := filepath.Join(dir, "x.schedule")
	if err := SaveSchedule(schedule, script, []string{"Task-2", "Task-3"}); err != nil {
		t.Fatal(err)
	}
	changes := map[string]func(*Config){
		"clock":         func(c *Config) { c.Clock = map[string]string{"real": "virtual", "virtual": "real"}[c.Clock] },
		"seed":          func(c *Config) { c.Seed = 42 },
		"timeout":       func(c *Config) { c.Timeout = 90 * time.Second },
		"unsafe":        func(c *Config) { c.Unsafe = true },
		"max-tasks":     func(c *Config) { c.MaxTasks = 7 },
		"max-memory":    func(c *Config) { c.MaxMemoryMB = 0 },
		"trace":         func(c *Config) { c.Observe.Trace = filepath.Join(dir, "t.json") },
		"timeline":      func(c *Config) { c.Observe.Timeline = "-" },
		"timestamps":    func(c *Config) { c.Observe.Timestamps = true },
		"stats":         func(c *Config) { c.Observe.Stats = true },
		"schedule":      func(c *Config) { c.Schedule = "pct" },
		"schedule-seed": func(c *Config) { c.ScheduleSeed = 1 << 39 },
		"pct-depth":     func(c *Config) { c.PCTDepth = 5 },
		"pct-steps":     func(c *Config) { c.PCTSteps = 9 },
		"schedule-file": func(c *Config) {
			c.ScheduleFile = schedule
			c.scheduleChoices, c.scheduleScript, _ = readScheduleFile(schedule)
		},
	}
	for _, sf := range scriptFlags {
		if changes[sf.name] == nil {
			t.Errorf("no change of --%s to test", sf.name)
		}
	}
	sets := map[string]FlagSet{"run": RunFlags, "step": StepFlags, "check": CheckFlags, "repl": REPLFlags, "explore": ExploreFlags}
	for setName, fs := range sets {
		var names []string
		fs.each(func(sf scriptFlag, _ string) error {
			names = append(names, sf.name)
			return nil
		})
		all := fs.Defaults
		all.Script, all.Args = script, []string{"a", "--b"}
		for _, name := range append(slices.Clone(names), "") {
			cfg := fs.Defaults
			cfg.Script, cfg.Args = script, []string{"a", "--b"}
			if name != "" {
				changes[name](&cfg)
				changes[name](&all)
			} else {
				cfg = all
			}
			args := append(append(fs.Args(cfg), "--", cfg.Script), cfg.Args...)
			if got := parse(t, fs, args); !reflect.DeepEqual(got, cfg) {
				t.Errorf("%s, --%s: %q parses to\n%+v, want\n%+v", setName, name, args, got, cfg)
			}
		}
	}
	os.Remove(filepath.Join(dir, "t.json"))
}

// What is at its default is left out of the arguments, but for the settings of the
// schedule that a replay command shows.
func TestFlagsArgsLeaveOutDefaults(t *testing.T) {
	cfg := RunFlags.Defaults
	if args := RunFlags.Args(cfg); len(args) != 0 {
		t.Errorf("the defaults make %q", args)
	}
	cfg.Schedule = "pct"
	if args, want := RunFlags.Args(cfg), []string{"--schedule", "pct", "--schedule-seed", "1", "--pct-depth", "3", "--pct-steps", "100"}; !slices.Equal(args, want) {
		t.Errorf("pct makes %q, want %q", args, want)
	}
	cfg = ExploreFlags.Defaults
	cfg.Seed = 9
	if args, want := ExploreFlags.Args(cfg), []string{"--math-seed", "9"}; !slices.Equal(args, want) {
		t.Errorf("explore's math.random seed makes %q, want %q", args, want)
	}
}
