package trace

import (
	"strings"
	"testing"

	"luasync/runtime"
)

func TestLints(t *testing.T) {
	cases := []struct {
		name string
		main func(s *runtime.Scheduler, m *runtime.Task)
		want []string // the lints, in order; nil for none
	}{
		{"a task finishes holding a lock", func(s *runtime.Scheduler, m *runtime.Task) {
			l := runtime.NewLock()
			c := spawn(s, "x.lua:3", func(t *runtime.Task) { l.Acquire(t); t.Sleep(secs(1)) })
			m.Join(c)
		}, []string{"Task-2 finished at t=1.000 while holding Lock A, acquired at x.lua:3, and nobody released it: no other task could take it (lock:with(fn) releases it even when fn fails)"}},
		{"... and a Condition's lock", func(s *runtime.Scheduler, m *runtime.Task) {
			c := runtime.NewCondition(nil)
			w := spawn(s, "x.lua:4", func(t *runtime.Task) { c.Acquire(t) })
			m.Join(w)
		}, []string{"Task-2 finished at t=0.000 while holding Condition A's lock, acquired at x.lua:4, and nobody released it: no other task could take it (condition:with(fn) releases it even when fn fails)"}},
		{"a lock taken by a helper for its caller", func(s *runtime.Scheduler, m *runtime.Task) {
			// wait_for(lock.acquire, 5, lock): a helper task takes the lock and
			// finishes at once; main, which waited for it, holds it and releases it.
			l := runtime.NewLock()
			holder := spawn(s, "x.lua:2", func(t *runtime.Task) { t.Sleep(secs(1)); l.Release() })
			l.Acquire(m)
			helper := spawn(s, "x.lua:3", func(t *runtime.Task) { l.Acquire(t) })
			m.WaitFor(helper, secs(5))
			m.Sleep(secs(1))
			l.Release()
			m.Join(holder)
		}, nil},
		{"a lock taken for a caller that forgets it", func(s *runtime.Scheduler, m *runtime.Task) {
			l := runtime.NewLock()
			helper := spawn(s, "x.lua:3", func(t *runtime.Task) { l.Acquire(t) })
			m.WaitFor(helper, secs(5))
			m.Sleep(secs(1))
		}, []string{"Task-2 finished at t=0.000 while holding Lock A, acquired at x.lua:3, and nobody released it: no other task could take it (lock:with(fn) releases it even when fn fails)"}},
		{"a lock left held, then a deadlock", func(s *runtime.Scheduler, m *runtime.Task) {
			l := runtime.NewLock()
			m.Join(spawn(s, "x.lua:3", func(t *runtime.Task) { l.Acquire(t) }))
			m.Join(spawn(s, "x.lua:4", func(t *runtime.Task) { l.Acquire(t) }))
		}, []string{"Task-2 finished at t=0.000 while holding Lock A, acquired at x.lua:3, and nobody released it: no other task could take it (lock:with(fn) releases it even when fn fails)"}},
		{"a lock released by its task", func(s *runtime.Scheduler, m *runtime.Task) {
			l := runtime.NewLock()
			c := spawn(s, "x.lua:3", func(t *runtime.Task) { l.Acquire(t); t.Sleep(secs(1)); l.Release() })
			m.Join(c)
		}, nil},
		{"a permit never given back", func(s *runtime.Scheduler, m *runtime.Task) {
			sem, _ := runtime.NewSemaphore(2)
			a := spawn(s, "x.lua:5", func(t *runtime.Task) { sem.Acquire(t) })
			b := spawn(s, "x.lua:6", func(t *runtime.Task) { sem.Acquire(t); sem.Release() })
			m.Gather([]*runtime.Task{a, b})
		}, []string{"Task-2 finished at t=0.000 holding a permit of Semaphore A, acquired at x.lua:5 and never gave it back: the run ended with 1 of its 2 permits free"}},
		{"a Semaphore(0) as a signal", func(s *runtime.Scheduler, m *runtime.Task) {
			sem, _ := runtime.NewSemaphore(0)
			a := spawn(s, "x.lua:5", func(t *runtime.Task) { sem.Acquire(t) })
			b := spawn(s, "x.lua:6", func(t *runtime.Task) { t.Sleep(secs(1)); sem.Release() })
			m.Gather([]*runtime.Task{a, b})
		}, nil},
		{"a permit taken and passed on", func(s *runtime.Scheduler, m *runtime.Task) {
			sem, _ := runtime.NewSemaphore(1)
			a := spawn(s, "x.lua:5", func(t *runtime.Task) { sem.Acquire(t) })
			m.Join(a)
			sem.Release() // main gives it back for Task-2
		}, nil},
		{"a lost wakeup", func(s *runtime.Scheduler, m *runtime.Task) {
			c := runtime.NewCondition(nil)
			courier := spawn(s, "x.lua:10", func(t *runtime.Task) {
				t.Sleep(secs(1))
				c.Acquire(t)
				c.Notify(1)
				c.Release()
			})
			customer := spawn(s, "x.lua:20", func(t *runtime.Task) {
				t.Sleep(secs(2))
				c.Acquire(t)
				c.Wait(t)
				c.Release()
			})
			m.Gather([]*runtime.Task{courier, customer})
		}, []string{"Condition A: Task-3 began waiting at x.lua:20 (t=2.000) after Task-2's notify() at x.lua:10 (t=1.000) had found nobody waiting, and no notify came for it (the run deadlocked): a lost wakeup? wait_for(predicate) checks before it waits"}},
		{"a lost wakeup ended by a timeout", func(s *runtime.Scheduler, m *runtime.Task) {
			c := runtime.NewCondition(nil)
			c.Acquire(m)
			c.Notify(1)
			customer := s.Spawn(func(t *runtime.Task) (any, error) {
				c.Acquire(t)
				defer c.Release()
				return nil, c.Wait(t)
			})
			customer.Where = func() string { return "x.lua:20" }
			c.Release()
			m.WaitFor(customer, secs(5))
		}, []string{"Condition A: Task-2 began waiting at x.lua:20 (t=0.000) after Task-1's notify() at test.lua:1 (t=0.000) had found nobody waiting, and no notify came for it (it was woken only by a cancellation): a lost wakeup? wait_for(predicate) checks before it waits"}},
		{"wait_for after a notify", func(s *runtime.Scheduler, m *runtime.Task) {
			c := runtime.NewCondition(nil)
			ready := false
			c.Acquire(m)
			ready = true
			c.Notify(1)
			c.Release()
			w := spawn(s, "x.lua:20", func(t *runtime.Task) {
				c.Acquire(t)
				c.WaitFor(t, func() (any, bool, error) { return nil, ready, nil })
				c.Release()
			})
			m.Join(w)
		}, nil},
		{"a notify heard", func(s *runtime.Scheduler, m *runtime.Task) {
			c := runtime.NewCondition(nil)
			c.Acquire(m)
			c.Notify(1) // nobody yet: but the waiter below is notified later
			c.Release()
			w := spawn(s, "x.lua:20", func(t *runtime.Task) { c.Acquire(t); c.Wait(t); c.Release() })
			m.Sleep(secs(1))
			c.Acquire(m)
			c.Notify(1)
			c.Release()
			m.Join(w)
		}, nil},
		{"join with items nobody gets", func(s *runtime.Scheduler, m *runtime.Task) {
			q := runtime.NewQueue(0)
			q.Put(m, 1)
			q.Put(m, 2)
			q.Join(m)
		}, []string{"Task-1 waits in Queue:join() at test.lua:1 for Queue A, which no task will ever get from: it holds 2 items and nobody ever called get() on it"}},
		{"join after the getters left", func(s *runtime.Scheduler, m *runtime.Task) {
			q := runtime.NewQueue(0)
			spawn(s, "x.lua:2", func(t *runtime.Task) { q.Get(t); q.TaskDone() })
			for i := range 3 {
				q.Put(m, i)
			}
			q.Join(m)
		}, []string{"Task-1 waits in Queue:join() at test.lua:1 for Queue A, which no task will ever get from: it holds 2 items, and the tasks that got from it before (Task-2) will get no more"}},
		{"join without task_done", func(s *runtime.Scheduler, m *runtime.Task) {
			q := runtime.NewQueue(0)
			spawn(s, "x.lua:2", func(t *runtime.Task) {
				for {
					if _, _, err := q.Get(t); err != nil {
						return
					}
				}
			})
			for i := range 3 {
				q.Put(m, i)
			}
			q.Join(m)
		}, []string{"Task-1 waits in Queue:join() at test.lua:1 for Queue A, which no task will ever get from, and 3 of the items taken from it (by Task-2) were never marked done: call task_done() once for each item got"}},
		{"join done right", func(s *runtime.Scheduler, m *runtime.Task) {
			q := runtime.NewQueue(0)
			w := spawn(s, "x.lua:2", func(t *runtime.Task) {
				for {
					if _, ok, _ := q.Get(t); !ok {
						return
					}
					q.TaskDone()
				}
			})
			for i := range 3 {
				q.Put(m, i)
			}
			q.Join(m)
			q.Close()
			m.Join(w)
		}, nil},
	}
	// Every case runs twice: with a recorder that keeps everything, which sees every
	// event, and with one for the lints alone, as a plain run has, which is told
	// only of what TraceKinds asks for.
	modes := []struct {
		name string
		opts Options
	}{{"everything", Options{Timeline: true, Stats: true}}, {"lints alone", Options{}}}
	for _, c := range cases {
		for _, mode := range modes {
			t.Run(c.name+"/"+mode.name, func(t *testing.T) {
				r, _ := recordWith(t, mode.opts, c.main)
				got := r.Lints()
				if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
					t.Errorf("lints:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
				}
			})
		}
	}
}

// The lints need no Timeline: a run records them without keeping segments.
func TestLintsWithoutTimeline(t *testing.T) {
	clock := runtime.NewVirtualClock()
	rec := New(Options{Clock: clock})
	s := runtime.New(runtime.Options{Clock: clock, Observer: rec})
	s.Run(func(m *runtime.Task) (any, error) {
		l := runtime.NewLock()
		c := s.Spawn(func(t *runtime.Task) (any, error) { return nil, l.Acquire(t) })
		m.Join(c)
		return nil, nil
	})
	rec.End()
	if lints := rec.Lints(); len(lints) != 1 || !strings.HasPrefix(lints[0], "Task-2 finished at t=0.000 while holding Lock A") {
		t.Errorf("lints: %q", lints)
	}
}
