package runtime

import (
	"errors"
	"testing"
)

func newSem(tb testing.TB, value int) *Semaphore {
	tb.Helper()
	s, err := NewSemaphore(value)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// test_repr and test_initial_value_zero: the value shows only when unlocked; locked
// means no permit is free.
func TestSemaphoreString(t *testing.T) {
	sc := newScenario()
	s := newSem(t, 1)
	b, _ := NewBoundedSemaphore(1)
	zero := newSem(t, 0)
	err := sc.run(t, func(m *Task) {
		sc.logf("%v %v %v locked=%v", s, b, zero, zero.Locked())
		s.Acquire(m)
		sc.logf("%v locked=%v value=%d", s, s.Locked(), s.Value())
		sc.spawn(func(t *Task) { s.Acquire(t) })
		sc.spawn(func(t *Task) { s.Acquire(t) })
		m.Sleep(0)
		sc.logf("%v", s)
		s.Release()
		s.Release()
		s.Release()
		sc.logf("%v", s)
		b.Acquire(m)
		sc.logf("%v", b)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 <Semaphore [unlocked, value:1]> <BoundedSemaphore [unlocked, value:1]> <Semaphore [locked]> locked=true",
		"0 <Semaphore [locked]> locked=true value=0",
		"0 <Semaphore [locked, waiters:2]>",
		"0 <Semaphore [locked, waiters:2]>", // woken waiters count until they run
		"0 <BoundedSemaphore [locked]>")
}

// test_semaphore_value: a negative initial value is an error.
func TestSemaphoreNegativeValue(t *testing.T) {
	for _, f := range []func(int) (*Semaphore, error){NewSemaphore, NewBoundedSemaphore} {
		if _, err := f(-1); err == nil || err.Error() != "initial value must be >= 0, got -1" {
			t.Errorf("got %v", err)
		}
	}
}

// Rule 3: a free permit is taken, and one given back, without yielding.
func TestSemaphoreFastPathsDoNotYield(t *testing.T) {
	sc := newScenario()
	s := newSem(t, 2)
	err := sc.run(t, func(m *Task) {
		sc.spawn(func(t *Task) { sc.logf("other ran") })
		s.Acquire(m)
		s.Acquire(m)
		s.Release()
		sc.logf("Task-1 kept running: %v", s)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 Task-1 kept running: <Semaphore [unlocked, value:1]>", "0 other ran")
}

// test_acquire: released permits go to the longest waiters, which stay counted as
// waiters until they run; a task that arrives meanwhile waits behind them.
func TestSemaphoreReleaseWakesLongestWaiters(t *testing.T) {
	sc := newScenario()
	s := newSem(t, 3)
	err := sc.run(t, func(m *Task) {
		s.Acquire(m)
		s.Acquire(m)
		taker := func(t *Task) { s.Acquire(t); sc.logf("%s has a permit", t.Name()) }
		sc.spawn(taker)
		sc.spawn(taker)
		sc.spawn(taker)
		m.Sleep(0)
		sc.logf("%v", s)
		sc.spawn(taker) // ready before the released permits' takers
		s.Release()
		s.Release()
		sc.logf("after two releases: %v", s)
		m.Sleep(0)
		sc.logf("%v", s)
		s.Release()
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 Task-2 has a permit",
		"0 <Semaphore [locked, waiters:2]>",
		"0 after two releases: <Semaphore [locked, waiters:2]>",
		"0 Task-3 has a permit",
		"0 Task-4 has a permit",
		"0 <Semaphore [locked, waiters:1]>",
		"0 Task-5 has a permit")
}

// test_acquire_fifo_order: FIFO across rounds.
func TestSemaphoreFIFOOrder(t *testing.T) {
	sc := newScenario()
	s := newSem(t, 1)
	err := sc.run(t, func(m *Task) {
		for i := 1; i <= 3; i++ {
			sc.spawn(func(t *Task) {
				for round := 1; round <= 2; round++ {
					s.Acquire(t)
					sc.logf("c%d_%d", i, round)
					t.Sleep(seconds(0.01))
					s.Release()
				}
			})
		}
		sc.outlive(m)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 c1_1", "0.01 c2_1", "0.02 c3_1", "0.03 c1_2", "0.04 c2_2", "0.05 c3_2")
}

// Cancellation at each waiting point: test_acquire_cancel (while waiting),
// test_acquire_cancel_before_awoken, test_acquire_hang, test_acquire_fifo_order_3
// (cancelled waiters are skipped) and a waiter woken with a permit but cancelled before
// it ran (the permit passes on; test_acquire_no_hang).
func TestSemaphoreCancelledWaiters(t *testing.T) {
	sc := newScenario()
	s := newSem(t, 0)
	err := sc.run(t, func(m *Task) {
		waiter := func(t *Task) {
			err := s.Acquire(t)
			sc.logf("%s acquire: %v", t.Name(), err)
		}
		w := []*Task{sc.spawn(waiter), sc.spawn(waiter), sc.spawn(waiter), sc.spawn(waiter), sc.spawn(waiter)}
		m.Sleep(0)
		w[0].Cancel("")
		w[1].Cancel("")
		s.Release()      // to Task-4
		w[2].Cancel("x") // woken, not yet run: the permit goes to Task-5
		m.Sleep(0)
		m.Sleep(0)
		sc.logf("%v", s)
		w[4].Cancel("")
		m.Sleep(0)
		sc.logf("%v", s)
		s.Release()
		sc.logf("%v", s)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 Task-2 acquire: Cancelled",
		"0 Task-3 acquire: Cancelled",
		"0 Task-4 acquire: Cancelled: x",
		"0 Task-5 acquire: <nil>",
		"0 <Semaphore [locked, waiters:1]>",
		"0 Task-6 acquire: Cancelled",
		"0 <Semaphore [locked]>",
		"0 <Semaphore [unlocked, value:1]>")
}

// test_acquire_no_hang: the holder releases (waking a waiter for the permit) and then
// cancels the task it woke with it; the permit is not lost.
func TestSemaphoreWokenPermitOfCancelledTaskIsNotLost(t *testing.T) {
	sc := newScenario()
	s := newSem(t, 1)
	err := sc.run(t, func(m *Task) {
		var t2 *Task
		t1 := sc.spawn(func(t *Task) {
			s.Acquire(t)
			t.Sleep(0)
			s.Release()
			t2.Cancel("")
		})
		t2 = sc.spawn(func(t *Task) { sc.logf("Task-3 acquire: %v", s.Acquire(t)) })
		m.Gather([]*Task{t1, t2})
		sc.logf("%v", s)
		sc.logf("acquire: %v", s.Acquire(m))
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 Task-3 acquire: Cancelled",
		"0 <Semaphore [unlocked, value:1]>",
		"0 acquire: <nil>")
}

// test_release_not_acquired and over-release: a BoundedSemaphore may not go above its
// initial value; a permit released to a waiter that has not run yet counts as free,
// as in asyncio (so a second release passes, and the waiter's own release fails); a
// plain Semaphore may go above it.
func TestBoundedSemaphoreOverRelease(t *testing.T) {
	sc := newScenario()
	b, _ := NewBoundedSemaphore(1)
	s := newSem(t, 1)
	err := sc.run(t, func(m *Task) {
		sc.logf("release at start: %v", b.Release())
		b.Acquire(m)
		sc.spawn(func(t *Task) { b.Acquire(t); sc.logf("Task-2 has it"); b.Release() })
		m.Sleep(0)
		sc.logf("release to the waiter: %v, %v", b.Release(), b)
		sc.logf("release again: %v", b.Release())
		m.Sleep(0)
		sc.logf("%v; once more: %v", b, b.Release())
		sc.logf("Semaphore release: %v, %v", s.Release(), s)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 release at start: BoundedSemaphore released too many times",
		"0 release to the waiter: <nil>, <BoundedSemaphore [locked, waiters:1]>",
		"0 release again: <nil>",
		"0 Task-2 has it",
		"0 <BoundedSemaphore [unlocked, value:1]>; once more: BoundedSemaphore released too many times",
		"0 Semaphore release: <nil>, <Semaphore [unlocked, value:2]>")
	if !errors.Is(b.Release(), ErrReleasedTooOften) {
		t.Error("want ErrReleasedTooOften")
	}
}

func TestSemaphoreDeadlockReport(t *testing.T) {
	sc := newScenario()
	b, _ := NewBoundedSemaphore(0)
	err := sc.run(t, func(m *Task) { b.Acquire(m) })
	dl, ok := err.(*DeadlockError)
	if !ok {
		t.Fatalf("Run returned %v, want a deadlock", err)
	}
	want := "deadlock: 1 task is waiting and nothing can wake it\n" +
		"  Task-1 waiting on BoundedSemaphore.acquire <BoundedSemaphore [locked, waiters:1]>"
	if dl.Error() != want {
		t.Errorf("report:\n%s\nwant:\n%s", dl.Error(), want)
	}
}
