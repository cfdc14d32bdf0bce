package runtime

import (
	"fmt"
	"testing"
)

// cpyGet is Get for the tests: the item, or the error's kind.
func cpyGet(t *Task, q *Queue) any {
	v, _, err := q.Get(t)
	if err != nil {
		return cpyErr(err)
	}
	return v
}

// cpyGetNowait is GetNowait for the tests: the item, or the error's kind.
func cpyGetNowait(q *Queue) any {
	v, _, err := q.GetNowait()
	if err != nil {
		return cpyErr(err)
	}
	return v
}

// From test_queues.py QueueBasicTests.test_maxsize: a putter blocks on a full queue
// and is let in by a get, in its next step.
func TestCPythonQueueMaxsize(t *testing.T) {
	want := []string{
		"0 [0 1] 2 true 1",
		"0 0 1 false",
		"0 [0 1 2] 2 true",
		"0 1 2 true",
	}
	cpythonTwin(t, "queue_maxsize", want...)
	needsEventLoop(t)
	sc := newScenario()
	q := NewQueue(2)
	var put []int
	err := sc.run(t, func(m *Task) {
		task := sc.spawn(func(t *Task) {
			for i := range 3 {
				if q.Put(t, i) != nil {
					return
				}
				put = append(put, i)
			}
		})
		m.Sleep(0)
		m.Sleep(0)
		sc.logf("%v %d %v %d", put, q.Len(), q.Full(), q.Putters())
		v := cpyGet(m, q)
		sc.logf("%v %d %v", v, q.Len(), q.Full())
		m.Sleep(0)
		sc.logf("%v %d %v", put, q.Len(), q.Full())
		v1, v2 := cpyGet(m, q), cpyGet(m, q)
		sc.logf("%v %v %v", v1, v2, task.Done())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_queues.py QueueGetTests.test_get_cancelled_race: a cancelled getter
// leaves the getters; an item put later goes to the next one, and stays in the
// queue until that getter runs.
func TestCPythonQueueGetCancelledRace(t *testing.T) {
	want := []string{
		"0 true 1",
		"0 1 false",
		"0 0 true a",
	}
	cpythonTwin(t, "queue_get_cancelled_race", want...)
	sc := newScenario()
	q := NewQueue(0)
	err := sc.run(t, func(m *Task) {
		get := func(t *Task) (any, error) {
			v, _, err := q.Get(t)
			return v, err
		}
		t1, t2 := sc.Spawn(get), sc.Spawn(get)
		m.Sleep(0)
		t1.Cancel("")
		m.Sleep(0)
		sc.logf("%v %d", t1.Done(), q.Getters())
		q.Put(m, "a")
		sc.logf("%d %v", q.Len(), t2.Done())
		m.Sleep(0)
		v, _ := m.Join(t2)
		sc.logf("%d %v %v", q.Len(), t2.Done(), v)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_queues.py QueueGetTests.test_get_with_waiting_putters: a get on a full
// queue with a waiting putter takes the item and lets the putter in.
func TestCPythonQueueGetWithWaitingPutters(t *testing.T) {
	want := []string{
		"0 a 0 0",
		"0 b 0",
	}
	cpythonTwin(t, "queue_get_with_waiting_putters", want...)
	sc := newScenario()
	q := NewQueue(1)
	err := sc.run(t, func(m *Task) {
		sc.spawn(func(t *Task) { q.Put(t, "a") })
		sc.spawn(func(t *Task) { q.Put(t, "b") })
		v := cpyGet(m, q)
		sc.logf("%v %d %d", v, q.Len(), q.Putters())
		v = cpyGet(m, q)
		sc.logf("%v %d", v, q.Len())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_queues.py QueuePutTests.test_get_cancel_drop_one_pending_reader: a
// getter woken for an item and cancelled before it runs loses nothing: the items
// stay in the queue, in order.
func TestCPythonQueueGetCancelDropOnePendingReader(t *testing.T) {
	want := []string{
		"0 2",
		"0 cancelled 2",
		"0 1 1",
	}
	cpythonTwin(t, "queue_get_cancel_drop_one_pending_reader", want...)
	sc := newScenario()
	q := NewQueue(0)
	err := sc.run(t, func(m *Task) {
		get := func(t *Task) (any, error) {
			v, _, err := q.Get(t)
			return v, err
		}
		reader := sc.Spawn(get)
		m.Sleep(0)
		q.PutNowait(1)
		q.PutNowait(2)
		sc.logf("%d", q.Len())
		reader.Cancel("")
		if v, err := m.Join(reader); err == nil {
			sc.logf("got %v", v)
		} else {
			sc.logf("cancelled %d", q.Len())
			reader = sc.Spawn(get)
			m.Join(reader)
		}
		v, _ := reader.Result()
		sc.logf("%v %d", v, q.Len())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_queues.py QueuePutTests.test_get_cancel_drop_many_pending_readers: of
// three getters, the first is cancelled after two puts; the other two get the two
// items.
func TestCPythonQueueGetCancelDropManyPendingReaders(t *testing.T) {
	want := []string{
		"0 reader1 cancelled 0 true true",
		"0 1 2 0",
	}
	cpythonTwin(t, "queue_get_cancel_drop_many_pending_readers", want...)
	needsEventLoop(t)
	sc := newScenario()
	q := NewQueue(0)
	err := sc.run(t, func(m *Task) {
		get := func(t *Task) (any, error) {
			v, _, err := q.Get(t)
			return v, err
		}
		m.WithTaskGroup(func(g *TaskGroup) error {
			reader1, _ := g.Spawn(get)
			reader2, _ := g.Spawn(get)
			reader3, _ := g.Spawn(get)
			m.Sleep(0)
			q.PutNowait(1)
			q.PutNowait(2)
			reader1.Cancel("")
			if _, err := m.Join(reader1); err != nil {
				sc.logf("reader1 cancelled %d %v %v", q.Len(), reader2.Done(), reader3.Done())
			}
			m.Join(reader3)
			v2, _ := reader2.Result()
			v3, _ := reader3.Result()
			sc.logf("%v %v %d", v2, v3, q.Len())
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_queues.py QueuePutTests.test_put_cancel_drop: a putter let in by a get
// and cancelled before it runs puts nothing; the slot stays free.
func TestCPythonQueuePutCancelDrop(t *testing.T) {
	want := []string{
		"0 1 0 false",
		"0 cancelled 0",
		"0 2 0",
	}
	cpythonTwin(t, "queue_put_cancel_drop", want...)
	needsEventLoop(t)
	sc := newScenario()
	q := NewQueue(1)
	err := sc.run(t, func(m *Task) {
		q.PutNowait(1)
		put := func(t *Task) (any, error) { return nil, q.Put(t, 2) }
		writer := sc.Spawn(put)
		m.Sleep(0)
		v := cpyGetNowait(q)
		sc.logf("%v %d %v", v, q.Len(), q.Full())
		writer.Cancel("")
		if _, err := m.Join(writer); err == nil {
			sc.logf("put")
		} else {
			sc.logf("cancelled %d", q.Len())
			writer = sc.Spawn(put)
			m.Join(writer)
		}
		v = cpyGetNowait(q)
		sc.logf("%v %d", v, q.Len())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_queues.py QueuePutTests.test_put_cancelled_race: a cancelled putter
// leaves the putters; a get_nowait lets the next putter in, in its next step.
func TestCPythonQueuePutCancelledRace(t *testing.T) {
	want := []string{
		"0 true false 2",
		"0 true 1",
		"0 a false 0",
		"0 b 0",
		"0 true",
	}
	cpythonTwin(t, "queue_put_cancelled_race", want...)
	needsEventLoop(t)
	sc := newScenario()
	q := NewQueue(1)
	err := sc.run(t, func(m *Task) {
		put := func(v string) TaskFunc {
			return func(t *Task) (any, error) { return nil, q.Put(t, v) }
		}
		putA, putB, putC := sc.Spawn(put("a")), sc.Spawn(put("b")), sc.Spawn(put("X"))
		m.Sleep(0)
		sc.logf("%v %v %d", putA.Done(), putB.Done(), q.Putters())
		putC.Cancel("")
		m.Sleep(0)
		sc.logf("%v %d", putC.Done(), q.Putters())
		v := cpyGetNowait(q)
		sc.logf("%v %v %d", v, q.Full(), q.Len())
		m.Sleep(0)
		v = cpyGetNowait(q)
		sc.logf("%v %d", v, q.Len())
		m.Join(putB)
		sc.logf("%v", putB.Done())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_queues.py QueuePutTests.test_put_with_waiting_getters: an item put
// while a getter waits stays in the queue until the getter runs.
func TestCPythonQueuePutWithWaitingGetters(t *testing.T) {
	want := []string{
		"0 1 false",
		"0 a 0",
	}
	cpythonTwin(t, "queue_put_with_waiting_getters", want...)
	sc := newScenario()
	q := NewQueue(0)
	err := sc.run(t, func(m *Task) {
		task := sc.Spawn(func(t *Task) (any, error) {
			v, _, err := q.Get(t)
			return v, err
		})
		m.Sleep(0)
		q.Put(m, "a")
		sc.logf("%d %v", q.Len(), task.Done())
		v, _ := m.Join(task)
		sc.logf("%v %d", v, q.Len())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// After test_queues.py QueuePutTests.test_put_with_waiting_getters: the item a
// getter was woken for waits in the queue, and a get_nowait of another task takes
// it; the woken getter finds the queue empty and waits again.
func TestCPythonQueueGetNowaitTakesWokenGettersItem(t *testing.T) {
	want := []string{
		"0 1 a 0",
		"0 [] false 1",
		"0 [b] true",
	}
	cpythonTwin(t, "queue_get_nowait_takes_woken_getters_item", want...)
	needsEventLoop(t)
	sc := newScenario()
	q := NewQueue(0)
	var got []any
	err := sc.run(t, func(m *Task) {
		task := sc.spawn(func(t *Task) {
			if v, ok, err := q.Get(t); ok && err == nil {
				got = append(got, v)
			}
		})
		m.Sleep(0)
		q.PutNowait("a")
		n := q.Len()
		v := cpyGetNowait(q)
		sc.logf("%d %v %d", n, v, q.Len())
		m.Sleep(0)
		sc.logf("%v %v %d", got, task.Done(), q.Getters())
		q.PutNowait("b")
		m.Sleep(0)
		sc.logf("%v %v", got, task.Done())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_queues.py QueuePutTests.test_why_are_putters_waiting: putters blocked
// on a full queue are let in one per get_nowait, in order, each in its next step.
func TestCPythonQueueWhyArePuttersWaiting(t *testing.T) {
	want := []string{
		"0 put 0 1",
		"0 put 1 2",
		"0 getter sees 2 2",
		"0 got 0",
		"0 got 1",
		"0 put 2 1",
		"0 put 3 2",
		"0 2 [2 3]",
	}
	cpythonTwin(t, "queue_why_are_putters_waiting", want...)
	sc := newScenario()
	q := NewQueue(2)
	err := sc.run(t, func(m *Task) {
		putter := func(v int) TaskFunc {
			return func(t *Task) (any, error) {
				if err := q.Put(t, v); err != nil {
					return nil, err
				}
				sc.logf("put %d %d", v, q.Len())
				return nil, nil
			}
		}
		m.WithTaskGroup(func(g *TaskGroup) error {
			g.Spawn(func(t *Task) (any, error) {
				t.Sleep(0)
				n := q.Len()
				sc.logf("getter sees %d %d", n, q.Putters())
				for range n {
					sc.logf("got %v", cpyGetNowait(q))
				}
				return nil, nil
			})
			for v := range 4 {
				g.Spawn(putter(v))
			}
			return nil
		})
		sc.logf("%d %v", q.Len(), q.Items())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_queues.py _QueueJoinTestMixin.test_task_done: join returns once every
// item is marked done; a getter that finds items does not yield, so one worker
// takes them all.
func TestCPythonQueueTaskDone(t *testing.T) {
	want := []string{
		"0 [[0 0] [0 1] [0 2] [0 3] [0 4] [0 5] [0 6] [0 7] [0 8] [0 9]] 0",
		"0 0 0",
	}
	cpythonTwin(t, "queue_task_done", want...)
	sc := newScenario()
	q := NewQueue(0)
	var seen []string
	running := true
	err := sc.run(t, func(m *Task) {
		for i := range 10 {
			q.PutNowait(i)
		}
		m.WithTaskGroup(func(g *TaskGroup) error {
			for n := range 2 {
				g.Spawn(func(t *Task) (any, error) {
					for running {
						v, _, err := q.Get(t)
						if err != nil {
							return nil, err
						}
						seen = append(seen, fmt.Sprintf("[%d %v]", n, v))
						q.TaskDone()
					}
					return nil, nil
				})
			}
			q.Join(m)
			sc.logf("%v %d", seen, q.Unfinished())
			running = false
			for range 2 {
				q.PutNowait(0)
			}
			return nil
		})
		sc.logf("%d %d", q.Len(), q.Unfinished())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_queues.py LifoQueueTests.test_order and PriorityQueueTests.test_order.
func TestCPythonQueueLifoPriorityOrder(t *testing.T) {
	want := []string{
		"0 [2 3 1]",
		"0 [1 2 3]",
	}
	cpythonTwin(t, "queue_lifo_priority_order", want...)
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		lifo := NewLifoQueue(0)
		for _, v := range []int{1, 3, 2} {
			lifo.Put(m, v)
		}
		sc.logf("%v", []any{cpyGet(m, lifo), cpyGet(m, lifo), cpyGet(m, lifo)})
		pq := NewPriorityQueue(0)
		for _, v := range []float64{1, 3, 2} {
			pq.Put(m, Prioritized{Value: v, Priority: v, Tie: v})
		}
		var got []any
		for range 3 {
			v, _, _ := pq.Get(m)
			got = append(got, v.(Prioritized).Value)
		}
		sc.logf("%v", got)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_queues.py QueuePutTests.test_cancelled_put_silence_value_error_exception:
// a get_nowait wakes the waiting putter and takes it out of the putters; the queue
// is not full until that putter runs. Cancelled first, it puts nothing.
func TestCPythonQueueCancelledPutAfterGetNowait(t *testing.T) {
	want := []string{
		"0 1",
		"0 0 0 false",
		"0 cancelled 0 0",
	}
	cpythonTwin(t, "queue_cancelled_put_after_get_nowait", want...)
	needsEventLoop(t)
	sc := newScenario()
	q := NewQueue(1)
	err := sc.run(t, func(m *Task) {
		q.PutNowait(1)
		putTask := sc.Spawn(func(t *Task) (any, error) { return nil, q.Put(t, 2) })
		m.Sleep(0)
		sc.logf("%d", q.Putters())
		q.GetNowait()
		sc.logf("%d %d %v", q.Putters(), q.Len(), q.Full())
		putTask.Cancel("")
		if _, err := m.Join(putTask); err != nil {
			sc.logf("cancelled %d %d", q.Len(), q.Putters())
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_queues.py QueueGetTests.test_blocking_get_wait: a getter waits until a
// timer callback puts an item.
func TestCPythonQueueBlockingGetWait(t *testing.T) {
	want := []string{
		"0 false",
		"0.01 true 1",
	}
	cpythonTwin(t, "queue_blocking_get_wait", want...)
	sc := newScenario()
	q := NewQueue(0)
	started := NewEvent()
	finished := false
	err := sc.run(t, func(m *Task) {
		task := sc.Spawn(func(t *Task) (any, error) {
			started.Set()
			v, _, err := q.Get(t)
			finished = true
			return v, err
		})
		started.Wait(m)
		sc.logf("%v", finished)
		sc.AfterFunc(seconds(0.01), func() { q.PutNowait(1) })
		v, _ := m.Join(task)
		sc.logf("%v %v", finished, v)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// After test_queues.py PriorityQueueTests.test_order: entries whose priorities are
// equal and whose items do not compare leave in heapq's order, not in put order.
func TestCPythonQueuePriorityEqual(t *testing.T) {
	want := []string{
		"0 [z a f c g e b d]",
	}
	cpythonTwin(t, "queue_priority_equal", want...)
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		q := NewPriorityQueue(0)
		put := func(name string, priority float64) {
			q.PutNowait(Prioritized{Value: name, Priority: priority, Explicit: true})
		}
		for _, name := range []string{"a", "b", "c", "d", "e"} {
			put(name, 1)
		}
		put("z", 0)
		put("f", 1)
		put("g", 1)
		var order []any
		for !q.Empty() {
			v, _, _ := q.Get(m)
			order = append(order, v.(Prioritized).Value)
		}
		sc.logf("%v", order)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}
