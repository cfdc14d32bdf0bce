package runtime

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// eventLog is an Observer that writes each event as a line: "1 run Task-2".
type eventLog struct {
	lines []string
	kinds map[TraceKind]bool // the kinds to keep; nil keeps all
}

func (l *eventLog) Observe(e TraceEvent) {
	if l.kinds != nil && !l.kinds[e.Kind] {
		return
	}
	s := fmt.Sprintf("%g %s", e.Time.Seconds(), e.Kind)
	if e.Task != nil {
		s += " " + e.Task.Name()
	}
	switch e.Kind {
	case TraceSpawn, TraceCancel:
		if e.By != nil {
			s += " by " + e.By.Name()
		}
	case TracePark:
		s += " " + e.Wait.Op + " " + e.State.String()
	case TraceReady:
		if e.N == 1 {
			s += " woken"
		}
	case TraceFinish:
		s += " " + e.State.String()
	case TraceBlock:
		s += fmt.Sprintf(" %gs", e.Dur.Seconds())
	case TraceAcquire, TraceRelease, TraceNotify, TraceCondWait, TracePut, TraceGet:
		s += " " + e.Object.Kind()
		if e.Kind == TraceNotify || e.Kind == TraceCondWait {
			s += fmt.Sprintf(" %d", e.N)
		}
	}
	l.lines = append(l.lines, s)
}

func observedScenario(kinds ...TraceKind) (*scenario, *eventLog) {
	log := &eventLog{}
	if len(kinds) > 0 {
		log.kinds = map[TraceKind]bool{}
		for _, k := range kinds {
			log.kinds[k] = true
		}
	}
	return &scenario{Scheduler: New(Options{Clock: NewVirtualClock(), Observer: log})}, log
}

func expectEvents(t *testing.T, log *eventLog, want ...string) {
	t.Helper()
	if got := strings.Join(log.lines, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

// The task life cycle: spawn, run, park, ready, finish, each at its time.
func TestObserverTaskLife(t *testing.T) {
	sc, log := observedScenario()
	sc.run(t, func(m *Task) {
		c := sc.spawn(func(t *Task) { t.Sleep(seconds(1)) })
		m.Join(c)
	})
	expectEvents(t, log,
		"0 spawn Task-1",
		"0 run Task-1",
		"0 spawn Task-2 by Task-1",
		"0 park Task-1 Task.join waiting",
		"0 run Task-2",
		"0 park Task-2 sleep waiting",
		"1 ready Task-2",
		"1 run Task-2",
		"1 finish Task-2 done",
		"1 ready Task-1",
		"1 run Task-1",
		"1 finish Task-1 done")
}

// A yield parks the task ready; block() is an event at its end; a cancellation
// names who asked; a task that keeps running after a yield gets a run event.
func TestObserverYieldBlockCancel(t *testing.T) {
	sc, log := observedScenario(TracePark, TraceRun, TraceBlock, TraceCancel, TraceFinish)
	sc.run(t, func(m *Task) {
		m.Sleep(0) // alone: it goes on at once
		m.Block(seconds(2))
		c := sc.spawn(func(t *Task) { t.Sleep(seconds(5)) })
		m.Sleep(0)
		c.Cancel("stop")
		m.Join(c)
	})
	expectEvents(t, log,
		"0 run Task-1",
		"0 park Task-1 sleep ready",
		"0 run Task-1",
		"2 block Task-1 2s",
		"2 park Task-1 sleep ready",
		"2 run Task-2",
		"2 park Task-2 sleep waiting",
		"2 run Task-1",
		"2 cancel Task-2 by Task-1",
		"2 park Task-1 Task.join waiting",
		"2 run Task-2",
		"2 finish Task-2 done", // the scenario's bodies drop their errors
		"2 run Task-1",
		"2 finish Task-1 done")
}

// A lock released to a waiter: the release, the waiter made ready as woken for the
// lock (N is 1), and its acquisition when it runs.
func TestObserverLockWakeUp(t *testing.T) {
	sc, log := observedScenario(TraceAcquire, TraceRelease, TraceReady)
	l := NewLock()
	sc.run(t, func(m *Task) {
		l.Acquire(m)
		c := sc.spawn(func(t *Task) { l.Acquire(t); l.Release() })
		m.Sleep(seconds(1))
		l.Release()
		m.Join(c)
	})
	expectEvents(t, log,
		"0 acquire Task-1 Lock",
		"1 ready Task-1",
		"1 release Task-1 Lock",
		"1 ready Task-2 woken",
		"1 acquire Task-2 Lock",
		"1 release Task-2 Lock",
		"1 ready Task-1")
}

// A Condition's own lock is reported as the Condition; notify says how many it
// woke; wait and wait_for say which they are.
func TestObserverCondition(t *testing.T) {
	sc, log := observedScenario(TraceAcquire, TraceRelease, TraceNotify, TraceCondWait)
	c := NewCondition(nil)
	sc.run(t, func(m *Task) {
		c.Acquire(m)
		c.Notify(1) // nobody waits
		w := sc.spawn(func(t *Task) {
			c.Acquire(t)
			c.WaitFor(t, func() (any, bool, error) { return nil, false, nil })
		})
		c.Release()
		m.Sleep(0)
		c.Acquire(m)
		c.Notify(1)
		c.Release()
		m.Sleep(0)
		w.Cancel("")
		m.Join(w)
	})
	expectEvents(t, log,
		"0 acquire Task-1 Condition",
		"0 notify Task-1 Condition 0",
		"0 release Task-1 Condition",
		"0 acquire Task-2 Condition",
		"0 release Task-2 Condition",
		"0 condwait Task-2 Condition 1",
		"0 acquire Task-1 Condition",
		"0 notify Task-1 Condition 1",
		"0 release Task-1 Condition",
		"0 acquire Task-2 Condition",
		"0 release Task-2 Condition",
		"0 condwait Task-2 Condition 1",
		"0 acquire Task-2 Condition") // cancelled: it takes the lock back before it ends
}

// A permit released to a waiter is acquired when the waiter runs, after what the
// releasing task does next.
func TestObserverSemaphoreAndQueue(t *testing.T) {
	sc, log := observedScenario(TraceAcquire, TraceRelease, TracePut, TraceGet)
	s, _ := NewSemaphore(1)
	q := NewQueue(0)
	sc.run(t, func(m *Task) {
		s.Acquire(m)
		c := sc.spawn(func(t *Task) { s.Acquire(t); q.Get(t) })
		m.Sleep(0)
		s.Release()
		q.Put(m, 1)
		m.Join(c)
	})
	expectEvents(t, log,
		"0 acquire Task-1 Semaphore",
		"0 release Task-1 Semaphore",
		"0 put Task-1 Queue",
		"0 acquire Task-2 Semaphore", // when it runs: the release only woke it
		"0 get Task-2 Queue")
}

func TestObserverDeadlockAndStop(t *testing.T) {
	sc, log := observedScenario(TraceDeadlock, TraceStop, TraceFinish)
	q := NewQueue(0)
	err := sc.run(t, func(m *Task) { q.Get(m) })
	var dl *DeadlockError
	if !errors.As(err, &dl) {
		t.Fatalf("Run: %v", err)
	}
	expectEvents(t, log, "0 deadlock", "0 stop", "0 finish Task-1 done")
}

func TestLabels(t *testing.T) {
	a, b, q, c := NewLock(), NewLock(), NewQueue(0), NewCondition(nil)
	labels := Labels([]Primitive{q, b, c, a, b})
	want := map[Primitive]string{a: "Lock A", b: "Lock B", q: "Queue A", c: "Condition A"}
	for p, l := range want {
		if labels[p] != l {
			t.Errorf("label of %v: %q, want %q", p, labels[p], l)
		}
	}
	if PrimitiveOf(conditionNotify{c}) != c || PrimitiveOf(taskList{}) != nil {
		t.Error("PrimitiveOf")
	}
	for n, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA"} {
		if got := letters(n); got != want {
			t.Errorf("letters(%d) = %s, want %s", n, got, want)
		}
	}
}

// The deadlock report shows the wait-for cycle.
func TestDeadlockCycle(t *testing.T) {
	cases := []struct {
		name  string
		body  func(sc *scenario, m *Task)
		cycle string
	}{
		{"a lock taken twice", func(sc *scenario, m *Task) {
			l := NewLock()
			l.Acquire(m)
			l.Acquire(m)
		}, "Task-1 waits for Lock A held by Task-1"},
		{"three tasks in a ring", func(sc *scenario, m *Task) {
			locks := []*Lock{NewLock(), NewLock(), NewLock()}
			var ts []*Task
			for i := range 3 {
				ts = append(ts, sc.spawn(func(t *Task) {
					locks[i].Acquire(t)
					t.Sleep(seconds(1))
					locks[(i+1)%3].Acquire(t)
				}))
			}
			m.Gather(ts)
		}, "Task-2 waits for Lock B held by Task-3, which waits for Lock C held by Task-4, which waits for Lock A held by Task-2"},
		{"a join and a lock", func(sc *scenario, m *Task) {
			l := NewLock()
			l.Acquire(m)
			c := sc.spawn(func(t *Task) { l.Acquire(t) })
			m.Join(c)
		}, "Task-1 waits for Task-2 to finish, which waits for Lock A held by Task-1"},
		{"a Condition's lock", func(sc *scenario, m *Task) {
			c := NewCondition(nil)
			c.Acquire(m)
			w := sc.spawn(func(t *Task) { c.Acquire(t) })
			m.Join(w)
		}, "Task-1 waits for Task-2 to finish, which waits for Condition A held by Task-1"},
		{"no cycle", func(sc *scenario, m *Task) {
			q := NewQueue(0)
			sc.spawn(func(t *Task) { q.Get(t) })
			q.Get(m)
		}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sc := newScenario()
			err := sc.run(t, func(m *Task) { c.body(sc, m) })
			var dl *DeadlockError
			if !errors.As(err, &dl) {
				t.Fatalf("Run: %v", err)
			}
			if dl.Cycle != c.cycle {
				t.Errorf("cycle %q, want %q", dl.Cycle, c.cycle)
			}
			if has := strings.Contains(dl.Error(), "\n  cycle: "+c.cycle); has != (c.cycle != "") {
				t.Errorf("report:\n%s", dl.Error())
			}
		})
	}
}

// An observer sees every switch; without one, nothing is allocated (see also the
// benchmarks).
func TestNoObserverNoAllocs(t *testing.T) {
	s := New(Options{Clock: NewVirtualClock()})
	var allocs float64
	s.Run(func(m *Task) (any, error) {
		other := s.Spawn(func(t *Task) (any, error) {
			for range 200 {
				t.Sleep(0)
			}
			return nil, nil
		})
		allocs = testing.AllocsPerRun(100, func() { m.Sleep(0) })
		m.Join(other)
		return nil, nil
	})
	if allocs != 0 {
		t.Errorf("a switch allocates %v times", allocs)
	}
}

// Joining a task allocates nothing beyond the Task (the joiner is kept inline, the
// name is made when asked for), and gathering tasks nothing more per child than its
// done-callback record (the callback gets its task from the handle, with no closure
// per child).
func TestSpawnJoinGatherAllocs(t *testing.T) {
	s := New(Options{Clock: NewVirtualClock()})
	noop := func(*Task) (any, error) { return nil, nil }
	var join, gather10, gather20 float64
	s.Run(func(m *Task) (any, error) {
		join = testing.AllocsPerRun(100, func() { m.Join(s.Spawn(noop)) })
		gatherN := func(n int) float64 {
			ts := make([]*Task, n)
			return testing.AllocsPerRun(50, func() {
				for i := range ts {
					ts[i] = s.Spawn(noop)
				}
				m.Gather(ts)
			})
		}
		gather10, gather20 = gatherN(10), gatherN(20)
		return nil, nil
	})
	if join != 1 {
		t.Errorf("spawn and join allocate %v times, want 1 (the Task)", join)
	}
	if perChild := (gather20 - gather10) / 10; perChild != 2 {
		t.Errorf("gather allocates %v times per child, want 2 (the Task, its done-callback record)", perChild)
	}
}
