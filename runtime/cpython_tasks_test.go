package runtime

import (
	"errors"
	"testing"
)

// From test_tasks.py BaseTaskTests.test_cancel_yield: a task cancelled between two
// of its steps gets Cancelled at its next one, and cancel then returns false.
func TestCPythonTaskCancelYield(t *testing.T) {
	want := []string{
		"0 [1] false",
		"0 true false false",
		"0 cancelled [1]",
		"0 true true false",
	}
	cpythonTwin(t, "task_cancel_yield", want...)
	sc := newScenario()
	var steps []int
	err := sc.run(t, func(m *Task) {
		task := sc.Spawn(func(t *Task) (any, error) {
			for i := 1; i <= 3; i++ {
				steps = append(steps, i)
				if i < 3 {
					if err := t.Sleep(0); err != nil {
						return nil, err
					}
				}
			}
			return 12, nil
		})
		m.Sleep(0)
		sc.logf("%v %v", steps, task.Done())
		sc.logf("%v %v %v", task.Cancel(""), task.Done(), task.Cancelled())
		if _, err := m.Join(task); errors.Is(err, ErrCancelled) {
			sc.logf("cancelled %v", steps)
		}
		sc.logf("%v %v %v", task.Done(), task.Cancelled(), task.Cancel(""))
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_tasks.py BaseTaskTests.test_cancel_current_task and test_cancel_at_end:
// a task that cancels itself gets Cancelled at its next await; one that cancels
// itself and returns without awaiting ends cancelled too.
func TestCPythonTaskCancelCurrentTask(t *testing.T) {
	want := []string{
		"0 [before sleep at end] true true false false",
	}
	cpythonTwin(t, "task_cancel_current_task", want...)
	needsEventLoop(t)
	sc := newScenario()
	var reached []string
	err := sc.run(t, func(m *Task) {
		sleeper := sc.Spawn(func(t *Task) (any, error) {
			t.Cancel("")
			reached = append(reached, "before sleep")
			if err := t.Sleep(seconds(100)); err != nil {
				return nil, err
			}
			reached = append(reached, "after sleep")
			return 12, nil
		})
		atEnd := sc.Spawn(func(t *Task) (any, error) {
			t.Cancel("")
			reached = append(reached, "at end")
			return 12, nil
		})
		m.Wait([]*Task{sleeper, atEnd}, AllCompleted, NoTimeout)
		sc.logf("%v %v %v %v %v", reached, sleeper.Cancelled(), atEnd.Cancelled(),
			sleeper.Cancel(""), atEnd.Cancel(""))
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_tasks.py BaseTaskTests.test_cancel_awaited_task: a task that cancels
// itself and then awaits another passes the cancellation on to it.
func TestCPythonTaskCancelAwaitedTask(t *testing.T) {
	want := []string{
		"0 cancelled [cancel requested nested cancelled]",
		"0 true true false",
	}
	cpythonTwin(t, "task_cancel_awaited_task", want...)
	needsEventLoop(t)
	sc := newScenario()
	fut := NewEvent()
	var seen []string
	var nested *Task
	err := sc.run(t, func(m *Task) {
		task := sc.Spawn(func(t *Task) (any, error) {
			nested = sc.Spawn(func(t *Task) (any, error) {
				err := fut.Wait(t)
				if err != nil {
					seen = append(seen, "nested cancelled")
				}
				return nil, err
			})
			t.Sleep(0)
			t.Cancel("")
			seen = append(seen, "cancel requested")
			return t.Join(nested)
		})
		if _, err := m.Join(task); errors.Is(err, ErrCancelled) {
			sc.logf("cancelled %v", seen)
		}
		sc.logf("%v %v %v", task.Cancelled(), nested.Cancelled(), fut.IsSet())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_tasks.py BaseTaskTests.test_task_cancel_sleeping_task: a timer callback
// cancels the task another awaits; the awaiting task gets Cancelled at that time.
func TestCPythonTaskCancelSleepingTask(t *testing.T) {
	want := []string{
		"0.1 cancelled",
	}
	cpythonTwin(t, "task_cancel_sleeping_task", want...)
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		sleeper := sc.Spawn(func(t *Task) (any, error) { return nil, t.Sleep(seconds(5000)) })
		sc.AfterFunc(seconds(0.1), func() { sleeper.Cancel("") })
		if _, err := m.Join(sleeper); errors.Is(err, ErrCancelled) {
			sc.logf("cancelled")
		} else {
			sc.logf("slept in")
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_tasks.py BaseTaskTests.test_current_task_with_interleaving_tasks: two
// tasks wake each other through futures; each step runs as its own task.
func TestCPythonTaskCurrentTaskInterleaving(t *testing.T) {
	want := []string{
		"0 coro1 true",
		"0 coro2 true",
		"0 coro1 true",
		"0 coro2 true",
		"0 true true",
	}
	cpythonTwin(t, "task_current_task_interleaving", want...)
	sc := newScenario()
	fut1, fut2 := NewEvent(), NewEvent()
	err := sc.run(t, func(m *Task) {
		var task1, task2 *Task
		task1 = sc.spawn(func(t *Task) {
			sc.logf("coro1 %v", sc.Current() == task1)
			fut1.Wait(t)
			sc.logf("coro1 %v", sc.Current() == task1)
			fut2.Set()
		})
		task2 = sc.spawn(func(t *Task) {
			sc.logf("coro2 %v", sc.Current() == task2)
			fut1.Set()
			fut2.Wait(t)
			sc.logf("coro2 %v", sc.Current() == task2)
		})
		m.Wait([]*Task{task1, task2}, AllCompleted, NoTimeout)
		sc.logf("%v %v", task1.Done(), task2.Done())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_tasks.py BaseTaskTests.test_yield_future_passes_cancel: cancelling a
// task cancels the future its inner coroutine awaits; the outer coroutine catches
// the Cancelled error and the task ends normally.
func TestCPythonTaskYieldFuturePassesCancel(t *testing.T) {
	want := []string{
		"0 101 false true",
	}
	cpythonTwin(t, "task_yield_future_passes_cancel", want...)
	sc := newScenario()
	waiter := NewEvent()
	proof := 0
	err := sc.run(t, func(m *Task) {
		inner := func(t *Task) error {
			if err := waiter.Wait(t); err != nil {
				proof++
				return err
			}
			proof += 1000
			return nil
		}
		f := sc.Spawn(func(t *Task) (any, error) {
			if err := inner(t); errors.Is(err, ErrCancelled) {
				proof += 100
			} else {
				proof += 10
			}
			return nil, nil
		})
		m.Sleep(0)
		f.Cancel("")
		m.Join(f)
		sc.logf("%d %v %v", proof, f.Cancelled(), f.Done())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_tasks.py BaseTaskTests.test_yield_wait_does_not_shield_cancel:
// cancelling a task in wait() ends the wait; the task it waited for runs on.
func TestCPythonTaskYieldWaitDoesNotShieldCancel(t *testing.T) {
	want := []string{
		"0 cancelled 0",
		"0 1",
	}
	cpythonTwin(t, "task_yield_wait_does_not_shield_cancel", want...)
	sc := newScenario()
	waiter := NewEvent()
	proof := 0
	err := sc.run(t, func(m *Task) {
		f := sc.Spawn(func(t *Task) (any, error) {
			inner := sc.spawn(func(t *Task) {
				if waiter.Wait(t) == nil {
					proof++
				}
			})
			if _, _, err := t.Wait([]*Task{inner}, AllCompleted, NoTimeout); err != nil {
				return nil, err
			}
			proof += 100
			return nil, nil
		})
		m.Sleep(0)
		f.Cancel("")
		if _, err := m.Join(f); errors.Is(err, ErrCancelled) {
			sc.logf("cancelled %d", proof)
		}
		waiter.Set()
		m.Sleep(0)
		sc.logf("%d", proof)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_tasks.py BaseTaskTests.test_wait_really_done: wait(FIRST_COMPLETED)
// resumes its caller through done-callbacks, late enough that a task finishing in
// the next iteration counts as done too.
func TestCPythonTaskWaitReallyDone(t *testing.T) {
	want := []string{
		"0 true true 0",
	}
	cpythonTwin(t, "task_wait_really_done", want...)
	needsEventLoop(t)
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		a := sc.spawn(func(t *Task) { t.Sleep(0) })
		b := sc.spawn(func(t *Task) { t.Sleep(0); t.Sleep(0) })
		done, pending, _ := m.Wait([]*Task{b, a}, FirstCompleted, NoTimeout)
		inDone := func(x *Task) bool {
			for _, d := range done {
				if d == x {
					return true
				}
			}
			return false
		}
		sc.logf("%v %v %d", inDone(a), inDone(b), len(pending))
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_tasks.py BaseTaskTests.test_wait_first_completed,
// test_wait_first_exception, test_wait_first_exception_in_wait and
// test_wait_with_timeout: when wait returns, and what is done and pending then.
func TestCPythonTaskWaitReturnWhen(t *testing.T) {
	want := []string{
		"0.1 first true true 1 1",
		"0.1 exception true true 1 1",
		"0.11 exception in wait true true 1 1",
		"0.22 timeout true true 1 1",
	}
	cpythonTwin(t, "task_wait_return_when", want...)
	sc := newScenario()
	errDiv := errors.New("err")
	err := sc.run(t, func(m *Task) {
		sleeper := func(d float64) TaskFunc {
			return func(t *Task) (any, error) { return nil, t.Sleep(seconds(d)) }
		}
		exc := func(d float64) TaskFunc {
			return func(t *Task) (any, error) {
				if d > 0 {
					if err := t.Sleep(seconds(d)); err != nil {
						return nil, err
					}
				}
				return nil, errDiv
			}
		}
		in := func(x *Task, l []*Task) bool {
			for _, y := range l {
				if y == x {
					return true
				}
			}
			return false
		}
		a := sc.Spawn(sleeper(10))
		b := sc.Spawn(sleeper(0.1))
		done, pending, _ := m.Wait([]*Task{b, a}, FirstCompleted, NoTimeout)
		sc.logf("first %v %v %d %d", in(b, done), in(a, pending), len(done), len(pending))
		c := sc.Spawn(exc(0))
		done, pending, _ = m.Wait([]*Task{c, a}, FirstException, NoTimeout)
		sc.logf("exception %v %v %d %d", in(c, done), in(a, pending), len(done), len(pending))
		d := sc.Spawn(exc(0.01))
		done, pending, _ = m.Wait([]*Task{d, a}, FirstException, NoTimeout)
		sc.logf("exception in wait %v %v %d %d", in(d, done), in(a, pending), len(done), len(pending))
		e := sc.Spawn(sleeper(0.15))
		f := sc.Spawn(sleeper(0.1))
		done, pending, _ = m.Wait([]*Task{e, f}, AllCompleted, seconds(0.11))
		sc.logf("timeout %v %v %d %d", in(f, done), in(e, pending), len(done), len(pending))
		a.Cancel("")
		for _, x := range []*Task{c, d} {
			x.Result()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_tasks.py CoroutineGatherTests.test_cancellation_broadcast: cancelling a
// task in gather cancels every child; the task gets Cancelled once they have ended.
func TestCPythonTaskGatherCancellationBroadcast(t *testing.T) {
	want := []string{
		"0 true",
		"0 cancelled true true",
		"0 0",
	}
	cpythonTwin(t, "task_gather_cancellation_broadcast", want...)
	sc := newScenario()
	waiter := NewEvent()
	proof := 0
	err := sc.run(t, func(m *Task) {
		inner := func(t *Task) (any, error) {
			if err := waiter.Wait(t); err != nil {
				return nil, err
			}
			proof++
			return nil, nil
		}
		child1, child2 := sc.Spawn(inner), sc.Spawn(inner)
		f := sc.Spawn(func(t *Task) (any, error) {
			if err := t.Gather([]*Task{child1, child2}); err != nil {
				return nil, err
			}
			proof += 100
			return nil, nil
		})
		m.Sleep(0)
		sc.logf("%v", f.Cancel(""))
		if _, err := m.Join(f); errors.Is(err, ErrCancelled) {
			sc.logf("cancelled %v %v", child1.Cancelled(), child2.Cancelled())
		}
		m.Sleep(0)
		sc.logf("%d", proof)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_tasks.py BaseTaskTests.test_cancel_gather_2: a task cancelled with a
// message while it gathers ends with that message.
func TestCPythonTaskCancelGather2(t *testing.T) {
	want := []string{
		"0.2 cancelled [my message] true",
	}
	cpythonTwin(t, "task_cancel_gather_2", want...)
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		qwe := sc.Spawn(func(t *Task) (any, error) {
			for elapsed := 0.0; elapsed <= 1; {
				elapsed += 0.05
				c := sc.Spawn(func(t *Task) (any, error) { return nil, t.Sleep(seconds(0.05)) })
				if err := t.Gather([]*Task{c}); err != nil {
					return nil, err
				}
			}
			return nil, nil
		})
		m.Sleep(seconds(0.2))
		qwe.Cancel("my message")
		if _, err := m.Join(qwe); errors.Is(err, ErrCancelled) {
			sc.logf("cancelled %s %v", cpyCancelArgs(err), qwe.Cancelled())
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_tasks.py SleepTests.test_sleep_zero: sleep(0) lets the callbacks
// scheduled before it run first.
func TestCPythonTaskSleepZero(t *testing.T) {
	want := []string{
		"0 0",
		"0 1",
	}
	cpythonTwin(t, "task_sleep_zero", want...)
	sc := newScenario()
	result := 0
	err := sc.run(t, func(m *Task) {
		cpySoon(sc, func() { result++ })
		sc.logf("%d", result)
		m.Sleep(0)
		sc.logf("%d", result)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_tasks.py BaseTaskTests.test_cancel_with_message_before_starting_task: a
// task cancelled before it started never runs, and ends Cancelled with the message.
func TestCPythonTaskCancelWithMessageBeforeStarting(t *testing.T) {
	want := []string{
		"0 cancelled [my message] false 1",
	}
	cpythonTwin(t, "task_cancel_with_message_before_starting", want...)
	sc := newScenario()
	started := false
	err := sc.run(t, func(m *Task) {
		task := sc.Spawn(func(t *Task) (any, error) {
			started = true
			return nil, t.Sleep(seconds(10))
		})
		task.Cancel("my message")
		done, _, _ := m.Wait([]*Task{task}, AllCompleted, NoTimeout)
		if _, err := task.Result(); errors.Is(err, ErrCancelled) {
			sc.logf("cancelled %s %v %d", cpyCancelArgs(err), started, len(done))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// After test_tasks.py GatherTestsBase.test_success: how many steps a sleep(0)
// ticker takes while a task awaits a child that yields once, through gather, wait,
// a plain await, wait_for and a task group: the done-callbacks of gather, wait and
// the task group resume their caller one iteration later than a plain await.
func TestCPythonTaskTickerBesideAwait(t *testing.T) {
	want := []string{
		"0 gather 4",
		"0 wait 4",
		"0 join 3",
		"0 wait_for 3",
		"0 task_group 4",
	}
	cpythonTwin(t, "task_ticker_beside_await", want...)
	needsEventLoop(t)
	sc := newScenario()
	ticks, stop := 0, false
	err := sc.run(t, func(m *Task) {
		tick := sc.spawn(func(t *Task) {
			for !stop {
				ticks++
				t.Sleep(0)
			}
		})
		child := func(t *Task) (any, error) { return nil, t.Sleep(0) }
		m.Sleep(0)

		start := ticks
		m.Gather([]*Task{sc.Spawn(child)})
		sc.logf("gather %d", ticks-start)

		start = ticks
		m.Wait([]*Task{sc.Spawn(child)}, AllCompleted, NoTimeout)
		sc.logf("wait %d", ticks-start)

		start = ticks
		m.Join(sc.Spawn(child))
		sc.logf("join %d", ticks-start)

		start = ticks
		m.WaitFor(sc.Spawn(child), seconds(10))
		sc.logf("wait_for %d", ticks-start)

		start = ticks
		m.WithTaskGroup(func(g *TaskGroup) error {
			_, err := g.Spawn(child)
			return err
		})
		sc.logf("task_group %d", ticks-start)

		stop = true
		m.Join(tick)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_tasks.py GatherTestsBase.test_one_exception: gather raises the first
// failure, through its done-callback, while the other children run on; a later
// failure changes nothing.
func TestCPythonTaskGatherOneException(t *testing.T) {
	want := []string{
		"0 false true true",
		"0 false",
		"0 gather raised true true false",
		"0 true",
		"0 true true",
	}
	cpythonTwin(t, "task_gather_one_exception", want...)
	needsEventLoop(t)
	sc := newScenario()
	fa, fb, fc := NewEvent(), NewEvent(), NewEvent()
	err := sc.run(t, func(m *Task) {
		child := func(ev *Event, fail bool) TaskFunc {
			return func(t *Task) (any, error) {
				if err := ev.Wait(t); err != nil {
					return nil, err
				}
				if fail {
					return nil, errCpyDiv
				}
				return 1, nil
			}
		}
		a, b, c := sc.Spawn(child(fa, false)), sc.Spawn(child(fb, true)), sc.Spawn(child(fc, true))
		o := sc.spawn(func(t *Task) {
			if err := t.Gather([]*Task{a, b, c}); err == errCpyDiv {
				sc.logf("gather raised %v %v %v", a.Done(), b.Done(), c.Done())
			}
		})
		m.Sleep(0)
		fa.Set()
		fb.Set()
		m.Sleep(0)
		sc.logf("%v %v %v", o.Done(), a.Done(), b.Done())
		m.Sleep(0)
		sc.logf("%v", o.Done())
		m.Sleep(0)
		sc.logf("%v", o.Done())
		fc.Set()
		m.Sleep(0)
		m.Sleep(0)
		sc.logf("%v %v", c.Done(), o.Done())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}
