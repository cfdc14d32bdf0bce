package runtime

import "time"

// The watchdog is asyncio's debug mode: it notices a task that keeps the baton for
// longer than Options.SlowHold of real time (a blocking call, an endless loop).
//
// It has no goroutine and no timer: a pending Go timer would make every goroutine
// switch read the clock, a tenth of the cost of a switch-heavy script. Instead the
// embedder calls NeedsAttention between the steps of the running task's code
// (bindings/ does, before every Lua instruction), and one call in holdSample reads
// the real clock. The scheduler counts the hand-overs of the baton (holds: in grant,
// which also covers a task that continues after yielding, and after block()); the
// same hold seen at two samples SlowHold apart is a slow one, which TakeSlowHold
// reports once. A hold that is over never gets a late warning: nothing samples it.
type watchdog struct {
	countdown int32     // NeedsAttention calls until the next sample
	holds     uint64    // hand-overs of the baton so far
	seen      uint64    // the hold seen at the last sample
	seenAt    time.Time // when it was first seen
	flagged   uint64    // the latest hold found too long (0: none)
	report    bool      // flagged is for TakeSlowHold to report
	busy      *Task     // the task whose check runs what was posted (busy.go)
}

// holdSample is how many calls of NeedsAttention pass between two looks at the stop
// flag and the clock: a few microseconds of Lua code.
const holdSample = 256

// newHold counts a new hold of the baton, for the watchdog.
func (s *Scheduler) newHold() {
	if s.opts.SlowHold > 0 {
		s.watch.holds++
	}
}

// HoldAfresh makes the watchdog time what the running task does next as a new hold,
// as after block(): the embedder calls it after a blocking call it warns of itself
// (a read of the input), which is not the code's own slowness. Call it with the
// baton.
func (s *Scheduler) HoldAfresh() { s.newHold() }

// SlowHold is Options.SlowHold: how long a task may keep the baton before a warning.
func (s *Scheduler) SlowHold() time.Duration { return s.opts.SlowHold }

// NeedsAttention is the check an embedder makes between the steps of the running
// task's code, with the baton. It is cheap enough for every Lua instruction: it is
// inlined, and only one call in holdSample does more than count down and load the
// stop flag. It reports true when the run is stopping (Stopping is closed: the
// embedder should stop the code), at the first call after the stop (an instruction
// may allocate 64 MiB: a run stopped for its memory must not run 256 more), or when
// the task has just kept the baton for longer than SlowHold (TakeSlowHold says so),
// or when the outside world has posted something (ServeOutside runs it).
func (s *Scheduler) NeedsAttention() bool {
	if s.watch.countdown--; s.watch.countdown > 0 && !s.stop.stopped.Load() {
		return false
	}
	return s.attention()
}

// attention is NeedsAttention's slow path, once in holdSample calls.
func (s *Scheduler) attention() bool {
	w := &s.watch
	w.countdown = holdSample
	if s.stop.stopped.Load() || s.npost.Load() > 0 {
		return true
	}
	if s.opts.SlowHold <= 0 {
		return false
	}
	now := time.Now()
	switch {
	case w.holds != w.seen:
		w.seen, w.seenAt = w.holds, now
	case w.flagged != w.holds && now.Sub(w.seenAt) >= s.opts.SlowHold:
		w.flagged, w.report = w.holds, true
		return true
	}
	return false
}

// TakeSlowHold reports, once per hold, whether the running task has kept the baton
// for longer than SlowHold (found by NeedsAttention). Call it with the baton.
func (s *Scheduler) TakeSlowHold() bool {
	w := &s.watch
	slow := w.report && w.flagged == w.holds
	w.report = false
	return slow
}
