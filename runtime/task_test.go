package runtime

import (
	"errors"
	"testing"
	"time"
	"unsafe"
)

// A task cancelled while parked wakes with Cancelled (and the message) at once.
func TestCancelParkedTask(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		w := sc.spawn(func(t *Task) {
			err := t.Sleep(time.Hour)
			sc.logf("sleep returned %v", err)
		})
		m.Sleep(seconds(1))
		sc.logf("cancel returned %v", w.Cancel("enough"))
		m.Join(w)
		sc.logf("worker %s; cancel again returns %v", w.State(), w.Cancel(""))
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"1 cancel returned true",
		"1 sleep returned Cancelled: enough",
		"1 worker done; cancel again returns false")
}

// A task cancelled before it started never runs, and ends cancelled.
func TestCancelBeforeStartNeverRuns(t *testing.T) {
	sc := newScenario()
	var w *Task
	err := sc.run(t, func(m *Task) {
		w = sc.spawn(func(t *Task) { sc.logf("ran") })
		w.Cancel("")
		_, err := m.Join(w)
		sc.logf("join: %v", err)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 join: Cancelled")
	if w.State() != Cancelled || !w.Cancelled() {
		t.Errorf("state %v", w.State())
	}
}

// A task that cancels itself gets Cancelled at its next blocking point, not before.
func TestSelfCancelAtNextBlockingPoint(t *testing.T) {
	sc := newScenario()
	l := NewLock()
	err := sc.run(t, func(m *Task) {
		m.Cancel("self")
		sc.logf("free lock: %v", l.Acquire(m)) // does not block: no cancellation here
		l.Release()
		sc.logf("sleep: %v", m.Sleep(time.Hour))
		sc.logf("later sleep: %v", m.Sleep(seconds(1)))
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 free lock: <nil>", "0 sleep: Cancelled: self", "1 later sleep: <nil>")
}

// A cancelled task that is ready (woken, not yet running) gets Cancelled from the
// call it was woken in.
func TestCancelReadyTaskRaisesInItsCall(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		w := sc.spawn(func(t *Task) { sc.logf("sleep(0): %v", t.Sleep(0)) })
		m.Sleep(0) // w runs and yields: it is ready again behind main
		w.Cancel("now")
		m.Join(w)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 sleep(0): Cancelled: now")
}

// Join returns the task's result, or its error; joining oneself is an error.
func TestJoin(t *testing.T) {
	s := New(Options{Clock: NewVirtualClock()})
	boom := errors.New("boom")
	err := s.Run(func(m *Task) (any, error) {
		ok := s.Spawn(func(t *Task) (any, error) { t.Sleep(time.Second); return 42, nil })
		bad := s.Spawn(func(t *Task) (any, error) { return nil, boom })
		if v, err := m.Join(ok); v != 42 || err != nil {
			t.Errorf("join ok: %v %v", v, err)
		}
		if _, err := m.Join(bad); err != boom {
			t.Errorf("join bad: %v", err)
		}
		if _, err := m.Join(m); err == nil {
			t.Error("joining oneself did not fail")
		}
		return nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Cancelling a joining task cancels the task it joins, as asyncio's await does; the
// joiner wakes once that task has finished. The joined task here swallows the
// cancellation and returns, so the joiner gets its result, not a Cancelled error,
// and still counts the request (asyncio's cancelling() is 1).
func TestCancelJoinerCancelsJoined(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		inner := sc.spawn(func(t *Task) {
			sc.logf("inner: %v", t.Sleep(time.Hour))
			t.Sleep(seconds(1)) // cleanup takes a second
			sc.logf("inner cleaned up")
		})
		outer := sc.spawn(func(t *Task) {
			_, err := t.Join(inner)
			sc.logf("outer: %v cancelling %d", err, t.Cancelling())
		})
		m.Sleep(seconds(1))
		outer.Cancel("stop")
		m.Join(outer)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "1 inner: Cancelled: stop", "2 inner cleaned up", "2 outer: <nil> cancelling 1")
}

// Gather returns when all are done, or raises the first error in time while the
// others keep running.
func TestGather(t *testing.T) {
	sc := newScenario()
	boom := errors.New("boom")
	err := sc.run(t, func(m *Task) {
		a := sc.Spawn(func(t *Task) (any, error) { t.Sleep(seconds(2)); return "a", nil })
		b := sc.Spawn(func(t *Task) (any, error) { t.Sleep(seconds(1)); return "b", nil })
		sc.logf("gather: %v", m.Gather([]*Task{a, b}))
		c := sc.Spawn(func(t *Task) (any, error) { t.Sleep(seconds(1)); return nil, boom })
		d := sc.Spawn(func(t *Task) (any, error) { t.Sleep(seconds(3)); sc.logf("d still ran"); return nil, nil })
		sc.logf("gather: %v", m.Gather([]*Task{d, c}))
		sc.logf("gather of none: %v", m.Gather(nil))
		sc.outlive(m)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "2 gather: <nil>", "3 gather: boom", "3 gather of none: <nil>", "5 d still ran")
	if len(sc.Failed()) != 0 {
		t.Errorf("gather did not retrieve the error: %v", sc.Failed())
	}
}

// Cancelling a gathering task cancels what it gathers.
func TestCancelGatherCancelsChildren(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		var kids []*Task
		for i := 0; i < 2; i++ {
			kids = append(kids, sc.spawn(func(t *Task) { sc.logf("%s: %v", t.Name(), t.Sleep(time.Hour)) }))
		}
		g := sc.spawn(func(t *Task) { sc.logf("gather: %v", t.Gather(kids)) })
		m.Sleep(seconds(1))
		g.Cancel("")
		m.Join(g)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"1 Task-2: Cancelled",
		"1 Task-3: Cancelled",
		"1 gather: Cancelled")
}

func TestTaskInfoAndString(t *testing.T) {
	sc := newScenario()
	l := NewLock()
	err := sc.run(t, func(m *Task) {
		l.Acquire(m)
		w := sc.spawn(func(t *Task) { l.Acquire(t); l.Release() })
		w.Where = func() string { return "x.lua:9" }
		sc.logf("%v", w)
		m.Sleep(0)
		sc.logf("%v / %v", w, w.Info())
		w.SetName("worker")
		l.Release()
		sc.logf("%v", w.Info())
		m.Join(w)
		sc.logf("%v", w)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 <Task Task-2 pending>",
		"0 <Task Task-2 waiting> / Task-2 waiting on Lock.acquire <Lock [locked, waiters:1]>, held by Task-1, at x.lua:9",
		"0 worker ready on Lock.acquire <Lock [unlocked, waiters:1]>, at x.lua:9",
		"0 <Task worker done>")
}

// A Task is kept per task alive or still referenced (100k tasks spawned, then
// joined, are 100k Tasks at once): it must stay in Go's 352-byte size class. Its 352
// bytes on 64-bit machines are:
//   - 56: who it is and its cancellation state (scheduler, id, cancelling() count, a
//     given name, body, state, flags);
//   - 24: its worker and its place in the list of unfinished tasks;
//   - 16: the future or task it awaits;
//   - 120: its own wait future (a primitive's waiters are these: waiting allocates
//     nothing), which keeps its result and error once it has ended: the largest part;
//   - 48: its sleep timer; 32: what it waits on, for reports;
//   - 32: its done-callbacks; 24: the embedder's Data and Where.
func TestTaskSize(t *testing.T) {
	if size := unsafe.Sizeof(Task{}); size > 352 {
		t.Errorf("a Task is %d bytes, more than 352", size)
	}
}

// A task cancelled twice while it waits (the second time without a message, after
// the first has cancelled what it awaits) gets the awaited sleep's Cancelled error,
// with the first message; a task whose wait ended well gets the latest request's
// message, none here. asyncio 3.13 prints the same (the args of the errors caught).
func TestCancelTwiceWhileWaiting(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		sleeper := sc.spawn(func(t *Task) { sc.logf("sleeper caught %s", cpyCancelArgs(t.Sleep(seconds(10)))) })
		m.Sleep(seconds(1))
		sc.logf("%v %v", sleeper.Cancel("stop"), sleeper.Cancel(""))
		m.Join(sleeper)
		e := NewEvent()
		waiter := sc.spawn(func(t *Task) { sc.logf("waiter caught %s", cpyCancelArgs(e.Wait(t))) })
		m.Sleep(0)
		e.Set()
		waiter.Cancel("late")
		waiter.Cancel("")
		m.Join(waiter)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "1 true true", "1 sleeper caught [stop]", "1 waiter caught []")
}

// What the scheduler keeps for a few tasks rather than in every Task (a pending
// cancellation's message, WhenDone's observers) reaches them as before, and is let go
// when they finish.
func TestTaskSideTablesAreLetGo(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		w := sc.spawn(func(t *Task) {
			sc.logf("w runs: %v", t.Sleep(0))
		})
		w.WhenDone(func(w *Task) { sc.logf("observed %s", w.Name()) })
		w.Cancel("first")
		w.Cancel("later")
		sc.logf("w: %v", m.Sleep(seconds(1)))
		_, err := w.Result()
		sc.logf("w ended: %v", err)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 observed Task-2", "1 w: <nil>", "1 w ended: Cancelled: later")
	if len(sc.cancelMsgs) != 0 || len(sc.observers) != 0 {
		t.Errorf("left behind: %d cancel messages, %d observers", len(sc.cancelMsgs), len(sc.observers))
	}
}
