package runtime

import (
	"errors"
	"fmt"
)

// Lock is asyncio.Lock: FIFO, without barging. Release hands the lock straight to the
// longest waiter, so right after a release with waiters Locked() is still true.
type Lock struct {
	locked  bool
	owner   *Task // who acquired it, for reports; any task may release it
	waiters waitQueue
	serial  uint64
	cond    *Condition // the Condition that made it, if one did: traces name that
}

// ErrNotLocked is the misuse of releasing a lock nobody holds.
var ErrNotLocked = errors.New("lock is not acquired")

func NewLock() *Lock { return &Lock{serial: nextSerial()} }

func (l *Lock) Kind() string   { return "Lock" }
func (l *Lock) Serial() uint64 { return l.serial }

// Acquire takes the lock, waiting in FIFO order if it is held or others wait.
func (l *Lock) Acquire(t *Task) error { return l.acquire(t, Wait{Op: "Lock.acquire", On: l}) }

// acquire is Acquire, parked with why as what it waits on (a Condition names itself).
func (l *Lock) acquire(t *Task, why Wait) error {
	if !l.locked && l.waiters.len() == 0 {
		l.locked, l.owner = true, t
		l.traced(TraceAcquire, t)
		return nil
	}
	if err := t.waitIn(&l.waiters, nil, why); err != nil {
		if t.w.handed {
			l.release() // handed the lock, but cancelled before running: pass it on
		}
		return err
	}
	return nil
}

// Release frees the lock, handing it to the longest waiter if there is one.
func (l *Lock) Release() error {
	if !l.locked {
		return ErrNotLocked
	}
	l.release()
	return nil
}

func (l *Lock) release() {
	l.traced(TraceRelease, l.owner)
	if next := l.waiters.handOffFirst(nil); next != nil {
		l.owner = next
		l.traced(TraceAcquire, next)
		return
	}
	l.locked, l.owner = false, nil
}

// traced tells the observer, if any, that t acquired or released the lock.
func (l *Lock) traced(kind TraceKind, t *Task) {
	if t == nil || !t.sched.observes(kind) {
		return
	}
	var p Primitive = l
	if l.cond != nil {
		p = l.cond // its own lock: scripts know only the Condition
	}
	t.sched.trace(TraceEvent{Kind: kind, Task: t, State: t.state, Object: p})
}

func (l *Lock) Locked() bool { return l.locked }

// Holder is the task that acquired the lock, or nil.
func (l *Lock) Holder() *Task { return l.owner }

// Waiters is the number of tasks waiting to acquire it.
func (l *Lock) Waiters() int { return l.waiters.len() }

// String is asyncio's: <Lock [locked, waiters:1]>.
func (l *Lock) String() string { return "<Lock [" + lockState(l.locked, l.waiters.len()) + "]>" }

func lockState(locked bool, waiters int) string {
	s := "unlocked"
	if locked {
		s = "locked"
	}
	if waiters > 0 {
		s += fmt.Sprintf(", waiters:%d", waiters)
	}
	return s
}
