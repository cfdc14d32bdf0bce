package runtime

import (
	"strings"
	"testing"
	"time"
)

// A task runs on a worker that an ended task left idle, whichever Scheduler it
// belonged to: a hundred runs of eleven tasks at once make at most eleven workers.
func TestWorkersAreReused(t *testing.T) {
	StopIdleWorkers()
	idleWorkers.Lock()
	before := idleWorkers.made
	idleWorkers.Unlock()
	for range 100 {
		s := New(Options{Clock: NewVirtualClock()})
		s.Run(func(m *Task) (any, error) {
			var ts []*Task
			for range 10 {
				ts = append(ts, s.Spawn(func(t *Task) (any, error) { return nil, t.Sleep(time.Second) }))
			}
			return nil, m.Gather(ts)
		})
	}
	idleWorkers.Lock()
	made, idle := idleWorkers.made-before, len(idleWorkers.list)
	idleWorkers.Unlock()
	if made > 11 || idle != made {
		t.Errorf("%d workers made for 100 runs of 11 tasks, %d idle after; want at most 11, all idle", made, idle)
	}
}

// Past maxIdleWorkers, the workers of ended tasks end too.
func TestIdleWorkersAreBounded(t *testing.T) {
	StopIdleWorkers()
	s := New(Options{Clock: NewVirtualClock()})
	s.Run(func(m *Task) (any, error) {
		var ts []*Task
		for range 2 * maxIdleWorkers {
			ts = append(ts, s.Spawn(func(t *Task) (any, error) { return nil, t.Sleep(time.Second) }))
		}
		return nil, m.Gather(ts)
	})
	idleWorkers.Lock()
	idle := len(idleWorkers.list)
	idleWorkers.Unlock()
	if idle != maxIdleWorkers {
		t.Errorf("%d idle workers, want %d", idle, maxIdleWorkers)
	}
}

// When a task parks, its worker runs the loop on (runOnWorker): two tasks bouncing
// a token through two queues switch to each other directly, and the hub resumes a
// worker only a few times however many round trips they make. A ring of three tasks
// passing a token on, where the task woken is the one that resumed the chain's
// first worker, keeps asyncio's order all the same.
func TestTasksSwitchWithoutTheHub(t *testing.T) {
	for _, rounds := range []int{10, 1000} {
		s := New(Options{Clock: NewVirtualClock()})
		q1, q2 := NewQueue(0), NewQueue(0)
		var log []int
		err := s.Run(func(m *Task) (any, error) {
			pong := s.Spawn(func(t *Task) (any, error) {
				for i := 0; i < rounds; i++ {
					v, _, err := q1.Get(t)
					if err != nil {
						return nil, err
					}
					if err := q2.Put(t, v.(int)+1); err != nil {
						return nil, err
					}
				}
				return nil, nil
			})
			token := 0
			for i := 0; i < rounds; i++ {
				if err := q1.Put(m, token); err != nil {
					return nil, err
				}
				v, _, err := q2.Get(m)
				if err != nil {
					return nil, err
				}
				token = v.(int)
				log = append(log, token)
			}
			_, err := m.Join(pong)
			return nil, err
		})
		if err != nil || len(log) != rounds || log[rounds-1] != rounds {
			t.Fatalf("%d rounds: %v, token %v", rounds, err, log[len(log)-1:])
		}
		if s.hubResumes > 4 {
			t.Errorf("%d round trips: the hub resumed a worker %d times, want at most 4", rounds, s.hubResumes)
		}
	}

	s := New(Options{Clock: NewVirtualClock()})
	var order []string
	err := s.Run(func(m *Task) (any, error) {
		ring := []*Queue{NewQueue(0), NewQueue(0), NewQueue(0)}
		var ts []*Task
		for i, name := range []string{"a", "b", "c"} {
			ts = append(ts, s.Spawn(func(t *Task) (any, error) {
				for range 3 {
					v, _, err := ring[i].Get(t)
					if err != nil {
						return nil, err
					}
					order = append(order, name)
					if err := ring[(i+1)%3].Put(t, v); err != nil {
						return nil, err
					}
					if err := t.Sleep(0); err != nil {
						return nil, err
					}
				}
				return nil, nil
			}))
		}
		if err := ring[0].Put(m, 1); err != nil {
			return nil, err
		}
		return nil, m.Gather(ts)
	})
	if got := strings.Join(order, ""); err != nil || got != "abcabcabc" {
		t.Errorf("the ring ran %q (%v), want abcabcabc", got, err)
	}
}

// The chain of workers running the loop stays short: a thousand tasks that each
// yield once (spawn_alive's pattern) are never resumed more than maxLoopDepth
// workers away from the hub, however many are parked.
func TestLoopChainIsShort(t *testing.T) {
	s := New(Options{Clock: NewVirtualClock()})
	deepest := 0
	err := s.Run(func(m *Task) (any, error) {
		var ts []*Task
		for range 1000 {
			ts = append(ts, s.Spawn(func(t *Task) (any, error) {
				deepest = max(deepest, t.worker.depth)
				if err := t.Sleep(0); err != nil {
					return nil, err
				}
				deepest = max(deepest, t.worker.depth)
				return nil, nil
			}))
		}
		for _, o := range ts {
			if _, err := m.Join(o); err != nil {
				return nil, err
			}
		}
		return nil, nil
	})
	if err != nil || deepest > maxLoopDepth {
		t.Errorf("a task ran %d workers away from the hub (%v), want at most %d", deepest, err, maxLoopDepth)
	}
}
