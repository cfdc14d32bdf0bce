package runtime

import (
	"errors"
	"fmt"
)

// TaskGroup is structured concurrency: asyncio.TaskGroup, built as asyncio builds it.
// A parent task makes one, runs a body that spawns children into it, then waits in
// Wait until every child has finished; see WithTaskGroup.
//
//   - If a child fails (an error other than cancellation), the group shuts down: the
//     other children are cancelled and so is the parent, once (the group takes that
//     cancellation back when it ends). Once all have finished, Wait returns an
//     *ExceptionGroup of every child's error, in the order they ended (all of them
//     count as retrieved).
//   - If the body fails, the children are cancelled, and once they have finished
//     Wait returns an *ExceptionGroup of the children's errors, then the body's.
//   - Cancel cancels the children and the body, and the group ends without error
//     (asyncio.TaskGroup.cancel, Python 3.15).
//   - If the parent is cancelled from outside (in the body or in Wait), the children
//     are cancelled, and Wait returns that Cancelled error once they have finished,
//     unless a child failed; then the cancellation is requested again, to reach the
//     parent at its next blocking point (as asyncio does).
//
// The parent wakes from Wait through a future that the last child's done-callback
// completes: two iterations after that child ends. Spawning is refused once the group
// shuts down or has finished. All methods are called with the baton.
type TaskGroup struct {
	parent   *Task
	children []*Task // spawned, in spawn order; finished ones are dropped now and then
	live     int     // unfinished children
	errs     []error // the children's errors, in the order they ended
	nerrors  int

	aborting              bool    // shutting down: children cancelled, no more spawns
	exiting               bool    // the body has returned, the parent is in Wait
	finished              bool    // Wait has returned
	parentCancelRequested bool    // the group cancelled the parent (once)
	completed             *Future // what Wait awaits: the last child's end
}

// GroupCancelMessage is the message of the Cancelled error a TaskGroup raises in its
// children and its body when it shuts down: none, as in asyncio.
const GroupCancelMessage = ""

// The misuses of a TaskGroup.
var (
	ErrGroupFinished     = errors.New("the task group has finished")
	ErrGroupShuttingDown = errors.New("the task group is shutting down")
	ErrGroupNotParent    = errors.New("only the task that made a task group can wait for it")
	ErrGroupWaited       = errors.New("the task group is already being waited for")
)

// NewTaskGroup makes a group whose body runs in parent.
func NewTaskGroup(parent *Task) *TaskGroup { return &TaskGroup{parent: parent} }

// WithTaskGroup runs body(g) in t with a new group g, then waits for g's children:
// NewTaskGroup, body, Wait.
func (t *Task) WithTaskGroup(body func(g *TaskGroup) error) error {
	g := NewTaskGroup(t)
	return g.Wait(t, body(g))
}

// Spawn starts a child running fn. Any task may spawn into the group, until it shuts
// down or finishes: after that, Spawn returns ErrGroupShuttingDown or ErrGroupFinished.
func (g *TaskGroup) Spawn(fn TaskFunc) (*Task, error) {
	switch {
	case g.finished || (g.exiting && g.live == 0):
		return nil, ErrGroupFinished
	case g.aborting:
		return nil, ErrGroupShuttingDown
	}
	c := g.parent.sched.Spawn(fn)
	g.children = append(g.children, c)
	g.live++
	c.OnDoneAs("TaskGroup._on_task_done()", g.childDone)
	return c, nil
}

// Cancel cancels every unfinished child and the body, if it is still running; the
// group then ends without error once they have finished (unless a child fails in
// its cleanup). It does nothing once the group has finished or shuts down.
func (g *TaskGroup) Cancel() {
	if g.finished || g.aborting {
		return
	}
	g.abort()
	if !g.exiting && !g.parentCancelRequested {
		g.parentCancelRequested = true
		g.parent.Cancel(GroupCancelMessage)
	}
}

// Wait is called by the parent once the body has returned, with the body's error: it
// waits until every child has finished and returns the group's outcome (see the
// type's comment). A body error is a cancellation if errors.Is(err, ErrCancelled).
func (g *TaskGroup) Wait(t *Task, bodyErr error) error {
	switch {
	case t != g.parent:
		return ErrGroupNotParent
	case g.exiting:
		return ErrGroupWaited
	}
	g.exiting = true
	defer func() { g.finished = true }()
	if errors.Is(bodyErr, ErrKilled) {
		return bodyErr
	}
	var propagate error // a cancellation to pass on
	if errors.Is(bodyErr, ErrCancelled) {
		propagate = bodyErr
	}
	if bodyErr != nil && !g.aborting {
		g.abort()
	}
	for g.live > 0 {
		g.completed = NewFuture(t.sched)
		err := t.awaitFuture(g.completed, Wait{Op: "TaskGroup.wait", On: g})
		g.completed = nil
		switch {
		case errors.Is(err, ErrKilled):
			return err
		case err != nil && !g.aborting:
			propagate = err
			g.abort()
		}
	}
	if g.parentCancelRequested && t.Uncancel() == 0 {
		propagate = nil
	}
	if propagate != nil && len(g.errs) == 0 {
		return propagate
	}
	if bodyErr != nil && !errors.Is(bodyErr, ErrCancelled) {
		g.errs = append(g.errs, bodyErr)
	}
	if len(g.errs) == 0 {
		return nil
	}
	if t.numCancels > 0 {
		t.Uncancel()
		t.Cancel("")
	}
	return &ExceptionGroup{Errors: g.errs}
}

// abort shuts the group down: it cancels the unfinished children.
func (g *TaskGroup) abort() {
	g.aborting = true
	for _, c := range g.children {
		if !c.Done() {
			c.Cancel(GroupCancelMessage)
		}
	}
}

// childDone is every child's done-callback.
func (g *TaskGroup) childDone(c *Task) {
	g.live--
	if len(g.children) > 2*g.live+16 {
		live := g.children[:0]
		for _, o := range g.children {
			if !o.Done() {
				live = append(live, o)
			}
		}
		clear(g.children[len(live):])
		g.children = live
	}
	if g.completed != nil && g.live == 0 && !g.completed.Done() {
		g.completed.SetResult(true)
	}
	if !c.raised() {
		return
	}
	g.nerrors++
	if g.parent.Done() {
		return // nobody will see it here: the unretrieved-error report will
	}
	c.retrieved = true
	g.errs = append(g.errs, c.err())
	if !g.aborting && !g.parentCancelRequested {
		g.abort()
		g.parentCancelRequested = true
		g.parent.Cancel(GroupCancelMessage)
	}
}

// Len is the number of unfinished children.
func (g *TaskGroup) Len() int { return g.live }

// String follows asyncio's repr: <TaskGroup tasks=2 entered>, <TaskGroup tasks=1
// errors=1 cancelling>; once Wait has returned, <TaskGroup finished>.
func (g *TaskGroup) String() string {
	s := "<TaskGroup"
	if g.live > 0 {
		s += fmt.Sprintf(" tasks=%d", g.live)
	}
	if g.nerrors > 0 {
		s += fmt.Sprintf(" errors=%d", g.nerrors)
	}
	switch {
	case g.finished:
		s += " finished"
	case g.aborting:
		s += " cancelling"
	default:
		s += " entered"
	}
	return s + ">"
}
