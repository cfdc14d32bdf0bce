package runtime

import (
	"errors"
	"testing"
)

// as_completed gives the tasks and futures in the order they end, each once; its
// caller runs two iterations after one ends; after the timeout it gets ErrTimeout.
func TestAsCompletedOrderTimeoutAndIterations(t *testing.T) {
	want := []string{
		"0.1 got b",
		"0.15 got f",
		"0.2 got c",
		"0.3 got a",
		"0.4 got quick",
		"0.8 timeout false",
		"0.8 tick 0",
		"0.8 tick 1",
		"0.8 tick 2",
		"0.8 tick 3",
		"0.8 got zero",
		"0.8 tick 4",
		"0.8 tick 5",
	}
	cpythonTwin(t, "as_completed_order", want...)
	sc := newScenario()
	w := func(d float64, name string) TaskFunc {
		return func(t *Task) (any, error) {
			if err := t.Sleep(seconds(d)); err != nil {
				return nil, err
			}
			return name, nil
		}
	}
	drain := func(m *Task, a *AsCompleted) error {
		for {
			it, ok, err := a.Next(m)
			if err != nil || !ok {
				return err
			}
			switch it := it.(type) {
			case *Task:
				r, _ := it.Result()
				sc.logf("got %v", r)
			case *Future:
				r, _ := it.Result()
				sc.logf("got %v", r)
			}
		}
	}
	err := sc.run(t, func(m *Task) {
		var items []Awaitable
		for _, c := range []struct {
			d    float64
			name string
		}{{0.3, "a"}, {0.1, "b"}, {0.2, "c"}} {
			items = append(items, sc.Spawn(w(c.d, c.name)))
		}
		fut := NewFuture(sc.Scheduler)
		sc.CallLater(seconds(0.15), func() { fut.SetResult("f") })
		items = append(items, fut, items[0])
		if err := drain(m, sc.AsCompleted(items, -1)); err != nil {
			t.Fatal(err)
		}
		slow, quick := sc.Spawn(w(1, "slow")), sc.Spawn(w(0.1, "quick"))
		if err := drain(m, sc.AsCompleted([]Awaitable{slow, quick}, seconds(0.5))); errors.Is(err, ErrTimeout) {
			sc.logf("timeout %v", slow.Done())
		}
		slow.Cancel("")
		tk := sc.spawn(func(t *Task) {
			for i := range 6 {
				sc.logf("tick %d", i)
				t.Sleep(0)
			}
		})
		z := sc.Spawn(w(0, "zero"))
		drain(m, sc.AsCompleted([]Awaitable{z}, -1))
		m.Join(tk)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}
