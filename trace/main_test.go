package trace

import (
	"strings"
	"testing"
	"time"

	"luasync/internal/leaktest"
	"luasync/runtime"
)

func TestMain(m *testing.M) {
	leaktest.VerifyTestMain(m)
}

func secs(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// record runs main as the task "main" on a virtual clock with a Recorder attached
// (keeping everything) and returns it once the run is over, with Run's error. Task
// bodies are plain Go; where(t), if given, is each task's script position.
func record(t *testing.T, main func(s *runtime.Scheduler, m *runtime.Task)) (*Recorder, error) {
	t.Helper()
	return recordWith(t, Options{Timeline: true, Stats: true}, main)
}

// recordWith is record with a Recorder made with opts (and the run's clock).
func recordWith(t *testing.T, opts Options, main func(s *runtime.Scheduler, m *runtime.Task)) (*Recorder, error) {
	t.Helper()
	clock := runtime.NewVirtualClock()
	opts.Clock, opts.Script = clock, "test.lua"
	rec := New(opts)
	s := runtime.New(runtime.Options{Clock: clock, Observer: rec})
	err := s.Run(func(m *runtime.Task) (any, error) {
		m.Where = func() string { return "test.lua:1" }
		main(s, m)
		return nil, nil
	})
	rec.End()
	return rec, err
}

// spawn starts body as a task whose script position is at.
func spawn(s *runtime.Scheduler, at string, body func(t *runtime.Task)) *runtime.Task {
	t := s.Spawn(func(t *runtime.Task) (any, error) { body(t); return nil, nil })
	t.Where = func() string { return at }
	return t
}

// lockTutorial is scripts/tutorial/lock.lua in Go: two workers take a lock in turn
// and block(2) inside it, while main gathers them.
func lockTutorial(s *runtime.Scheduler, m *runtime.Task) {
	lock := runtime.NewLock()
	worker := func(t *runtime.Task) {
		lock.Acquire(t)
		t.Block(secs(2))
		lock.Release()
	}
	a := spawn(s, "lock.lua:11", worker)
	b := spawn(s, "lock.lua:11", worker)
	m.Gather([]*runtime.Task{a, b})
}

// lockSleep is scripts/tutorial/lock_sleep.lua: sleep(2) instead of block(2), so the
// second worker waits for the lock.
func lockSleep(s *runtime.Scheduler, m *runtime.Task) {
	lock := runtime.NewLock()
	worker := func(t *runtime.Task) {
		lock.Acquire(t)
		t.Sleep(secs(2))
		lock.Release()
	}
	a := spawn(s, "lock_sleep.lua:13", worker)
	b := spawn(s, "lock_sleep.lua:13", worker)
	m.Gather([]*runtime.Task{a, b})
}

func text(r *Recorder, width int) string {
	var b strings.Builder
	r.WriteText(&b, width)
	return b.String()
}
