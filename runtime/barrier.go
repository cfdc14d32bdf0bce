package runtime

import (
	"errors"
	"strconv"
)

// Barrier is asyncio.Barrier: parties tasks wait for each other, and once the last
// one arrives they all go on. Like asyncio's, it moves through four states:
//
//   - filling: parties arrive and wait, each with its index: the number of parties
//     inside when it arrived;
//   - draining: the last party arrived; the parties leave, each with its index. A
//     party arriving now waits for the next round;
//   - resetting: Reset was called while parties were inside; they fail with
//     BrokenBarrier, and once they have all left the barrier fills again;
//   - broken: Abort was called; every waiting and arriving party fails with
//     BrokenBarrier until Reset.
//
// As in asyncio, a party that is released but, before it runs, sees the barrier reset
// or aborted fails with BrokenBarrier, and a party cancelled while the barrier fills
// leaves it: the others keep waiting, and the next party to arrive takes its place
// (and its index, so after a cancellation two parties of a round may share an
// index, as in asyncio).
type Barrier struct {
	parties int
	state   barrierState
	count   int       // parties inside Wait: arrived and not yet left
	waiters waitQueue // parties waiting for the barrier to fill
	blocked waitQueue // parties that arrived while it drained or reset
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
	return &Barrier{parties: parties, serial: nextSerial()}, nil
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
func (b *Barrier) Wait(t *Task) (int, error) {
	why := Wait{Op: "Barrier.wait", On: b}
	for b.state == draining || b.state == resetting {
		if err := t.waitIn(&b.blocked, nil, why); err != nil {
			return 0, err
		}
	}
	if b.state == broken {
		return 0, ErrBrokenBarrier
	}
	index := b.count
	b.count++
	if b.count == b.parties {
		b.state = draining
		for b.waiters.handOffFirst(nil) != nil {
		}
		b.leave()
		return index, nil
	}
	for {
		err := t.waitIn(&b.waiters, nil, why)
		switch {
		case errors.Is(err, ErrKilled):
			return 0, err
		case err != nil:
			b.leave() // cancelled: while it fills, the others wait for another party
			return 0, err
		case b.state == filling:
			continue // not reached: nothing wakes a waiter while the barrier fills
		case b.state == draining && t.w.handed:
			b.leave()
			return index, nil
		case b.state == broken:
			b.leave()
			return 0, ErrBrokenBarrier
		default:
			b.leave()
			return 0, errBarrierReset
		}
	}
}

// leave counts a party out; the last one out of a draining or resetting barrier lets
// it fill again.
func (b *Barrier) leave() {
	b.count--
	if b.count > 0 {
		return
	}
	if b.state == draining || b.state == resetting {
		b.state = filling
	}
	b.blocked.wakeAll(nil)
}

// Reset returns the barrier to filling: at once if no task is inside, else once the
// tasks inside have left, each failing with BrokenBarrier. It also undoes Abort.
func (b *Barrier) Reset() {
	if b.count > 0 {
		b.state = resetting
	} else {
		b.state = filling
	}
	b.wakeAll()
}

// Abort breaks the barrier: every waiting and arriving task fails with BrokenBarrier
// until Reset.
func (b *Barrier) Abort() {
	b.state = broken
	b.wakeAll()
}

func (b *Barrier) wakeAll() {
	b.waiters.wakeAll(nil)
	b.blocked.wakeAll(nil)
}

// String is asyncio's: <Barrier [filling, waiters:1/3]>, <Barrier [broken]>.
func (b *Barrier) String() string {
	if b.state == broken {
		return "<Barrier [broken]>"
	}
	return "<Barrier [" + b.State() + ", waiters:" + strconv.Itoa(b.NWaiting()) + "/" + strconv.Itoa(b.parties) + "]>"
}
