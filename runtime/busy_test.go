package runtime

import (
	"errors"
	"testing"
)

// A task that keeps the baton (a Go loop that, like the Lua VM, asks NeedsAttention
// between steps and then ServeOutside) still lets Interrupt in: the posted function
// runs at its check, Busy names it meanwhile, and the task gets its Cancelled at
// once; the task waiting elsewhere is cancelled too.
func TestServeOutsideCancelsABusyTask(t *testing.T) {
	s := New(Options{Clock: NewVirtualClock()})
	started := make(chan struct{})
	var busyDuring *Task
	var sleeper *Task
	err := s.Run(func(m *Task) (any, error) {
		sleeper = s.Spawn(func(t *Task) (any, error) { return nil, t.Sleep(3600e9) })
		m.Sleep(0)
		go func() {
			<-started
			s.Post(func() { busyDuring = s.Busy() })
			s.Interrupt()
		}()
		close(started)
		for {
			if s.NeedsAttention() {
				if err := s.ServeOutside(m); err != nil {
					return nil, err
				}
			}
		}
	})
	var interrupted *InterruptedError
	if !errors.As(err, &interrupted) {
		t.Fatalf("Run: %v, want an InterruptedError", err)
	}
	if _, err := s.Main().Result(); !errors.Is(err, ErrCancelled) || err.Error() != "Cancelled: interrupted" {
		t.Errorf("main ended with %v, want Cancelled: interrupted", err)
	}
	if busyDuring != s.Main() || s.Busy() != nil {
		t.Errorf("Busy: %v during the posted function, %v after; want main, then nil", busyDuring, s.Busy())
	}
	if !sleeper.Cancelled() {
		t.Errorf("the sleeping task is %v, want cancelled", sleeper.State())
	}
}

// A cancellation the task asked of itself is not raised at its check: it waits, as
// ever, for the task's next blocking point, even when something posted runs there.
func TestServeOutsideKeepsAnOwnCancellationForTheNextWait(t *testing.T) {
	s := New(Options{Clock: NewVirtualClock()})
	var atCheck, atWait error
	served := make(chan struct{})
	err := s.Run(func(m *Task) (any, error) {
		m.Cancel("by itself")
		go s.Post(func() { close(served) })
		for atCheck == nil && !closed(served) { // the busy loop, until the post has run
			if s.NeedsAttention() {
				atCheck = s.ServeOutside(m)
			}
		}
		atWait = m.Sleep(0)
		return nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if atCheck != nil || !errors.Is(atWait, ErrCancelled) {
		t.Errorf("at the check: %v, at the next wait: %v; want nil, then Cancelled", atCheck, atWait)
	}
}

func closed(c chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}
