package runtime

import (
	"fmt"
	"testing"
)

// From test_locks.py SemaphoreTests.test_acquire: released permits go to the
// waiters in FIFO order; a task that came later does not get one first.
func TestCPythonSemaphoreAcquire(t *testing.T) {
	want := []string{
		"0 false",
		"0 [1] true 2 0",
		"0 0 true",
		"0 [1 2 3] 0 true 1",
		"0 true true true false",
		"0 [1 2 3 4]",
	}
	cpythonTwin(t, "semaphore_acquire", want...)
	sc := newScenario()
	sem := newSem(t, 3)
	var result []int
	err := sc.run(t, func(m *Task) {
		sem.Acquire(m)
		sem.Acquire(m)
		sc.logf("%v", sem.Locked())
		c := func(n int) func(*Task) {
			return func(t *Task) {
				if sem.Acquire(t) == nil {
					result = append(result, n)
				}
			}
		}
		t1, t2, t3 := sc.spawn(c(1)), sc.spawn(c(2)), sc.spawn(c(3))
		m.Sleep(0)
		sc.logf("%v %v %d %d", result, sem.Locked(), sem.Waiters(), sem.Value())
		t4 := sc.spawn(c(4))
		sem.Release()
		sem.Release()
		sc.logf("%d %v", sem.Value(), sem.Locked())
		m.Sleep(0)
		sc.logf("%v %d %v %d", result, sem.Value(), sem.Locked(), sem.Waiters())
		sc.logf("%v %v %v %v", t1.Done(), t2.Done(), t3.Done(), t4.Done())
		sem.Release()
		m.Gather([]*Task{t2, t3, t4})
		sc.logf("%v", result)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py SemaphoreTests.test_acquire_cancel_before_awoken: two waiters
// cancelled before a release; the permit goes to the third, the fourth keeps
// waiting.
func TestCPythonSemaphoreAcquireCancelBeforeAwoken(t *testing.T) {
	want := []string{
		"0 true true true false true",
		"0 true false true",
		"0 true",
	}
	cpythonTwin(t, "semaphore_acquire_cancel_before_awoken", want...)
	sc := newScenario()
	sem := newSem(t, 0)
	err := sc.run(t, func(m *Task) {
		acquire := func(t *Task) (any, error) { return nil, sem.Acquire(t) }
		t1, t2, t3, t4 := sc.Spawn(acquire), sc.Spawn(acquire), sc.Spawn(acquire), sc.Spawn(acquire)
		m.Sleep(0)
		t1.Cancel("")
		t2.Cancel("")
		sem.Release()
		m.Sleep(0)
		sc.logf("%v %v %v %v %v", t1.Cancelled(), t2.Cancelled(), t3.Done(), t4.Done(), sem.Locked())
		m.Sleep(0)
		sc.logf("%v %v %v", t3.Done(), t4.Done(), sem.Locked())
		t3.Cancel("")
		t4.Cancel("")
		m.Sleep(0)
		sc.logf("%v", t4.Cancelled())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py SemaphoreTests.test_acquire_hang: the first waiter is cancelled
// and a permit released at once: the permit is the second waiter's, not lost.
func TestCPythonSemaphoreAcquireHang(t *testing.T) {
	want := []string{
		"0 true 0",
		"0 true true true",
		"0 true true",
	}
	cpythonTwin(t, "semaphore_acquire_hang", want...)
	sc := newScenario()
	sem := newSem(t, 0)
	err := sc.run(t, func(m *Task) {
		acquire := func(t *Task) (any, error) { return nil, sem.Acquire(t) }
		t1, t2 := sc.Spawn(acquire), sc.Spawn(acquire)
		m.Sleep(0)
		t1.Cancel("")
		sem.Release()
		sc.logf("%v %d", sem.Locked(), sem.Value())
		m.Sleep(0)
		sc.logf("%v %v %v", sem.Locked(), t1.Cancelled(), t2.Done())
		m.Sleep(0)
		sc.logf("%v %v", sem.Locked(), t2.Done())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py SemaphoreTests.test_acquire_no_hang: a waiter cancelled right
// after the permit was released for it does not keep the permit.
func TestCPythonSemaphoreAcquireNoHang(t *testing.T) {
	want := []string{
		"0 <nil> Cancelled false false",
		"0 true",
	}
	cpythonTwin(t, "semaphore_acquire_no_hang", want...)
	sc := newScenario()
	sem := newSem(t, 1)
	reached := false
	err := sc.run(t, func(m *Task) {
		var t2 *Task
		t1 := sc.Spawn(func(t *Task) (any, error) {
			if err := sem.Acquire(t); err != nil {
				return nil, err
			}
			t.Sleep(0)
			sem.Release()
			t2.Cancel("")
			return nil, nil
		})
		t2 = sc.Spawn(func(t *Task) (any, error) {
			if err := sem.Acquire(t); err != nil {
				return nil, err
			}
			reached = true
			sem.Release()
			return nil, nil
		})
		m.Wait([]*Task{t1, t2}, AllCompleted, NoTimeout)
		r1, _ := t1.Result()
		_, e2 := t2.Result()
		sc.logf("%s %s %v %v", fmt.Sprint(r1), cpyErr(e2), reached, sem.Locked())
		acq := sc.Spawn(func(t *Task) (any, error) { return nil, sem.Acquire(t) })
		m.WaitFor(acq, seconds(1))
		sc.logf("%v", sem.Locked())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py SemaphoreTests.test_acquire_fifo_order: a task that releases
// and acquires again queues behind the others.
func TestCPythonSemaphoreAcquireFIFOOrder(t *testing.T) {
	want := []string{
		"0.06 [c1_1 c2_1 c3_1 c1_2 c2_2 c3_2]",
	}
	cpythonTwin(t, "semaphore_acquire_fifo_order", want...)
	sc := newScenario()
	sem := newSem(t, 1)
	var result []string
	err := sc.run(t, func(m *Task) {
		coro := func(tag string) TaskFunc {
			return func(t *Task) (any, error) {
				for i := 1; i <= 2; i++ {
					if err := sem.Acquire(t); err != nil {
						return nil, err
					}
					result = append(result, fmt.Sprintf("%s_%d", tag, i))
					t.Sleep(seconds(0.01))
					sem.Release()
				}
				return nil, nil
			}
		}
		m.WithTaskGroup(func(g *TaskGroup) error {
			g.Spawn(coro("c1"))
			g.Spawn(coro("c2"))
			g.Spawn(coro("c3"))
			return nil
		})
		sc.logf("%v", result)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py SemaphoreTests.test_acquire_fifo_order_2: a task that
// releases a permit and acquires again, while woken waiters have not run yet,
// queues behind them.
func TestCPythonSemaphoreAcquireFIFOOrder2(t *testing.T) {
	want := []string{
		"0 0",
		"0 [1 2 3 4]",
	}
	cpythonTwin(t, "semaphore_acquire_fifo_order_2", want...)
	needsEventLoop(t)
	sc := newScenario()
	sem := newSem(t, 1)
	var result []int
	err := sc.run(t, func(m *Task) {
		t1 := sc.spawn(func(t *Task) {
			sem.Acquire(t)
			result = append(result, 1)
		})
		t2 := sc.spawn(func(t *Task) {
			sem.Acquire(t)
			result = append(result, 2)
			sem.Release()
			sem.Acquire(t)
			result = append(result, 4)
		})
		t3 := sc.spawn(func(t *Task) {
			sem.Acquire(t)
			result = append(result, 3)
		})
		m.Sleep(0)
		sem.Release()
		sem.Release()
		sc.logf("%d", sem.Value())
		m.Gather([]*Task{t1, t2, t3})
		sc.logf("%v", result)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py SemaphoreTests.test_acquire_fifo_order_3: a cancelled waiter
// gives up its place; the permits go to the next ones in order.
func TestCPythonSemaphoreAcquireFIFOOrder3(t *testing.T) {
	want := []string{
		"0 [2 3] true",
	}
	cpythonTwin(t, "semaphore_acquire_fifo_order_3", want...)
	sc := newScenario()
	sem := newSem(t, 0)
	var result []int
	err := sc.run(t, func(m *Task) {
		c := func(n int) TaskFunc {
			return func(t *Task) (any, error) {
				if err := sem.Acquire(t); err != nil {
					return nil, err
				}
				result = append(result, n)
				return nil, nil
			}
		}
		t1, t2, t3 := sc.Spawn(c(1)), sc.Spawn(c(2)), sc.Spawn(c(3))
		m.Sleep(0)
		t1.Cancel("")
		m.Sleep(0)
		sem.Release()
		sem.Release()
		m.Wait([]*Task{t1, t2, t3}, AllCompleted, NoTimeout)
		sc.logf("%v %v", result, t1.Cancelled())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py SemaphoreTests.test_acquire_fifo_order_4: releases made while
// the waiters have not run yet count as promised to them: the semaphore stays
// locked, and a task arriving meanwhile queues.
func TestCPythonSemaphoreAcquireFIFOOrder4(t *testing.T) {
	want := []string{
		"0 c1 0",
		"0 c2 2 true",
		"0 2 3",
		"0 c1 0",
		"0 c3 true",
		"0 [1 2 3 4]",
	}
	cpythonTwin(t, "semaphore_acquire_fifo_order_4", want...)
	needsEventLoop(t)
	sc := newScenario()
	sem := newSem(t, 0)
	var result []int
	var t4 *Task
	err := sc.run(t, func(m *Task) {
		t1 := sc.spawn(func(t *Task) {
			sc.logf("c1 %d", sem.Value())
			sem.Acquire(t)
			sc.logf("c1 %d", sem.Value())
			t4 = sc.spawn(func(*Task) { result = append(result, 4) })
			result = append(result, 1)
		})
		t2 := sc.spawn(func(t *Task) {
			sem.Release()
			sem.Release()
			sem.Release()
			sc.logf("c2 %d %v", sem.Value(), sem.Locked())
			sem.Acquire(t)
			result = append(result, 2)
		})
		t3 := sc.spawn(func(t *Task) {
			sem.Acquire(t)
			sc.logf("c3 %v", sem.Locked())
			result = append(result, 3)
		})
		m.Sleep(0)
		sc.logf("%d %d", sem.Value(), sem.Waiters())
		m.Sleep(0)
		m.Gather([]*Task{t1, t2, t3, t4})
		sc.logf("%v", result)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py SemaphoreTests.test_release_not_acquired and test_repr: a
// BoundedSemaphore refuses to go above its initial value.
func TestCPythonBoundedSemaphoreRelease(t *testing.T) {
	want := []string{
		"0 false 1",
		"0 ValueError 2",
	}
	cpythonTwin(t, "semaphore_bounded", want...)
	sc := newScenario()
	sem, _ := NewBoundedSemaphore(2)
	err := sc.run(t, func(m *Task) {
		sem.Acquire(m)
		sc.logf("%v %d", sem.Locked(), sem.Value())
		sem.Release()
		if err := sem.Release(); err == ErrReleasedTooOften {
			sc.logf("ValueError %d", sem.Value())
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}
