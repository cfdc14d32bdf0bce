package runtime

import (
	"time"
)

// timer is an entry of the loop's timer heap (asyncio's TimerHandle). When it is
// due it joins the back of the ready queue as a handle, and runs there: it completes
// fut (unless fut was cancelled meanwhile) or calls fire. Each Task embeds one (a
// task sleeps or times out on one deadline at a time), so sleeping allocates nothing.
//
// A stopped timer stays in the heap, as a cancelled TimerHandle stays in asyncio's,
// until it reaches the top or the loop sweeps the heap: the heap keeps asyncio's
// shape, so timers with one deadline leave it in heapq's order.
type timer struct {
	when  time.Duration
	seq   uint64  // order of setting; 0 once stopped
	index int     // position in the heap, -1 when not in it
	fut   *Future // completed with nil when it runs
	fire  func()  // or, for other timers, called
	// absolute: set for a deadline given as a time (call_at), not as a delay.
	absolute bool
}

// timerHeap is the loop's heap of timers, pushed and popped with heapq's algorithm.
type timerHeap []*timer

// timerLess is the order of the heap: by deadline. Two timers with one deadline both
// set as a delay (sleep, call_later, a timeout) count the later-set one as later, as
// a real clock would have moved between the two; any other two compare equal, as
// asyncio's TimerHandles do, and leave in heapq's order.
func timerLess(a, b *timer) bool {
	if a.when != b.when {
		return a.when < b.when
	}
	return !a.absolute && !b.absolute && a.seq < b.seq
}

func timerMoved(tm *timer, i int) { tm.index = i }

// Asyncio sweeps the cancelled timers out of its heap once more than this many are
// scheduled and more than half of them are cancelled.
const (
	minSweptTimers        = 100
	maxCancelledTimerFrac = 0.5
)

// addTimer schedules tm to fire at when.
func (s *Scheduler) addTimer(tm *timer, when time.Duration) {
	s.stopTimer(tm)
	if tm.index >= 0 {
		// A timer set again while its stopped entry is still in the heap (a task
		// sleeping again after a cancelled sleep) takes that entry out first.
		s.removeTimer(tm)
	}
	s.timerSeq++
	tm.when, tm.seq = when, s.timerSeq
	heapqPush((*[]*timer)(&s.timers), tm, timerLess, timerMoved)
}

// stopTimer cancels tm: it will not run, in the heap or, if it is due already and
// waits in the ready queue, there.
func (s *Scheduler) stopTimer(tm *timer) {
	if tm.index >= 0 && tm.seq != 0 {
		s.timerCancelled++
	}
	tm.seq = 0
}

// removeTimer takes the stopped tm out of the heap at once.
func (s *Scheduler) removeTimer(tm *timer) {
	h := s.timers
	i, last := tm.index, len(h)-1
	s.timerCancelled--
	tm.index = -1
	if i != last {
		h[i] = h[last]
		h[i].index = i
	}
	h[last] = nil
	s.timers = h[:last]
	if i != last {
		heapqSiftDown(s.timers, 0, i, timerLess, timerMoved)
		heapqSiftUp(s.timers, s.timers[i].index, timerLess, timerMoved)
	}
}

// fireDueTimers is the timer part of asyncio's _run_once: it drops the stopped
// timers (sweeping the whole heap when they are many, else those on top), then moves
// every timer whose deadline has passed to the back of the ready queue, in the
// order heapq pops them. Afterwards the top of the heap, if any, is a live timer.
func (s *Scheduler) fireDueTimers() {
	if len(s.timers) == 0 {
		return
	}
	if n := len(s.timers); n > minSweptTimers && float64(s.timerCancelled)/float64(n) > maxCancelledTimerFrac {
		live := s.timers[:0]
		for _, tm := range s.timers {
			if tm.seq != 0 {
				live = append(live, tm)
			} else {
				tm.index = -1
			}
		}
		clear(s.timers[len(live):])
		s.timers = live
		for i, tm := range live {
			tm.index = i
		}
		heapqHeapify(s.timers, timerLess, timerMoved)
		s.timerCancelled = 0
	} else {
		s.dropStoppedTimers()
	}
	now := s.clock.Now()
	for len(s.timers) > 0 && s.timers[0].when <= now {
		tm := s.popTimer()
		if tm.seq == 0 {
			s.timerCancelled--
			continue
		}
		s.callSoon(handle{timer: tm, seq: tm.seq})
	}
	// (asyncio drops these at its next iteration's start: the same pops)
	s.dropStoppedTimers()
}

// dropStoppedTimers pops the stopped timers on top of the heap.
func (s *Scheduler) dropStoppedTimers() {
	for len(s.timers) > 0 && s.timers[0].seq == 0 {
		s.popTimer()
		s.timerCancelled--
	}
}

func (s *Scheduler) popTimer() *timer {
	tm := heapqPop((*[]*timer)(&s.timers), timerLess, timerMoved)
	tm.index = -1
	return tm
}

// run is the timer's handle running: it completes its future, or calls fire.
func (tm *timer) run() {
	tm.seq = 0
	if tm.fut != nil {
		if !tm.fut.Done() {
			tm.fut.SetResult(nil)
		}
		return
	}
	tm.fire()
}

// AfterFunc calls f (with the baton, on the hub) once d has passed on the run's
// clock (asyncio's call_later). It returns a func that stops the timer. Call it with
// the baton.
func (s *Scheduler) AfterFunc(d time.Duration, f func()) (stop func()) {
	tm := &timer{index: -1, fire: f}
	s.addTimer(tm, s.clock.Now()+d)
	return func() { s.stopTimer(tm) }
}
