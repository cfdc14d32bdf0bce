package engine

import (
	"errors"

	"luasync/bindings"
	"luasync/runtime"
)

// Reuse is the Lua state that the runs of one script hand on, one to the next:
// explore's thousands of runs each take it back as it was built (bindings' Reset)
// rather than build their own, which costs several times a small script's run. A
// run that ended in a way that may have left the state other than a snapshot can
// put back (a crash of the interpreter, the memory limit, a second Ctrl-C) throws it
// away, and the next run builds a new one. Runs with a Reuse must be made one at a
// time; Close frees the state kept.
type Reuse struct {
	kept   *bindings.Module
	counts ReuseCounts
	memory *memoryWatch // --max-memory's watch, which the runs share too
}

// ReuseCounts say how the runs of a Reuse got their state: Built (the first, and
// those after one was thrown away), Reused, and Discarded, the states thrown away.
type ReuseCounts struct{ Built, Reused, Discarded int }

// NewReuse returns a Reuse with no state yet.
func NewReuse() *Reuse { return &Reuse{} }

// Counts are the counts so far.
func (r *Reuse) Counts() ReuseCounts { return r.counts }

// Close frees the state kept, if any, and stops the runs' memory watch.
func (r *Reuse) Close() {
	r.drop()
	if r.memory != nil {
		r.memory.stop()
		r.memory = nil
	}
}

// drop frees the state kept, if any.
func (r *Reuse) drop() {
	if r.kept != nil {
		r.kept.Close()
		r.kept = nil
	}
}

// watchMemory is the memory watch of limitMB, started by the first run, watching
// the run on s until its end.
func (r *Reuse) watchMemory(s *runtime.Scheduler, limitMB int) *memoryWatch {
	if r.memory != nil && r.memory.limit != int64(limitMB)<<20 {
		r.memory.stop()
		r.memory = nil
	}
	if r.memory == nil {
		r.memory = newMemoryWatch(limitMB)
	}
	r.memory.begin(s)
	return r.memory
}

// module is the state for a run on s with opts: the kept one, put back, or a new one.
func (r *Reuse) module(s *runtime.Scheduler, opts bindings.Options) *bindings.Module {
	if m := r.kept; m != nil {
		r.kept = nil
		if m.Reset(s, opts) {
			r.counts.Reused++
			return m
		}
		m.Close()
		r.counts.Discarded++
	}
	opts.Reusable = true
	r.counts.Built++
	return bindings.New(s, opts)
}

// keep takes back the state of a run that has ended, unless reusable is false or
// the state cannot be put back: then it is thrown away.
func (r *Reuse) keep(m *bindings.Module, reusable bool) {
	if !reusable || !m.Reusable() {
		m.Close()
		r.counts.Discarded++
		return
	}
	r.drop()
	r.kept = m
}

// reusableAfter says whether a run that ended with runErr, and whose failed tasks
// are failed, left its state for the next run: not if the interpreter crashed (a Go
// panic), the memory limit stopped it (its threads may hold much), a second
// Ctrl-C or a quit aborted it, or it ended in a way this does not know.
func reusableAfter(runErr error, failed []*runtime.Task) bool {
	for _, t := range failed {
		var panicked *runtime.PanicError
		if _, err := t.Peek(); errors.As(err, &panicked) {
			return false
		}
	}
	var deadlock *runtime.DeadlockError
	var interrupted *runtime.InterruptedError
	var timeout errTimeout
	var limit *bindings.LimitError
	var exit *bindings.ExitError
	switch {
	case runErr == nil:
		return true
	case errors.As(runErr, &limit):
		return limit.What != "memory"
	case errors.As(runErr, &deadlock), errors.As(runErr, &interrupted), errors.As(runErr, &timeout), errors.As(runErr, &exit):
		return true
	}
	return false
}
