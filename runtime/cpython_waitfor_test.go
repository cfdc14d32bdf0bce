package runtime

import (
	"errors"
	"testing"
)

// From test_waitfor.py AsyncioWaitForTest.test_wait_for: on timeout the task is
// cancelled, and wait_for returns Timeout once the task has ended (its cleanup has
// run).
func TestCPythonWaitForTimeout(t *testing.T) {
	want := []string{
		"0.1 timeout true true false",
	}
	cpythonTwin(t, "waitfor_timeout", want...)
	sc := newScenario()
	var fooRunning bool
	err := sc.run(t, func(m *Task) {
		fut := sc.Spawn(func(t *Task) (any, error) {
			fooRunning = true
			defer func() { fooRunning = false }()
			if err := t.Sleep(seconds(10)); err != nil {
				return nil, err
			}
			return "done", nil
		})
		if _, err := m.WaitFor(fut, seconds(0.1)); errors.Is(err, ErrTimeout) {
			sc.logf("timeout %v %v %v", fut.Done(), fut.Cancelled(), fooRunning)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_waitfor.py AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0:
// a timeout of 0 or less cancels a running task at once, and waits for its end.
func TestCPythonWaitForTimeoutZero(t *testing.T) {
	want := []string{
		"0 0 timeout true true false",
		"0 -1 timeout true true false",
	}
	cpythonTwin(t, "waitfor_timeout_zero", want...)
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		for _, timeout := range []float64{0, -1} {
			var fooRunning bool
			started := NewEvent()
			fut := sc.Spawn(func(t *Task) (any, error) {
				fooRunning = true
				started.Set()
				defer func() { fooRunning = false }()
				if err := t.Sleep(seconds(10)); err != nil {
					return nil, err
				}
				return "done", nil
			})
			started.Wait(m)
			if _, err := m.WaitFor(fut, seconds(timeout)); errors.Is(err, ErrTimeout) {
				sc.logf("%g timeout %v %v %v", timeout, fut.Done(), fut.Cancelled(), fooRunning)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_waitfor.py AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0_future_done:
// a timeout of 0 on a task that has finished returns its result.
func TestCPythonWaitForTimeoutZeroDone(t *testing.T) {
	want := []string{
		"0 done true",
	}
	cpythonTwin(t, "waitfor_timeout_zero_done", want...)
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		task := sc.Spawn(func(*Task) (any, error) { return "done", nil })
		m.Sleep(0)
		v, _ := m.WaitFor(task, 0)
		sc.logf("%v %v", v, task.Done())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_waitfor.py AsyncioWaitForTest.test_wait_for_waits_for_task_cancellation:
// the task's cleanup may await; wait_for returns Timeout only after it.
func TestCPythonWaitForWaitsForTaskCancellation(t *testing.T) {
	want := []string{
		"0.0002 timeout true true",
	}
	cpythonTwin(t, "waitfor_waits_for_task_cancellation", want...)
	sc := newScenario()
	taskDone := false
	err := sc.run(t, func(m *Task) {
		inner := sc.Spawn(func(t *Task) (any, error) {
			defer func() { taskDone = true }()
			err := t.Sleep(seconds(10))
			if errors.Is(err, ErrCancelled) {
				t.Sleep(seconds(0.0001))
			}
			return nil, err
		})
		if _, err := m.WaitFor(inner, seconds(0.0001)); errors.Is(err, ErrTimeout) {
			sc.logf("timeout %v %v", taskDone, inner.Cancelled())
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_waitfor.py AsyncioWaitForTest.test_wait_for_reraises_exception_during_cancellation:
// a task that fails in its cleanup after the timeout's cancellation: wait_for
// returns that error, not Timeout.
func TestCPythonWaitForReraisesExceptionDuringCancellation(t *testing.T) {
	want := []string{
		"0.0001 FooException true false",
	}
	cpythonTwin(t, "waitfor_reraises_exception_during_cancellation", want...)
	sc := newScenario()
	errFoo := errors.New("FooException")
	err := sc.run(t, func(m *Task) {
		inner := sc.Spawn(func(t *Task) (any, error) {
			t.Sleep(seconds(0.2))
			return nil, errFoo
		})
		if _, err := m.WaitFor(inner, seconds(0.0001)); errors.Is(err, errFoo) {
			sc.logf("FooException %v %v", inner.Done(), inner.Cancelled())
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_waitfor.py AsyncioWaitForTest.test_cancel_blocking_wait_for and
// test_cancel_wait_for: cancelling the task in wait_for cancels the task it waits
// for, with or without a timeout (without one, wait_for is a plain await: Join).
func TestCPythonWaitForCancelWaitFor(t *testing.T) {
	want := []string{
		"0 <nil> cancelled true true",
		"0 60.0 cancelled true true",
	}
	cpythonTwin(t, "waitfor_cancel_wait_for", want...)
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		for _, timeout := range []string{"<nil>", "60.0"} {
			fut := NewEvent()
			task := sc.Spawn(func(t *Task) (any, error) { return nil, fut.Wait(t) })
			wait := sc.Spawn(func(t *Task) (any, error) {
				if timeout == "<nil>" {
					return t.Join(task)
				}
				return t.WaitFor(task, seconds(60))
			})
			cpySoon(sc, func() { wait.Cancel("") })
			if _, err := m.Join(wait); errors.Is(err, ErrCancelled) {
				sc.logf("%s cancelled %v %v", timeout, task.Cancelled(), wait.Cancelled())
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_waitfor.py AsyncioWaitForTest.test_wait_for_cancel_suppressed: a task
// that swallows the timeout's cancellation and returns a value: wait_for returns
// that value.
func TestCPythonWaitForCancelSuppressed(t *testing.T) {
	want := []string{
		"0.1 42 false",
	}
	cpythonTwin(t, "waitfor_cancel_suppressed", want...)
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		task := sc.Spawn(func(t *Task) (any, error) {
			if err := t.Sleep(seconds(10)); errors.Is(err, ErrCancelled) {
				return 42, nil
			}
			return nil, nil
		})
		v, _ := m.WaitFor(task, seconds(0.1))
		sc.logf("%v %v", v, task.Cancelled())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_waitfor.py AsyncioWaitForTest.test_wait_for_issue86296: the awaited
// task ends in the same iteration its waiter is cancelled; the waiter still ends
// cancelled and never goes on.
func TestCPythonWaitForIssue86296(t *testing.T) {
	want := []string{
		"0 false",
		"0 true false",
		"0 cancelled true done false",
	}
	cpythonTwin(t, "waitfor_issue86296", want...)
	sc := newScenario()
	reachedEnd := false
	err := sc.run(t, func(m *Task) {
		inner := sc.Spawn(func(*Task) (any, error) { return "done", nil })
		task := sc.Spawn(func(t *Task) (any, error) {
			if _, err := t.WaitFor(inner, seconds(100)); err != nil {
				return nil, err
			}
			if err := t.Sleep(seconds(1)); err != nil {
				return nil, err
			}
			reachedEnd = true
			return nil, nil
		})
		sc.logf("%v", task.Done())
		m.Sleep(0)
		sc.logf("%v %v", inner.Done(), task.Done())
		task.Cancel("")
		if _, err := m.Join(task); errors.Is(err, ErrCancelled) {
			v, _ := m.Join(inner)
			sc.logf("cancelled %v %v %v", inner.Done(), v, reachedEnd)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_waitfor.py AsyncioWaitForTest.test_asyncio_wait_for_cancelled: the
// task in wait_for is cancelled, the task it waits for swallows the cancellation
// and finishes later; wait_for waits for it, and the waiter then ends normally.
func TestCPythonWaitForCancelledSlowTask(t *testing.T) {
	want := []string{
		"0 slow ignores a cancel",
		"0.2 true false false",
	}
	cpythonTwin(t, "waitfor_asyncio_wait_for_cancelled", want...)
	needsEventLoop(t)
	sc := newScenario()
	exited := false
	err := sc.run(t, func(m *Task) {
		slow := sc.Spawn(func(t *Task) (any, error) {
			exitAt := sc.Now() + seconds(0.2)
			for sc.Now() < exitAt {
				if err := t.Sleep(exitAt - sc.Now()); errors.Is(err, ErrCancelled) {
					sc.logf("slow ignores a cancel")
				}
			}
			exited = true
			return nil, nil
		})
		waitForTask := sc.Spawn(func(t *Task) (any, error) { return t.WaitFor(slow, seconds(0.4)) })
		m.Sleep(0)
		waitForTask.Cancel("")
		m.Wait([]*Task{waitForTask}, AllCompleted, NoTimeout)
		sc.logf("%v %v %v", exited, waitForTask.Cancelled(), slow.Cancelled())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_waitfor.py AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0_future_done:
// wait_for(fut, 0) on a future that is done returns its result at once. Beside it, as
// wait_for(task, d) does for a task: a future that is late is cancelled, and a future
// that fails gives its error.
func TestCPythonWaitForFuture(t *testing.T) {
	want := []string{
		"0 done true",
		"0.5 late: timeout true",
		"0.6 failing: boom",
	}
	cpythonTwin(t, "waitfor_future", want...)
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		fut := NewFuture(sc.Scheduler)
		fut.SetResult("done")
		ret, _ := m.WaitFor(fut, 0)
		sc.logf("%v %v", ret, fut.Done())

		late := NewFuture(sc.Scheduler)
		sc.CallLater(seconds(10), func() {
			if !late.Done() {
				late.SetResult("late")
			}
		})
		if _, err := m.WaitFor(late, seconds(0.5)); errors.Is(err, ErrTimeout) {
			sc.logf("late: timeout %v", late.Cancelled())
		}

		failing := NewFuture(sc.Scheduler)
		sc.CallLater(seconds(0.1), func() { failing.SetError(errors.New("boom")) })
		if _, err := m.WaitForUnlimited(failing); err != nil {
			sc.logf("failing: %v", err)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_tasks.py BaseTaskTests.test_wait_first_completed, with a future in place
// of the task that ends first: wait takes futures as well as tasks, and the waiter
// runs two iterations after the future is done (a ticker started with it counts one).
func TestCPythonWaitFutureFirstCompleted(t *testing.T) {
	want := []string{
		"0.1 done [true] pending [false] ticks 1",
		"0.1 a done false",
	}
	cpythonTwin(t, "wait_future_first_completed", want...)
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		a := sc.spawn(func(t *Task) { t.Sleep(seconds(10)) })
		b := NewFuture(sc.Scheduler)
		ticks := 0
		sc.CallLater(seconds(0.1), func() {
			b.SetResult(nil)
			sc.spawn(func(t *Task) {
				for range 5 {
					ticks++
					t.Sleep(0)
				}
			})
		})
		done, pending, _ := m.WaitAwaitables([]Awaitable{b, a}, FirstCompleted, NoTimeout)
		isB := func(as []Awaitable) []bool {
			r := make([]bool, len(as))
			for i, x := range as {
				r[i] = x == Awaitable(b)
			}
			return r
		}
		sc.logf("done %v pending %v ticks %d", isB(done), isB(pending), ticks)
		sc.logf("a done %v", a.Done())
		a.Cancel("")
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}
