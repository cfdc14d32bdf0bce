package runtime

import (
	"errors"
	"time"
)

// Timeout is a deadline over a part of a task's code (asyncio.timeout): when it
// passes, the task is cancelled, and the Cancelled error that ends that code becomes
// ErrTimeout as it leaves the scope. Scopes nest: an outer scope's or anybody
// else's cancellation passes through an inner one unchanged (asyncio counts them
// with cancelling()/uncancel()).
type Timeout struct {
	task       *Task
	when       time.Duration
	never      bool // no deadline (timeout(None))
	state      timeoutState
	handler    *timer
	cancelling int // the task's cancelling() when the scope was entered
}

type timeoutState uint8

const (
	timeoutEntered timeoutState = iota
	timeoutExpiring
	timeoutExpired
	timeoutExited
)

var timeoutStateNames = [...]string{"active", "expiring", "expired", "finished"}

// ErrTimeoutState is the misuse of rescheduling a scope that has ended or expired.
var ErrTimeoutState = errors.New("cannot change the deadline of a timeout that has expired or finished")

// EnterTimeout opens a scope over t's code with a deadline at when on the run's
// clock (never: none). A deadline already passed expires in the next iteration.
// Close it with Exit.
func (t *Task) EnterTimeout(when time.Duration, never bool) *Timeout {
	sc := &Timeout{task: t, cancelling: int(t.numCancels)}
	sc.schedule(when, never)
	return sc
}

// Reschedule moves the deadline (asyncio's Timeout.reschedule).
func (sc *Timeout) Reschedule(when time.Duration, never bool) error {
	if sc.state != timeoutEntered {
		return ErrTimeoutState
	}
	sc.schedule(when, never)
	return nil
}

func (sc *Timeout) schedule(when time.Duration, never bool) {
	s := sc.task.sched
	sc.when, sc.never = when, never
	if sc.handler != nil {
		s.stopTimer(sc.handler)
		sc.handler = nil
	}
	if never {
		return
	}
	sc.handler = &timer{index: -1, fire: sc.expire}
	if when <= s.clock.Now() {
		s.timerSeq++
		sc.handler.seq = s.timerSeq
		s.callSoon(handle{timer: sc.handler, seq: sc.handler.seq})
		return
	}
	s.addTimer(sc.handler, when)
}

// expire is the deadline's callback: it cancels the task.
func (sc *Timeout) expire() {
	sc.handler = nil
	sc.state = timeoutExpiring
	sc.task.Cancel("")
}

// Exit closes the scope, given the error the code in it ended with, and returns the
// error to go on with: ErrTimeout if the deadline's cancellation ended the code.
func (sc *Timeout) Exit(err error) error {
	if sc.handler != nil {
		sc.task.sched.stopTimer(sc.handler)
		sc.handler = nil
	}
	if sc.state != timeoutExpiring {
		sc.state = timeoutExited
		return err
	}
	sc.state = timeoutExpired
	if sc.task.Uncancel() <= sc.cancelling && errors.Is(err, ErrCancelled) {
		return ErrTimeout
	}
	return err
}

// Expired reports whether the deadline passed (asyncio's Timeout.expired).
func (sc *Timeout) Expired() bool {
	return sc.state == timeoutExpiring || sc.state == timeoutExpired
}

// When is the deadline, on the run's clock; never reports that there is none.
func (sc *Timeout) When() (when time.Duration, never bool) { return sc.when, sc.never }

// State is "active", "expiring", "expired" or "finished".
func (sc *Timeout) State() string { return timeoutStateNames[sc.state] }

// WaitForUnlimited waits for other (a task or a future) to finish inside a timeout
// scope with no deadline (asyncio.wait_for(fut, None)) and returns its result and
// error.
func (t *Task) WaitForUnlimited(other Awaitable) (any, error) {
	if other == Awaitable(t) {
		return nil, ErrWaitForSelf
	}
	return t.joinWithin(other, 0, true)
}
