package bindings

import (
	"fmt"
	"io"
	"strconv"

	lua "github.com/yuin/gopher-lua"
)

// DefaultMaxOutput caps what a run may print (stdout and stderr of the script
// together): a flood of output ends the run with a LimitError.
const DefaultMaxOutput = 64 << 20

// LimitError ends a run that went past a resource limit (exit status 4).
type LimitError struct {
	What  string // "memory", "output"
	Limit string // "1024 MiB, --max-memory"
}

func (e *LimitError) Error() string { return e.What + " limit exceeded (" + e.Limit + ")" }

// output is where print and io.write go: it counts what is written against the
// run's limit and, with Options.Timestamps, starts each line with the run's time and
// the task printing it: "[t=2.000 Task-2] ". Only the baton holder writes to it.
type output struct {
	m         *Module
	w         io.Writer
	lineStart bool
}

func (m *Module) newOutput(w io.Writer) *output { return &output{m: m, w: w, lineStart: true} }

// write writes s, or raises a Lua error in L once the run's output limit is passed.
func (o *output) write(L *lua.LState, s string) {
	m := o.m
	m.written += int64(len(s))
	if m.written > m.opts.MaxOutput {
		err := &LimitError{What: "output", Limit: fmt.Sprintf("%d MiB of output", m.opts.MaxOutput>>20)}
		m.sched.Abort(err)
		L.RaiseError("%v", err)
	}
	if !m.opts.Timestamps {
		o.w.Write([]byte(s))
		return
	}
	b := make([]byte, 0, len(s)+32)
	for i := 0; i < len(s); i++ {
		if o.lineStart {
			b = append(b, "[t="...)
			b = strconv.AppendFloat(b, m.sched.Now().Seconds(), 'f', 3, 64)
			b = append(b, ' ')
			if t := m.sched.Current(); t != nil {
				b = append(b, t.Name()...)
			}
			b = append(b, "] "...)
		}
		b = append(b, s[i])
		o.lineStart = s[i] == '\n'
	}
	o.w.Write(b)
}

// reset makes o write to w, from the start of a line: the output of a new run.
func (o *output) reset(w io.Writer) { o.w, o.lineStart = w, true }
