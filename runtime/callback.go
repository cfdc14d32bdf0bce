package runtime

import (
	"fmt"
	"iter"
	"time"
)

// Callback is a function scheduled on the loop, outside any task: asyncio's Handle
// (CallSoon) or TimerHandle (CallLater, CallAt). It is one handle of the ready queue.
// It runs with the baton on the loop's callback runner, a goroutine of its own (never
// the hub), so it may run embedder code such as Lua; Current is nil meanwhile, and it
// must not wait.
type Callback struct {
	sched     *Scheduler
	fn        func()
	cancelled bool
	timer     *timer // a TimerHandle's entry in the heap; nil for call_soon's

	// Data is the embedder's: what the callback calls, for its repr.
	Data any
}

// CallSoon schedules fn at the back of the ready queue (asyncio's loop.call_soon).
// Call it with the baton.
func (s *Scheduler) CallSoon(fn func()) *Callback {
	cb := &Callback{sched: s, fn: fn}
	s.callSoon(handle{callback: cb})
	return cb
}

// CallLater schedules fn to run once d has passed (asyncio's loop.call_later): as
// sleep's timers, a later call with the same deadline runs later.
func (s *Scheduler) CallLater(d time.Duration, fn func()) *Callback {
	return s.callAt(s.clock.Now()+d, false, fn)
}

// CallAt schedules fn to run at when, on the run's clock (asyncio's loop.call_at):
// timers set so with one deadline leave the heap in heapq's order.
func (s *Scheduler) CallAt(when time.Duration, fn func()) *Callback {
	return s.callAt(when, true, fn)
}

func (s *Scheduler) callAt(when time.Duration, absolute bool, fn func()) *Callback {
	cb := &Callback{sched: s, fn: fn}
	cb.timer = &timer{index: -1, absolute: absolute, fire: func() { s.runCallback(cb) }}
	s.addTimer(cb.timer, when)
	return cb
}

// Cancel stops the callback from running, if it has not run yet.
func (cb *Callback) Cancel() {
	if cb.cancelled {
		return
	}
	cb.cancelled = true
	if cb.timer != nil {
		cb.sched.stopTimer(cb.timer)
	}
}

// Cancelled reports whether Cancel was called.
func (cb *Callback) Cancelled() bool { return cb.cancelled }

// When is a timer callback's deadline on the run's clock; ok is false for one of
// CallSoon.
func (cb *Callback) When() (when time.Duration, ok bool) {
	if cb.timer == nil {
		return 0, false
	}
	return cb.timer.when, true
}

// Timed reports whether it is a timer's callback (a TimerHandle).
func (cb *Callback) Timed() bool { return cb.timer != nil }

// runCallback runs cb's function on the callback runner, unless cb was cancelled
// or the run is being torn down (no script code runs then).
func (s *Scheduler) runCallback(cb *Callback) {
	if cb.cancelled || s.killing {
		return
	}
	r := s.runner
	if r == nil {
		r = newCallbackRunner()
		s.runner = r
	}
	r.fn = cb.fn
	r.next()
	if p := r.panicked; p != nil {
		r.panicked = nil
		s.Abort(p)
	}
}

// callbackRunner is the goroutine callbacks run on: a coroutine of the hub (as a
// task's worker is), resumed for each callback and coming back when it returns.
type callbackRunner struct {
	next     func() (struct{}, bool)
	stop     func()
	fn       func()
	panicked *PanicError
}

func newCallbackRunner() *callbackRunner {
	r := &callbackRunner{}
	r.next, r.stop = iter.Pull(func(yield func(struct{}) bool) {
		for {
			r.call()
			if !yield(struct{}{}) {
				return
			}
		}
	})
	return r
}

// call runs the callback, turning a Go panic into an internal error of the run.
func (r *callbackRunner) call() {
	defer func() {
		if p := recover(); p != nil {
			r.panicked = &PanicError{Value: fmt.Sprint("in a callback: ", p), Stack: stack()}
		}
	}()
	fn := r.fn
	r.fn = nil
	fn()
}

// stopRunner ends the callback runner's goroutine, at the end of the run.
func (s *Scheduler) stopRunner() {
	if s.runner != nil {
		s.runner.stop()
		s.runner = nil
	}
}

// AddCallback schedules cb with call_soon once t has finished (at once if it has):
// asyncio's Task.add_done_callback of a function that may run embedder code; name
// is how t's repr shows it in cb=[...].
func (t *Task) AddCallback(cb *Callback, name string) {
	t.addCallback(handle{callback: cb}, name)
}

// RemoveCallbacks takes out of t's done-callbacks every callback added with
// AddCallback whose Data match accepts, and returns how many (asyncio's
// remove_done_callback).
func (t *Task) RemoveCallbacks(match func(data any) bool) int {
	kept, n := t.callbacks[:0], 0
	for _, dc := range t.callbacks {
		if dc.h.callback != nil && match(dc.h.callback.Data) {
			n++
			continue
		}
		kept = append(kept, dc)
	}
	clear(t.callbacks[len(kept):])
	t.callbacks = kept
	return n
}
