package runtime

import (
	"errors"
	"fmt"
	"testing"
)

// groupSpawnIn spawns fn into g; a refusal is a test error (not Fatal: tasks run on their
// own goroutines).
func groupSpawnIn(tb testing.TB, g *TaskGroup, fn TaskFunc) *Task {
	tb.Helper()
	c, err := g.Spawn(fn)
	if err != nil {
		tb.Errorf("Spawn: %v", err)
	}
	return c
}

// groupLogCancel is a child that sleeps d, logging a cancellation as name before passing
// it on.
func groupLogCancel(sc *scenario, name string, d float64) TaskFunc {
	return func(t *Task) (any, error) {
		err := t.Sleep(seconds(d))
		if err != nil {
			sc.logf("%s: %v", name, err)
		}
		return nil, err
	}
}

// test_taskgroup_01/02: the group returns once every child has finished, including
// those spawned while the body ran on.
func TestTaskGroupWaitsForChildren(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		var t1, t2 *Task
		err := m.WithTaskGroup(func(g *TaskGroup) error {
			t1 = groupSpawnIn(t, g, waitSleepThen(1, 42, nil))
			m.Sleep(seconds(1.5))
			t2 = groupSpawnIn(t, g, waitSleepThen(2, 11, nil))
			return nil
		})
		r1, _ := t1.Result()
		r2, _ := t2.Result()
		sc.logf("group: %v, results %v %v", err, r1, r2)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "3.5 group: <nil>, results 42 11")
}

// test_taskgroup_03: a child cancelled by hand is not an error.
func TestTaskGroupChildCancelledByHand(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		var t1, t2 *Task
		err := m.WithTaskGroup(func(g *TaskGroup) error {
			t1 = groupSpawnIn(t, g, waitSleepThen(1, 42, nil))
			m.Sleep(seconds(0.5))
			t1.Cancel("")
			t2 = groupSpawnIn(t, g, waitSleepThen(0.2, 11, nil))
			return nil
		})
		r2, _ := t2.Result()
		sc.logf("group: %v, t1 %s, t2 %v", err, t1.State(), r2)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0.7 group: <nil>, t1 cancelled, t2 11")
}

// test_taskgroup_04, test_cancel_children_on_child_error: a failing child cancels
// the others and the body; the group returns the error once all have finished.
// Children that run in the same iteration as the failing one have failed too before
// the group's done-callback runs: asyncio's group then holds all three errors.
func TestTaskGroupChildFailureCancelsTheRest(t *testing.T) {
	sc := newScenario()
	var fails []*Task
	err := sc.run(t, func(m *Task) {
		err := m.WithTaskGroup(func(g *TaskGroup) error {
			for i := 0; i < 3; i++ {
				fails = append(fails, groupSpawnIn(t, g, waitSleepThen(1, nil, errWaitBoom)))
			}
			groupSpawnIn(t, g, func(t *Task) (any, error) {
				err := t.Sleep(seconds(5))
				sc.logf("slow child: %v", err)
				t.Sleep(seconds(0.5)) // cleanup
				return nil, err
			})
			err := m.Sleep(seconds(10))
			sc.logf("body: %v", err)
			return err
		})
		sc.logf("group: %v; %s %s %s", err, fails[0].State(), fails[1].State(), fails[2].State())
		err = m.Sleep(seconds(1))
		sc.logf("after: %v", err)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"1 slow child: Cancelled",
		"1 body: Cancelled",
		"1.5 group: ExceptionGroup: unhandled errors in a TaskGroup (3 sub-exceptions); failed failed failed",
		"2.5 after: <nil>")
	if f := sc.Failed(); len(f) != 0 {
		t.Errorf("Failed() = %v: the group retrieved the error", f)
	}
}

// Errors after the first are the group's too: every child's error, in the order
// the children ended.
func TestTaskGroupRetrievesEveryChildError(t *testing.T) {
	sc := newScenario()
	errCleanup := errors.New("cleanup failed")
	err := sc.run(t, func(m *Task) {
		err := m.WithTaskGroup(func(g *TaskGroup) error {
			groupSpawnIn(t, g, waitSleepThen(1, nil, errWaitBoom))
			groupSpawnIn(t, g, func(t *Task) (any, error) {
				t.Sleep(seconds(5))
				return nil, errCleanup
			})
			return nil
		})
		sc.logf("group: %s", groupText(err))
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "1 group: unhandled errors in a TaskGroup (2 sub-exceptions) [boom cleanup failed]")
	if f := sc.Failed(); len(f) != 0 {
		t.Errorf("Failed() = %v, want none", f)
	}
}

// test_taskgroup_09/10: the body's error cancels the children and is returned.
func TestTaskGroupBodyError(t *testing.T) {
	for _, wait := range []float64{0, 0.1} {
		sc := newScenario()
		errBody := errors.New("body failed")
		err := sc.run(t, func(m *Task) {
			var t1, t2 *Task
			err := m.WithTaskGroup(func(g *TaskGroup) error {
				t1 = groupSpawnIn(t, g, waitSleepThen(1, 42, nil))
				t2 = groupSpawnIn(t, g, waitSleepThen(2, 11, nil))
				if wait > 0 {
					m.Sleep(seconds(wait))
				}
				return errBody
			})
			sc.logf("group: %v; %s %s", err, t1.State(), t2.State())
		})
		if err != nil {
			t.Fatal(err)
		}
		if wait == 0 {
			sc.expectLog(t, "0 group: ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception); cancelled cancelled")
		} else {
			sc.expectLog(t, "0.1 group: ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception); cancelled cancelled")
		}
	}
}

// test_taskgroup_19: a body error and a child's are both in the ExceptionGroup: the
// children's first, then the body's; none is left for the report.
func TestTaskGroupChildErrorComesBeforeBodyError(t *testing.T) {
	sc := newScenario()
	errBody := errors.New("body failed")
	err := sc.run(t, func(m *Task) {
		err := m.WithTaskGroup(func(g *TaskGroup) error {
			groupSpawnIn(t, g, waitSleepThen(0.1, nil, errWaitBoom))
			m.Sleep(seconds(10)) // cancelled by the group at 0.1
			return errBody       // as a finally that raises
		})
		sc.logf("group: %s", groupText(err))
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0.1 group: unhandled errors in a TaskGroup (2 sub-exceptions) [boom body failed]")
	if f := sc.Failed(); len(f) != 0 {
		t.Errorf("Failed() = %v, want none", f)
	}
}

// groupText shows an ExceptionGroup as its message and its errors.
func groupText(err error) string {
	var g *ExceptionGroup
	if !errors.As(err, &g) {
		return fmt.Sprintf("not a group: %v", err)
	}
	return fmt.Sprintf("%s %v", g.Message(), g.Errors)
}

// test_cancellation, test_taskgroup_07, test_taskgroup_22: cancelling the parent,
// in the body or while it waits, cancels the children; the group returns Cancelled
// (with its message) once they have finished.
func TestTaskGroupParentCancelled(t *testing.T) {
	for _, inBody := range []bool{false, true} {
		sc := newScenario()
		err := sc.run(t, func(m *Task) {
			runner := sc.spawn(func(r *Task) {
				err := r.WithTaskGroup(func(g *TaskGroup) error {
					for i := 0; i < 3; i++ {
						groupSpawnIn(t, g, groupLogCancel(sc, "child", 5))
					}
					if inBody {
						err := r.Sleep(seconds(10))
						sc.logf("body: %v", err)
						return err
					}
					return nil
				})
				sc.logf("group: %v", err)
			})
			m.Sleep(seconds(0.1))
			runner.Cancel("test")
			sc.outlive(m)
		})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{}
		if inBody {
			want = append(want, "0.1 body: Cancelled: test")
		}
		want = append(want,
			"0.1 child: Cancelled",
			"0.1 child: Cancelled",
			"0.1 child: Cancelled",
			"0.1 group: Cancelled: test")
		sc.expectLog(t, want...)
	}
}

// test_taskgroup_18: a body that turns its cancellation into another error: that
// error.
func TestTaskGroupBodyReplacesCancellation(t *testing.T) {
	sc := newScenario()
	errBody := errors.New("my error")
	err := sc.run(t, func(m *Task) {
		runner := sc.spawn(func(r *Task) {
			err := r.WithTaskGroup(func(g *TaskGroup) error {
				r.Sleep(seconds(10))
				return errBody
			})
			sc.logf("group: %v", err)
		})
		m.Sleep(seconds(0.1))
		runner.Cancel("")
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0.1 group: ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)")
}

// A child fails while the parent's cancellation is on its way: the error is
// returned, and the cancellation is requested again so that it is not lost (as
// asyncio's uncancel and cancel, without the first one's message).
func TestTaskGroupErrorAndOutsideCancellation(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		runner := sc.spawn(func(r *Task) {
			err := r.WithTaskGroup(func(g *TaskGroup) error {
				groupSpawnIn(t, g, waitSleepThen(0.1, nil, errWaitBoom))
				return r.Sleep(seconds(10))
			})
			sc.logf("group: %v", err)
			err = r.Sleep(seconds(1))
			sc.logf("then: %v", err)
		})
		m.Sleep(seconds(0.1)) // its timer fires before the child's
		runner.Cancel("test")
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0.1 group: ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)", "0.1 then: Cancelled")
}

// Cancel (asyncio 3.15's TaskGroup.cancel), called by a child: the other children and
// the body are cancelled, and the group ends without error; then it refuses spawns.
func TestTaskGroupCancelFromChild(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		var g *TaskGroup
		err := m.WithTaskGroup(func(group *TaskGroup) error {
			g = group
			groupSpawnIn(t, g, func(t *Task) (any, error) {
				t.Sleep(seconds(1))
				g.Cancel()
				sc.logf("cancelled: %v", g)
				_, err := g.Spawn(waitSleepThen(1, nil, nil))
				sc.logf("spawn while shutting down: %v", err)
				return nil, nil
			})
			groupSpawnIn(t, g, groupLogCancel(sc, "other child", 5))
			err := m.Sleep(seconds(10))
			sc.logf("body: %v", err)
			return err
		})
		_, serr := g.Spawn(waitSleepThen(1, nil, nil))
		sc.logf("group: %v %v, spawn after: %v", err, g, serr)
		err = m.Sleep(seconds(1))
		sc.logf("after: %v", err)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"1 cancelled: <TaskGroup tasks=2 cancelling>",
		"1 spawn while shutting down: the task group is shutting down",
		"1 other child: Cancelled",
		"1 body: Cancelled",
		"1 group: <nil> <TaskGroup finished>, spawn after: the task group has finished",
		"2 after: <nil>")
}

// Cancel called by the body itself, which then returns without blocking: the
// group's cancellation of the body does not leak out of it.
func TestTaskGroupCancelFromBody(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		var c *Task
		err := m.WithTaskGroup(func(g *TaskGroup) error {
			c = groupSpawnIn(t, g, waitSleepThen(5, nil, nil))
			g.Cancel()
			g.Cancel() // idempotent
			return nil
		})
		sc.logf("group: %v, child %s", err, c.State())
		err = m.Sleep(seconds(1))
		sc.logf("after: %v", err)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 group: <nil>, child cancelled", "1 after: <nil>")
}

// test_taskgroup_24/25: children may spawn into the group while the parent waits.
func TestTaskGroupChildrenSpawnWhileParentWaits(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		err := m.WithTaskGroup(func(g *TaskGroup) error {
			groupSpawnIn(t, g, func(root *Task) (any, error) {
				root.Sleep(seconds(0.1))
				groupSpawnIn(t, g, waitSleepThen(0.1, nil, nil))
				groupSpawnIn(t, g, waitSleepThen(0.2, nil, nil))
				return nil, nil
			})
			return nil
		})
		sc.logf("group: %v", err)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0.3 group: <nil>")
}

// test_taskgroup_13/14: nested groups. An outer child's failure cancels the inner
// group through the body; an inner child's failure is the outer body's error.
func TestTaskGroupNested(t *testing.T) {
	for _, c := range []struct {
		outer, inner float64 // when each group's child crashes
		want         string
	}{
		{0.1, 10, "0.1 outer: ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)"},
		{10, 0.1, "0.1 outer: ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)"},
	} {
		sc := newScenario()
		crash := func(d float64) TaskFunc {
			return waitSleepThen(d, nil, fmt.Errorf("crash at %g", d))
		}
		err := sc.run(t, func(m *Task) {
			err := m.WithTaskGroup(func(g1 *TaskGroup) error {
				groupSpawnIn(t, g1, crash(c.outer))
				return m.WithTaskGroup(func(g2 *TaskGroup) error {
					groupSpawnIn(t, g2, crash(c.inner))
					return nil
				})
			})
			sc.logf("outer: %v", err)
		})
		if err != nil {
			t.Fatal(err)
		}
		sc.expectLog(t, c.want)
		if f := sc.Failed(); len(f) != 0 {
			t.Errorf("Failed() = %v", f)
		}
	}
}

// test_taskgroup_11/12: cancelling the parent of nested groups whose children crash
// later: Cancelled.
func TestTaskGroupNestedParentCancelled(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		runner := sc.spawn(func(r *Task) {
			err := r.WithTaskGroup(func(g1 *TaskGroup) error {
				groupSpawnIn(t, g1, waitSleepThen(10, nil, nil))
				return r.WithTaskGroup(func(g2 *TaskGroup) error {
					for i := 0; i < 5; i++ {
						groupSpawnIn(t, g2, waitSleepThen(0.2, nil, errWaitBoom))
					}
					return r.Sleep(seconds(10))
				})
			})
			sc.logf("group: %v", err)
		})
		m.Sleep(seconds(0.1))
		runner.Cancel("")
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0.1 group: Cancelled")
}

// A group with no children, or whose children have all finished, returns at once.
func TestTaskGroupEmptyDoesNotYield(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		other := sc.spawn(func(*Task) { sc.logf("other runs") })
		err := m.WithTaskGroup(func(g *TaskGroup) error { return nil })
		sc.logf("group: %v, other %s", err, other.State())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 group: <nil>, other pending", "0 other runs")
}

// Only the parent waits, once.
func TestTaskGroupWaitMisuse(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		g := NewTaskGroup(m)
		var otherErr error
		sc.spawn(func(t *Task) { otherErr = g.Wait(t, nil) })
		m.Sleep(0)
		if otherErr != ErrGroupNotParent {
			t.Errorf("other task's Wait: %v", otherErr)
		}
		if err := g.Wait(m, nil); err != nil {
			t.Errorf("Wait: %v", err)
		}
		if err := g.Wait(m, nil); err != ErrGroupWaited {
			t.Errorf("second Wait: %v", err)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}

// String follows asyncio's repr; a waiting parent shows the group in reports.
func TestTaskGroupString(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		err := m.WithTaskGroup(func(g *TaskGroup) error {
			sc.logf("%v", g)
			groupSpawnIn(t, g, waitSleepThen(1, nil, errWaitBoom))
			groupSpawnIn(t, g, func(t *Task) (any, error) {
				err := t.Sleep(seconds(5))
				sc.logf("%v", g)
				t.Sleep(seconds(1))
				return nil, err
			})
			sc.logf("%v", g)
			return nil
		})
		sc.logf("%v", err)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 <TaskGroup entered>",
		"0 <TaskGroup tasks=2 entered>",
		"1 <TaskGroup tasks=1 errors=1 cancelling>",
		"2 ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)")

	sc = newScenario()
	err = sc.run(t, func(m *Task) {
		l := NewLock()
		l.Acquire(m)
		m.WithTaskGroup(func(g *TaskGroup) error {
			groupSpawnIn(t, g, func(t *Task) (any, error) { return nil, l.Acquire(t) })
			return nil
		})
	})
	var dl *DeadlockError
	if !errors.As(err, &dl) {
		t.Fatalf("Run returned %v, want a deadlock", err)
	}
	if got := dl.Tasks[0].String(); got != "Task-1 waiting on TaskGroup.wait <TaskGroup tasks=1 entered>" {
		t.Errorf("report line: %s", got)
	}
}

// Many short children do not pile up in the group.
func TestTaskGroupForgetsFinishedChildren(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		m.WithTaskGroup(func(g *TaskGroup) error {
			for i := 0; i < 1000; i++ {
				groupSpawnIn(t, g, waitSleepThen(0, nil, nil))
				m.Sleep(0)
				m.Sleep(0)
			}
			if n := len(g.children); n > 20 {
				t.Errorf("the group holds %d children", n)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
}
