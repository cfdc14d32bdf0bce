package runtime

import (
	"errors"
	"strings"
	"time"
)

// ReturnWhen says when Wait returns: asyncio.wait's return_when.
type ReturnWhen int

const (
	AllCompleted   ReturnWhen = iota // when every task has finished (asyncio.ALL_COMPLETED)
	FirstCompleted                   // when any task has finished (asyncio.FIRST_COMPLETED)
	// FirstException returns when any task fails, or else when every task has
	// finished (asyncio.FIRST_EXCEPTION: a cancelled task does not count as failed).
	FirstException
)

var returnWhenNames = [...]string{"all", "first", "error"}

// String is the name the Lua API uses: "all", "first" or "error".
func (r ReturnWhen) String() string { return returnWhenNames[r] }

// NoTimeout is Wait's timeout for waiting as long as it takes.
const NoTimeout time.Duration = -1

// The misuses of Wait and WaitFor.
var (
	ErrNoTasks     = errors.New("no tasks to wait for")
	ErrWaitForSelf = errors.New("a task cannot wait for itself")
)

// Wait waits until the condition when holds for tasks, or until timeout has passed
// (NoTimeout: no limit), and returns the tasks that have finished and those that have
// not, each in the order of tasks (asyncio.wait). It never cancels the tasks: neither
// on timeout nor when t is cancelled while it waits. Tasks already finished count at
// once, and if the condition already holds Wait returns without yielding. The errors
// of the tasks in done count as retrieved. A timeout of 0 yields once.
func (t *Task) Wait(tasks []*Task, when ReturnWhen, timeout time.Duration) (done, pending []*Task, err error) {
	if len(tasks) == 0 {
		return nil, nil, ErrNoTasks
	}
	undone, failed := 0, false
	for _, c := range tasks {
		switch {
		case c == t:
			return nil, nil, ErrWaitForSelf
		case !c.Done():
			undone++
		case c.raised():
			failed = true
		}
	}
	holds := func() bool {
		switch when {
		case FirstCompleted:
			return undone < len(tasks)
		case FirstException:
			return undone == 0 || failed
		}
		return undone == 0
	}
	if !holds() {
		waiting := true
		// A task listed twice has two watchers, and counts twice in undone.
		watch := func(c *Task) {
			undone--
			if c.raised() {
				failed = true
			}
			if waiting && holds() {
				waiting = false
				t.sched.makeReady(t)
			}
		}
		for _, c := range tasks {
			if !c.Done() {
				c.OnDoneAs("_wait.<locals>._on_completion()", watch)
			}
		}
		t.prepare(nil)
		if timeout >= 0 {
			t.sched.addTimer(&t.timer, t.sched.clock.Now()+timeout)
		}
		err := t.park(Wait{Op: "wait", On: taskList(tasks)})
		waiting = false
		if err != nil {
			return nil, nil, err
		}
	}
	for _, c := range tasks {
		if c.Done() {
			c.retrieved = true
			done = append(done, c)
		} else {
			pending = append(pending, c)
		}
	}
	return done, pending, nil
}

// WaitFor waits for other to finish, at most d (asyncio.wait_for, as of Python 3.12),
// and returns its result and error. When d has passed, other is cancelled and WaitFor
// still waits until it has finished: if it ended cancelled, WaitFor returns ErrTimeout;
// if it swallowed the cancellation and returned, its result; if it failed, its error.
// With d <= 0, other is cancelled at once unless it has finished. If t is cancelled
// while it waits, other is cancelled too and t gets Cancelled once other has finished.
func (t *Task) WaitFor(other *Task, d time.Duration) (any, error) {
	if other == t {
		return nil, ErrWaitForSelf
	}
	if other.Done() {
		return other.Result()
	}
	// t cancelled itself before it waits: as in asyncio, the cancellation goes on to
	// the task it awaits, and reaches t once that one has finished.
	cancelPending := t.cancelRequested
	if cancelPending {
		t.cancelRequested = false
		other.Cancel(t.cancelMsg)
	}
	timedOut := false
	if d <= 0 {
		timedOut = true
		other.Cancel("")
	} else {
		stop := t.sched.AfterFunc(d, func() {
			if !other.Done() {
				timedOut = true
				other.Cancel("")
			}
		})
		defer stop()
	}
	t.prepare(nil)
	other.joiners.push(&t.w)
	t.awaiting = append(t.awaitBuf[:0], other)
	if err := t.park(Wait{Op: "wait_for", On: other}); err != nil {
		return nil, err
	}
	if cancelPending {
		return nil, cancelled(t.cancelMsg)
	}
	result, err := other.Result()
	if timedOut && errors.Is(err, ErrCancelled) {
		return nil, ErrTimeout
	}
	return result, err
}

// taskList shows the tasks a Wait waits on, for reports: [Task-2, Task-3].
type taskList []*Task

func (l taskList) String() string {
	names := make([]string, len(l))
	for i, t := range l {
		names[i] = t.name
	}
	return "[" + strings.Join(names, ", ") + "]"
}
