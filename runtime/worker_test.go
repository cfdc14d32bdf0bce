package runtime

import (
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
