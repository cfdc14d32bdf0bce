package runtime

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// cpyOutcomes shows gather's results with return_exceptions as the twins print
// them: each task's result, or its error (Cancelled for a cancelled one).
func cpyOutcomes(tasks []*Task) string {
	parts := make([]string, len(tasks))
	for i, c := range tasks {
		result, err := c.Result()
		switch {
		case c.Cancelled():
			parts[i] = "Cancelled"
		case err != nil:
			parts[i] = err.Error()
		default:
			parts[i] = fmt.Sprint(result)
		}
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// After test_tasks.py GatherTestsBase.test_return_exceptions: with
// return_exceptions the gathering waits for every child, failed and cancelled ones
// included, and raises nothing; children that have finished are counted as the
// gathering begins, so gathering only those does not yield.
func TestCPythonGatherReturnExceptions(t *testing.T) {
	want := []string{
		"0 gather 5 [1 division by zero Cancelled 4 1]",
		"0 done already 0 [1 division by zero]",
		"0 done already, raised 0",
		"0 one done, one not 4 [1 5]",
	}
	cpythonTwin(t, "gather_return_exceptions", want...)
	sc := newScenario()
	ticks, stop := 0, false
	err := sc.run(t, func(m *Task) {
		tick := sc.spawn(func(t *Task) {
			for !stop {
				ticks++
				t.Sleep(0)
			}
		})
		ok := func(v int) TaskFunc {
			return func(t *Task) (any, error) { return v, t.Sleep(0) }
		}
		m.Sleep(0)
		a := sc.Spawn(ok(1))
		b := sc.Spawn(func(t *Task) (any, error) {
			if err := t.Sleep(0); err != nil {
				return nil, err
			}
			return nil, errCpyDiv
		})
		c := sc.Spawn(func(t *Task) (any, error) { return nil, t.Sleep(seconds(10)) })
		d := sc.Spawn(ok(4))
		sc.spawn(func(t *Task) {
			t.Sleep(0)
			c.Cancel("no")
		})
		start := ticks
		all := []*Task{a, b, c, d, a}
		if err := m.GatherAll(Awaitables(all), true); err == nil {
			sc.logf("gather %d %s", ticks-start, cpyOutcomes(all))
		}

		start = ticks
		if err := m.GatherAll(Awaitables([]*Task{a, b}), true); err == nil {
			sc.logf("done already %d %s", ticks-start, cpyOutcomes([]*Task{a, b}))
		}

		start = ticks
		if err := m.Gather([]*Task{a, b}); err == errCpyDiv {
			sc.logf("done already, raised %d", ticks-start)
		}

		e := sc.Spawn(ok(5))
		start = ticks
		if err := m.Gather([]*Task{a, e}); err == nil {
			sc.logf("one done, one not %d %s", ticks-start, cpyOutcomes([]*Task{a, e}))
		}
		stop = true
		m.Join(tick)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// After test_tasks.py GatherTestsBase.test_cancel_gather_2 with return_exceptions:
// a cancelled gathering raises Cancelled whatever return_exceptions says, once every
// child has ended; its message is the last child's (none here: the cancellation
// found a sleep to cancel in it, which it swallowed).
func TestCPythonGatherCancelledReturnExceptions(t *testing.T) {
	want := []string{
		"1 gatherer [] true true swallowed",
	}
	cpythonTwin(t, "gather_cancelled_return_exceptions", want...)
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		a := sc.Spawn(func(t *Task) (any, error) { return nil, t.Sleep(seconds(10)) })
		b := sc.Spawn(func(t *Task) (any, error) {
			if err := t.Sleep(seconds(10)); errors.Is(err, ErrCancelled) {
				return "swallowed", nil
			}
			return nil, nil
		})
		g := sc.Spawn(func(t *Task) (any, error) { return nil, t.GatherAll(Awaitables([]*Task{a, b}), true) })
		m.Sleep(seconds(1))
		g.Cancel("stop")
		if _, err := m.Join(g); errors.Is(err, ErrCancelled) {
			result, _ := b.Result()
			sc.logf("gatherer %s %v %v %v", cpyCancelArgs(err), g.Cancelled(), a.Cancelled(), result)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// After test_tasks.py BaseTaskTests.test_shield_effect, test_shield_cancel_outer and
// test_shield_cancel_inner: cancelling what awaits a shield, or the shield, does not
// reach the task; cancelling the task cancels the shield.
func TestCPythonShieldEffect(t *testing.T) {
	want := []string{
		"0 outer cancelled true false",
		"0 proof 1 inner",
		"0 shield cancelled true false",
		"0 inner cancelled true true",
	}
	cpythonTwin(t, "shield_effect", want...)
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		proof := 0
		waiter := NewEvent()
		inner := func(t *Task) (any, error) {
			if err := waiter.Wait(t); err != nil {
				return nil, err
			}
			proof++
			return "inner", nil
		}
		t1 := sc.Spawn(inner)
		f := sc.Spawn(func(t *Task) (any, error) {
			if _, err := t.Await(Shield(t1)); err != nil {
				return nil, err
			}
			proof += 100
			return nil, nil
		})
		m.Sleep(0)
		f.Cancel("")
		if _, err := m.Join(f); errors.Is(err, ErrCancelled) {
			sc.logf("outer cancelled %v %v", f.Cancelled(), t1.Done())
		}
		waiter.Set()
		m.Sleep(0)
		m.Sleep(0)
		result, _ := t1.Result()
		sc.logf("proof %d %v", proof, result)

		t2 := sc.Spawn(inner)
		s := Shield(t2)
		m.Sleep(0)
		s.Cancel("")
		m.Sleep(0)
		sc.logf("shield cancelled %v %v", s.Cancelled(), t2.Cancelled())

		t3 := sc.Spawn(func(t *Task) (any, error) { return nil, t.Sleep(seconds(10)) })
		s3 := Shield(t3)
		m.Sleep(0)
		t3.Cancel("")
		if _, err := m.Await(s3); errors.Is(err, ErrCancelled) {
			sc.logf("inner cancelled %v %v", s3.Cancelled(), t3.Cancelled())
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// After test_tasks.py FutureGatherTests: gather waits for futures as for tasks; with
// return_exceptions a cancelled future's slot holds a Cancelled error with its
// message; without, a cancelled future cancels the gathering with its message.
func TestCPythonGatherFutures(t *testing.T) {
	want := []string{
		"1 gather [10 20]",
		"3 return_exceptions [division by zero Cancelled(why)]",
		"4 cancelled future [no]",
	}
	cpythonTwin(t, "gather_futures", want...)
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		f1, f2 := NewFuture(m.sched), NewFuture(m.sched)
		c := sc.Spawn(func(t *Task) (any, error) {
			if err := t.Sleep(seconds(1)); err != nil {
				return nil, err
			}
			f1.SetResult(10)
			return 20, nil
		})
		if err := m.GatherAll([]Awaitable{f1, c}, false); err == nil {
			r1, _ := f1.Result()
			r2, _ := c.Result()
			sc.logf("gather [%v %v]", r1, r2)
		}

		f3 := NewFuture(m.sched)
		m.sched.AfterFunc(seconds(1), func() { f3.Cancel("why") })
		m.sched.AfterFunc(seconds(2), func() { f2.SetError(errCpyDiv) })
		if err := m.GatherAll([]Awaitable{f2, f3}, true); err == nil {
			_, e2 := f2.Result()
			_, e3 := f3.Result()
			sc.logf("return_exceptions [%v %s(%s)]", e2, cpyErr(e3), e3.(*Error).Message)
		}

		f4 := NewFuture(m.sched)
		m.sched.AfterFunc(seconds(1), func() { f4.Cancel("no") })
		if err := m.GatherAll([]Awaitable{f4}, false); errors.Is(err, ErrCancelled) {
			sc.logf("cancelled future %s", cpyCancelArgs(err))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}
