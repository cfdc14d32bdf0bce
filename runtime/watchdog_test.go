package runtime

import (
	"errors"
	"testing"
	"time"
)

// A task that keeps the baton (here a Go loop that, like the Lua VM, looks at the
// flag between steps) is flagged once the hold passes SlowHold, and only once.
func TestWatchdogFlagsALongHold(t *testing.T) {
	s := New(Options{SlowHold: 20 * time.Millisecond}) // real time: the watchdog's
	var flagged, again bool
	var took time.Duration
	err := s.Run(func(m *Task) (any, error) {
		start := time.Now()
		for !s.NeedsAttention() && time.Since(start) < 10*time.Second {
		}
		took = time.Since(start)
		flagged = s.SlowHoldFlagged() && s.TakeSlowHold()
		again = s.TakeSlowHold()
		return nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !flagged || again {
		t.Errorf("TakeSlowHold: %v then %v, want true then false (after %v)", flagged, again, took)
	}
	if took < 20*time.Millisecond {
		t.Errorf("flagged after %v, before SlowHold", took)
	}
}

// A flag raised while no task held the baton (every task sleeping), or for a hold
// that has ended since, is stale: TakeSlowHold says no.
func TestWatchdogIgnoresStaleFlags(t *testing.T) {
	s := New(Options{SlowHold: 5 * time.Millisecond})
	var results []bool
	err := s.Run(func(m *Task) (any, error) {
		m.Sleep(30 * time.Millisecond) // idle: the watchdog may flag the old hold
		results = append(results, s.TakeSlowHold())
		m.Block(30 * time.Millisecond) // on purpose: the bindings warn of it themselves
		results = append(results, s.TakeSlowHold())
		return nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range results {
		if r {
			t.Errorf("TakeSlowHold %d: true for a hold that had ended", i)
		}
	}
}

// NeedsAttention, the embedder's check between instructions, stays false while the
// run goes on and becomes true as soon as it is stopping.
func TestNeedsAttentionWhenStopping(t *testing.T) {
	s := New(Options{Clock: NewVirtualClock(), SlowHold: time.Hour})
	var before, after, closed bool
	s.Run(func(m *Task) (any, error) {
		m.Sleep(time.Second)
		before = s.NeedsAttention()
		s.Abort(errors.New("stop"))
		after = s.NeedsAttention()
		select {
		case <-s.Stopping():
			closed = true
		default:
		}
		return nil, nil
	})
	if before || !after || !closed {
		t.Errorf("NeedsAttention %v before the stop, %v after (Stopping closed: %v); want false, true (true)", before, after, closed)
	}
}

// Without SlowHold there is no watchdog goroutine (goleak would see a leak) and no
// flag.
func TestNoWatchdog(t *testing.T) {
	s := New(Options{Clock: NewVirtualClock()})
	s.Run(func(m *Task) (any, error) {
		m.Block(time.Hour)
		if s.SlowHoldFlagged() || s.watch != nil {
			t.Error("a watchdog without SlowHold")
		}
		return nil, nil
	})
}
