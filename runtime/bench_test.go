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
