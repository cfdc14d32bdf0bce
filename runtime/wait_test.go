package runtime

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var errWaitBoom = errors.New("boom")

// waitSleepThen is a task body that sleeps d, then returns result and err.
func waitSleepThen(d float64, result any, err error) TaskFunc {
	return func(t *Task) (any, error) {
		if e := t.Sleep(seconds(d)); e != nil {
			return nil, e
		}
		return result, err
	}
}

// waitNames lists the tasks' names: "Task-2 Task-3".
func waitNames(tasks []*Task) string {
	ns := make([]string, len(tasks))
	for i, t := range tasks {
		ns[i] = t.Name()
	}
	return strings.Join(ns, " ")
}

// Every return_when mode and a timeout, after test_tasks.py's test_wait,
// test_wait_first_completed, test_wait_first_exception(_in_wait),
// test_wait_with_exception and test_wait_with_timeout. The tasks are given as
// [c, b, a] and both arrays keep that order.
func TestWaitModes(t *testing.T) {
	for _, c := range []struct {
		name    string
		when    ReturnWhen
		timeout float64 // < 0: none
		bFails  bool
		want    string
	}{
		{"all", AllCompleted, -1, true, "3 done [Task-4 Task-3 Task-2] pending []"},
		{"first", FirstCompleted, -1, true, "1 done [Task-2] pending [Task-4 Task-3]"},
		{"error", FirstException, -1, true, "2 done [Task-3 Task-2] pending [Task-4]"},
		{"error without errors", FirstException, -1, false, "3 done [Task-4 Task-3 Task-2] pending []"},
		{"all with timeout", AllCompleted, 1.5, true, "1.5 done [Task-2] pending [Task-4 Task-3]"},
		{"first with timeout", FirstCompleted, 0.5, true, "0.5 done [] pending [Task-4 Task-3 Task-2]"},
		{"timeout after all", AllCompleted, 10, false, "3 done [Task-4 Task-3 Task-2] pending []"},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := newScenario()
			var bErr error
			if c.bFails {
				bErr = errWaitBoom
			}
			var tasks []*Task
			err := sc.run(t, func(m *Task) {
				a := sc.Spawn(waitSleepThen(1, "a", nil))
				b := sc.Spawn(waitSleepThen(2, "b", bErr))
				cc := sc.Spawn(waitSleepThen(3, "c", nil))
				tasks = []*Task{cc, b, a}
				timeout := NoTimeout
				if c.timeout >= 0 {
					timeout = seconds(c.timeout)
				}
				done, pending, err := m.Wait(tasks, c.when, timeout)
				if err != nil {
					t.Error(err) // not Fatal: this is a task's goroutine
					return
				}
				sc.logf("done [%s] pending [%s]", waitNames(done), waitNames(pending))
				sc.outlive(m)
			})
			if err != nil {
				t.Fatal(err)
			}
			sc.expectLog(t, c.want)
			// Wait never cancels: every task ran to its end.
			for _, task := range tasks {
				if task.State() == Cancelled {
					t.Errorf("%s was cancelled", task.Name())
				}
			}
		})
	}
}

// "error" does not count a cancelled task as failed (asyncio.FIRST_EXCEPTION): it
// waits for the others.
func TestWaitErrorModeIgnoresCancellation(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		a := sc.Spawn(waitSleepThen(5, "a", nil))
		b := sc.Spawn(waitSleepThen(5, "b", nil))
		sc.spawn(func(t *Task) { t.Sleep(seconds(1)); b.Cancel("") })
		done, pending, err := m.Wait([]*Task{a, b}, FirstException, NoTimeout)
		sc.logf("done [%s] pending [%s] %v", waitNames(done), waitNames(pending), err)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "5 done [Task-2 Task-3] pending [] <nil>")
}

// Finished tasks count at once, but Wait yields even when the condition already
// holds, as asyncio's does (it awaits a future the done-callbacks complete): the
// task spawned before it runs first.
func TestWaitYieldsEvenWhenConditionHolds(t *testing.T) {
	for _, when := range []ReturnWhen{AllCompleted, FirstCompleted, FirstException} {
		t.Run(when.String(), func(t *testing.T) {
			sc := newScenario()
			err := sc.run(t, func(m *Task) {
				a := sc.Spawn(func(*Task) (any, error) { return nil, errWaitBoom })
				m.Sleep(0)
				other := sc.spawn(func(t *Task) { sc.logf("other runs") })
				var tasks []*Task
				if when == AllCompleted {
					tasks = []*Task{a}
				} else {
					tasks = []*Task{sc.Spawn(waitSleepThen(1, nil, nil)), a}
				}
				done, pending, err := m.Wait(tasks, when, NoTimeout)
				sc.logf("done [%s] pending [%s] %v, other %s", waitNames(done), waitNames(pending), err, other.State())
			})
			if err != nil {
				t.Fatal(err)
			}
			want := "0 done [Task-2] pending [Task-4] <nil>, other done"
			if when == AllCompleted {
				want = "0 done [Task-2] pending [] <nil>, other done"
			}
			sc.expectLog(t, "0 other runs", want)
			// Only "error" looks at the errors of the tasks that end (asyncio's
			// _on_completion calls exception() only for FIRST_EXCEPTION).
			if f := sc.Failed(); (len(f) != 0) != (when != FirstException) {
				t.Errorf("Failed() = %v with return_when %v", f, when)
			}
		})
	}
}

// test_wait_really_done: two tasks that finish in the same round are both done for
// "first", because the waiter wakes at the back of the ready queue.
func TestWaitFirstCompletedSeesTasksDoneInTheSameRound(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		a := sc.Spawn(func(t *Task) (any, error) { return nil, t.Sleep(0) })
		b := sc.Spawn(func(t *Task) (any, error) { return nil, t.Sleep(0) })
		done, pending, err := m.Wait([]*Task{a, b}, FirstCompleted, NoTimeout)
		sc.logf("done [%s] pending [%s] %v", waitNames(done), waitNames(pending), err)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 done [Task-2 Task-3] pending [] <nil>")
}

// A task listed twice is in the result twice, and Wait waits for it once.
func TestWaitDuplicateTasks(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		a := sc.Spawn(waitSleepThen(1, nil, nil))
		b := sc.Spawn(waitSleepThen(2, nil, nil))
		done, pending, err := m.Wait([]*Task{a, b, a}, AllCompleted, NoTimeout)
		sc.logf("done [%s] pending [%s] %v", waitNames(done), waitNames(pending), err)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "2 done [Task-2 Task-3 Task-2] pending [] <nil>")
}

// test_wait_invalid_args: an empty list is a misuse (asyncio's ValueError), and so is
// waiting for oneself (which could never end).
func TestWaitMisuse(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		if _, _, err := m.Wait(nil, AllCompleted, NoTimeout); err != ErrNoTasks {
			t.Errorf("empty: %v", err)
		}
		if _, _, err := m.Wait([]*Task{m}, FirstCompleted, NoTimeout); err != ErrWaitForSelf {
			t.Errorf("self: %v", err)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Cancelling the waiting task does not cancel the tasks it waits for.
func TestWaitCancelledLeavesTasksAlone(t *testing.T) {
	sc := newScenario()
	var a *Task
	err := sc.run(t, func(m *Task) {
		a = sc.Spawn(waitSleepThen(5, "a", nil))
		w := sc.spawn(func(t *Task) {
			_, _, err := t.Wait([]*Task{a}, AllCompleted, seconds(10))
			sc.logf("waiter: %v", err)
		})
		m.Sleep(seconds(1))
		w.Cancel("stop")
		m.Join(a)
		sc.logf("a is %s", a.State())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "1 waiter: Cancelled: stop", "5 a is done")
}

// Wait retrieves no error (return_when "all"): both failures are reported, the one
// in done and the one that fails after the timeout.
func TestWaitRetrievesNoErrors(t *testing.T) {
	sc := newScenario()
	var early, late *Task
	err := sc.run(t, func(m *Task) {
		early = sc.Spawn(waitSleepThen(1, nil, errWaitBoom))
		late = sc.Spawn(waitSleepThen(3, nil, errWaitBoom))
		done, pending, _ := m.Wait([]*Task{early, late}, AllCompleted, seconds(2))
		sc.logf("done [%s] pending [%s]", waitNames(done), waitNames(pending))
		sc.outlive(m)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "2 done [Task-2] pending [Task-3]")
	if f := sc.Failed(); len(f) != 2 || f[0] != early || f[1] != late {
		t.Errorf("Failed() = %v, want [%v %v]", f, early, late)
	}
}

// A timeout of 0 yields once (asyncio's call_later(0)): ready tasks run first.
func TestWaitTimeoutZeroYieldsOnce(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		a := sc.Spawn(waitSleepThen(1, nil, nil))
		sc.spawn(func(t *Task) { sc.logf("ready task runs") })
		done, pending, err := m.Wait([]*Task{a}, AllCompleted, 0)
		sc.logf("done [%s] pending [%s] %v", waitNames(done), waitNames(pending), err)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 ready task runs", "0 done [] pending [Task-2] <nil>")
}

// A waiting task shows what it waits on in reports.
func TestWaitShowsInDeadlockReport(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		l := NewLock()
		l.Acquire(m)
		a := sc.spawn(func(t *Task) { l.Acquire(t) })
		m.Wait([]*Task{a}, AllCompleted, NoTimeout)
	})
	var dl *DeadlockError
	if !errors.As(err, &dl) {
		t.Fatalf("Run returned %v, want a deadlock", err)
	}
	if got := dl.Tasks[0].String(); got != "Task-1 waiting on wait [Task-2]" {
		t.Errorf("report line: %s", got)
	}
}

// --- WaitFor ---

// WaitFor returns the result or error of a task that finishes in time
// (test_wait_for_race_condition, test_wait_for_blocking).
func TestWaitForInTime(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		r, err := m.WaitFor(sc.Spawn(waitSleepThen(1, "ok", nil)), seconds(2))
		sc.logf("%v %v", r, err)
		r, err = m.WaitFor(sc.Spawn(waitSleepThen(1, nil, errWaitBoom)), seconds(2))
		sc.logf("%v %v", r, err)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "1 ok <nil>", "2 <nil> boom")
	if f := sc.Failed(); len(f) != 0 {
		t.Errorf("Failed() = %v: the error was retrieved", f)
	}
}

// On timeout the task is cancelled and WaitFor waits for its cleanup before raising
// Timeout (test_wait_for, test_wait_for_waits_for_task_cancellation,
// test_asyncio_wait_for_timeout).
func TestWaitForTimeoutWaitsForCleanup(t *testing.T) {
	sc := newScenario()
	var inner *Task
	err := sc.run(t, func(m *Task) {
		inner = sc.Spawn(func(t *Task) (any, error) {
			err := t.Sleep(seconds(10))
			sc.logf("inner: %v", err)
			t.Sleep(seconds(0.5))
			sc.logf("inner cleaned up")
			return nil, err
		})
		r, err := m.WaitFor(inner, seconds(1))
		sc.logf("wait_for: %v %v, inner %s", r, err, inner.State())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"1 inner: Cancelled",
		"1.5 inner cleaned up",
		"1.5 wait_for: <nil> Timeout: timed out, inner cancelled")
}

// What the task does with its cancellation decides: swallowed, its result
// (test_wait_for_cancel_suppressed, test_wait_for_cancellation_race_condition);
// another error, that error (test_wait_for_reraises_exception_during_cancellation).
func TestWaitForTaskHandlesItsCancellation(t *testing.T) {
	for _, c := range []struct {
		name string
		end  func(err error) (any, error)
		want string
	}{
		{"swallowed", func(error) (any, error) { return 42, nil }, "1 42 <nil>"},
		{"other error", func(error) (any, error) { return nil, errWaitBoom }, "1 <nil> boom"},
		{"cancelled", func(err error) (any, error) { return nil, err }, "1 <nil> Timeout: timed out"},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := newScenario()
			err := sc.run(t, func(m *Task) {
				inner := sc.Spawn(func(t *Task) (any, error) { return c.end(t.Sleep(seconds(10))) })
				r, err := m.WaitFor(inner, seconds(1))
				sc.logf("%v %v", r, err)
			})
			if err != nil {
				t.Fatal(err)
			}
			sc.expectLog(t, c.want)
		})
	}
}

// With 0 seconds: a finished task's result at once, without yielding
// (test_wait_for_timeout_less_then_0_or_0_future_done); a task not started never
// runs (..._coroutine_do_not_started); a running one is cancelled at once
// (test_wait_for_timeout_less_then_0_or_0).
func TestWaitForZeroSeconds(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		done := sc.Spawn(func(*Task) (any, error) { return "done", nil })
		m.Sleep(0)
		other := sc.spawn(func(*Task) { sc.logf("other runs") })
		r, err := m.WaitFor(done, 0)
		sc.logf("finished: %v %v, other %s", r, err, other.State())

		notStarted := sc.Spawn(func(*Task) (any, error) { sc.logf("started!"); return nil, nil })
		r, err = m.WaitFor(notStarted, 0)
		sc.logf("not started: %v %v, %s", r, err, notStarted.State())

		running := sc.Spawn(waitSleepThen(10, "late", nil))
		m.Sleep(seconds(1))
		r, err = m.WaitFor(running, 0)
		sc.logf("running: %v %v, %s", r, err, running.State())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 finished: done <nil>, other pending",
		"0 other runs",
		"0 not started: <nil> Timeout: timed out, cancelled",
		"1 running: <nil> Timeout: timed out, cancelled")
}

// Cancelling the caller cancels the task too, and the caller wakes once the task
// has finished (test_cancel_wait_for, test_asyncio_wait_for_cancelled); a task that
// swallows the cancellation and returns a value: wait_for returns that value, as
// asyncio's does.
func TestWaitForCallerCancelled(t *testing.T) {
	sc := newScenario()
	var inner *Task
	err := sc.run(t, func(m *Task) {
		inner = sc.Spawn(func(t *Task) (any, error) {
			err := t.Sleep(seconds(10))
			sc.logf("inner: %v", err)
			t.Sleep(seconds(2)) // swallows it and goes on
			return 42, nil
		})
		w := sc.spawn(func(t *Task) {
			r, err := t.WaitFor(inner, seconds(5))
			sc.logf("wait_for: %v %v", r, err)
		})
		m.Sleep(seconds(1))
		w.Cancel("stop")
		m.Join(w)
		r, _ := inner.Result()
		sc.logf("inner returned %v", r)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"1 inner: Cancelled: stop",
		"3 wait_for: 42 <nil>",
		"3 inner returned 42")
}

// A task that cancelled itself before calling WaitFor passes the cancellation on,
// and gets it once the task has finished.
func TestWaitForWithPendingCancellation(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		inner := sc.Spawn(func(t *Task) (any, error) {
			err := t.Sleep(seconds(10))
			sc.logf("inner: %v", err)
			t.Sleep(seconds(1))
			return nil, err
		})
		m.Sleep(0)
		m.Cancel("self")
		r, err := m.WaitFor(inner, seconds(5))
		sc.logf("wait_for: %v %v, inner %s", r, err, inner.State())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 inner: Cancelled: self", "1 wait_for: <nil> Cancelled: self, inner cancelled")
}

// A timeout and an outside cancellation together: the cancellation wins.
func TestWaitForCancelledDuringTimeoutCleanup(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		inner := sc.Spawn(func(t *Task) (any, error) {
			err := t.Sleep(seconds(10))
			t.Sleep(seconds(2))
			return nil, err
		})
		w := sc.spawn(func(t *Task) {
			_, err := t.WaitFor(inner, seconds(1))
			sc.logf("wait_for: %v", err)
		})
		m.Sleep(seconds(2))
		w.Cancel("")
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "2 wait_for: Cancelled") // the second cancellation cut the cleanup short
}

func TestWaitForSelf(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		if _, err := m.WaitFor(m, time.Second); err != ErrWaitForSelf {
			t.Errorf("got %v", err)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}

// WaitFor stops its timer when the task finishes in time.
func TestWaitForStopsItsTimer(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		for i := 0; i < 3; i++ {
			m.WaitFor(sc.Spawn(waitSleepThen(1, nil, nil)), time.Hour)
		}
		n := 0
		for _, tm := range sc.timers {
			if tm.seq != 0 { // a stopped one stays in the heap, as in asyncio
				n++
			}
		}
		if n != 0 {
			t.Errorf("%d timers left", n)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}
