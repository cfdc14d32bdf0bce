package runtime

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

// Rule 3: put on a non-full queue and get on a non-empty one do not yield.
func TestQueueFastPathsDoNotYield(t *testing.T) {
	sc := newScenario()
	q := NewQueue(2)
	err := sc.run(t, func(m *Task) {
		sc.spawn(func(t *Task) { sc.logf("other ran") })
		q.Put(m, 1)
		v, _, _ := q.Get(m)
		sc.logf("got %v without yielding", v)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 got 1 without yielding", "0 other ran")
}

// An item put while getters wait wakes the longest getter but stays in the queue:
// another task can take it first (get_nowait), and the woken getter checks again
// when it runs, as asyncio's does.
func TestQueueWokenGetterChecksAgain(t *testing.T) {
	sc := newScenario()
	q := NewQueue(1)
	err := sc.run(t, func(m *Task) {
		for i := 0; i < 2; i++ {
			sc.spawn(func(t *Task) {
				v, _, _ := q.Get(t)
				sc.logf("%s got %v", t.Name(), v)
			})
		}
		m.Sleep(0)
		q.Put(m, "x")
		_, _, err := q.GetNowait()
		sc.logf("get_nowait: %v; put_nowait: %v; %v qsize=%d", err, q.PutNowait("y"), q, q.Len())
		m.Sleep(0)
		q.Put(m, "z")
		m.Sleep(0)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 get_nowait: <nil>; put_nowait: <nil>; <Queue maxsize=1 _queue=[y] tasks=2> qsize=1",
		"0 Task-2 got y",
		"0 Task-3 got z")
}

// A slot freed while putters wait wakes the longest putter but is not reserved for
// it: put_nowait can fill it first, and the woken putter checks again when it runs.
func TestQueueWokenPutterChecksAgain(t *testing.T) {
	sc := newScenario()
	q := NewQueue(1)
	err := sc.run(t, func(m *Task) {
		q.Put(m, "a")
		sc.spawn(func(t *Task) { q.Put(t, "b"); sc.logf("b is in") })
		m.Sleep(0)
		sc.logf("%v", q)
		v, _, _ := q.Get(m)
		sc.logf("got %v; full=%v put_nowait: %v", v, q.Full(), q.PutNowait("c"))
		v, _, _ = q.Get(m)
		sc.logf("got %v", v)
		m.Sleep(0)
		sc.logf("%v", q)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 <Queue maxsize=1 _queue=[a] _putters[1] tasks=1>",
		"0 got a; full=false put_nowait: <nil>",
		"0 got c",
		"0 b is in",
		"0 <Queue maxsize=1 _queue=[b] tasks=3>")
}

// Cancelled getters never lose an item and cancelled putters never add one.
func TestQueueCancellationLosesNothing(t *testing.T) {
	sc := newScenario()
	q := NewQueue(1)
	err := sc.run(t, func(m *Task) {
		getter := func(t *Task) {
			v, _, err := q.Get(t)
			sc.logf("%s get: %v %v", t.Name(), v, err)
		}
		g1, g2 := sc.spawn(getter), sc.spawn(getter)
		m.Sleep(0)
		q.Put(m, "item") // wakes g1
		g1.Cancel("")    // before g1 runs: it wakes g2, which gets the item
		m.Join(g1)
		m.Join(g2)

		q.Put(m, "full")
		putter := func(t *Task) { sc.logf("%s put: %v", t.Name(), q.Put(t, t.Name())) }
		p1, p2 := sc.spawn(putter), sc.spawn(putter)
		m.Sleep(0)
		q.Get(m)      // wakes p1
		p1.Cancel("") // before p1 runs: it wakes p2, which takes the slot
		m.Join(p1)
		m.Join(p2)
		sc.logf("%v", q)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 Task-2 get: <nil> Cancelled",
		"0 Task-3 get: item <nil>",
		"0 Task-4 put: Cancelled",
		"0 Task-5 put: <nil>",
		"0 <Queue maxsize=1 _queue=[Task-5] tasks=3>")
}

// Close: putters fail (waiting ones too), getters drain and then get ok == false.
func TestQueueClose(t *testing.T) {
	sc := newScenario()
	q := NewQueue(1)
	q.Repr = func(v any) string { return fmt.Sprint(v) }
	err := sc.run(t, func(m *Task) {
		q.Put(m, 1)
		sc.spawn(func(t *Task) { sc.logf("waiting putter: %v", q.Put(t, 2)) })
		m.Sleep(0)
		q.Close()
		sc.logf("put after close: %v; %v", q.Put(m, 3), q)
		v, ok, _ := q.Get(m)
		sc.logf("get: %v %v", v, ok)
		v, ok, _ = q.Get(m)
		sc.logf("get: %v %v", v, ok)
		v, ok, err := q.GetNowait()
		sc.logf("get_nowait: %v %v %v", v, ok, err)

		q2 := NewQueue(0)
		sc.spawn(func(t *Task) { _, ok, err := q2.Get(t); sc.logf("waiting getter: %v %v", ok, err) })
		m.Sleep(0)
		q2.Close()
		m.Sleep(0)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 put after close: QueueClosed: the queue is closed; <Queue maxsize=1 _queue=[1] tasks=1 closed>",
		"0 get: 1 true",
		"0 get: <nil> false",
		"0 get_nowait: <nil> false <nil>",
		"0 waiting putter: QueueClosed: the queue is closed",
		"0 waiting getter: false <nil>")
}

func TestQueueTaskDoneAndJoin(t *testing.T) {
	sc := newScenario()
	q := NewQueue(0)
	err := sc.run(t, func(m *Task) {
		sc.logf("join of an idle queue: %v", q.Join(m))
		for i := 0; i < 3; i++ {
			q.Put(m, i)
		}
		sc.spawn(func(t *Task) {
			for i := 0; i < 3; i++ {
				q.Get(t)
				t.Sleep(seconds(1))
				q.TaskDone()
			}
		})
		q.Join(m)
		sc.logf("joined; %v; task_done again: %v", q, q.TaskDone())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 join of an idle queue: <nil>", "3 joined; <Queue maxsize=0>; task_done again: task_done() called too many times")
	if !errors.Is(NewQueue(0).TaskDone(), ErrTaskDoneTooOften) {
		t.Error("want ErrTaskDoneTooOften")
	}
}

func TestQueueKinds(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		lifo := NewLifoQueue(0)
		prio := NewPriorityQueue(0)
		for i, v := range []int{5, 1, 4, 1, 3} {
			lifo.Put(m, v)
			prio.Put(m, Prioritized{Value: fmt.Sprint("p", i), Priority: float64(v), Explicit: true})
		}
		sc.logf("%v", lifo)
		sc.logf("%v", prio)
		var got []any
		for !prio.Empty() {
			v, _, _ := prio.Get(m)
			got = append(got, v.(Prioritized).Value)
		}
		v, _, _ := lifo.Get(m)
		sc.logf("lifo first %v; prio order %v", v, got)
	})
	if err != nil {
		t.Fatal(err)
	}
	// The heap layout is heapq's: asyncio.PriorityQueue shows the same list.
	sc.expectLog(t,
		"0 <LifoQueue maxsize=0 _queue=[5, 1, 4, 1, 3] tasks=5>",
		"0 <PriorityQueue maxsize=0 _queue=[(1, p1), (1, p3), (4, p2), (5, p0), (3, p4)] tasks=5>",
		"0 lifo first 3; prio order [p1 p3 p4 p2 p0]")
}

func TestQueueSleepingConsumerRealisticFlow(t *testing.T) {
	sc := newScenario()
	q := NewQueue(2)
	err := sc.run(t, func(m *Task) {
		sc.spawn(func(t *Task) {
			for i := 0; i < 4; i++ {
				q.Put(t, i)
				sc.logf("put %d", i)
			}
			q.Close()
		})
		sc.spawn(func(t *Task) {
			for {
				v, ok, _ := q.Get(t)
				if !ok {
					return
				}
				t.Sleep(time.Second)
				sc.logf("consumed %v", v)
			}
		})
		sc.outlive(m)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 put 0", "0 put 1", "0 put 2", "1 consumed 0", "1 put 3", "2 consumed 1", "3 consumed 2", "4 consumed 3")
}
