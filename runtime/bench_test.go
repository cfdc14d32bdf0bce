package runtime

import "testing"

// runBench runs body as main on a virtual clock; b.N is the body's business.
func runBench(b *testing.B, body func(m *Task)) {
	b.Helper()
	s := New(Options{Clock: NewVirtualClock()})
	b.ReportAllocs()
	b.ResetTimer()
	if err := s.Run(func(m *Task) (any, error) { body(m); return nil, nil }); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkSwitch: two tasks take turns with Sleep(0); one op is one task switch.
func BenchmarkSwitch(b *testing.B) {
	runBench(b, func(m *Task) {
		other := m.Scheduler().Spawn(func(t *Task) (any, error) {
			for i := 0; i < b.N/2; i++ {
				t.Sleep(0)
			}
			return nil, nil
		})
		for i := 0; i < b.N/2; i++ {
			m.Sleep(0)
		}
		m.Join(other)
	})
}

// BenchmarkLockHandoff: two tasks pass a lock back and forth; one op is one
// acquire, which always waits and is woken for the lock.
func BenchmarkLockHandoff(b *testing.B) {
	l := NewLock()
	runBench(b, func(m *Task) {
		worker := func(t *Task) (any, error) {
			for i := 0; i < b.N/2; i++ {
				l.Acquire(t)
				t.Sleep(0)
				l.Release()
			}
			return nil, nil
		}
		a, c := m.Scheduler().Spawn(worker), m.Scheduler().Spawn(worker)
		m.Join(a)
		m.Join(c)
	})
}

// BenchmarkQueuePutGet: a producer and a consumer over Queue(1); one op is one item,
// which costs a switch each way.
func BenchmarkQueuePutGet(b *testing.B) {
	q := NewQueue(1)
	runBench(b, func(m *Task) {
		consumer := m.Scheduler().Spawn(func(t *Task) (any, error) {
			for i := 0; i < b.N; i++ {
				q.Get(t)
			}
			return nil, nil
		})
		for i := 0; i < b.N; i++ {
			q.Put(m, i)
		}
		m.Join(consumer)
	})
}

// BenchmarkSpawnJoin: the main task spawns tasks a thousand at a time and gathers
// them, as bench/spawn_join.lua does; one op is one task spawned, run and gathered
// (-benchmem: what a task costs the runtime alone, 2 allocations: the Task and the
// record of gather's done-callback on it; bindings' BenchmarkSpawnJoin adds the Lua
// side).
func BenchmarkSpawnJoin(b *testing.B) {
	noop := func(*Task) (any, error) { return nil, nil }
	runBench(b, func(m *Task) {
		s := m.Scheduler()
		tasks := make([]*Task, 0, 1000)
		for done := 0; done < b.N; done += len(tasks) {
			tasks = tasks[:0]
			for i := done; i < b.N && len(tasks) < cap(tasks); i++ {
				tasks = append(tasks, s.Spawn(noop))
			}
			if err := m.Gather(tasks); err != nil {
				b.Fatal(err)
			}
		}
	})
}
