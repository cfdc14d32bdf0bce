package runtime

import (
	"errors"
	"testing"
	"time"
)

// A task that keeps the baton (here a Go loop that, like the Lua VM, asks
// NeedsAttention between steps) is flagged once the hold passes SlowHold, and only
// once.
func TestWatchdogFlagsALongHold(t *testing.T) {
	s := New(Options{SlowHold: 20 * time.Millisecond}) // real time: the watchdog's
	var flagged, again bool
	var took time.Duration
	err := s.Run(func(m *Task) (any, error) {
		start := time.Now()
		for !s.NeedsAttention() && time.Since(start) < 10*time.Second {
		}
		took = time.Since(start)
		flagged = s.TakeSlowHold()
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

// A hold that has ended (a sleep, a yield, block()) is not a slow one, however long
// ago it began: TakeSlowHold says no, and the hold that follows is timed afresh.
func TestWatchdogIgnoresStaleFlags(t *testing.T) {
	s := New(Options{SlowHold: 5 * time.Millisecond})
	var results []bool
	steps := func() bool { // a few samples' worth of steps of code
		for range 4 * holdSample {
			if s.NeedsAttention() {
				return true
			}
		}
		return false
	}
	err := s.Run(func(m *Task) (any, error) {
		steps()
		m.Sleep(30 * time.Millisecond) // idle: the hold before it has ended
		results = append(results, steps(), s.TakeSlowHold())
		m.Block(30 * time.Millisecond) // on purpose: the bindings warn of it themselves
		results = append(results, steps(), s.TakeSlowHold())
		return nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range results {
		if r {
			t.Errorf("result %d (NeedsAttention, TakeSlowHold, ...): true for a hold that had ended", i)
		}
	}
}

// NeedsAttention, the embedder's check between instructions, stays false while the
// run goes on and becomes true within holdSample calls once it is stopping.
func TestNeedsAttentionWhenStopping(t *testing.T) {
	s := New(Options{Clock: NewVirtualClock(), SlowHold: time.Hour})
	var before, after, closed bool
	s.Run(func(m *Task) (any, error) {
		m.Sleep(time.Second)
		for range holdSample {
			before = before || s.NeedsAttention()
		}
		s.Abort(errors.New("stop"))
		for range holdSample {
			after = after || s.NeedsAttention()
		}
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

// Without SlowHold no hold is too long.
func TestNoWatchdog(t *testing.T) {
	s := New(Options{Clock: NewVirtualClock()})
	s.Run(func(m *Task) (any, error) {
		m.Block(time.Hour)
		for range 4 * holdSample {
			if s.NeedsAttention() || s.TakeSlowHold() {
				t.Fatal("a slow hold without SlowHold")
			}
		}
		return nil, nil
	})
}
