package runtime

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

// FuzzPrimitives drives a Lock, a Semaphore, a Queue (FIFO, then a PriorityQueue whose
// items tie) and a Barrier with tasks whose operations come from the input, and
// checks the invariants after every step and at the end: a lock has at most one
// holder, a semaphore never hands out more permits than it has, no queue item is
// lost or duplicated, and no waiter is stranded. As in asyncio a release wakes a
// waiter, which takes what it waited for when it runs (or lets the next one try), so
// whenever a task gives the baton up: a free lock or permit with waiters has woken
// one of them; an item or a free slot that a getter or putter waits for has a task
// ready to take it. When the run
// ends in a deadlock, no waiter waits for something available, in a barrier that is
// not filling, or counted in a barrier it has left.
//
//	go test -run - -fuzz FuzzPrimitives -fuzztime 30s ./runtime/
func FuzzPrimitives(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
	f.Add([]byte{3, 3, 3, 4, 4, 4, 9, 0, 1, 0, 1, 5, 6, 7})
	f.Add([]byte("the quick brown fox jumps over the lazy dog"))
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > 400 {
			ops = ops[:400]
		}
		checkPrimitiveProgram(t, ops, NewQueue(2))
		checkPrimitiveProgram(t, ops, NewPriorityQueue(2))
	})
}

func checkPrimitiveProgram(t *testing.T, ops []byte, q *Queue) {
	const tasks, permits, parties = 4, 2, 3
	lock := NewLock()
	sem, _ := NewSemaphore(permits)
	barrier, _ := NewBarrier(parties)
	// item is what goes into q, value what came out of it.
	item := func(v int) any {
		if q.Kind() == "PriorityQueue" {
			return Prioritized{Value: v, Priority: float64(v % 3)}
		}
		return v
	}
	value := func(v any) int {
		if p, ok := v.(Prioritized); ok {
			return p.Value.(int)
		}
		return v.(int)
	}
	var (
		lockHolders, semHolders int
		put, got                = map[int]bool{}, map[int]bool{}
		next                    int
		workers                 []*Task
		broken                  string
	)
	fail := func(format string, args ...any) {
		if broken == "" {
			broken = fmt.Sprintf(format, args...)
		}
	}
	// woken reports whether any future of l is done, and whether all of them are.
	woken := func(l *futureList) (some, all bool) {
		all = true
		for f := l.first(); f != nil; f = f.next {
			some = some || f.Done()
			all = all && f.Done()
		}
		return some, all
	}
	var s *Scheduler
	checkWakeUps := func() {
		if s.killing {
			return // the run is over (a deadlock): its tasks end where they wait
		}
		if some, _ := woken(&lock.waiters); !lock.locked && lock.waiters.len() > 0 && !some {
			fail("the lock is free and none of its waiters was woken: %v", lock)
		}
		// A waiter that arrives while a woken one has not run waits behind it even if
		// a permit is free (3.13's FIFO): the woken one wakes it when it runs.
		if some, all := woken(&sem.waiters); sem.value > 0 && !all && !some {
			fail("a permit is free and no waiter was woken: %v", sem)
		}
		// A woken getter or putter leaves the queue's list: it is among the ready
		// tasks, and takes the item or the slot when it runs.
		if _, all := woken(&q.getters); q.items.len() > 0 && !all && s.readyTasks == 0 {
			fail("an item is in the queue, a getter waits, and no task is ready: %v", q)
		}
		if _, all := woken(&q.putters); !q.Full() && !all && s.readyTasks == 0 {
			fail("a slot is free, a putter waits, and no task is ready: %v", q)
		}
	}
	s = New(Options{Clock: NewVirtualClock(), Observer: observerFunc(func(e TraceEvent) {
		if e.Kind == TracePark || e.Kind == TraceFinish {
			checkWakeUps()
		}
	}), OnDeadlock: func(*DeadlockError) bool {
		switch {
		case lock.waiters.len() > 0 && !lock.locked:
			fail("a lock waiter is stranded: %v", lock)
		case sem.waiters.len() > 0 && sem.value > 0:
			fail("a semaphore waiter is stranded: %v", sem)
		case q.getters.len() > 0 && q.items.len() > 0:
			fail("a getter is stranded: %v", q)
		case q.putters.len() > 0 && !q.Full():
			fail("a putter is stranded: %v", q)
		case barrier.cond.waiters.len() > 0 && barrier.state != filling:
			fail("a barrier party is stranded: %v", barrier)
		case barrier.cond.lock.waiters.len() > 0 && !barrier.cond.lock.locked:
			fail("a party is stranded on a barrier's lock: %v", barrier)
		case barrier.count != barrier.cond.waiters.len():
			fail("%v counts %d parties, %d wait", barrier, barrier.count, barrier.cond.waiters.len())
		}
		return false
	}})
	worker := func(id int) TaskFunc {
		return func(t *Task) (any, error) {
			heldLock, heldSem := false, 0
			defer func() { // a cancelled task lets go of what it holds
				if heldLock {
					lockHolders--
					lock.Release()
				}
				for ; heldSem > 0; heldSem-- {
					semHolders--
					sem.Release()
				}
			}()
			for i := id; i < len(ops); i += tasks {
				switch ops[i] % 13 {
				case 0:
					if !heldLock {
						if lock.Acquire(t) != nil {
							return nil, nil
						}
						heldLock = true
						if lockHolders++; lockHolders > 1 {
							fail("%d lock holders", lockHolders)
						}
					}
				case 1:
					if heldLock {
						heldLock = false
						lockHolders--
						lock.Release()
					}
				case 2:
					if heldSem < permits {
						if sem.Acquire(t) != nil {
							return nil, nil
						}
						heldSem++
						if semHolders++; semHolders > permits {
							fail("%d permits out of %d", semHolders, permits)
						}
					}
				case 3:
					if heldSem > 0 {
						heldSem--
						semHolders--
						sem.Release()
					}
				case 4, 5:
					next++
					v := next
					if err := q.Put(t, item(v)); err == nil {
						put[v] = true
					} else if !isCancelled(err) {
						fail("put: %v", err)
					} else {
						return nil, nil
					}
				case 6, 7:
					v, ok, err := q.Get(t)
					if err != nil {
						return nil, nil
					}
					if ok {
						n := value(v)
						if got[n] || !put[n] {
							fail("got %d twice or never put", n)
						}
						got[n] = true
					}
				case 8:
					t.Sleep(0)
				case 9:
					t.Sleep(time.Duration(ops[i]%3) * time.Second)
				case 10:
					if len(workers) > 0 {
						workers[int(ops[i])%len(workers)].Cancel("fuzz")
					}
				case 11:
					if v, ok, err := q.GetNowait(); err == nil && ok {
						n := value(v)
						if got[n] || !put[n] {
							fail("got %d twice or never put", n)
						}
						got[n] = true
					}
				case 12:
					if i, err := barrier.Wait(t); isCancelled(err) {
						return nil, nil
					} else if err != nil || i < 0 || i >= parties {
						fail("barrier wait: %d, %v", i, err)
					}
				}
			}
			return nil, nil
		}
	}
	s.Run(func(m *Task) (any, error) {
		for i := 0; i < tasks; i++ {
			workers = append(workers, s.Spawn(worker(i)))
		}
		_, _, err := m.Wait(workers, AllCompleted, NoTimeout)
		return nil, err
	})
	for _, v := range q.Items() {
		if got[value(v)] {
			fail("item %v was got and is still in the queue", v)
		}
		got[value(v)] = true
	}
	for v := range put {
		if !got[v] {
			fail("item %d was lost", v)
		}
	}
	if broken != "" {
		t.Fatalf("ops %v: %s", ops, broken)
	}
}

func isCancelled(err error) bool {
	return errors.Is(err, ErrCancelled) || errors.Is(err, ErrKilled)
}

// observerFunc is an Observer made of a function.
type observerFunc func(TraceEvent)

func (f observerFunc) Observe(e TraceEvent) { f(e) }
