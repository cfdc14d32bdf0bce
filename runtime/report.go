package runtime

import (
	"fmt"
	"slices"
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
	info := TaskInfo{ID: int(t.id), Name: t.Name(), State: t.state}
	if t.state == Waiting || t.state == Ready {
		info.WaitOp = t.why.Op
		if t.why.On != nil {
			info.WaitOn = t.why.On.String()
		}
		if h, ok := t.why.On.(Holder); ok && h.Holder() != nil {
			info.HeldBy = h.Holder().Name()
		}
	}
	if t.started && !t.state.Finished() {
		info.Where = t.Position()
	}
	return info
}

// String reads like "Task-2 waiting on Lock.acquire <Lock [locked, waiters:1]>, held
// by Task-3, at x.lua:5".
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
	// Cycle is the wait-for cycle, if the tasks wait for each other in a ring:
	// "Task-2 waits for Lock A held by Task-3, which waits for Lock B held by
	// Task-2". Primitives are named as Labels names them, among those in the cycle.
	Cycle string
}

func newDeadlockError(tasks []*Task) *DeadlockError {
	e := &DeadlockError{Cycle: waitCycle(tasks)}
	for _, t := range tasks {
		e.Tasks = append(e.Tasks, t.Info())
	}
	return e
}

// waitFor is an edge of the wait-for graph: a task waits for to, because to holds
// via (a Lock, a Condition's lock), or, when via is nil, until to finishes (join,
// gather, wait, wait_for).
type waitFor struct {
	to  *Task
	via Primitive
}

// waitsFor lists what a waiting task waits for, in a fixed order.
func waitsFor(t *Task) []waitFor {
	if t.state != Waiting {
		return nil
	}
	var edges []waitFor
	if h, ok := t.why.On.(Holder); ok && h.Holder() != nil {
		edges = append(edges, waitFor{h.Holder(), PrimitiveOf(t.why.On)})
	}
	var awaited []*Task
	switch on := t.why.On.(type) {
	case *Task:
		awaited = append(awaited, on)
	case taskList:
		awaited = append(awaited, on...)
	}
	for _, a := range awaited {
		if !a.Done() {
			edges = append(edges, waitFor{a, nil})
		}
	}
	return edges
}

// waitCycle finds a cycle in the wait-for graph of tasks (the first, searching in
// spawn order) and describes it, starting from its earliest spawned task; "" if the
// tasks wait for each other in no ring.
func waitCycle(tasks []*Task) string {
	const (
		unseen = iota
		onPath
		finished
	)
	mark := map[*Task]int{}
	var path []*Task
	var via []waitFor // via[i] leads from path[i] to path[i+1]
	var cycle []waitFor
	var cycleFrom []*Task
	var visit func(t *Task) bool
	visit = func(t *Task) bool {
		mark[t] = onPath
		path = append(path, t)
		for _, e := range waitsFor(t) {
			via = append(via, e)
			switch mark[e.to] {
			case onPath:
				start := slices.Index(path, e.to)
				cycleFrom, cycle = slices.Clone(path[start:]), slices.Clone(via[start:])
				return true
			case unseen:
				if visit(e.to) {
					return true
				}
			}
			via = via[:len(via)-1]
		}
		path = path[:len(path)-1]
		mark[t] = finished
		return false
	}
	for _, t := range tasks {
		if mark[t] == unseen && visit(t) {
			break
		}
	}
	if cycle == nil {
		return ""
	}
	// Start from the task spawned first: the same ring reads the same way.
	first := 0
	for i, t := range cycleFrom {
		if slices.Index(tasks, t) < slices.Index(tasks, cycleFrom[first]) {
			first = i
		}
	}
	cycleFrom = append(cycleFrom[first:], cycleFrom[:first]...)
	cycle = append(cycle[first:], cycle[:first]...)
	var prims []Primitive
	for _, e := range cycle {
		if e.via != nil {
			prims = append(prims, e.via)
		}
	}
	labels := Labels(prims)
	var b strings.Builder
	for i, e := range cycle {
		if i == 0 {
			b.WriteString(cycleFrom[0].Name())
		} else {
			b.WriteString(", which")
		}
		if e.via != nil {
			fmt.Fprintf(&b, " waits for %s held by %s", labels[e.via], e.to.Name())
		} else {
			fmt.Fprintf(&b, " waits for %s to finish", e.to.Name())
		}
	}
	return b.String()
}

func (e *DeadlockError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "deadlock: %d %s waiting and nothing can wake %s",
		len(e.Tasks), plural(len(e.Tasks), "task is", "tasks are"), plural(len(e.Tasks), "it", "them"))
	for _, t := range e.Tasks {
		b.WriteString("\n  ")
		b.WriteString(t.String())
	}
	if e.Cycle != "" {
		b.WriteString("\n  cycle: ")
		b.WriteString(e.Cycle)
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
