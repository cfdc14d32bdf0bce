package runtime

import "errors"

// Condition is asyncio.Condition over a Lock (its own unless one is given).
//
// Wait releases the lock, waits for a notify, then re-acquires the lock, queueing FIFO
// behind its holders, before it returns. It re-acquires the lock before a Cancelled
// error reaches the caller too, even if the cancellation arrives while it re-acquires,
// so that the caller's cleanup can release it; only ErrKilled returns at once. A wait
// that ends with an error notifies one other waiter, so no wake-up is lost.
//
// Notify completes the futures of the n longest waiters not woken yet: each runs one
// iteration later, and then queues for the lock.
type Condition struct {
	lock    *Lock
	waiters futureList
	serial  uint64
}

// Misuse of a Condition, with asyncio's messages.
var (
	ErrWaitUnacquired   = errors.New("cannot wait on un-acquired lock")
	ErrNotifyUnacquired = errors.New("cannot notify on un-acquired lock")
)

// NewCondition returns a condition over l, or over a new Lock if l is nil.
func NewCondition(l *Lock) *Condition {
	c := &Condition{lock: l, serial: nextSerial()}
	if l == nil {
		c.lock = NewLock()
		c.lock.cond = c
	}
	return c
}

func (c *Condition) Kind() string   { return "Condition" }
func (c *Condition) Serial() uint64 { return c.serial }

// Lock is the condition's underlying lock.
func (c *Condition) Lock() *Lock { return c.lock }

// Acquire takes the underlying lock, as Lock.Acquire does.
func (c *Condition) Acquire(t *Task) error { return c.acquire(t, "Condition.acquire") }

// Release frees the underlying lock, as Lock.Release does.
func (c *Condition) Release() error { return c.lock.Release() }

func (c *Condition) Locked() bool { return c.lock.Locked() }

// Holder is the task that acquired the underlying lock, or nil.
func (c *Condition) Holder() *Task { return c.lock.Holder() }

// Waiters is the number of tasks waiting for a notify (not those waiting for the
// lock).
func (c *Condition) Waiters() int { return c.waiters.len() }

// Wait releases the lock, waits until notified and re-acquires the lock. It returns
// nil, a Cancelled error (with the lock held again) or ErrKilled. The lock must be
// held.
func (c *Condition) Wait(t *Task) error { return c.wait(t, 0, Wait{}) }

// wait is Wait; guarded is 1 inside WaitFor, for the observer. A primitive built on
// the condition (Barrier) gives why, what a task waiting in it waits on for reports.
func (c *Condition) wait(t *Task, guarded int, why Wait) error {
	if !c.lock.Locked() {
		return ErrWaitUnacquired
	}
	f := t.waitFuture()
	c.lock.release()
	if t.sched.observes(TraceCondWait) {
		t.sched.trace(TraceEvent{Kind: TraceCondWait, Task: t, State: t.state, Object: c, N: guarded})
	}
	c.waiters.push(f)
	notifyWhy, lockWhy := why, why
	if why.Op == "" {
		notifyWhy = Wait{Op: "Condition.wait", On: conditionNotify{c}}
		lockWhy = Wait{Op: "Condition.wait", On: c}
	}
	err := t.awaitFuture(f, notifyWhy)
	c.waiters.remove(f)
	notified := f.Done() && !f.Cancelled()
	if errors.Is(err, ErrKilled) {
		return err
	}
	if t.sched.observes(TraceCondWoken) {
		t.sched.trace(TraceEvent{Kind: TraceCondWoken, Task: t, State: t.state, Object: c, N: boolInt(notified)})
	}
	// Re-acquire even if cancelled; a cancellation that arrives meanwhile is kept
	// (the latest wins, as asyncio re-raises the latest) and the lock is queued for
	// again.
	for {
		aerr := c.lock.acquire(t, lockWhy)
		if aerr == nil {
			break
		}
		if errors.Is(aerr, ErrKilled) {
			return aerr
		}
		err = aerr
	}
	if err != nil {
		c.notify(1) // it will not act on a notification: another waiter may
	}
	return err
}

// WaitFor waits until pred reports ok, calling it first without waiting and again
// after each wake-up, with the lock held; it returns pred's value. An error from pred
// or from Wait ends it.
func (c *Condition) WaitFor(t *Task, pred func() (value any, ok bool, err error)) (any, error) {
	return c.waitFor(t, pred, Wait{})
}

func (c *Condition) waitFor(t *Task, pred func() (value any, ok bool, err error), why Wait) (any, error) {
	for {
		v, ok, err := pred()
		if err != nil || ok {
			return v, err
		}
		if err := c.wait(t, 1, why); err != nil {
			return nil, err
		}
	}
}

// Notify wakes up to n of the waiters, longest waiting first. The lock must be held.
func (c *Condition) Notify(n int) error {
	if !c.lock.Locked() {
		return ErrNotifyUnacquired
	}
	if s := c.lock.owner.sched; s.observes(TraceNotify) {
		s.trace(TraceEvent{Kind: TraceNotify, Task: s.running(), Object: c, N: max(0, min(n, c.waiters.len()))})
	}
	c.notify(n)
	return nil
}

// NotifyAll wakes every waiter. The lock must be held.
func (c *Condition) NotifyAll() error { return c.Notify(c.waiters.len()) }

// notify completes the futures of up to n waiters not woken yet, longest first.
func (c *Condition) notify(n int) {
	for f := c.waiters.first(); f != nil && n > 0; f = f.next {
		if !f.Done() {
			n--
			f.SetResult(false)
		}
	}
}

// acquire is Lock.Acquire on the underlying lock, parked with the Condition as what
// it waits on (op), so that a report names the Condition and the lock's holder.
func (c *Condition) acquire(t *Task, op string) error {
	return c.lock.acquire(t, Wait{Op: op, On: c})
}

// String is asyncio's: <Condition [locked, waiters:1]>, with the state of the lock and
// the number of tasks waiting for a notify.
func (c *Condition) String() string {
	return "<Condition [" + lockState(c.lock.Locked(), c.waiters.len()) + "]>"
}

// conditionNotify is what a task waiting for a notify waits on: the Condition, but
// without a Holder, since the lock's holder is not what it waits for.
type conditionNotify struct{ c *Condition }

func (v conditionNotify) String() string { return v.c.String() }
