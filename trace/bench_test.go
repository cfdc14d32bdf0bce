package trace

import (
	"testing"

	"luasync/runtime"
)

type nopObserver struct{}

func (nopObserver) Observe(runtime.TraceEvent) {}

// benchSwitch: two tasks take turns with Sleep(0) and a lock; one op is one switch.
func benchSwitch(b *testing.B, obs func(runtime.Clock) runtime.Observer) {
	clock := runtime.NewVirtualClock()
	s := runtime.New(runtime.Options{Clock: clock, Observer: obs(clock)})
	l := runtime.NewLock()
	b.ReportAllocs()
	b.ResetTimer()
	s.Run(func(m *runtime.Task) (any, error) {
		body := func(t *runtime.Task) (any, error) {
			for i := 0; i < b.N/2; i++ {
				l.Acquire(t)
				t.Sleep(0)
				l.Release()
			}
			return nil, nil
		}
		other := s.Spawn(body)
		body(m)
		m.Join(other)
		return nil, nil
	})
}

// The cost of recording a switch: without an observer, with one that does nothing,
// with the lints' recorder (every run has it) and with the timeline's.
func BenchmarkSwitchNoObserver(b *testing.B) {
	benchSwitch(b, func(runtime.Clock) runtime.Observer { return nil })
}
func BenchmarkSwitchNopObserver(b *testing.B) {
	benchSwitch(b, func(runtime.Clock) runtime.Observer { return nopObserver{} })
}
func BenchmarkSwitchLints(b *testing.B) {
	benchSwitch(b, func(c runtime.Clock) runtime.Observer { return New(Options{Clock: c}) })
}
func BenchmarkSwitchTimeline(b *testing.B) {
	benchSwitch(b, func(c runtime.Clock) runtime.Observer { return New(Options{Clock: c, Timeline: true}) })
}
