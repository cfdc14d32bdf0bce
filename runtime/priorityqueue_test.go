package runtime

import (
	"fmt"
	"strings"
	"testing"
)

// prio is a PriorityQueue item as the bindings make it: a number or a string item
// breaks ties by its value, anything else compares equal.
func prio(priority float64, item any) Prioritized {
	p := Prioritized{Value: item, Priority: priority, Explicit: true}
	switch v := item.(type) {
	case int:
		p.Tie = float64(v)
	case float64, string:
		p.Tie = v
	}
	return p
}

// named is an item that is neither a number nor a string: ties compare equal.
type named struct{ name string }

func (n named) String() string { return n.name }

// drain gets every item of q with GetNowait and lists their values.
func drain(q *Queue) string {
	var got []string
	for !q.Empty() {
		v, _, _ := q.GetNowait()
		got = append(got, fmt.Sprint(v.(Prioritized).Value))
	}
	return strings.Join(got, " ")
}

// test_order (PriorityQueueTests): the lowest first, whatever the order of putting.
func TestPriorityQueueOrder(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		q := NewPriorityQueue(0)
		for _, v := range []int{1, 3, 2} {
			q.Put(m, prio(float64(v), v))
		}
		sc.logf("%s", drain(q))
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 1 2 3")
}

// Equal entries leave in heapq's order, not in the order they were put: CPython 3.13
// with five items of priority 3 that compare equal shows the heap
// [A, B, C, D, E] and hands out A C E B D; with seven of two priorities it shows
// [b, d, f, a, e, c, g] and hands out b f d c g e a.
func TestPriorityQueueEqualEntriesLeaveInHeapqOrder(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		q := NewPriorityQueue(0)
		for _, n := range []string{"A", "B", "C", "D", "E"} {
			q.Put(m, prio(3, named{n}))
		}
		sc.logf("%s: %s", q.String(), drain(q))
		for i, n := range []string{"a", "b", "c", "d", "e", "f", "g"} {
			q.Put(m, prio(float64(2-i%2), named{n}))
		}
		sc.logf("%s: %s", q.String(), drain(q))
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 <PriorityQueue maxsize=0 _queue=[(3, A), (3, B), (3, C), (3, D), (3, E)] tasks=5>: A C E B D",
		"0 <PriorityQueue maxsize=0 _queue=[(1, b), (1, d), (1, f), (2, a), (2, e), (2, c), (2, g)] tasks=12>: b f d c g e a")
}

// Ties between two numbers or two strings are decided by the items, as Python compares
// tuples: CPython 3.13 shows [(0, 2.5), (0, 5), (1, 'a'), (1, 'b'), (1, 'B')] and
// hands out 2.5 5 B a b. A number and a string tie compare equal (where Python raises
// TypeError): heapq then hands out a x 1 2 from x, 2, a, 1. NaN priorities compare
// equal too.
func TestPriorityQueueTiesCompareAsPythonTuples(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		q := NewPriorityQueue(0)
		for _, p := range []Prioritized{prio(1, "b"), prio(1, "a"), prio(0, 5), prio(0, 2.5), prio(1, "B")} {
			q.Put(m, p)
		}
		sc.logf("%s: %s", q.String(), drain(q))
		for _, p := range []Prioritized{prio(1, "x"), prio(1, 2), prio(1, "a"), prio(1, 1)} {
			q.Put(m, p)
		}
		sc.logf("%s", drain(q))
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 <PriorityQueue maxsize=0 _queue=[(0, 2.5), (0, 5), (1, a), (1, b), (1, B)] tasks=5>: 2.5 5 B a b",
		"0 a x 1 2")
	nan := prio(0, "x")
	nan.Priority = nan.Priority / nan.Priority
	if nan.less(prio(1, "x")) || prio(1, "x").less(nan) || nan.less(nan) {
		t.Error("a NaN priority compares less than something")
	}
}

// A getter already waiting takes the heap's top when it runs, as in asyncio: the
// more urgent of two items put before it runs. CPython 3.13 prints
// _queue=[(1, 'b'), (5, 'a')] after the puts and gives the getter (1, 'b'); when
// another task's get_nowait takes (1, 'b') first, the getter gets (5, 'a').
func TestPriorityQueueWokenGetterTakesTheTop(t *testing.T) {
	for _, getNowait := range []bool{false, true} {
		sc := newScenario()
		q := NewPriorityQueue(0)
		err := sc.run(t, func(m *Task) {
			g := sc.spawn(func(t *Task) {
				v, _, err := q.Get(t)
				sc.logf("getter got %v %v; %v", v.(Prioritized).Value, err, q)
			})
			m.Sleep(0)
			q.Put(m, prio(5, "a"))
			q.Put(m, prio(1, "b"))
			sc.logf("after puts %v %d", q, q.Len())
			if getNowait {
				v, _, err := q.GetNowait()
				sc.logf("get_nowait %v %v", v.(Prioritized).Value, err)
			}
			m.Join(g)
		})
		if err != nil {
			t.Fatal(err)
		}
		if getNowait {
			sc.expectLog(t,
				"0 after puts <PriorityQueue maxsize=0 _queue=[(1, b), (5, a)] tasks=2> 2",
				"0 get_nowait b <nil>",
				"0 getter got a <nil>; <PriorityQueue maxsize=0 tasks=2>")
		} else {
			sc.expectLog(t,
				"0 after puts <PriorityQueue maxsize=0 _queue=[(1, b), (5, a)] tasks=2> 2",
				"0 getter got b <nil>; <PriorityQueue maxsize=0 _queue=[(5, a)] tasks=2>")
		}
	}
}

// test_get_cancel_drop_one_pending_reader on a PriorityQueue: a woken reader cancelled
// before it runs takes nothing, and the next reader gets the top.
func TestPriorityQueueCancelledReaderDropsNothing(t *testing.T) {
	sc := newScenario()
	q := NewPriorityQueue(0)
	err := sc.run(t, func(m *Task) {
		reader := sc.spawn(func(t *Task) {
			_, _, err := q.Get(t)
			sc.logf("reader: %v", err)
		})
		m.Sleep(0)
		q.PutNowait(prio(2, 2))
		q.PutNowait(prio(1, 1))
		reader.Cancel("")
		m.Join(reader)
		sc.logf("%v", q)
		v, _, _ := q.Get(m)
		sc.logf("next get %v", v.(Prioritized).Value)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 reader: Cancelled",
		"0 <PriorityQueue maxsize=0 _queue=[(1, 1), (2, 2)] tasks=2>",
		"0 next get 1")
}

// test_get_cancel_drop_many_pending_readers on a PriorityQueue: the cancelled reader's
// wake-up passes to the third reader, and the two others get both items. CPython 3.13
// gives reader 2 the 1 and reader 3 the 2.
func TestPriorityQueueCancelledReaderPassesItsWakeUpOn(t *testing.T) {
	sc := newScenario()
	q := NewPriorityQueue(0)
	err := sc.run(t, func(m *Task) {
		readers := sc.spawnN(3, func(t *Task) {
			v, _, err := q.Get(t)
			if err != nil {
				sc.logf("%s: %v", t.Name(), err)
				return
			}
			sc.logf("%s got %v", t.Name(), v.(Prioritized).Value)
		})
		m.Sleep(0)
		q.PutNowait(prio(2, 2))
		q.PutNowait(prio(1, 1))
		readers[0].Cancel("")
		m.Gather(readers)
		sc.logf("%v", q)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 Task-2: Cancelled",
		"0 Task-3 got 1",
		"0 Task-4 got 2",
		"0 <PriorityQueue maxsize=0 tasks=2>")
}

// test_task_done (PriorityQueueJoinTests): two workers get and mark done 100 items;
// join returns once all are done, and nothing is lost or got twice.
func TestPriorityQueueTaskDone(t *testing.T) {
	sc := newScenario()
	q := NewPriorityQueue(0)
	sum, running := 0, true
	err := sc.run(t, func(m *Task) {
		for i := 0; i < 100; i++ {
			q.PutNowait(prio(float64(i%7), i))
		}
		workers := sc.spawnN(2, func(t *Task) {
			for running {
				v, _, err := q.Get(t)
				if err != nil {
					return
				}
				sum += v.(Prioritized).Value.(int)
				q.TaskDone()
			}
		})
		q.Join(m)
		sc.logf("sum %d", sum)
		running = false
		for range workers {
			q.PutNowait(prio(0, 0))
		}
		m.Gather(workers)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 sum 4950")
}
