package runtime

import (
	"errors"
	"slices"
	"testing"
	"time"
)

// A task that dies of the Cancelled error of a task it joined was not cancelled
// itself (its state is Failed), but it is cancelled as asyncio's Task.cancelled()
// says, and asyncio never reports a cancelled task: Failed does not list it. Only
// the main task's Cancelled ending is the run's failure.
func TestCancelledByWhatItAwaitedIsNoFailure(t *testing.T) {
	s := New(Options{Clock: NewVirtualClock()})
	var w, joiner *Task
	err := s.Run(func(m *Task) (any, error) {
		w = s.Spawn(func(t *Task) (any, error) { return nil, t.Sleep(time.Hour) })
		joiner = s.Spawn(func(t *Task) (any, error) { _, err := t.Join(w); return nil, err })
		m.Sleep(0)
		w.Cancel("")
		return nil, m.Sleep(seconds(1))
	})
	if err != nil {
		t.Fatal(err)
	}
	if w.State() != Cancelled || !w.Cancelled() {
		t.Errorf("the cancelled task is %v (cancelled() %v), want cancelled", w.State(), w.Cancelled())
	}
	if joiner.State() != Failed || !joiner.Cancelled() {
		t.Errorf("the joiner is %v (cancelled() %v), want failed and cancelled()", joiner.State(), joiner.Cancelled())
	}
	if got := joiner.String(); got != "<Task Task-3 cancelled>" {
		t.Errorf("String() = %q", got)
	}
	if f := s.Failed(); len(f) != 0 {
		t.Errorf("Failed() = %v, want none", f)
	}
}

// The main task ending with a Cancelled error fails the run, as asyncio.run raises
// CancelledError: whether it got it from a cancelled task it gathered or was
// cancelled itself by another task. Ctrl-C's cancellation is not a failure.
func TestMainEndingCancelledFailsTheRun(t *testing.T) {
	for _, c := range []struct {
		name string
		body func(s *Scheduler, m *Task) error
		fail bool
	}{
		{"gathers a cancelled task", func(s *Scheduler, m *Task) error {
			w := s.Spawn(func(t *Task) (any, error) { return nil, t.Sleep(time.Hour) })
			m.Sleep(0)
			w.Cancel("")
			return m.Gather([]*Task{w})
		}, true},
		{"cancelled by another task", func(s *Scheduler, m *Task) error {
			s.Spawn(func(t *Task) (any, error) { m.Cancel("by Task-2"); return nil, nil })
			return m.Sleep(time.Hour)
		}, true},
		{"interrupted", func(s *Scheduler, m *Task) error {
			s.Interrupt()
			return m.Sleep(time.Hour)
		}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := New(Options{Clock: NewVirtualClock()})
			s.Run(func(m *Task) (any, error) { return nil, c.body(s, m) })
			if !errors.Is(s.Main().err(), ErrCancelled) {
				t.Fatalf("main ended with %v", s.Main().err())
			}
			if failed := slices.Contains(s.Failed(), s.Main()); failed != c.fail {
				t.Errorf("main in Failed(): %v, want %v", failed, c.fail)
			}
		})
	}
}

// gather marks every child's error retrieved, as asyncio's does: also a child that
// fails after gather has raised the first error.
func TestGatherRetrievesEveryChild(t *testing.T) {
	s := New(Options{Clock: NewVirtualClock()})
	first, second := errors.New("first"), errors.New("second")
	err := s.Run(func(m *Task) (any, error) {
		a := s.Spawn(func(t *Task) (any, error) { return nil, first })
		b := s.Spawn(func(t *Task) (any, error) { t.Sleep(seconds(1)); return nil, second })
		c := s.Spawn(func(t *Task) (any, error) { return nil, t.Sleep(time.Hour) })
		if err := m.Gather([]*Task{a, b, c}); err != first {
			t.Errorf("gather returned %v", err)
		}
		c.Cancel("")
		return nil, m.Sleep(seconds(2))
	})
	if err != nil {
		t.Fatal(err)
	}
	if f := s.Failed(); len(f) != 0 {
		t.Errorf("Failed() = %v, want none", f)
	}
}

// A task cannot gather itself, as it cannot join itself or wait for itself.
func TestGatherItselfIsRefused(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		w := sc.Spawn(func(*Task) (any, error) { return nil, nil })
		sc.logf("gather: %v", m.Gather([]*Task{w, m}))
		sc.logf("join: %v", errOnly(m.Join(m)))
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 gather: a task cannot gather itself", "0 join: a task cannot join itself")
}

func errOnly(_ any, err error) error { return err }

// Tasks that join each other in a ring, then any cancellation: Cancel passed the
// cancellation round the ring forever (a Go stack overflow). Every way of
// cancelling must end the ring: each task ends cancelled.
func TestCancelARingOfJoins(t *testing.T) {
	for _, how := range []string{"cancel", "interrupt", "main fails", "wait_for timeout", "three tasks"} {
		t.Run(how, func(t *testing.T) {
			s := New(Options{Clock: NewVirtualClock()})
			var ring []*Task
			n := 2
			if how == "three tasks" {
				n = 3
			}
			err := s.Run(func(m *Task) (any, error) {
				for i := 0; i < n; i++ {
					i := i
					ring = append(ring, s.Spawn(func(t *Task) (any, error) {
						t.Sleep(0)
						_, err := t.Join(ring[(i+1)%n])
						return nil, err
					}))
				}
				m.Sleep(seconds(1))
				switch how {
				case "interrupt":
					s.Interrupt()
				case "main fails":
					return nil, errors.New("boom")
				case "wait_for timeout":
					_, err := m.WaitFor(ring[0], seconds(1))
					if err != ErrTimeout {
						t.Errorf("wait_for returned %v", err)
					}
					return nil, nil
				default:
					ring[0].Cancel("")
				}
				return nil, m.Sleep(seconds(1))
			})
			var ie *InterruptedError
			if err != nil && !errors.As(err, &ie) {
				t.Fatal(err)
			}
			for _, r := range ring {
				if !r.Cancelled() {
					t.Errorf("%v did not end cancelled", r)
				}
			}
		})
	}
}
