package runtime

import (
	"errors"
	"strconv"
)

// Semaphore is asyncio.Semaphore (and BoundedSemaphore), with Python 3.13's
// bookkeeping: Release adds a permit and, if a waiter has not been woken yet, takes
// the permit back for it and completes its future (the waiter runs one iteration
// later). Locked() is true while no permit is free or a waiter is not cancelled, so a
// new Acquire queues behind the waiters. A woken waiter cancelled before it runs
// gives its permit back, and whoever leaves Acquire wakes more waiters while permits
// are free.
type Semaphore struct {
	kind    string // "Semaphore" or "BoundedSemaphore", for String
	value   int    // free permits
	bound   int    // a BoundedSemaphore's initial value; -1 when unbounded
	waiters futureList
	initial int
	serial  uint64
	sched   *Scheduler // the one of the tasks that use it, once one has: for traces
}

// ErrReleasedTooOften is the misuse of releasing a BoundedSemaphore above its initial
// value (asyncio's ValueError).
var ErrReleasedTooOften = errors.New("BoundedSemaphore released too many times")

// NewSemaphore returns a semaphore with value free permits; value must be >= 0.
func NewSemaphore(value int) (*Semaphore, error) { return newSemaphore("Semaphore", value, -1) }

// NewBoundedSemaphore returns a semaphore that may not be released above value.
func NewBoundedSemaphore(value int) (*Semaphore, error) {
	return newSemaphore("BoundedSemaphore", value, value)
}

func newSemaphore(kind string, value, bound int) (*Semaphore, error) {
	if value < 0 {
		return nil, errors.New("initial value must be >= 0, got " + itoa(value))
	}
	return &Semaphore{kind: kind, value: value, bound: bound, initial: value, serial: nextSerial()}, nil
}

func (s *Semaphore) Serial() uint64 { return s.serial }

// Initial is the number of permits it was made with.
func (s *Semaphore) Initial() int { return s.initial }

// Kind is "Semaphore" or "BoundedSemaphore".
func (s *Semaphore) Kind() string { return s.kind }

// Value is the number of free permits.
func (s *Semaphore) Value() int { return s.value }

// Locked reports whether Acquire would wait: no permit is free, or a task waits that
// is not cancelled.
func (s *Semaphore) Locked() bool { return s.value == 0 || !allCancelled(&s.waiters) }

// Waiters is the number of tasks waiting for a permit.
func (s *Semaphore) Waiters() int { return s.waiters.len() }

// Acquire takes a permit, waiting in FIFO order if none is free.
func (s *Semaphore) Acquire(t *Task) error {
	s.sched = t.sched
	if !s.Locked() {
		s.value--
		s.traced(TraceAcquire, t)
		return nil
	}
	f := t.waitFuture()
	s.waiters.push(f)
	err := t.awaitFuture(f, Wait{Op: s.kind + ".acquire", On: s})
	s.waiters.remove(f)
	if errors.Is(err, ErrKilled) {
		return err
	}
	if err != nil && f.Done() && !f.Cancelled() {
		s.value++ // woken with a permit, but cancelled before it ran: give it back
	}
	for s.value > 0 && s.wakeUpNext() {
	}
	if err != nil {
		return err
	}
	s.traced(TraceAcquire, t)
	return nil
}

// Release gives a permit back and wakes the longest waiter not woken yet, if any. A
// BoundedSemaphore fails with ErrReleasedTooOften above its initial value.
func (s *Semaphore) Release() error {
	if s.bound >= 0 && s.value >= s.bound {
		return ErrReleasedTooOften
	}
	if s.sched != nil {
		s.traced(TraceRelease, s.sched.running())
	}
	s.value++
	s.wakeUpNext()
	return nil
}

// wakeUpNext takes a permit for the longest waiter not woken yet and completes its
// future; it reports whether there was one.
func (s *Semaphore) wakeUpNext() bool {
	for f := s.waiters.first(); f != nil; f = f.next {
		if !f.Done() {
			s.value--
			f.SetResult(true)
			return true
		}
	}
	return false
}

// traced tells the observer, if any, that t took or gave back a permit.
func (s *Semaphore) traced(kind TraceKind, t *Task) {
	if t != nil && t.sched.observes(kind) {
		t.sched.trace(TraceEvent{Kind: kind, Task: t, State: t.state, Object: s})
	}
}

// String is asyncio's: <Semaphore [unlocked, value:2]>, <Semaphore [locked,
// waiters:2]>; the value shows only when unlocked.
func (s *Semaphore) String() string {
	state := "locked"
	if !s.Locked() {
		state = "unlocked, value:" + strconv.Itoa(s.value)
	}
	if n := s.waiters.len(); n > 0 {
		state += ", waiters:" + strconv.Itoa(n)
	}
	return "<" + s.kind + " [" + state + "]>"
}
