package runtime

import (
	"strings"
	"testing"
)

// From test_locks.py LockTests.test_acquire: a released lock is unlocked until the
// woken waiter runs, and waiters get it in FIFO order.
func TestCPythonLockAcquire(t *testing.T) {
	want := []string{
		"0 [] true",
		"0 released false",
		"0 [1] true",
		"0 [1]",
		"0 released false",
		"0 [1 2]",
		"0 [1 2 3] true true true true",
	}
	cpythonTwin(t, "lock_acquire", want...)
	needsEventLoop(t)
	sc := newScenario()
	l := NewLock()
	var result []int
	err := sc.run(t, func(m *Task) {
		l.Acquire(m)
		c := func(n int) func(*Task) {
			return func(t *Task) {
				if l.Acquire(t) == nil {
					result = append(result, n)
				}
			}
		}
		t1, t2 := sc.spawn(c(1)), sc.spawn(c(2))
		m.Sleep(0)
		sc.logf("%v %v", result, l.Locked())
		l.Release()
		sc.logf("released %v", l.Locked())
		m.Sleep(0)
		sc.logf("%v %v", result, l.Locked())
		m.Sleep(0)
		sc.logf("%v", result)
		t3 := sc.spawn(c(3))
		l.Release()
		sc.logf("released %v", l.Locked())
		m.Sleep(0)
		sc.logf("%v", result)
		l.Release()
		m.Sleep(0)
		sc.logf("%v %v %v %v %v", result, t1.Done(), t2.Done(), t3.Done(), l.Locked())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py LockTests.test_acquire_cancel: a waiter cancelled from a
// callback leaves the queue.
func TestCPythonLockAcquireCancel(t *testing.T) {
	want := []string{
		"0 cancelled",
		"0 true 0 true",
	}
	cpythonTwin(t, "lock_acquire_cancel", want...)
	sc := newScenario()
	l := NewLock()
	err := sc.run(t, func(m *Task) {
		l.Acquire(m)
		task := sc.Spawn(func(t *Task) (any, error) { return nil, l.Acquire(t) })
		cpySoon(sc, func() { task.Cancel("") })
		if _, err := m.Join(task); err != nil {
			sc.logf("%s", strings.ToLower(cpyErr(err)))
		}
		sc.logf("%v %d %v", task.Cancelled(), l.Waiters(), l.Locked())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py LockTests.test_cancel_race: the holder releases while the first
// waiter is being cancelled; the lock stays free until the cancelled waiter's step
// passes it on to the next one.
func TestCPythonLockCancelRace(t *testing.T) {
	want := []string{
		"0 A has it",
		"0 true",
		"0 1",
		"0 2",
		"0 false true true false",
		"0 C has it",
		"0 false true",
	}
	cpythonTwin(t, "lock_cancel_race", want...)
	needsEventLoop(t)
	sc := newScenario()
	l := NewLock()
	fa := NewEvent()
	err := sc.run(t, func(m *Task) {
		lockit := func(name string, blocker *Event) TaskFunc {
			return func(t *Task) (any, error) {
				if err := l.Acquire(t); err != nil {
					return nil, err
				}
				sc.logf("%s has it", name)
				defer l.Release()
				if blocker != nil {
					return nil, blocker.Wait(t)
				}
				return nil, nil
			}
		}
		ta := sc.Spawn(lockit("A", fa))
		m.Sleep(0)
		sc.logf("%v", l.Locked())
		tb := sc.Spawn(lockit("B", nil))
		m.Sleep(0)
		sc.logf("%d", l.Waiters())
		tc := sc.Spawn(lockit("C", nil))
		m.Sleep(0)
		sc.logf("%d", l.Waiters())
		fa.Set()
		tb.Cancel("")
		m.Sleep(0)
		sc.logf("%v %v %v %v", l.Locked(), ta.Done(), tb.Cancelled(), tc.Done())
		m.Join(tc)
		sc.logf("%v %v", l.Locked(), tc.Done())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py LockTests.test_cancel_release_race: a waiter cancelled in the
// same callback that releases the lock; only one waiter gets the lock.
func TestCPythonLockCancelReleaseRace(t *testing.T) {
	want := []string{
		"0 t1 cancelled",
		"0 1 3 true true false",
		"0 true true",
	}
	cpythonTwin(t, "lock_cancel_release_race", want...)
	sc := newScenario()
	l := NewLock()
	lockCount, callCount := 0, 0
	err := sc.run(t, func(m *Task) {
		lockit := func(t *Task) (any, error) {
			callCount++
			if err := l.Acquire(t); err != nil {
				return nil, err
			}
			lockCount++
			return nil, nil
		}
		l.Acquire(m)
		t1, t2, t3 := sc.Spawn(lockit), sc.Spawn(lockit), sc.Spawn(lockit)
		m.Sleep(0)
		cpySoon(sc, func() {
			t1.Cancel("")
			l.Release()
		})
		if _, err := m.Join(t1); err != nil {
			sc.logf("t1 cancelled")
		}
		sc.logf("%d %d %v %v %v", lockCount, callCount, t1.Cancelled(), t2.Done(), t3.Done())
		t3.Cancel("")
		m.Sleep(0)
		sc.logf("%v %v", t3.Cancelled(), l.Locked())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py LockTests.test_finished_waiter_cancelled: the first waiter is
// cancelled just before the release; the lock is free for a moment, then the
// cancelled waiter's step wakes the second, which takes it.
func TestCPythonLockFinishedWaiterCancelled(t *testing.T) {
	want := []string{
		"0 1",
		"0 false",
		"0 true true true",
		"0 true true",
	}
	cpythonTwin(t, "lock_finished_waiter_cancelled", want...)
	sc := newScenario()
	l := NewLock()
	err := sc.run(t, func(m *Task) {
		l.Acquire(m)
		acquire := func(t *Task) (any, error) { return nil, l.Acquire(t) }
		tb := sc.Spawn(acquire)
		m.Sleep(0)
		sc.logf("%d", l.Waiters())
		tc := sc.Spawn(acquire)
		tb.Cancel("")
		l.Release()
		sc.logf("%v", l.Locked())
		m.Sleep(0)
		sc.logf("%v %v %v", l.Locked(), tb.Cancelled(), tc.Done())
		m.Join(tc)
		sc.logf("%v %v", l.Locked(), tc.Done())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}
