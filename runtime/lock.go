package runtime

import (
	"errors"
	"fmt"
)

// Lock is asyncio.Lock. Release unlocks it and wakes the longest waiter, which takes
// the lock when it runs: until then Locked() is false, and a new Acquire still queues
// behind the woken waiter (no barging). A woken waiter cancelled before it runs wakes
// the next one.
type Lock struct {
	locked  bool
	owner   *Task // who acquired it, for reports; any task may release it
	waiters futureList
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
	if !l.locked && allCancelled(&l.waiters) {
		l.take(t)
		return nil
	}
	f := t.waitFuture()
	l.waiters.push(f)
	err := t.awaitFuture(f, why)
	l.waiters.remove(f)
	if err != nil {
		if !l.locked && !errors.Is(err, ErrKilled) {
			l.wakeUpFirst() // it will not take the lock: the next waiter may
		}
		return err
	}
	l.take(t)
	return nil
}

func (l *Lock) take(t *Task) {
	l.locked, l.owner = true, t
	l.traced(TraceAcquire, t)
}

// allCancelled reports whether every future in l is cancelled (true if l is empty).
func allCancelled(l *futureList) bool {
	for f := l.first(); f != nil; f = f.next {
		if !f.Cancelled() {
			return false
		}
	}
	return true
}

// Release unlocks the lock and wakes the longest waiter, if there is one.
func (l *Lock) Release() error {
	if !l.locked {
		return ErrNotLocked
	}
	l.release()
	return nil
}

func (l *Lock) release() {
	l.traced(TraceRelease, l.owner)
	l.locked, l.owner = false, nil
	l.wakeUpFirst()
}

// wakeUpFirst completes the first waiter's future, unless it is done already.
func (l *Lock) wakeUpFirst() {
	if f := l.waiters.first(); f != nil && !f.Done() {
		f.SetResult(true)
	}
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

// WaitingTasks lists the tasks waiting to acquire it, longest waiter first.
func (l *Lock) WaitingTasks() []*Task { return l.waiters.tasks() }

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
