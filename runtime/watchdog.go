package runtime

import (
	"sync"
	"time"
)

// The watchdog is asyncio's debug mode: it notices a task that keeps the baton for
// longer than Options.SlowHold of real time (a blocking call, an endless loop).
//
// It never touches a task. The scheduler counts the baton's hand-overs (holds, an
// atomic counter bumped in handTo, when a task continues after yielding, and after
// block()); the watchdog goroutine samples it, and when it has not moved for SlowHold
// it raises a flag carrying the count. The embedder checks the flag where it is safe,
// on the running task's own goroutine (bindings/ does it between Lua instructions,
// through the Lua thread's context): SlowHoldFlagged is one atomic load, and
// TakeSlowHold tells, once, whether the flag is for the hold still going on. A flag
// raised while no task ran (every task waiting for a timer) is stale by the time one
// runs, since handing it the baton bumps the count.
type watchdog struct {
	stop chan struct{}
	done sync.WaitGroup
}

// startWatchdog starts the watchdog goroutine; stopWatchdog ends it.
func (s *Scheduler) startWatchdog() {
	threshold := s.opts.SlowHold
	tick := max(threshold/4, time.Millisecond)
	w := &watchdog{stop: make(chan struct{})}
	s.watch = w
	w.done.Add(1)
	go func() {
		defer w.done.Done()
		ticker := time.NewTicker(tick)
		defer ticker.Stop()
		last, since, flagged := s.holds.Load(), time.Now(), uint64(0)
		for {
			select {
			case <-w.stop:
				return
			case now := <-ticker.C:
				n := s.holds.Load()
				switch {
				case n != last:
					last, since = n, now
				case n != flagged && now.Sub(since) >= threshold:
					flagged = n
					s.probe.Store(n)
				}
			}
		}
	}()
}

func (s *Scheduler) stopWatchdog() {
	if s.watch == nil {
		return
	}
	close(s.watch.stop)
	s.watch.done.Wait()
	s.watch = nil
}

// newHold counts a new hold of the baton, for the watchdog.
func (s *Scheduler) newHold() {
	if s.opts.SlowHold > 0 {
		s.holds.Add(1)
	}
}

// SlowHold is Options.SlowHold: how long a task may keep the baton before a warning.
func (s *Scheduler) SlowHold() time.Duration { return s.opts.SlowHold }

// NeedsAttention reports, in two atomic loads safe from any goroutine, whether the
// embedder's check between instructions has anything to do: the watchdog has raised
// its flag (SlowHoldFlagged) or the run is stopping (Stopping is closed, or about to
// be).
func (s *Scheduler) NeedsAttention() bool { return s.probe.Load() != 0 || s.stop.stopped.Load() }

// SlowHoldFlagged reports whether the watchdog has raised its flag: the running task
// may have kept the baton for longer than SlowHold. It is one atomic load, safe from
// any goroutine; call TakeSlowHold, with the baton, to know for sure.
func (s *Scheduler) SlowHoldFlagged() bool { return s.probe.Load() != 0 }

// TakeSlowHold lowers the watchdog's flag and reports whether it was raised for the
// hold of the baton still going on: then the running task has kept it for longer
// than SlowHold. It reports it once per hold. Call it with the baton.
func (s *Scheduler) TakeSlowHold() bool {
	p := s.probe.Swap(0)
	return p != 0 && p == s.holds.Load()
}
