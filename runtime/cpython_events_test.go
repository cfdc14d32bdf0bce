package runtime

import (
	"strings"
	"testing"
)

// From test_locks.py EventTests.test_wait: a set wakes the waiters in the order they
// came, after a task that finds the event set; the woken waiters leave the waiters
// list only when they run.
func TestCPythonEventWait(t *testing.T) {
	want := []string{
		"0 [] 2",
		"0 2",
		"0 [3 1 2] true true true",
	}
	cpythonTwin(t, "event_wait", want...)
	needsEventLoop(t)
	sc := newScenario()
	ev := NewEvent()
	var result []int
	err := sc.run(t, func(m *Task) {
		c := func(n int) func(*Task) {
			return func(t *Task) {
				if ev.Wait(t) == nil {
					result = append(result, n)
				}
			}
		}
		t1, t2 := sc.spawn(c(1)), sc.spawn(c(2))
		m.Sleep(0)
		sc.logf("%v %d", result, ev.Waiters())
		t3 := sc.spawn(c(3))
		ev.Set()
		sc.logf("%d", ev.Waiters())
		m.Sleep(0)
		sc.logf("%v %v %v %v", result, t1.Done(), t2.Done(), t3.Done())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py EventTests.test_clear_with_waiters: a waiter woken by a set
// returns true even if the event is cleared before it runs; setting twice wakes it
// once.
func TestCPythonEventClearWithWaiters(t *testing.T) {
	want := []string{
		"0 []",
		"0 false",
		"0 1",
		"0 [1] 0 true",
	}
	cpythonTwin(t, "event_clear_with_waiters", want...)
	needsEventLoop(t)
	sc := newScenario()
	ev := NewEvent()
	var result []int
	err := sc.run(t, func(m *Task) {
		task := sc.spawn(func(t *Task) {
			if ev.Wait(t) == nil {
				result = append(result, 1)
			}
		})
		m.Sleep(0)
		sc.logf("%v", result)
		ev.Set()
		ev.Clear()
		sc.logf("%v", ev.IsSet())
		ev.Set()
		ev.Set()
		sc.logf("%d", ev.Waiters())
		m.Sleep(0)
		sc.logf("%v %d %v", result, ev.Waiters(), task.Done())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py EventTests.test_wait_cancel: a waiter cancelled from a callback
// leaves the waiters list.
func TestCPythonEventWaitCancel(t *testing.T) {
	want := []string{
		"0 cancelled",
		"0 0 true",
	}
	cpythonTwin(t, "event_wait_cancel", want...)
	sc := newScenario()
	ev := NewEvent()
	err := sc.run(t, func(m *Task) {
		wait := sc.Spawn(func(t *Task) (any, error) { return nil, ev.Wait(t) })
		cpySoon(sc, func() { wait.Cancel("") })
		if _, err := m.Join(wait); err != nil {
			sc.logf("%s", strings.ToLower(cpyErr(err)))
		}
		sc.logf("%d %v", ev.Waiters(), wait.Cancelled())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}
