package runtime

import (
	"errors"
	"strconv"
)

// Semaphore is asyncio.Semaphore (and BoundedSemaphore), with hand-off instead of
// wake-and-retry:
//
//   - Acquire takes a permit without waiting when one is free and nobody waits;
//   - Release hands its permit straight to the longest waiter, so a third task cannot
//     take it first; with no waiter it adds a free permit, which a new Acquire takes
//     without waiting even if waiters handed their permits have not run yet (unlike
//     CPython's test_acquire_fifo_order_2: the simpler rule, as trio has it);
//   - a waiter handed a permit but cancelled before it runs passes the permit on.
//
// So while tasks wait no permit is free: Locked() is Value() == 0.
type Semaphore struct {
	kind    string // "Semaphore" or "BoundedSemaphore", for String
	value   int    // free permits
	bound   int    // a BoundedSemaphore's initial value; -1 when unbounded
	waiters waitQueue
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

// Locked reports whether Acquire would wait: no permit is free.
func (s *Semaphore) Locked() bool { return s.value == 0 }

// Waiters is the number of tasks waiting for a permit.
func (s *Semaphore) Waiters() int { return s.waiters.len() }

// Acquire takes a permit, waiting in FIFO order if none is free.
func (s *Semaphore) Acquire(t *Task) error {
	s.sched = t.sched
	if s.value > 0 && s.waiters.len() == 0 {
		s.value--
		s.traced(TraceAcquire, t)
		return nil
	}
	if err := t.waitIn(&s.waiters, nil, Wait{Op: s.kind + ".acquire", On: s}); err != nil {
		if t.w.handed {
			s.release() // handed a permit, but cancelled before running: pass it on
		}
		return err
	}
	return nil
}

// Release gives a permit back: to the longest waiter if there is one. A
// BoundedSemaphore fails with ErrReleasedTooOften above its initial value.
func (s *Semaphore) Release() error {
	if s.bound >= 0 && s.value >= s.bound {
		return ErrReleasedTooOften
	}
	s.release()
	return nil
}

func (s *Semaphore) release() {
	if s.sched != nil {
		s.traced(TraceRelease, s.sched.running())
	}
	if next := s.waiters.handOffFirst(nil); next != nil {
		s.traced(TraceAcquire, next)
		return
	}
	s.value++
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
