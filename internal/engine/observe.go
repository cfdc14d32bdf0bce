package engine

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"regexp"
	"time"

	"luasync/runtime"
	"luasync/trace"
)

// Seeing what the tasks did: the flags --trace, --timeline, --timestamps and
// --stats, and the lints and the slow-task warning of every run.

// SlowHold is how long a task may keep the baton (real time) before the watchdog
// warns, as asyncio's debug mode does for a slow callback.
const SlowHold = 100 * time.Millisecond

// TimelineWidth is the number of columns of time of the text timeline.
const TimelineWidth = 72

// timestampPrefix is what --timestamps puts before each printed line.
var timestampPrefix = regexp.MustCompile(`(?m)^\[t=[0-9]+\.[0-9]{3} [^\]\n]*\] `)

// WithoutTimestamps is what a run printed with --timestamps, without the stamps.
func WithoutTimestamps(printed string) string {
	return timestampPrefix.ReplaceAllString(printed, "")
}

// observation records one run: what --trace, --timeline and --stats need, and the
// lints, which every run gets.
type observation struct {
	cfg Observe
	rec *trace.Recorder
}

func newObservation(cfg Config, clock runtime.Clock) *observation {
	o := cfg.Observe
	return &observation{cfg: o, rec: trace.New(trace.Options{
		Clock: clock, Script: cfg.Script, Timeline: o.Trace != "" || o.Timeline != "" || o.TimelineSVG != nil, Stats: o.Stats,
	})}
}

// options adds the recorder and the watchdog to a run's scheduler options.
func (o *observation) options(opts runtime.Options) runtime.Options {
	opts.Observer = o.rec
	opts.SlowHold = SlowHold
	return opts
}

// finish ends the recording once the run is over and shows, on w, the lints, then
// what the flags asked for; it writes the files. It returns the run's exit status,
// or ExitUsage if a file cannot be written.
func (o *observation) finish(w io.Writer, status int) int {
	o.rec.End()
	for _, l := range o.rec.Lints() {
		fmt.Fprintf(w, "luasync: warning: %s\n", l)
	}
	if o.cfg.Stats {
		o.rec.WriteStats(w)
	}
	write := func(what, path string, render func(*bytes.Buffer) error) {
		var b bytes.Buffer
		err := render(&b)
		if err == nil {
			err = os.WriteFile(path, b.Bytes(), 0o644)
		}
		if err != nil {
			fmt.Fprintf(w, "luasync: cannot write the %s: %v\n", what, err)
			if status == ExitOK {
				status = ExitUsage
			}
		}
	}
	switch o.cfg.Timeline {
	case "":
	case "-":
		o.rec.WriteText(w, TimelineWidth)
	default:
		write("timeline", o.cfg.Timeline, func(b *bytes.Buffer) error { return o.rec.WriteSVG(b) })
	}
	if o.cfg.TimelineSVG != nil {
		o.rec.WriteSVG(o.cfg.TimelineSVG)
	}
	if o.cfg.Trace != "" {
		write("trace", o.cfg.Trace, func(b *bytes.Buffer) error { return o.rec.WriteChrome(b) })
	}
	return status
}
