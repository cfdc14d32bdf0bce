package trace

import (
	"fmt"
	"strings"
	"testing"

	"luasync/runtime"
)

// segments lists a task's segments as "state start-end [op]".
func segments(v *view, task string) string {
	for _, tv := range v.tasks {
		if tv.name != task {
			continue
		}
		var out []string
		for _, s := range tv.segs {
			line := fmt.Sprintf("%s %g-%g", s.State, s.Start.Seconds(), s.End.Seconds())
			if s.Op != "" {
				line += " " + s.Op
			}
			out = append(out, line)
		}
		return strings.Join(out, ", ")
	}
	return "no task " + task
}

func TestSegmentsOfTheLockTutorial(t *testing.T) {
	r, err := record(t, lockTutorial)
	if err != nil {
		t.Fatal(err)
	}
	v := r.view()
	for task, want := range map[string]string{
		"Task-1": "ready 0-0, running 0-0, waiting 0-4 gather, ready 4-4, running 4-4",
		"Task-2": "ready 0-0, block() 0-2, running 2-2",
		"Task-3": "ready 0-2, block() 2-4, running 4-4",
	} {
		if got := segments(v, task); got != want {
			t.Errorf("%s: %s\nwant %s", task, got, want)
		}
	}
	var holds []string
	for _, tv := range v.tasks {
		for _, h := range tv.holds {
			holds = append(holds, fmt.Sprintf("%s %s %g-%g at %s", tv.name, h.label, h.Start.Seconds(), h.End.Seconds(), h.Where))
		}
	}
	if got, want := strings.Join(holds, "; "), "Task-2 Lock A 0-2 at lock.lua:11; Task-3 Lock A 2-4 at lock.lua:11"; got != want {
		t.Errorf("holds: %s\nwant %s", got, want)
	}
}

func TestSegmentsOfWaits(t *testing.T) {
	r, err := record(t, func(s *runtime.Scheduler, m *runtime.Task) {
		q := runtime.NewQueue(0)
		c := spawn(s, "q.lua:2", func(t *runtime.Task) { q.Get(t) })
		m.Sleep(secs(1))
		m.Sleep(0)
		q.Put(m, "x")
		m.Join(c)
	})
	if err != nil {
		t.Fatal(err)
	}
	v := r.view()
	if got, want := segments(v, "Task-2"), "ready 0-0, running 0-0, waiting 0-1 Queue.get, ready 1-1, running 1-1"; got != want {
		t.Errorf("Task-2: %s\nwant %s", got, want)
	}
	if got, want := segments(v, "Task-1"), "ready 0-0, running 0-0, sleeping 0-1 sleep, ready 1-1, running 1-1, ready 1-1 sleep, running 1-1, waiting 1-1 Task.join, ready 1-1, running 1-1"; got != want {
		t.Errorf("main: %s\nwant %s", got, want)
	}
	var marks []string
	for _, tv := range v.tasks {
		for _, m := range tv.marks {
			marks = append(marks, fmt.Sprintf("%s %s %g %s", tv.name, m.Kind, m.Time.Seconds(), m.Text))
		}
	}
	if got, want := strings.Join(marks, "; "), "Task-1 spawn 0 ; Task-1 finish 1 ; Task-2 spawn 0 Task-1; Task-2 finish 1 "; got != want {
		t.Errorf("marks: %s\nwant %s", got, want)
	}
}

// A run cut short (a deadlock) closes what was open at that moment; the teardown
// that follows is not recorded.
func TestRecordingStopsAtTeardown(t *testing.T) {
	r, err := record(t, func(s *runtime.Scheduler, m *runtime.Task) {
		m.Sleep(secs(3))
		runtime.NewQueue(0).Get(m)
	})
	if err == nil {
		t.Fatal("no deadlock")
	}
	v := r.view()
	if got, want := segments(v, "Task-1"), "ready 0-0, running 0-0, sleeping 0-3 sleep, ready 3-3, running 3-3, waiting 3-3 Queue.get"; got != want {
		t.Errorf("main: %s\nwant %s", got, want)
	}
	if v.tasks[0].final != "" || !r.deadlock {
		t.Errorf("main should still be waiting in a deadlock: %q %v", v.tasks[0].final, r.deadlock)
	}
}

// Past MaxSegments the recording of segments stops, and says so.
func TestRecordingIsCapped(t *testing.T) {
	clock := runtime.NewVirtualClock()
	rec := New(Options{Clock: clock, Timeline: true, MaxSegments: 10})
	s := runtime.New(runtime.Options{Clock: clock, Observer: rec})
	s.Run(func(m *runtime.Task) (any, error) {
		for range 20 {
			m.Sleep(secs(1))
		}
		return nil, nil
	})
	rec.End()
	cut, at := rec.Truncated()
	if !cut || at != secs(3) { // 10 = the spawn mark and 9 segments
		t.Errorf("Truncated: %v at %v", cut, at)
	}
	if n := len(rec.tasks[0].segs); n > 10 {
		t.Errorf("%d segments kept", n)
	}
	if !strings.Contains(text(rec, 40), "the recording was cut at t=3.000 s") {
		t.Error("the text timeline does not say it was cut")
	}
}

// Without Timeline or Stats, finished tasks are forgotten.
func TestLintOnlyRecordingForgetsFinishedTasks(t *testing.T) {
	clock := runtime.NewVirtualClock()
	rec := New(Options{Clock: clock})
	s := runtime.New(runtime.Options{Clock: clock, Observer: rec})
	s.Run(func(m *runtime.Task) (any, error) {
		for range 100 {
			c := s.Spawn(func(t *runtime.Task) (any, error) { return nil, nil })
			m.Join(c)
		}
		return nil, nil
	})
	rec.End()
	if len(rec.byTask) > 1 || len(rec.tasks) > 3 {
		t.Errorf("%d tasks kept, %d in the map", len(rec.tasks), len(rec.byTask))
	}
	for _, tt := range rec.tasks {
		if len(tt.segs) != 0 {
			t.Error("segments kept without Timeline")
		}
	}
}
