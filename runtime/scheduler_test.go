package runtime

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

// Rule 1: main is "Task-1", spawned tasks are Task-2, Task-3, ... and a new task does
// not run until its spawner blocks or yields.
func TestSpawnNamesAndStartsLazily(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		a := sc.spawn(func(t *Task) { sc.logf("%s runs", t.Name()) })
		b := sc.spawn(func(t *Task) { sc.logf("%s runs", t.Name()) })
		sc.logf("spawned %s %s, main is %s (id %d)", a.Name(), b.Name(), m.Name(), m.ID())
		sc.logf("a is %s", a.State())
		m.Sleep(0)
		sc.logf("main again, a is %s", a.State())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 spawned Task-2 Task-3, main is Task-1 (id 1)",
		"0 a is pending",
		"0 Task-2 runs",
		"0 Task-3 runs",
		"0 main again, a is done")
}

// Rule 2: ready tasks run in FIFO order; Sleep(0) goes to the back of the queue.
func TestReadyQueueIsFIFO(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		for _, name := range []string{"a", "b", "c"} {
			name := name
			sc.spawn(func(t *Task) {
				for i := 0; i < 2; i++ {
					sc.logf("%s%d", name, i)
					t.Sleep(0)
				}
			})
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 a0", "0 b0", "0 c0", "0 a1", "0 b1", "0 c1")
}

// Rule 5: timers fire in deadline order, equal deadlines in the order they were set.
func TestTimersFireInDeadlineThenSetOrder(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		for _, c := range []struct {
			name string
			d    float64
		}{{"late", 3}, {"first-of-two", 1}, {"early", 0.5}, {"second-of-two", 1}} {
			c := c
			sc.spawn(func(t *Task) {
				t.Sleep(seconds(c.d))
				sc.logf("%s", c.name)
			})
		}
		sc.outlive(m)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0.5 early", "1 first-of-two", "1 second-of-two", "3 late")
}

// Rule 6: the virtual clock jumps to the next deadline at once.
func TestVirtualClockJumps(t *testing.T) {
	sc := newScenario()
	start := time.Now()
	err := sc.run(t, func(m *Task) {
		m.Sleep(time.Hour)
		sc.logf("after an hour")
		m.Block(2 * time.Second)
		sc.logf("after block")
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "3600 after an hour", "3602 after block")
	if elapsed := time.Since(start); elapsed > time.Minute {
		t.Errorf("a virtual hour took %v of real time", elapsed)
	}
}

// Rule 6: the real clock sleeps for real (a few milliseconds).
func TestRealClockSleeps(t *testing.T) {
	s := New(Options{Clock: NewRealClock()})
	var woke time.Duration
	err := s.Run(func(m *Task) (any, error) {
		m.Sleep(5 * time.Millisecond)
		woke = s.Now()
		return nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if woke < 5*time.Millisecond {
		t.Errorf("woke at %v, before the 5ms deadline", woke)
	}
}

// Timers that fall due during block() join the ready queue at the next switch, in
// deadline order, behind the tasks already ready, including the task that yields (as
// in asyncio, whose loop appends due timers after the callbacks of the last round).
func TestTimersDueDuringBlockJoinAtNextSwitch(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		sc.spawn(func(t *Task) { t.Sleep(seconds(2)); sc.logf("sleeper 2") })
		sc.spawn(func(t *Task) { t.Sleep(seconds(1)); sc.logf("sleeper 1") })
		sc.spawn(func(t *Task) { sc.logf("ready one") })
		m.Sleep(0) // the sleepers start sleeping, "ready one" runs
		sc.spawn(func(t *Task) { sc.logf("ready two") })
		m.Block(seconds(5))
		sc.logf("main blocked until now")
		m.Sleep(0)
		sc.logf("main again")
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 ready one",
		"5 main blocked until now",
		"5 ready two",
		"5 main again",
		"5 sleeper 1",
		"5 sleeper 2")
}

// Rule 7: when the main task returns, the steps ready then still run (a task
// spawned just before gets its first step), then every task left is cancelled, in
// creation order; their cleanup runs and Run returns once they have all ended, with
// no failure. Leftovers lists them as they were.
func TestMainReturnCancelsTheTasksLeft(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		sleeper := sc.spawn(func(t *Task) {
			err := t.Sleep(seconds(10))
			sc.logf("sleeper woke: %v", err)
			t.Sleep(seconds(1)) // cleanup may wait
			sc.logf("sleeper cleaned up")
		})
		sleeper.Where = func() string { return "x.lua:4" }
		m.Sleep(0)
		sc.spawn(func(t *Task) {
			sc.logf("late starts")
			sc.logf("late woke: %v", t.Sleep(seconds(1)))
		})
		sc.logf("main returns")
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 main returns",
		"0 late starts",
		"0 sleeper woke: Cancelled",
		"0 late woke: Cancelled",
		"1 sleeper cleaned up")
	if f := sc.Failed(); len(f) != 0 {
		t.Errorf("Failed() = %v, want none: a task cancelled at the end has not failed", f)
	}
	want := "the main chunk returned while 2 tasks were still running; they were cancelled, as asyncio.run does: " +
		"Task-2 (waiting on sleep, at x.lua:4), Task-3 (waiting on sleep)"
	if got := LeftoversNote(sc.Leftovers()); got != want {
		t.Errorf("note:\n%s\nwant:\n%s", got, want)
	}
}

// A main task that waits for its tasks leaves none: no note.
func TestMainReturnWithNoTasksLeft(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		w := sc.spawn(func(t *Task) { t.Sleep(seconds(1)) })
		m.Join(w)
	})
	if err != nil {
		t.Fatal(err)
	}
	if left := sc.Leftovers(); left != nil || LeftoversNote(left) != "" {
		t.Errorf("Leftovers() = %v, want none", left)
	}
}

// Rule 7: the run waits for the cancelled leftovers, not for what their cleanup
// spawns. asyncio.run closes its loop five iterations after the last leftover's
// done-callback (the gather's outer future, then a step and a done-callback of each of
// its two shutdown coroutines): a task spawned in the cleanup that yields at every
// step gets eight steps here, as in leftover_cleanup.py, and is dropped unfinished.
func TestLeftoversCleanupSpawnIsDropped(t *testing.T) {
	sc := newScenario()
	spins := 0
	err := sc.run(t, func(m *Task) {
		sc.spawn(func(t *Task) {
			t.Sleep(seconds(60))
			sc.spawn(func(t *Task) {
				for {
					spins++
					if t.Sleep(0) != nil {
						return
					}
				}
			})
			t.Sleep(0)
			t.Sleep(0)
			sc.logf("cleaner ends")
		})
		m.Sleep(seconds(1))
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "1 cleaner ends")
	if spins != 8 {
		t.Errorf("the task the cleanup spawned took %d steps, want 8 (as asyncio.run gives it)", spins)
	}
	if d := sc.Dropped(); len(d) != 1 || d[0].Name != "Task-3" {
		t.Errorf("Dropped() = %v, want Task-3", d)
	}
	want := "the main chunk returned while 1 task was still running; it was cancelled, as asyncio.run does: Task-2 (waiting on sleep); " +
		"1 task their cleanup started was still running when they had ended, and was dropped, as asyncio.run drops it: Task-3 (ready)"
	if got := sc.EndingNote(); got != want {
		t.Errorf("note:\n%s\nwant:\n%s", got, want)
	}
}

// Rule 7: tasks that can never wake are a deadlock; the report names each task, what
// it waits on, who holds it and (with Where) the script line.
func TestDeadlockReport(t *testing.T) {
	sc := newScenario()
	a, b := NewLock(), NewLock()
	err := sc.run(t, func(m *Task) {
		t1 := sc.spawn(func(t *Task) { a.Acquire(t); t.Sleep(seconds(1)); b.Acquire(t) })
		t2 := sc.spawn(func(t *Task) { b.Acquire(t); t.Sleep(seconds(1)); a.Acquire(t) })
		t1.Where = func() string { return "x.lua:3" }
		t2.Where = func() string { return "x.lua:4" }
		m.Join(t1)
	})
	var dl *DeadlockError
	if !errors.As(err, &dl) {
		t.Fatalf("Run returned %v, want a deadlock", err)
	}
	want := "deadlock: 3 tasks are waiting and nothing can wake them\n" +
		"  Task-1 waiting on Task.join <Task Task-2 waiting>\n" +
		"  Task-2 waiting on Lock.acquire <Lock [locked, waiters:1]>, held by Task-3, at x.lua:3\n" +
		"  Task-3 waiting on Lock.acquire <Lock [locked, waiters:1]>, held by Task-2, at x.lua:4\n" +
		"  cycle: Task-2 waits for Lock B held by Task-3, which waits for Lock A held by Task-2"
	if dl.Error() != want {
		t.Errorf("report:\n%s\nwant:\n%s", dl.Error(), want)
	}
}

// hubStrategy is FIFO that records, at each choice, the task Current returns: the
// hub makes the choice, between two tasks.
type hubStrategy struct {
	s       *Scheduler
	current []*Task
}

func (h *hubStrategy) Choose(n int, task func(int) *Task) int {
	h.current = append(h.current, h.s.Current())
	return 0
}

// Current is nil wherever the hub runs between tasks (a Strategy's choice, a posted
// function, OnDeadlock, the reports it makes): no task holds the baton there, so
// nothing may act on a task's behalf; in a task, Current is that task.
func TestCurrentIsNilOnTheHub(t *testing.T) {
	hub := &hubStrategy{}
	var onHub []*Task
	var inTask []string
	s := New(Options{Clock: NewVirtualClock(), Strategy: hub, OnDeadlock: func(*DeadlockError) bool {
		onHub = append(onHub, hub.s.Current())
		return false
	}})
	hub.s = s
	err := s.Run(func(m *Task) (any, error) {
		a := s.Spawn(func(t *Task) (any, error) { inTask = append(inTask, s.Current().Name()); return nil, t.Sleep(0) })
		s.Spawn(func(t *Task) (any, error) { inTask = append(inTask, s.Current().Name()); return nil, t.Sleep(0) })
		s.Post(func() { onHub = append(onHub, s.Current()) })
		inTask = append(inTask, s.Current().Name())
		if _, err := m.Join(a); err != nil {
			return nil, err
		}
		inTask = append(inTask, s.Current().Name())
		return nil, NewEvent().Wait(m)
	})
	if _, ok := err.(*DeadlockError); !ok {
		t.Fatalf("Run returned %v, want a deadlock", err)
	}
	if got := strings.Join(inTask, " "); got != "Task-1 Task-2 Task-3 Task-1" {
		t.Errorf("Current in the tasks: %s", got)
	}
	if len(hub.current) == 0 || len(onHub) != 2 {
		t.Fatalf("the hub was seen %d times choosing, %d times posting or reporting", len(hub.current), len(onHub))
	}
	for _, c := range append(hub.current, onHub...) {
		if c != nil {
			t.Errorf("Current on the hub is %s, want nil", c.Name())
		}
	}
}

// After a deadlock every parked task is woken with ErrKilled and its goroutine ends
// (TestMain checks for leaks); no task code runs after a kill returns.
func TestKillAfterDeadlockEndsEveryTask(t *testing.T) {
	sc := newScenario()
	q := NewQueue(0)
	var errs []error
	var mu sync.Mutex
	err := sc.run(t, func(m *Task) {
		for i := 0; i < 3; i++ {
			sc.spawn(func(t *Task) {
				_, _, err := q.Get(t)
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
				if err2 := t.Sleep(1); err2 != ErrKilled {
					t.Sleep(1) // would hang if parking still parked
				}
			})
		}
		m.Sleep(0)
		_, _, err := q.Get(m)
		errs = append(errs, err)
	})
	if _, ok := err.(*DeadlockError); !ok {
		t.Fatalf("want a deadlock, got %v", err)
	}
	if len(errs) != 4 {
		t.Fatalf("%d tasks woke, want 4", len(errs))
	}
	for _, e := range errs {
		if e != ErrKilled {
			t.Errorf("woke with %v, want ErrKilled", e)
		}
	}
}

// An outside event source keeps waiting tasks from being a deadlock, and Post
// reaches them from another goroutine.
func TestPostFromAnotherGoroutineWithSource(t *testing.T) {
	s := New(Options{Clock: NewRealClock()})
	q := NewQueue(0)
	var got any
	err := s.Run(func(m *Task) (any, error) {
		s.AddSource()
		go s.Post(func() {
			q.PutNowait("from outside")
			s.RemoveSource()
		})
		v, _, err := q.Get(m)
		got = v
		return nil, err
	})
	if err != nil || got != "from outside" {
		t.Fatalf("got %v, %v", got, err)
	}
}

// Interrupt cancels every task; their cleanup runs; Run reports what each was doing.
func TestInterruptCancelsEveryTask(t *testing.T) {
	s := New(Options{Clock: NewVirtualClock()})
	var cleanup []string
	err := s.Run(func(m *Task) (any, error) {
		w := s.Spawn(func(t *Task) (any, error) {
			err := t.Sleep(time.Hour)
			cleanup = append(cleanup, "worker: "+err.Error())
			return nil, err
		})
		m.Sleep(0) // let the worker start sleeping
		s.Interrupt()
		_, err := m.Join(w)
		cleanup = append(cleanup, "main: "+err.Error())
		return nil, err
	})
	var ie *InterruptedError
	if !errors.As(err, &ie) {
		t.Fatalf("Run returned %v", err)
	}
	if got := strings.Join(cleanup, "; "); got != "worker: Cancelled: interrupted; main: Cancelled: interrupted" {
		t.Errorf("cleanup: %s", got)
	}
	want := "interrupted: cancelled 2 tasks\n  Task-1 waiting on Task.join <Task Task-2 waiting> (cancelled)\n  Task-2 waiting on sleep (cancelled)"
	if ie.Error() != want {
		t.Errorf("listing:\n%s\nwant:\n%s", ie.Error(), want)
	}
}

// Abort stops a run that would otherwise never end.
func TestAbortStopsARun(t *testing.T) {
	s := New(Options{Clock: NewRealClock()})
	stopErr := errors.New("stop")
	err := s.Run(func(m *Task) (any, error) {
		s.Spawn(func(t *Task) (any, error) { return nil, t.Sleep(time.Hour) })
		go s.Abort(stopErr)
		return nil, m.Sleep(time.Hour)
	})
	if err != stopErr {
		t.Fatalf("Run returned %v", err)
	}
	select {
	case <-s.Stopping():
	default:
		t.Error("Stopping is not closed after Abort")
	}
}

// A task's Go panic fails that task only; the run goes on.
func TestPanicFailsOnlyThatTask(t *testing.T) {
	sc := newScenario()
	var crashed *Task
	err := sc.run(t, func(m *Task) {
		crashed = sc.spawn(func(t *Task) { panic("boom") })
		m.Sleep(seconds(1))
		sc.logf("still running")
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "1 still running")
	var pe *PanicError
	if _, e := crashed.Result(); !errors.As(e, &pe) || pe.Value != "boom" || crashed.State() != Failed {
		t.Errorf("crashed task: %v, %v", crashed.State(), e)
	}
}

// A failing main task cancels the others, as asyncio.run does.
func TestMainFailureCancelsOthers(t *testing.T) {
	s := New(Options{Clock: NewVirtualClock()})
	var other *Task
	boom := errors.New("boom")
	err := s.Run(func(m *Task) (any, error) {
		other = s.Spawn(func(t *Task) (any, error) { return nil, t.Sleep(time.Hour) })
		m.Sleep(0)
		return nil, boom
	})
	if err != nil {
		t.Fatal(err)
	}
	if other.State() != Cancelled {
		t.Errorf("other task is %v, want cancelled", other.State())
	}
	if f := s.Failed(); len(f) != 1 || f[0] != s.Main() {
		t.Errorf("Failed() = %v, want [main]", f)
	}
}

// Failed lists only the errors nobody retrieved.
func TestFailedListsUnretrievedErrors(t *testing.T) {
	s := New(Options{Clock: NewVirtualClock()})
	boom := errors.New("boom")
	var joined, ignored *Task
	err := s.Run(func(m *Task) (any, error) {
		joined = s.Spawn(func(*Task) (any, error) { return nil, boom })
		ignored = s.Spawn(func(*Task) (any, error) { return nil, boom })
		s.Spawn(func(t *Task) (any, error) { t.Cancel(""); return nil, t.Sleep(1) }) // cancelled, not failed
		if _, err := m.Join(joined); err != boom {
			t.Errorf("join returned %v", err)
		}
		return nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if f := s.Failed(); len(f) != 1 || f[0] != ignored {
		t.Errorf("Failed() = %v, want [%v]", f, ignored)
	}
}
