package runtime

import (
	"testing"
)

// From test_locks.py LockTests.test_repr, EventTests.test_repr and
// ConditionTests.test_repr, with real waiters: woken waiters stay in the counts
// until their steps run, and a released lock shows unlocked until then.
func TestCPythonReprLockEventCondition(t *testing.T) {
	want := []string{
		"0 <Lock [unlocked]> <Event [unset]> <Condition [unlocked]>",
		"0 <Lock [locked, waiters:2]> <Event [unset, waiters:2]> <Condition [unlocked, waiters:1]>",
		"0 <Lock [unlocked, waiters:2]> <Event [set, waiters:2]> <Condition [locked, waiters:1]>",
		"0 <Lock [unlocked, waiters:1]> <Event [set]> <Condition [locked]>",
		"0 <Lock [unlocked]> <Event [set]> <Condition [unlocked]>",
		"0 <Lock [unlocked]> <Event [set]> <Condition [unlocked]> true",
	}
	cpythonTwin(t, "repr_lock_event_condition", want...)
	needsEventLoop(t)
	sc := newScenario()
	lock, ev, cond := NewLock(), NewEvent(), NewCondition(nil)
	err := sc.run(t, func(m *Task) {
		show := func(extra ...any) {
			s := "%v %v %v"
			args := []any{lock, ev, cond}
			for _, e := range extra {
				s += " %v"
				args = append(args, e)
			}
			sc.logf(s, args...)
		}
		show()
		lock.Acquire(m)
		cond.Acquire(m)
		for range 2 {
			sc.spawn(func(t *Task) {
				if lock.Acquire(t) == nil {
					lock.Release()
				}
			})
			sc.spawn(func(t *Task) { ev.Wait(t) })
		}
		m.Sleep(0)
		cond.Release()
		c := sc.spawn(func(t *Task) {
			if cond.Acquire(t) != nil {
				return
			}
			cond.Wait(t)
			cond.Release()
		})
		m.Sleep(0)
		show()
		lock.Release()
		ev.Set()
		cond.Acquire(m)
		cond.Notify(1)
		show()
		m.Sleep(0)
		show()
		cond.Release()
		m.Sleep(0)
		show()
		m.Sleep(0)
		show(c.Done())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py SemaphoreTests.test_repr, with real waiters: a permit
// released to a waiter is taken from the value at once, and the semaphore stays
// locked while woken waiters have not run.
func TestCPythonReprSemaphore(t *testing.T) {
	want := []string{
		"0 <Semaphore [unlocked, value:2]> <BoundedSemaphore [unlocked, value:1]>",
		"0 <Semaphore [unlocked, value:1]>",
		"0 <Semaphore [locked]> <BoundedSemaphore [locked]>",
		"0 <Semaphore [locked, waiters:2]> <BoundedSemaphore [locked, waiters:1]>",
		"0 <Semaphore [locked, waiters:2]> <BoundedSemaphore [locked, waiters:1]>",
		"0 <Semaphore [locked, waiters:1]> <BoundedSemaphore [unlocked, value:1]>",
		"0 <Semaphore [unlocked, value:1]> <BoundedSemaphore [unlocked, value:1]>",
	}
	cpythonTwin(t, "repr_semaphore", want...)
	needsEventLoop(t)
	sc := newScenario()
	sem := newSem(t, 2)
	bsem, _ := NewBoundedSemaphore(1)
	err := sc.run(t, func(m *Task) {
		sc.logf("%v %v", sem, bsem)
		sem.Acquire(m)
		sc.logf("%v", sem)
		sem.Acquire(m)
		bsem.Acquire(m)
		sc.logf("%v %v", sem, bsem)
		use := func(s *Semaphore) func(*Task) {
			return func(t *Task) {
				if s.Acquire(t) == nil {
					s.Release()
				}
			}
		}
		sc.spawn(use(sem))
		sc.spawn(use(sem))
		sc.spawn(use(bsem))
		m.Sleep(0)
		sc.logf("%v %v", sem, bsem)
		sem.Release()
		bsem.Release()
		sc.logf("%v %v", sem, bsem)
		m.Sleep(0)
		sc.logf("%v %v", sem, bsem)
		m.Sleep(0)
		sc.logf("%v %v", sem, bsem)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_locks.py BarrierTests.test_repr: the states a barrier shows as it
// fills, drains, fills again, resets and breaks.
func TestCPythonReprBarrier(t *testing.T) {
	want := []string{
		"0 <Barrier [filling, waiters:0/3]>",
		"0 <Barrier [filling, waiters:2/3]>",
		"0 <Barrier [draining, waiters:0/3]>",
		"0 <Barrier [filling, waiters:2/3]>",
		"0 <Barrier [filling, waiters:2/3]>",
		"0 <Barrier [resetting, waiters:0/3]>",
		"0 <Barrier [filling, waiters:0/3]>",
		"0 <Barrier [broken]> true",
	}
	cpythonTwin(t, "repr_barrier", want...)
	sc := newScenario()
	b := cpyBarrier(3)
	err := sc.run(t, func(m *Task) {
		var waiters []*Task
		wait := func(t *Task) { b.Wait(t) }
		sc.logf("%v", b)
		waiters = append(waiters, sc.spawn(wait), sc.spawn(wait))
		m.Sleep(0)
		sc.logf("%v", b)
		waiters = append(waiters, sc.spawn(wait))
		m.Sleep(0)
		sc.logf("%v", b)
		waiters = append(waiters, sc.spawn(wait), sc.spawn(wait))
		m.Sleep(0)
		sc.logf("%v", b)
		m.Sleep(0)
		sc.logf("%v", b)
		b.Reset(m)
		sc.logf("%v", b)
		m.Sleep(0)
		sc.logf("%v", b)
		b.Abort(m)
		sc.logf("%v %v", b, b.Broken())
		m.Gather(waiters)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// From test_queues.py QueueBasicTests.test_str: the getters and putters a queue
// shows; an item put for a woken getter is in _queue until the getter runs, and a
// woken putter is no longer among the _putters.
func TestCPythonReprQueue(t *testing.T) {
	want := []string{
		"0 <Queue maxsize=0 _getters[1]>",
		"0 <Queue maxsize=0 _queue=[0] tasks=1>",
		"0 0 <Queue maxsize=0 tasks=1>",
		"0 <Queue maxsize=1 _queue=[1] _putters[1] tasks=1>",
		"0 <Queue maxsize=1 tasks=1>",
		"0 <Queue maxsize=1 _queue=[2] tasks=2> true",
		"0 <Queue maxsize=1 _queue=[2] tasks=1>",
	}
	cpythonTwin(t, "repr_queue", want...)
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		q := NewQueue(0)
		getter := sc.Spawn(func(t *Task) (any, error) {
			v, _, err := q.Get(t)
			return v, err
		})
		m.Sleep(0)
		sc.logf("%v", q)
		q.PutNowait(0)
		sc.logf("%v", q)
		v, _ := m.Join(getter)
		sc.logf("%v %v", v, q)
		q = NewQueue(1)
		q.PutNowait(1)
		putter := sc.Spawn(func(t *Task) (any, error) { return nil, q.Put(t, 2) })
		m.Sleep(0)
		sc.logf("%v", q)
		q.GetNowait()
		sc.logf("%v", q)
		m.Sleep(0)
		sc.logf("%v %v", q, putter.Done())
		q.TaskDone()
		sc.logf("%v", q)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}
