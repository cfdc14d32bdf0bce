package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"luasync/runtime"
	"luasync/trace"
)

// Seeing what the tasks did: the flags --trace, --timeline, --timestamps
// and --stats, the lints and the slow-task warning of every run, and how check
// passes the flags on to its children.

// slowHold is how long a task may keep the baton (real time) before the watchdog
// warns, as asyncio's debug mode does for a slow callback.
const slowHold = 100 * time.Millisecond

// timelineWidth is the number of columns of time of the text timeline.
const timelineWidth = 72

// observeFlags are the flags of the commands that run scripts; scriptFlags has
// them.
func observeFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "trace", Usage: "write a Chrome trace of the run to `FILE.json`, to open in Perfetto or chrome://tracing"},
		&cli.StringFlag{Name: "timeline", Usage: "draw the tasks' timeline in `FILE.svg`, or as text on stderr with -"},
		&cli.BoolFlag{Name: "timestamps", Usage: "start each line the script prints with the time and the task: [t=2.000 task-1]"},
		&cli.BoolFlag{Name: "stats", Usage: "at the end, show on stderr how each primitive was used and how each task spent its time"},
	}
}

// observeConfig is what a run shows of itself.
type observeConfig struct {
	trace, timeline   string // file names; timeline "-" is text on stderr
	timestamps, stats bool
}

func observeConfigOf(c *cli.Context) observeConfig {
	return observeConfig{trace: c.String("trace"), timeline: c.String("timeline"), timestamps: c.Bool("timestamps"), stats: c.Bool("stats")}
}

// checkOutputFiles makes sure, before a run, that the files --trace and --timeline
// name can be written: a mistyped folder is said at once, not after the whole run. It
// leaves behind no file that was not there.
func checkOutputFiles(c *cli.Context) error {
	for _, name := range []string{"trace", "timeline"} {
		path := c.String(name)
		if path == "" || (name == "timeline" && path == "-") {
			continue
		}
		if err := canWrite(path); err != nil {
			return cli.Exit(fmt.Sprintf("--%s %s: cannot write it: %v", name, path, err), exitUsage)
		}
	}
	return nil
}

// canWrite says why the file path cannot be written, or nil: it opens it for
// writing without truncating it, and removes it if it made it.
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

// observation records one run: what --trace, --timeline and --stats need, and the
// lints, which every run gets.
type observation struct {
	cfg observeConfig
	rec *trace.Recorder
}

func newObservation(cfg runConfig, clock runtime.Clock) *observation {
	o := cfg.observe
	return &observation{cfg: o, rec: trace.New(trace.Options{
		Clock: clock, Script: cfg.path, Timeline: o.trace != "" || o.timeline != "", Stats: o.stats,
	})}
}

// options adds the recorder and the watchdog to a run's scheduler options.
func (o *observation) options(opts runtime.Options) runtime.Options {
	opts.Observer = o.rec
	opts.SlowHold = slowHold
	return opts
}

// finish ends the recording once the run is over and shows, on stderr, the lints,
// then what the flags asked for; it writes the files. It returns the run's exit
// status, or exitUsage if a file cannot be written.
func (o *observation) finish(e *env, status int) int {
	o.rec.End()
	for _, l := range o.rec.Lints() {
		fmt.Fprintf(e.stderr, "luasync: warning: %s\n", l)
	}
	if o.cfg.stats {
		o.rec.WriteStats(e.stderr)
	}
	write := func(what, path string, render func(*bytes.Buffer) error) {
		var b bytes.Buffer
		err := render(&b)
		if err == nil {
			err = os.WriteFile(path, b.Bytes(), 0o644)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "luasync: cannot write the %s: %v\n", what, err)
			if status == exitOK {
				status = exitUsage
			}
		}
	}
	switch o.cfg.timeline {
	case "":
	case "-":
		o.rec.WriteText(e.stderr, timelineWidth)
	default:
		write("timeline", o.cfg.timeline, func(b *bytes.Buffer) error { return o.rec.WriteSVG(b) })
	}
	if o.cfg.trace != "" {
		write("trace", o.cfg.trace, func(b *bytes.Buffer) error { return o.rec.WriteChrome(b) })
	}
	return status
}

// observed adds a recorder (for :timeline) and the watchdog to the options of a
// REPL session's scheduler.
func (sess *session) observed(opts runtime.Options) runtime.Options {
	rec := trace.New(trace.Options{Clock: opts.Clock, Script: "the session", Timeline: true, MaxSegments: 200_000})
	sess.timeline = func() string {
		var b strings.Builder
		rec.WriteText(&b, timelineWidth)
		return b.String()
	}
	opts.Observer, opts.SlowHold = rec, slowHold
	return opts
}

// observeArgs are the flags check passes on to the child that runs script: the same,
// except that with several scripts each gets its own trace and timeline file, named
// after it: --trace t.json makes t.scripts-tutorial-lock.json for
// scripts/tutorial/lock.lua.
func observeArgs(passOn []string, script string, several bool) []string {
	if !several {
		return passOn
	}
	tag := strings.Trim(strings.NewReplacer("/", "-", `\`, "-", ":", "-").Replace(filepath.ToSlash(strings.TrimSuffix(filepath.Clean(script), ".lua"))), "-.")
	out := make([]string, len(passOn))
	for i, a := range passOn {
		out[i] = a
		for _, name := range []string{"--trace=", "--timeline="} {
			if path, ok := strings.CutPrefix(a, name); ok && path != "-" && path != "" {
				ext := filepath.Ext(path)
				out[i] = name + strings.TrimSuffix(path, ext) + "." + tag + ext
			}
		}
	}
	return out
}

// timestampPrefix is what --timestamps puts before each printed line.
var timestampPrefix = regexp.MustCompile(`(?m)^\[t=[0-9]+\.[0-9]{3} [^\]\n]*\] `)

// observations returns what check shows of a child's run under the observation
// flags: the lines as printed, with --timestamps (whose prefixes are taken out of
// out.stdout, which is compared with the expected output), and the child's stderr
// with --stats or --timeline -.
func observations(out *childOutput, passOn []string) []string {
	var shown []string
	for _, a := range passOn {
		switch a {
		case "--timestamps=true":
			shown = append(shown, "printed:\n"+strings.TrimRight(out.stdout, "\n"))
			out.stdout = timestampPrefix.ReplaceAllString(out.stdout, "")
		case "--stats=true", "--timeline=-":
			if out.stderr != "" && !slices.ContainsFunc(shown, func(s string) bool { return strings.HasPrefix(s, "stderr:") }) {
				shown = append(shown, "stderr:\n"+strings.TrimRight(out.stderr, "\n"))
			}
		}
	}
	return shown
}
