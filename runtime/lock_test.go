package runtime

import (
	"errors"
	"testing"
	"time"
)

// Rule 3: taking a free lock and releasing do not yield.
func TestLockWithoutContentionDoesNotYield(t *testing.T) {
	sc := newScenario()
	l := NewLock()
	err := sc.run(t, func(m *Task) {
		sc.spawn(func(t *Task) { sc.logf("other ran") })
		l.Acquire(m)
		l.Release()
		sc.logf("Task-1 kept running")
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 Task-1 kept running", "0 other ran")
}

// Rule 4: a released lock is unlocked until the longest waiter runs and takes it;
// a task that asks meanwhile queues behind the waiters (no barging).
func TestLockReleaseWakesLongestWaiterNoBarging(t *testing.T) {
	sc := newScenario()
	l := NewLock()
	err := sc.run(t, func(m *Task) {
		l.Acquire(m)
		var ts []*Task
		for i := 1; i <= 3; i++ {
			ts = append(ts, sc.spawn(func(t *Task) {
				l.Acquire(t)
				sc.logf("%s has it", t.Name())
				t.Sleep(0)
				l.Release()
			}))
		}
		m.Sleep(0) // all three queue up
		l.Release()
		sc.logf("after release: %v, locked %v", l, l.Locked())
		ts = append(ts, sc.spawn(func(t *Task) { l.Acquire(t); sc.logf("late %s has it", t.Name()); l.Release() }))
		m.Sleep(0)
		sc.logf("after a step: %v", l)
		for _, w := range ts {
			m.Join(w)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 after release: <Lock [unlocked, waiters:3]>, locked false",
		"0 Task-2 has it",
		"0 after a step: <Lock [locked, waiters:3]>",
		"0 Task-3 has it",
		"0 Task-4 has it",
		"0 late Task-5 has it")
}

func TestLockReleaseUnlockedIsMisuse(t *testing.T) {
	if err := NewLock().Release(); !errors.Is(err, ErrNotLocked) {
		t.Fatalf("got %v", err)
	}
}

// A waiter cancelled while waiting leaves the queue; one woken by the release but
// cancelled before it ran wakes the next. The lock stays unlocked meanwhile, and
// nobody ends up holding it wrongly.
func TestLockCancelledWaiters(t *testing.T) {
	sc := newScenario()
	l := NewLock()
	err := sc.run(t, func(m *Task) {
		l.Acquire(m)
		waiter := func(t *Task) {
			err := l.Acquire(t)
			sc.logf("%s acquire: %v", t.Name(), err)
			if err == nil {
				l.Release()
			}
		}
		a, b, c := sc.spawn(waiter), sc.spawn(waiter), sc.spawn(waiter)
		m.Sleep(0)
		b.Cancel("while waiting")
		l.Release() // wakes a
		a.Cancel("after wake-up")
		sc.logf("%v", l)
		m.Join(a)
		m.Join(b)
		m.Join(c)
		sc.logf("%v", l)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 <Lock [unlocked, waiters:3]>",
		"0 Task-3 acquire: Cancelled: while waiting",
		"0 Task-2 acquire: Cancelled: after wake-up",
		"0 Task-4 acquire: <nil>",
		"0 <Lock [unlocked]>")
}

func TestLockString(t *testing.T) {
	sc := newScenario()
	l := NewLock()
	err := sc.run(t, func(m *Task) {
		sc.logf("%v", l)
		l.Acquire(m)
		sc.logf("%v", l)
		sc.spawn(func(t *Task) { l.Acquire(t); l.Release() })
		sc.spawn(func(t *Task) { l.Acquire(t); l.Release() })
		m.Sleep(time.Second)
		sc.logf("%v", l)
		l.Release()
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 <Lock [unlocked]>", "0 <Lock [locked]>", "1 <Lock [locked, waiters:2]>")
}
