package play

import (
	"slices"
	"strings"
	"testing"

	"luasync/internal/engine"
)

// Two workers that each take a lock twice, with a waiting point in between.
const twoWorkers = `local lock = Lock()
local function worker(name)
  for i = 1, 2 do
    lock:acquire()
    print(name, i)
    lock:release()
    sleep(0)
  end
end
gather(spawn(worker, "a"), spawn(worker, "b"))
`

// Stepping pauses at each decision with the ready tasks and their next lines; a
// choice changes the order; Undo (one choice fewer) shows the same decision again.
func TestStepPausesAtEachDecision(t *testing.T) {
	first := Step(StepRequest{Name: "w.lua", Source: twoWorkers})
	if first.Finished || first.Decision != 1 || len(first.Ready) != 2 {
		t.Fatalf("first decision: %+v", first)
	}
	if r := first.Ready[0]; r.Name != "Task-2" || r.Text != "(not started yet)" {
		t.Errorf("ready: %+v", first.Ready)
	}
	second := Step(StepRequest{Name: "w.lua", Source: twoWorkers, Path: []string{"Task-3"}})
	if second.Finished || second.Decision != 2 || !slices.Equal(second.Path, []string{"Task-3"}) {
		t.Fatalf("second decision: %+v", second)
	}
	third := Step(StepRequest{Name: "w.lua", Source: twoWorkers, Path: []string{"Task-3", second.Ready[0].Name}})
	if !strings.HasPrefix(third.Stdout, "b\t1\n") {
		t.Errorf("after choosing Task-3 first: stdout %q", third.Stdout)
	}
	var lined bool
	for _, r := range third.Ready {
		lined = lined || (r.Line > 0 && strings.Contains(r.Text, "w.lua:"))
	}
	if !lined {
		t.Errorf("no ready task shows its next line: %+v", third.Ready)
	}
	undone := Step(StepRequest{Name: "w.lua", Source: twoWorkers, Path: third.Path[:len(third.Path)-1]})
	if undone.Decision != second.Decision || !slices.Equal(undone.Ready, second.Ready) {
		t.Errorf("undo: %+v, want %+v", undone, second)
	}
	end := Step(StepRequest{Name: "w.lua", Source: twoWorkers, Path: []string{"Task-3"}, Continue: true})
	if !end.Finished || end.Status != engine.ExitOK || !strings.HasPrefix(end.Stdout, "b\t1\n") {
		t.Errorf("continue: %+v", end)
	}
}

// A failure is reported with the path of choices that led to it.
func TestStepReportsAFailureWithItsPath(t *testing.T) {
	src := `local l = Lock()
local function a() l:acquire(); sleep(0); l:acquire() end
spawn(a)
sleep(0)
l:acquire()
`
	st := Step(StepRequest{Name: "d.lua", Source: src})
	var path []string
	for !st.Finished {
		path = append(path, st.Ready[0].Name)
		st = Step(StepRequest{Name: "d.lua", Source: src, Path: path})
	}
	if st.Status != engine.ExitDeadlock || !strings.Contains(st.Report, "deadlock") ||
		!strings.Contains(st.Report, "luasync: the path of choices: "+strings.Join(path, ", ")) {
		t.Errorf("status %d, path %v, report:\n%s", st.Status, path, st.Report)
	}
}
