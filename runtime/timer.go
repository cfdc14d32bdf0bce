package runtime

import (
	"container/heap"
	"time"
)

// timer is an entry of the loop's timer heap (asyncio's TimerHandle). When it is
// due it joins the back of the ready queue as a handle, and runs there: it completes
// fut (unless fut was cancelled meanwhile) or calls fire. Each Task embeds one (a
// task sleeps or times out on one deadline at a time), so sleeping allocates nothing.
type timer struct {
	when  time.Duration
	seq   uint64  // order of setting, so equal deadlines fire in that order; 0 once stopped
	index int     // position in the heap, -1 when not in it
	fut   *Future // completed with nil when it runs
	fire  func()  // or, for other timers, called
}

// timerHeap orders timers by deadline, then by the order they were set.
type timerHeap []*timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if h[i].when != h[j].when {
		return h[i].when < h[j].when
	}
	return h[i].seq < h[j].seq
}
func (h timerHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}
func (h *timerHeap) Push(x any) {
	t := x.(*timer)
	t.index = len(*h)
	*h = append(*h, t)
}
func (h *timerHeap) Pop() any {
	old := *h
	t := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	t.index = -1
	return t
}

// addTimer schedules tm to fire at when.
func (s *Scheduler) addTimer(tm *timer, when time.Duration) {
	s.stopTimer(tm)
	s.timerSeq++
	tm.when, tm.seq = when, s.timerSeq
	heap.Push(&s.timers, tm)
}

// stopTimer cancels tm: it leaves the heap, or, if it is due already and waits in the
// ready queue, it will not run there.
func (s *Scheduler) stopTimer(tm *timer) {
	if tm.index >= 0 {
		heap.Remove(&s.timers, tm.index)
	}
	tm.seq = 0
}

// fireDueTimers moves every timer whose deadline has passed to the back of the ready
// queue, in deadline order.
func (s *Scheduler) fireDueTimers() {
	if len(s.timers) == 0 {
		return
	}
	now := s.clock.Now()
	for len(s.timers) > 0 && s.timers[0].when <= now {
		tm := heap.Pop(&s.timers).(*timer)
		s.callSoon(handle{timer: tm, seq: tm.seq})
	}
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
