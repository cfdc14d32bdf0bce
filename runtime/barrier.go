package runtime

import (
	"errors"
	"strconv"
)

// Barrier is asyncio.Barrier, built as asyncio builds it: on a Condition, whose lock
// every party holds while it is not waiting. Parties tasks wait for each other, and
// once the last one arrives they all go on. It moves through four states:
//
//   - filling: parties arrive and wait, each with its index: the number of parties
//     inside when it arrived;
//   - draining: the last party arrived and notified the others; they leave, each with
//     its index. A party arriving now waits for the next round;
//   - resetting: Reset was called while parties were inside; they fail with
//     BrokenBarrier, and once they have all left the barrier fills again;
//   - broken: Abort was called; every waiting and arriving party fails with
//     BrokenBarrier until Reset.
//
// A party cancelled while the barrier fills leaves it: the others keep waiting, and
// the next party to arrive takes its place (and its index, so after a cancellation
// two parties of a round may share an index, as in asyncio).
type Barrier struct {
	parties int
	state   barrierState
	count   int // parties inside Wait: arrived and not yet left
	cond    *Condition
	serial  uint64
}

type barrierState int

const (
	filling barrierState = iota
	draining
	resetting
	broken
)

var barrierStates = [...]string{"filling", "draining", "resetting", "broken"}

// errBarrierReset is what the parties waiting in a barrier get when it is reset.
var errBarrierReset = &Error{Kind: "BrokenBarrier", Message: "the barrier was reset"}

// NewBarrier returns a barrier for parties tasks; parties must be >= 1.
func NewBarrier(parties int) (*Barrier, error) {
	if parties < 1 {
		return nil, errors.New("parties must be >= 1, got " + itoa(parties))
	}
	return &Barrier{parties: parties, cond: NewCondition(nil), serial: nextSerial()}, nil
}

func (b *Barrier) Kind() string   { return "Barrier" }
func (b *Barrier) Serial() uint64 { return b.serial }

// Parties is the number of tasks needed to trip the barrier.
func (b *Barrier) Parties() int { return b.parties }

// NWaiting is the number of tasks waiting for the barrier to fill (0 unless it is
// filling).
func (b *Barrier) NWaiting() int {
	if b.state == filling {
		return b.count
	}
	return 0
}

// Broken reports whether the barrier was aborted (and not reset since).
func (b *Barrier) Broken() bool { return b.state == broken }

// State is "filling", "draining", "resetting" or "broken".
func (b *Barrier) State() string { return barrierStates[b.state] }

// Wait waits until parties tasks have called it, and returns this task's index. It
// fails with a BrokenBarrier error if the barrier is broken, or is aborted or reset
// while the task waits, and with Cancelled if the task is cancelled.
func (b *Barrier) Wait(t *Task) (index int, err error) {
	why := Wait{Op: "Barrier.wait", On: b}
	if err := b.cond.lock.acquire(t, why); err != nil {
		return 0, err
	}
	// Wait while the barrier drains or resets.
	_, err = b.cond.waitFor(t, func() (any, bool, error) {
		return nil, b.state != draining && b.state != resetting, nil
	}, why)
	switch {
	case errors.Is(err, ErrKilled):
		return 0, err
	case err == nil && b.state == broken:
		err = ErrBrokenBarrier
	}
	if err != nil {
		b.cond.lock.release()
		return 0, err
	}
	index = b.count
	b.count++
	if index+1 == b.parties {
		b.state = draining
		b.cond.notify(b.cond.waiters.len())
	} else {
		_, err = b.cond.waitFor(t, func() (any, bool, error) { return nil, b.state != filling, nil }, why)
		switch {
		case errors.Is(err, ErrKilled):
			return 0, err
		case err == nil && b.state == broken:
			err = ErrBrokenBarrier
		case err == nil && b.state == resetting:
			err = errBarrierReset
		}
	}
	b.count--
	b.exit()
	b.cond.lock.release()
	if err != nil {
		return 0, err
	}
	return index, nil
}

// exit lets the barrier fill again once the last party has left it.
func (b *Barrier) exit() {
	if b.count == 0 {
		if b.state == draining || b.state == resetting {
			b.state = filling
		}
		b.cond.notify(b.cond.waiters.len())
	}
}

// Reset returns the barrier to filling: at once if no task is inside, else once the
// tasks inside have left, each failing with BrokenBarrier. It also undoes Abort. Like
// every change of the barrier, it is made holding the condition's lock.
func (b *Barrier) Reset(t *Task) error {
	return b.change(t, func() {
		if b.count > 0 {
			b.state = resetting
		} else {
			b.state = filling
		}
	})
}

// Abort breaks the barrier: every waiting and arriving task fails with BrokenBarrier
// until Reset.
func (b *Barrier) Abort(t *Task) error {
	return b.change(t, func() { b.state = broken })
}

func (b *Barrier) change(t *Task, set func()) error {
	if err := b.cond.lock.acquire(t, Wait{Op: "Barrier.wait", On: b}); err != nil {
		return err
	}
	set()
	b.cond.notify(b.cond.waiters.len())
	b.cond.lock.release()
	return nil
}

// String is asyncio's: <Barrier [filling, waiters:1/3]>, <Barrier [broken]>.
func (b *Barrier) String() string {
	if b.state == broken {
		return "<Barrier [broken]>"
	}
	return "<Barrier [" + b.State() + ", waiters:" + strconv.Itoa(b.NWaiting()) + "/" + strconv.Itoa(b.parties) + "]>"
}
