package runtime

import (
	"fmt"
	"strings"
)

// TaskInfo is a snapshot of a task for reports: the deadlock report, the Ctrl-C
// listing, the REPL's :tasks.
type TaskInfo struct {
	ID     int
	Name   string
	State  TaskState
	WaitOp string // what it waits on, when waiting: "Lock.acquire"
	WaitOn string // the object, as it was then: "<Lock [locked, waiters:1]>"
	HeldBy string // the task holding what it waits on, if that is a lock
	Where  string // the script position, if known
}

// A Holder is a primitive that a task holds (a Lock): reports name the holder.
type Holder interface {
	Holder() *Task
}

// Info takes a snapshot of t. Call it with the baton.
func (t *Task) Info() TaskInfo {
	info := TaskInfo{ID: t.id, Name: t.name, State: t.state}
	if t.state == Waiting || t.state == Ready {
		info.WaitOp = t.why.Op
		if t.why.On != nil {
			info.WaitOn = t.why.On.String()
		}
		if h, ok := t.why.On.(Holder); ok && h.Holder() != nil {
			info.HeldBy = h.Holder().name
		}
	}
	if t.Where != nil && t.started && !t.state.Finished() {
		info.Where = t.Where()
	}
	return info
}

// String reads like "task-1 waiting on Lock.acquire <Lock [locked, waiters:1]>, held
// by task-2, at x.lua:5".
func (i TaskInfo) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", i.Name, i.State)
	if i.WaitOp != "" {
		fmt.Fprintf(&b, " on %s", i.WaitOp)
		if i.WaitOn != "" {
			fmt.Fprintf(&b, " %s", i.WaitOn)
		}
		if i.HeldBy != "" {
			fmt.Fprintf(&b, ", held by %s", i.HeldBy)
		}
	}
	if i.Where != "" {
		fmt.Fprintf(&b, ", at %s", i.Where)
	}
	return b.String()
}

// DeadlockError is Run's error when tasks remain and none can ever wake.
type DeadlockError struct {
	Tasks []TaskInfo // every unfinished task, in spawn order
}

func newDeadlockError(tasks []*Task) *DeadlockError {
	e := &DeadlockError{}
	for _, t := range tasks {
		e.Tasks = append(e.Tasks, t.Info())
	}
	return e
}

func (e *DeadlockError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "deadlock: %d %s waiting and nothing can wake %s",
		len(e.Tasks), plural(len(e.Tasks), "task is", "tasks are"), plural(len(e.Tasks), "it", "them"))
	for _, t := range e.Tasks {
		b.WriteString("\n  ")
		b.WriteString(t.String())
	}
	return b.String()
}

// InterruptedError is Run's error after Interrupt: which tasks were cancelled, and
// what each was doing at that moment.
type InterruptedError struct {
	Tasks  []*Task    // the tasks that were unfinished, in spawn order
	Before []TaskInfo // what each was doing when interrupted
}

func (e *InterruptedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "interrupted: cancelled %d %s", len(e.Tasks), plural(len(e.Tasks), "task", "tasks"))
	for i, t := range e.Tasks {
		fmt.Fprintf(&b, "\n  %s (%s)", e.Before[i], t.State())
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
