package runtime

import (
	"errors"
	"testing"
	"time"
)

// Callbacks set with CallAt for one deadline leave the heap in heapq's order, as
// asyncio's TimerHandles do, a cancelled one included in the heap's shape; CallSoon
// callbacks run in order, a cancelled one not at all.
func TestCallbackCallAtTiesInHeapqOrder(t *testing.T) {
	want := []string{
		"0 true false",
		"2 [half 6 5 3 0 1 4]",
		"2 [10 12]",
	}
	cpythonTwin(t, "callback_call_at_ties", want...)
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		var out []any
		when := sc.Now() + seconds(1)
		var handles []*Callback
		for i := range 7 {
			handles = append(handles, sc.CallAt(when, func() { out = append(out, i) }))
		}
		handles[2].Cancel()
		sc.CallLater(seconds(0.5), func() { out = append(out, "half") })
		sc.logf("%v %v", handles[2].Cancelled(), handles[3].Cancelled())
		m.Sleep(seconds(2))
		sc.logf("%v", out)
		var soon []*Callback
		for i := 10; i < 13; i++ {
			soon = append(soon, sc.CallSoon(func() { out = append(out, i) }))
		}
		soon[1].Cancel()
		m.Sleep(0)
		sc.logf("%v", out[7:])
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, want...)
}

// A callback runs outside any task, on a goroutine that is not the hub's.
func TestCallbackRunsOutsideTasks(t *testing.T) {
	sc := newScenario()
	err := sc.run(t, func(m *Task) {
		cb := sc.CallLater(time.Second, func() { sc.logf("current %v", sc.Current()) })
		when, ok := cb.When()
		sc.logf("when %v %v", when, ok)
		m.Sleep(2 * time.Second)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 when 1s true", "1 current <nil>")
}

// A run torn down (here by Abort) runs no callback any more, and ends the callback
// runner's goroutine.
func TestCallbackNotRunWhileKilling(t *testing.T) {
	sc := newScenario()
	ran := 0
	err := sc.Run(func(m *Task) (any, error) {
		sc.CallSoon(func() { ran++ })
		m.Sleep(0) // the runner is made
		sc.Spawn(func(t *Task) (any, error) { return nil, t.Sleep(time.Hour) })
		sc.CallSoon(func() { ran++ })
		sc.Abort(errors.New("stopped"))
		return nil, nil
	})
	if err == nil || err.Error() != "stopped" {
		t.Errorf("Run: %v, want the abort's error", err)
	}
	if ran != 1 || sc.runner != nil {
		t.Errorf("callbacks run: %d, want 1; runner left: %v", ran, sc.runner != nil)
	}
}
