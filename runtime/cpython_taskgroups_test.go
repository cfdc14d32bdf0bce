package runtime

import (
	"errors"
	"fmt"
	"slices"
	"testing"
)

// errCpyDiv stands for the ZeroDivisionError of the test_taskgroups.py tests.
var errCpyDiv = errors.New("division by zero")

// From test_taskgroups.py TestTaskGroup.test_taskgroup_02: a child spawned while
// the body runs on is waited for too; a finished child leaves the group.
func TestCPythonTaskGroupChildrenSpawnedLate(t *testing.T) {
	want := []string{
		"1.5 true 0",
		"3.5 42 11",
	}
	cpythonTwin(t, "taskgroup_children_spawned_late", want...)
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		foo := func(d float64, r int) TaskFunc {
			return func(t *Task) (any, error) {
				if err := t.Sleep(seconds(d)); err != nil {
					return nil, err
				}
				return r, nil
			}
		}
		var t1, t2 *Task
		m.WithTaskGroup(func(g *TaskGroup) error {
			t1, _ = g.Spawn(foo(1, 42))
			m.Sleep(seconds(1.5))
			sc.logf("%v %d", t1.Done(), g.Len())
			t2, _ = g.Spawn(foo(2, 11))
			return nil
		})
		r1, _ := t1.Result()
		r2, _ := t2.Result()
		sc.logf("%v %v", r1, r2)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_taskgroups.py TestTaskGroup.test_taskgroup_03: a child cancelled by
// hand is no error of the group.
func TestCPythonTaskGroupChildCancelledByHand(t *testing.T) {
	want := []string{
		"0.35 true 11",
	}
	cpythonTwin(t, "taskgroup_child_cancelled_by_hand", want...)
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		foo := func(d float64, r int) TaskFunc {
			return func(t *Task) (any, error) {
				if err := t.Sleep(seconds(d)); err != nil {
					return nil, err
				}
				return r, nil
			}
		}
		var t1, t2 *Task
		gerr := m.WithTaskGroup(func(g *TaskGroup) error {
			t1, _ = g.Spawn(foo(1, 42))
			m.Sleep(seconds(0.15))
			t1.Cancel("")
			t2, _ = g.Spawn(foo(0.2, 11))
			return nil
		})
		if gerr != nil {
			sc.logf("group: %v", gerr)
		}
		r2, _ := t2.Result()
		sc.logf("%v %v", t1.Cancelled(), r2)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_taskgroups.py TestTaskGroup.test_cancel_children_on_child_error: the
// children that fail in one iteration all fail; the group then cancels the others
// and the body, in that order.
func TestCPythonTaskGroupCancelChildrenOnChildError(t *testing.T) {
	want := []string{
		"0.1 [foo1-1 fails foo1-2 fails foo1-3 fails foo2 cancelled body cancelled] 3",
	}
	cpythonTwin(t, "taskgroup_cancel_children_on_child_error", want...)
	needsEventLoop(t)
	sc := newScenario()
	var seen []string
	err := sc.run(t, func(m *Task) {
		foo1 := func(n int) TaskFunc {
			return func(t *Task) (any, error) {
				if err := t.Sleep(seconds(0.1)); err != nil {
					return nil, err
				}
				seen = append(seen, fmt.Sprintf("foo1-%d fails", n))
				return nil, errCpyDiv
			}
		}
		foo2 := func(t *Task) (any, error) {
			err := t.Sleep(seconds(5))
			if errors.Is(err, ErrCancelled) {
				seen = append(seen, "foo2 cancelled")
			}
			return nil, err
		}
		var children []*Task
		runner := sc.Spawn(func(t *Task) (any, error) {
			err := t.WithTaskGroup(func(g *TaskGroup) error {
				for n := 1; n <= 3; n++ {
					c, _ := g.Spawn(foo1(n))
					children = append(children, c)
				}
				g.Spawn(foo2)
				err := t.Sleep(seconds(10))
				if errors.Is(err, ErrCancelled) {
					seen = append(seen, "body cancelled")
				}
				return err
			})
			if err != nil {
				return nil, err
			}
			seen = append(seen, "after group")
			return nil, nil
		})
		if _, err := m.Join(runner); inGroup(err, errCpyDiv) {
			failed := 0
			for _, c := range children {
				if _, err := c.Result(); errors.Is(err, errCpyDiv) {
					failed++
				}
			}
			sc.logf("%v %d", seen, failed)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_taskgroups.py TestTaskGroup.test_taskgroup_07: cancelling the task in
// the group's body cancels the body first, then the children; the task ends
// cancelled. (asyncio walks a set of the children to cancel them, so their order
// is not asyncio's to give: the log sorts them.)
func TestCPythonTaskGroupCancellation(t *testing.T) {
	want := []string{
		"0.1 false",
		"0.1 cancelled [body foo0 foo1 foo2] true",
	}
	cpythonTwin(t, "taskgroup_cancellation", want...)
	sc := newScenario()
	var seen []string
	err := sc.run(t, func(m *Task) {
		foo := func(n int) TaskFunc {
			return func(t *Task) (any, error) {
				err := t.Sleep(seconds(5))
				if errors.Is(err, ErrCancelled) {
					seen = append(seen, fmt.Sprintf("foo%d", n))
				}
				return nil, err
			}
		}
		r := sc.Spawn(func(t *Task) (any, error) {
			return nil, t.WithTaskGroup(func(g *TaskGroup) error {
				for n := range 3 {
					g.Spawn(foo(n))
				}
				err := t.Sleep(seconds(10))
				if errors.Is(err, ErrCancelled) {
					seen = append(seen, "body")
				}
				return err
			})
		})
		m.Sleep(seconds(0.1))
		sc.logf("%v", r.Done())
		r.Cancel("")
		if _, err := m.Join(r); errors.Is(err, ErrCancelled) {
			slices.Sort(seen[1:])
			sc.logf("cancelled %v %v", seen, r.Cancelled())
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_taskgroups.py TestTaskGroup.test_taskgroup_09 and test_taskgroup_10:
// the body failing, after an await or before any, cancels every child.
func TestCPythonTaskGroupBodyError(t *testing.T) {
	want := []string{
		"0.1 true 1 true true",
		"0.1 false 1 true true",
	}
	cpythonTwin(t, "taskgroup_body_error", want...)
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		foo := func(d float64) TaskFunc {
			return func(t *Task) (any, error) { return nil, t.Sleep(seconds(d)) }
		}
		for _, pause := range []bool{true, false} {
			var t1, t2 *Task
			gerr := m.WithTaskGroup(func(g *TaskGroup) error {
				t1, _ = g.Spawn(foo(1))
				t2, _ = g.Spawn(foo(2))
				if pause {
					m.Sleep(seconds(0.1))
				}
				return errCpyDiv
			})
			if inGroup(gerr, errCpyDiv) {
				sc.logf("%v 1 %v %v", pause, t1.Cancelled(), t2.Cancelled())
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_taskgroups.py TestTaskGroup.test_taskgroup_17: a group without
// children whose body is cancelled from outside ends cancelled.
func TestCPythonTaskGroupBodyCancelledFromOutside(t *testing.T) {
	want := []string{
		"0.1 false",
		"0.1 cancelled 10 true",
	}
	cpythonTwin(t, "taskgroup_body_cancelled_outside", want...)
	sc := newScenario()
	num := 0
	err := sc.run(t, func(m *Task) {
		r := sc.Spawn(func(t *Task) (any, error) {
			return nil, t.WithTaskGroup(func(g *TaskGroup) error {
				err := t.Sleep(seconds(10))
				if errors.Is(err, ErrCancelled) {
					num += 10
				}
				return err
			})
		})
		m.Sleep(seconds(0.1))
		sc.logf("%v", r.Done())
		r.Cancel("")
		if _, err := m.Join(r); errors.Is(err, ErrCancelled) {
			sc.logf("cancelled %d %v", num, r.Cancelled())
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_taskgroups.py TestTaskGroup.test_taskgroup_24: a child spawns into the
// group after the body has returned; the group waits for those too.
func TestCPythonTaskGroupChildSpawnsIntoGroup(t *testing.T) {
	want := []string{
		"0.3 [0 1 2]",
	}
	cpythonTwin(t, "taskgroup_child_spawns_into_group", want...)
	sc := newScenario()
	var order []int
	err := sc.run(t, func(m *Task) {
		coro1 := func(n int, d float64) TaskFunc {
			return func(t *Task) (any, error) {
				if err := t.Sleep(seconds(d)); err != nil {
					return nil, err
				}
				order = append(order, n)
				return nil, nil
			}
		}
		m.WithTaskGroup(func(g *TaskGroup) error {
			g.Spawn(func(t *Task) (any, error) {
				if err := t.Sleep(seconds(0.1)); err != nil {
					return nil, err
				}
				g.Spawn(coro1(1, 0.1))
				g.Spawn(coro1(2, 0.2))
				order = append(order, 0)
				return nil, nil
			})
			return nil
		})
		sc.logf("%v", order)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_taskgroups.py TestTaskGroup.test_taskgroup_23: finished children leave
// the group through their done-callbacks, an iteration after they end: a child
// whose timer fires together with the body's still counts when the body runs.
func TestCPythonTaskGroupLiveTasks(t *testing.T) {
	want := []string{
		"0.6 4",
		"2.35 0",
	}
	cpythonTwin(t, "taskgroup_live_tasks", want...)
	needsEventLoop(t)
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		job := func(t *Task) (any, error) { return nil, t.Sleep(seconds(0.3)) }
		m.WithTaskGroup(func(g *TaskGroup) error {
			for count := range 10 {
				m.Sleep(seconds(0.1))
				g.Spawn(job)
				if count == 5 {
					sc.logf("%d", g.Len())
				}
			}
			m.Sleep(seconds(1.35))
			sc.logf("%d", g.Len())
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_taskgroups.py TestTaskGroup.test_taskgroup_no_create_task_after_failure:
// once a child has failed, the group refuses new children.
func TestCPythonTaskGroupNoSpawnAfterFailure(t *testing.T) {
	want := []string{
		"0.001 1 [true]",
	}
	cpythonTwin(t, "taskgroup_no_create_task_after_failure", want...)
	sc := newScenario()
	var refused []bool
	err := sc.run(t, func(m *Task) {
		coro1 := func(t *Task) (any, error) {
			if err := t.Sleep(seconds(0.001)); err != nil {
				return nil, err
			}
			return nil, errCpyDiv
		}
		gerr := m.WithTaskGroup(func(g *TaskGroup) error {
			g.Spawn(coro1)
			g.Spawn(func(t *Task) (any, error) {
				if err := t.Sleep(seconds(1)); errors.Is(err, ErrCancelled) {
					if _, err := g.Spawn(coro1); err != nil {
						refused = append(refused, true)
					}
				}
				return nil, nil
			})
			return nil
		})
		if inGroup(gerr, errCpyDiv) {
			sc.logf("1 %v", refused)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_taskgroups.py TestTaskGroup.test_error_and_cancel: a task whose group
// failed is cancelled from outside while the group shuts down; the group's error
// is handled, and the outside cancellation still reaches the task at its next
// await.
func TestCPythonTaskGroupErrorAndCancel(t *testing.T) {
	want := []string{
		"0 cancelled [group failed] true",
	}
	cpythonTwin(t, "taskgroup_error_and_cancel", want...)
	sc := newScenario()
	event := NewEvent()
	errRuntime := errors.New("RuntimeError")
	var seen []string
	err := sc.run(t, func(m *Task) {
		task := sc.Spawn(func(t *Task) (any, error) {
			gerr := t.WithTaskGroup(func(g *TaskGroup) error {
				g.Spawn(func(t *Task) (any, error) {
					event.Set()
					if err := t.Sleep(0); err != nil {
						return nil, err
					}
					return nil, errRuntime
				})
				if err := t.Sleep(seconds(1)); err != nil {
					return err
				}
				seen = append(seen, "slept in group")
				return nil
			})
			switch {
			case inGroup(gerr, errRuntime):
				seen = append(seen, "group failed")
			case gerr != nil:
				return nil, gerr
			}
			if err := t.Sleep(seconds(1)); err != nil {
				return nil, err
			}
			seen = append(seen, "slept after group")
			return nil, nil
		})
		event.Wait(m)
		task.Cancel("")
		if _, err := m.Join(task); errors.Is(err, ErrCancelled) {
			sc.logf("cancelled %v %v", seen, task.Cancelled())
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// inGroup reports whether err is an ExceptionGroup holding target: Python's
// `except* target`.
func inGroup(err, target error) bool {
	var g *ExceptionGroup
	if !errors.As(err, &g) {
		return false
	}
	for _, e := range g.Errors {
		if errors.Is(e, target) {
			return true
		}
	}
	return false
}
