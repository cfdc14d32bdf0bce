package runtime

import (
	"errors"
	"fmt"
	"testing"
)

// cpyBarrier is NewBarrier for a valid number of parties.
func cpyBarrier(parties int) *Barrier {
	b, err := NewBarrier(parties)
	if err != nil {
		panic(err)
	}
	return b
}

// From test_locks.py BarrierTests.test_filling_task_by_task: the count grows with
// each party; the last one's arrival starts the draining, and the parties leave
// with the indexes they arrived with.
func TestCPythonBarrierFillingTaskByTask(t *testing.T) {
	want := []string{
		"0 1 filling",
		"0 2 filling",
		"0 0 draining false false true",
		"0 0 filling false [0 1 2]",
	}
	cpythonTwin(t, "barrier_filling_task_by_task", want...)
	sc := newScenario()
	b := cpyBarrier(3)
	err := sc.run(t, func(m *Task) {
		wait := func(t *Task) (any, error) { return b.Wait(t) }
		t1 := sc.Spawn(wait)
		m.Sleep(0)
		sc.logf("%d %s", b.NWaiting(), b.State())
		t2 := sc.Spawn(wait)
		m.Sleep(0)
		sc.logf("%d %s", b.NWaiting(), b.State())
		t3 := sc.Spawn(wait)
		m.Sleep(0)
		sc.logf("%d %s %v %v %v", b.NWaiting(), b.State(), t1.Done(), t2.Done(), t3.Done())
		m.Wait([]*Task{t1, t2, t3}, AllCompleted, NoTimeout)
		r1, _ := t1.Result()
		r2, _ := t2.Result()
		r3, _ := t3.Result()
		sc.logf("%d %s %v %v", b.NWaiting(), b.State(), b.Broken(), []any{r1, r2, r3})
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py BarrierTests.test_filling_one_task_twice: a barrier of one
// party trips at each wait, without waiting.
func TestCPythonBarrierFillingOneTaskTwice(t *testing.T) {
	want := []string{
		"0 0 true",
		"0 0 0 true 0 false",
	}
	cpythonTwin(t, "barrier_filling_one_task_twice", want...)
	sc := newScenario()
	b := cpyBarrier(1)
	err := sc.run(t, func(m *Task) {
		wait := func(t *Task) (any, error) { return b.Wait(t) }
		t1 := sc.Spawn(wait)
		m.Sleep(0)
		sc.logf("%d %v", b.NWaiting(), t1.Done())
		t2 := sc.Spawn(wait)
		m.Sleep(0)
		r1, _ := t1.Result()
		r2, _ := t2.Result()
		sc.logf("%v %v %v %d %v", r1, r2, t2.Done(), b.NWaiting(), b.Broken())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py BarrierTests.test_filling_tasks_cancel_one: a party cancelled
// while the barrier fills leaves it; the others keep waiting, and the next party
// takes its place (and its index).
func TestCPythonBarrierFillingTasksCancelOne(t *testing.T) {
	want := []string{
		"0 1",
		"0 2",
		"0 1 true",
		"0 2",
		"0 [2 1 1] 0 false",
	}
	cpythonTwin(t, "barrier_filling_tasks_cancel_one", want...)
	sc := newScenario()
	b := cpyBarrier(3)
	var results []int
	err := sc.run(t, func(m *Task) {
		coro := func(t *Task) (any, error) {
			i, err := b.Wait(t)
			if err != nil {
				return nil, err
			}
			results = append(results, i)
			return nil, nil
		}
		t1 := sc.Spawn(coro)
		m.Sleep(0)
		sc.logf("%d", b.NWaiting())
		t2 := sc.Spawn(coro)
		m.Sleep(0)
		sc.logf("%d", b.NWaiting())
		t1.Cancel("")
		m.Sleep(0)
		sc.logf("%d %v", b.NWaiting(), t1.Cancelled())
		t3 := sc.Spawn(coro)
		m.Sleep(0)
		sc.logf("%d", b.NWaiting())
		t4 := sc.Spawn(coro)
		m.Gather([]*Task{t2, t3, t4})
		sc.logf("%v %d %v", results, b.NWaiting(), b.Broken())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py BarrierTests.test_draining_state: the parties leave in the
// order they were woken, the last to arrive first; the barrier drains until the last
// one has left.
func TestCPythonBarrierDrainingState(t *testing.T) {
	want := []string{
		"0 [[4 draining] [0 draining] [1 draining] [2 draining] [3 filling]] 0",
	}
	cpythonTwin(t, "barrier_draining_state", want...)
	sc := newScenario()
	b := cpyBarrier(5)
	var results []string
	err := sc.run(t, func(m *Task) {
		var tasks []*Task
		for range 5 {
			tasks = append(tasks, sc.Spawn(func(t *Task) (any, error) {
				i, err := b.Wait(t)
				if err != nil {
					return nil, err
				}
				results = append(results, fmt.Sprintf("[%d %s]", i, b.State()))
				return nil, nil
			}))
		}
		m.Gather(tasks)
		sc.logf("%v %d", results, b.NWaiting())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py BarrierTests.test_reset_barrier_while_tasks_waiting: a reset
// breaks the waiting parties out with BrokenBarrier; the barrier resets until they
// have all left, then fills again.
func TestCPythonBarrierResetWhileTasksWaiting(t *testing.T) {
	want := []string{
		"0 4 filling",
		"0 reset resetting",
		"0 [0 1 2 3] 0 filling false",
	}
	cpythonTwin(t, "barrier_reset_while_tasks_waiting", want...)
	sc := newScenario()
	b := cpyBarrier(5)
	var results []int
	err := sc.run(t, func(m *Task) {
		var tasks []*Task
		for n := range 4 {
			tasks = append(tasks, sc.spawn(func(t *Task) {
				if _, err := b.Wait(t); errors.Is(err, ErrBrokenBarrier) {
					results = append(results, n)
				}
			}))
		}
		m.Sleep(0)
		sc.logf("%d %s", b.NWaiting(), b.State())
		sc.spawn(func(t *Task) {
			b.Reset(t)
			sc.logf("reset %s", b.State())
		})
		m.Gather(tasks)
		sc.logf("%v %d %s %v", results, b.NWaiting(), b.State(), b.Broken())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py BarrierTests.test_abort_barrier_when_tasks_half_draining_half_blocking:
// an abort while the barrier drains fails the parties that have not left yet and
// those waiting for the next round.
func TestCPythonBarrierAbortHalfDrainingHalfBlocking(t *testing.T) {
	want := []string{
		"0 [2 3] [4 0] true 0",
	}
	cpythonTwin(t, "barrier_abort_half_draining_half_blocking", want...)
	sc := newScenario()
	b := cpyBarrier(5)
	var results1, results2 []int
	count := 0
	err := sc.run(t, func(m *Task) {
		var tasks []*Task
		for n := range 5 {
			tasks = append(tasks, sc.spawn(func(t *Task) {
				if _, err := b.Wait(t); errors.Is(err, ErrBrokenBarrier) {
					results1 = append(results1, n)
					return
				}
				count++
				if count > 2 {
					b.Abort(t)
					return
				}
				if _, err := b.Wait(t); errors.Is(err, ErrBrokenBarrier) {
					results2 = append(results2, n)
				}
			}))
		}
		m.Gather(tasks)
		sc.logf("%v %v %v %d", results1, results2, b.Broken(), b.NWaiting())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py BarrierTests.test_blocking_tasks_while_draining: parties that
// come back while the barrier drains wait for the next round.
func TestCPythonBarrierBlockingTasksWhileDraining(t *testing.T) {
	want := []string{
		"0 [4 0 1 2 3 2 3 4 0 1] 0 0",
	}
	cpythonTwin(t, "barrier_blocking_tasks_while_draining", want...)
	sc := newScenario()
	b, nowaiting := cpyBarrier(5), cpyBarrier(3)
	rewait := 2
	var order []int
	err := sc.run(t, func(m *Task) {
		var tasks []*Task
		for n := range 5 {
			tasks = append(tasks, sc.spawn(func(t *Task) {
				b.Wait(t)
				order = append(order, n)
				if rewait > 0 {
					rewait--
					b.Wait(t)
				} else {
					nowaiting.Wait(t)
					b.Wait(t)
				}
				order = append(order, n)
			}))
		}
		m.Gather(tasks)
		sc.logf("%v %d %d", order, b.NWaiting(), nowaiting.NWaiting())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}
