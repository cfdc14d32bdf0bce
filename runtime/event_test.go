package runtime

import (
	"testing"
	"time"
)

// CPython's EventTests.test_wait: set wakes every waiter in FIFO order, behind a task
// that was already ready (which finds the event set and does not wait). A woken
// waiter leaves the event's waiters only when it runs, as asyncio's does.
func TestEventSetWakesWaitersInOrder(t *testing.T) {
	sc := newScenario()
	e := NewEvent()
	err := sc.run(t, func(m *Task) {
		waiter := func(t *Task) { sc.logf("%s: %v", t.Name(), e.Wait(t)) }
		sc.spawn(waiter)
		sc.spawn(waiter)
		m.Sleep(0)
		sc.spawn(waiter)
		sc.logf("%v", e)
		e.Set()
		sc.logf("after set: %v", e)
		m.Sleep(0)
		sc.logf("done")
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 <Event [unset, waiters:2]>",
		"0 after set: <Event [set, waiters:2]>",
		"0 Task-4: <nil>",
		"0 Task-2: <nil>",
		"0 Task-3: <nil>",
		"0 done")
}

// test_wait_on_set; rule 3: waiting on a set event does not yield.
func TestEventWaitOnSetDoesNotYield(t *testing.T) {
	sc := newScenario()
	e := NewEvent()
	err := sc.run(t, func(m *Task) {
		sc.spawn(func(t *Task) { sc.logf("other ran") })
		e.Set()
		e.Set()
		sc.logf("wait: %v, is set %v", e.Wait(m), e.IsSet())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 wait: <nil>, is set true", "0 other ran")
}

// test_wait_cancel, and a waiter cancelled after set but before it ran: both get
// Cancelled and leave no waiter behind (a cancelled waiter is still counted until it
// runs, as in asyncio).
func TestEventWaitCancelled(t *testing.T) {
	sc := newScenario()
	e := NewEvent()
	err := sc.run(t, func(m *Task) {
		waiter := func(t *Task) { sc.logf("%s: %v", t.Name(), e.Wait(t)) }
		a, b, c := sc.spawn(waiter), sc.spawn(waiter), sc.spawn(waiter)
		m.Sleep(0)
		a.Cancel("while waiting")
		sc.logf("%v", e)
		e.Set()
		b.Cancel("after set")
		m.Join(a)
		m.Join(b)
		m.Join(c)
		sc.logf("%v", e)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 <Event [unset, waiters:3]>",
		"0 Task-2: Cancelled: while waiting",
		"0 Task-3: Cancelled: after set",
		"0 Task-4: <nil>",
		"0 <Event [set]>")
}

// test_clear and test_clear_with_waiters: a waiter woken by set returns even if the
// event is cleared before it runs; set on a set event does nothing.
func TestEventClear(t *testing.T) {
	sc := newScenario()
	e := NewEvent()
	err := sc.run(t, func(m *Task) {
		e.Set()
		e.Clear()
		sc.logf("is set after clear: %v", e.IsSet())
		sc.spawn(func(t *Task) { sc.logf("waiter: %v", e.Wait(t)) })
		m.Sleep(0)
		e.Set()
		e.Clear()
		sc.logf("set and cleared: %v", e)
		m.Sleep(0)
		sc.logf("%v", e)
		sc.spawn(func(t *Task) { sc.logf("late waiter: %v", e.Wait(t)) })
		m.Sleep(seconds(1))
		sc.logf("%v", e)
		e.Set()
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 is set after clear: false",
		"0 set and cleared: <Event [unset, waiters:1]>",
		"0 waiter: <nil>",
		"0 <Event [unset]>",
		"1 <Event [unset, waiters:1]>",
		"1 late waiter: <nil>")
}

// Waiters of an event nobody sets are a deadlock; the report names the event.
func TestEventDeadlockReport(t *testing.T) {
	sc := newScenario()
	e := NewEvent()
	err := sc.run(t, func(m *Task) {
		sc.spawn(func(t *Task) { e.Wait(t) })
		m.Sleep(time.Second)
		e.Wait(m)
	})
	dl, ok := err.(*DeadlockError)
	if !ok {
		t.Fatalf("Run returned %v, want a deadlock", err)
	}
	want := "deadlock: 2 tasks are waiting and nothing can wake them\n" +
		"  Task-1 waiting on Event.wait <Event [unset, waiters:2]>\n" +
		"  Task-2 waiting on Event.wait <Event [unset, waiters:2]>"
	if dl.Error() != want {
		t.Errorf("report:\n%s\nwant:\n%s", dl.Error(), want)
	}
}
