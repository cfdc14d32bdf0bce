package runtime

import (
	"strings"
	"testing"
)

// From test_locks.py ConditionTests.test_wait: a notified waiter wakes only once the
// lock is free, and takes the lock when its step runs; between a release and that
// step the lock is unlocked.
func TestCPythonConditionWait(t *testing.T) {
	want := []string{
		"0 [] false",
		"0 [] true",
		"0 released false",
		"0 [1] true",
		"0 [1] true",
		"0 [1 2] true",
		"0 [1 2 3] true true true true",
	}
	cpythonTwin(t, "condition_wait", want...)
	needsEventLoop(t)
	sc := newScenario()
	cond := NewCondition(nil)
	var result []int
	err := sc.run(t, func(m *Task) {
		c := func(n int) func(*Task) {
			return func(t *Task) {
				cond.Acquire(t)
				if cond.Wait(t) == nil {
					result = append(result, n)
				}
			}
		}
		t1, t2, t3 := sc.spawn(c(1)), sc.spawn(c(2)), sc.spawn(c(3))
		m.Sleep(0)
		sc.logf("%v %v", result, cond.Locked())
		cond.Acquire(m)
		cond.Notify(1)
		m.Sleep(0)
		sc.logf("%v %v", result, cond.Locked())
		cond.Release()
		sc.logf("released %v", cond.Locked())
		m.Sleep(0)
		sc.logf("%v %v", result, cond.Locked())
		cond.Notify(2)
		m.Sleep(0)
		sc.logf("%v %v", result, cond.Locked())
		cond.Release()
		m.Sleep(0)
		sc.logf("%v %v", result, cond.Locked())
		cond.Release()
		m.Sleep(0)
		sc.logf("%v %v %v %v %v", result, cond.Locked(), t1.Done(), t2.Done(), t3.Done())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py ConditionTests.test_wait_cancel: a waiter cancelled from a
// callback leaves the waiters and holds the lock again when the error reaches it.
func TestCPythonConditionWaitCancel(t *testing.T) {
	want := []string{
		"0 cancelled",
		"0 0 true",
	}
	cpythonTwin(t, "condition_wait_cancel", want...)
	sc := newScenario()
	cond := NewCondition(nil)
	err := sc.run(t, func(m *Task) {
		cond.Acquire(m)
		wait := sc.Spawn(func(t *Task) (any, error) { return nil, cond.Wait(t) })
		cpySoon(sc, func() { wait.Cancel("") })
		if _, err := m.Join(wait); err != nil {
			sc.logf("%s", strings.ToLower(cpyErr(err)))
		}
		sc.logf("%d %v", cond.Waiters(), cond.Locked())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py ConditionTests.test_wait_cancel_contested: notified, then
// cancelled while the lock is still held by another; the waiter ends cancelled,
// holding the lock.
func TestCPythonConditionWaitCancelContested(t *testing.T) {
	want := []string{
		"0 false",
		"0 true",
		"0 cancelled",
		"0 true true",
	}
	cpythonTwin(t, "condition_wait_cancel_contested", want...)
	sc := newScenario()
	cond := NewCondition(nil)
	err := sc.run(t, func(m *Task) {
		cond.Acquire(m)
		waitTask := sc.Spawn(func(t *Task) (any, error) { return nil, cond.Wait(t) })
		m.Sleep(0)
		sc.logf("%v", cond.Locked())
		cond.Acquire(m)
		sc.logf("%v", cond.Locked())
		cond.Notify(1)
		cpySoon(sc, func() { waitTask.Cancel("") })
		cpySoon(sc, func() { cond.Release() })
		if _, err := m.Join(waitTask); err != nil {
			sc.logf("%s", strings.ToLower(cpyErr(err)))
		} else {
			sc.logf("woke")
		}
		sc.logf("%v %v", cond.Locked(), waitTask.Cancelled())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py ConditionTests.test_wait_cancel_after_notify: notified, the
// waiter queues for the lock; cancelled there, it gets the error only once it has
// the lock again, and releases it on the way out.
func TestCPythonConditionWaitCancelAfterNotify(t *testing.T) {
	want := []string{
		"0 0 1",
		"0 false true",
		"0 true true false",
	}
	cpythonTwin(t, "condition_wait_cancel_after_notify", want...)
	sc := newScenario()
	cond := NewCondition(nil)
	waited := false
	err := sc.run(t, func(m *Task) {
		waiter := sc.Spawn(func(t *Task) (any, error) {
			if err := cond.Acquire(t); err != nil {
				return nil, err
			}
			defer cond.Release()
			waited = true
			return nil, cond.Wait(t)
		})
		m.Sleep(0)
		cond.Acquire(m)
		cond.Notify(1)
		m.Sleep(0)
		sc.logf("%d %d", cond.Waiters(), cond.Lock().Waiters())
		waiter.Cancel("")
		m.Sleep(0)
		sc.logf("%v %v", waiter.Done(), cond.Locked())
		cond.Release()
		m.Sleep(0)
		sc.logf("%v %v %v", waiter.Cancelled(), waited, cond.Locked())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py ConditionTests.test_wait_for: the predicate is checked first
// without waiting, then after each notify, with the lock held.
func TestCPythonConditionWaitFor(t *testing.T) {
	want := []string{
		"0 [] 1",
		"0 [] 2",
		"0 [1] 3 true false",
	}
	cpythonTwin(t, "condition_wait_for", want...)
	sc := newScenario()
	cond := NewCondition(nil)
	presult, calls := false, 0
	var result []int
	err := sc.run(t, func(m *Task) {
		task := sc.spawn(func(t *Task) {
			cond.Acquire(t)
			_, err := cond.WaitFor(t, func() (any, bool, error) {
				calls++
				return presult, presult, nil
			})
			if err == nil {
				result = append(result, 1)
				cond.Release()
			}
		})
		m.Sleep(0)
		sc.logf("%v %d", result, calls)
		cond.Acquire(m)
		cond.Notify(1)
		cond.Release()
		m.Sleep(0)
		sc.logf("%v %d", result, calls)
		presult = true
		cond.Acquire(m)
		cond.Notify(1)
		cond.Release()
		m.Sleep(0)
		sc.logf("%v %d %v %v", result, calls, task.Done(), cond.Locked())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py ConditionTests.test_notify: notify(n) wakes the n longest
// waiters; a notify beyond the number of waiters wakes those there are.
func TestCPythonConditionNotify(t *testing.T) {
	want := []string{
		"0 []",
		"0 [1] 2",
		"0 [1 2 3] true true true",
	}
	cpythonTwin(t, "condition_notify", want...)
	sc := newScenario()
	cond := NewCondition(nil)
	var result []int
	err := sc.run(t, func(m *Task) {
		c := func(n int) func(*Task) {
			return func(t *Task) {
				cond.Acquire(t)
				if cond.Wait(t) == nil {
					result = append(result, n)
					cond.Release()
				}
			}
		}
		t1, t2, t3 := sc.spawn(c(1)), sc.spawn(c(2)), sc.spawn(c(3))
		m.Sleep(0)
		sc.logf("%v", result)
		cond.Acquire(m)
		cond.Notify(1)
		cond.Release()
		m.Sleep(0)
		sc.logf("%v %d", result, cond.Waiters())
		cond.Acquire(m)
		cond.Notify(1)
		cond.Notify(2048)
		cond.Release()
		m.Sleep(0)
		sc.logf("%v %v %v %v", result, t1.Done(), t2.Done(), t3.Done())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py ConditionTests.test_notify_all: every waiter wakes; the
// notified waiters stay in the waiters list until their steps run.
func TestCPythonConditionNotifyAll(t *testing.T) {
	want := []string{
		"0 []",
		"0 2",
		"0 [1 2] true true",
	}
	cpythonTwin(t, "condition_notify_all", want...)
	needsEventLoop(t)
	sc := newScenario()
	cond := NewCondition(nil)
	var result []int
	err := sc.run(t, func(m *Task) {
		c := func(n int) func(*Task) {
			return func(t *Task) {
				cond.Acquire(t)
				if cond.Wait(t) == nil {
					result = append(result, n)
					cond.Release()
				}
			}
		}
		t1, t2 := sc.spawn(c(1)), sc.spawn(c(2))
		m.Sleep(0)
		sc.logf("%v", result)
		cond.Acquire(m)
		cond.NotifyAll()
		sc.logf("%d", cond.Waiters())
		cond.Release()
		m.Sleep(0)
		sc.logf("%v %v %v", result, t1.Done(), t2.Done())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py ConditionTests.test_cancelled_error_re_aquire: cancelled while
// it re-acquires the lock after a notify, the waiter gets the cancellation, with its
// message, once it holds the lock.
func TestCPythonConditionCancelledErrorReacquire(t *testing.T) {
	want := []string{
		"0 func cancelled [foo] true",
		"0 main cancelled [foo]",
		"0 true false",
	}
	cpythonTwin(t, "condition_cancelled_error_re_aquire", want...)
	sc := newScenario()
	cond := NewCondition(nil)
	wake := false
	err := sc.run(t, func(m *Task) {
		task := sc.Spawn(func(t *Task) (any, error) {
			if err := cond.Acquire(t); err != nil {
				return nil, err
			}
			defer cond.Release()
			_, err := cond.WaitFor(t, func() (any, bool, error) { return wake, wake, nil })
			if err != nil {
				sc.logf("func cancelled %s %v", cpyCancelArgs(err), cond.Locked())
			}
			return nil, err
		})
		m.Sleep(0)
		cond.Acquire(m)
		wake = true
		cond.Notify(1)
		m.Sleep(0)
		task.Cancel("foo")
		cond.Release()
		if _, err := m.Join(task); err != nil {
			sc.logf("main cancelled %s", cpyCancelArgs(err))
		}
		sc.logf("%v %v", task.Cancelled(), cond.Locked())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}
