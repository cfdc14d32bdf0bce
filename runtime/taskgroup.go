package runtime

import (
	"errors"
	"fmt"
)

// TaskGroup is structured concurrency: asyncio.TaskGroup, trio's nursery. A parent
// task makes one, runs a body that spawns children into it, then waits in Wait until
// every child has finished; see WithTaskGroup.
//
//   - If a child fails (an error other than cancellation), the group shuts down: the
//     other children are cancelled and so is the body, if it is still running. Once
//     all have finished, Wait returns the first child error (which then counts as
//     retrieved; later ones are left for the unretrieved-error report).
//   - If the body fails, the children are cancelled, and Wait returns the body's
//     error once they have finished: it wins over the children's errors, which stay
//     unretrieved and are reported, so no error goes unseen.
//   - Cancel cancels the children and the body, and the group ends without error
//     (asyncio.TaskGroup.cancel, Python 3.15).
//   - If the parent is cancelled from outside (in the body or in Wait), the children
//     are cancelled, and Wait returns Cancelled once they have finished, unless there
//     is an error to return; then the cancellation is requested again, to reach the
//     parent at its next blocking point (as asyncio does).
//
// The group tells its own cancellations of the body from others by their message,
// GroupCancelMessage. Spawning is refused once the group shuts down or has finished.
// All methods are called with the baton.
type TaskGroup struct {
	parent   *Task
	children []*Task // spawned, in spawn order; finished ones are dropped now and then
	live     int     // unfinished children
	errors   int     // children that failed
	first    *Task   // the first child that failed

	aborting        bool // shutting down: children cancelled, no more spawns
	exiting         bool // the body has returned, the parent is in Wait
	finished        bool // Wait has returned
	parked          bool // the parent is parked in Wait
	cancelledParent bool // the group cancelled the body, with GroupCancelMessage
}

// GroupCancelMessage is the message of the Cancelled error a TaskGroup raises in its
// children and its body when it shuts down.
const GroupCancelMessage = "the task group is shutting down"

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
	case g.finished:
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
	var cancelErr error // a cancellation of the parent from outside the group
	if bodyErr != nil {
		if errors.Is(bodyErr, ErrCancelled) && !g.own(bodyErr) {
			cancelErr = bodyErr
		}
		g.abort()
	}
	// The group's own cancellation of the body, if the body did not block since.
	if g.cancelledParent && t.cancelRequested && t.cancelMsg == GroupCancelMessage {
		t.cancelRequested = false
	}
	for g.live > 0 {
		t.prepare(nil)
		g.parked = true
		err := t.park(Wait{Op: "TaskGroup.wait", On: g})
		g.parked = false
		switch {
		case errors.Is(err, ErrKilled):
			return err
		case err != nil:
			cancelErr = err
			g.abort()
		}
	}
	var err error
	switch {
	case bodyErr != nil && !errors.Is(bodyErr, ErrCancelled):
		err = bodyErr
	case g.first != nil:
		g.first.retrieved = true
		err = g.first.err
	default:
		return cancelErr
	}
	if cancelErr != nil {
		var c *Error
		errors.As(cancelErr, &c)
		t.Cancel(c.Message)
	}
	return err
}

// own reports whether err is the Cancelled error the group raised in the body.
func (g *TaskGroup) own(err error) bool {
	var c *Error
	return g.cancelledParent && errors.As(err, &c) && c.Message == GroupCancelMessage
}

// abort shuts the group down: it cancels the children and, while the body runs, the
// body (unless a cancellation of the parent is pending already: that one is not the
// group's, and must reach the caller).
func (g *TaskGroup) abort() {
	if !g.aborting {
		g.aborting = true
		for _, c := range g.children {
			if !c.cancelRequested { // keep the message of a cancellation on its way
				c.Cancel(GroupCancelMessage)
			}
		}
	}
	if !g.exiting && !g.cancelledParent && !g.parent.cancelRequested {
		g.cancelledParent = true
		g.parent.Cancel(GroupCancelMessage)
	}
}

// childDone is every child's OnDone watcher.
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
	if c.raised() {
		g.errors++
		if g.first == nil {
			g.first = c
		}
		if !g.aborting {
			g.abort()
		}
	}
	if g.live == 0 && g.parked {
		g.parent.sched.makeReady(g.parent)
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
	if g.errors > 0 {
		s += fmt.Sprintf(" errors=%d", g.errors)
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
