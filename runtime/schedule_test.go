package runtime

import (
	"bytes"
	"strings"
	"testing"
)

// A recorded schedule, replayed, makes the same run.
func TestRecordAndReplaySchedule(t *testing.T) {
	program := func(strategy Strategy) []string {
		sc := &scenario{Scheduler: New(Options{Clock: NewVirtualClock(), Strategy: strategy})}
		sc.run(t, func(m *Task) {
			for _, name := range []string{"a", "b", "c"} {
				name := name
				sc.spawn(func(t *Task) {
					for i := 0; i < 3; i++ {
						sc.logf("%s%d", name, i)
						t.Sleep(0)
					}
				})
			}
		})
		return sc.log
	}
	rec := NewRecording(NewRandom(42))
	first := program(rec)
	var file bytes.Buffer
	if err := WriteSchedule(&file, []string{"script: test"}, rec.Choices); err != nil {
		t.Fatal(err)
	}
	choices, err := ReadSchedule(&file)
	if err != nil || strings.Join(choices, " ") != strings.Join(rec.Choices, " ") {
		t.Fatalf("read back %v, %v; wrote %v", choices, err, rec.Choices)
	}
	replay := NewReplay(choices)
	if second := program(replay); strings.Join(second, "|") != strings.Join(first, "|") {
		t.Errorf("replay:\n%v\nrecorded run:\n%v", second, first)
	}
	if replay.Err() != nil || replay.Used() != len(choices) {
		t.Errorf("replay err %v, used %d of %d", replay.Err(), replay.Used(), len(choices))
	}
	if fifo := program(NewRecording(nil)); strings.Join(fifo, "|") != strings.Join(program(nil), "|") {
		t.Error("recording FIFO changed the run")
	}
}

func TestReplayThatDoesNotFit(t *testing.T) {
	replay := NewReplay([]string{"Task-10"})
	sc := &scenario{Scheduler: New(Options{Clock: NewVirtualClock(), Strategy: replay})}
	sc.run(t, func(m *Task) {
		sc.spawn(func(t *Task) {})
		sc.spawn(func(t *Task) {})
	})
	if replay.Err() == nil || !strings.Contains(replay.Err().Error(), "at decision 1 it picks Task-10, but the ready tasks are Task-2, Task-3") {
		t.Errorf("err: %v", replay.Err())
	}
	if _, err := ReadSchedule(strings.NewReader("Task-2 Task-3\n")); err == nil {
		t.Error("a line with two names was accepted")
	}
}
