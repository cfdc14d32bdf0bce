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
// not, each in the order of tasks (asyncio.wait). See WaitAwaitables.
func (t *Task) Wait(tasks []*Task, when ReturnWhen, timeout time.Duration) (done, pending []*Task, err error) {
	d, p, err := t.WaitAwaitables(Awaitables(tasks), when, timeout)
	return tasksOf(d), tasksOf(p), err
}

// WaitAwaitables is Wait for tasks and futures, as asyncio.wait takes both. It never
// cancels them: neither on timeout nor when t is cancelled while it waits. It is
// built as asyncio builds it: each one's done-callback checks the condition and
// completes a future t awaits, so t runs two iterations after the one that satisfies
// it, and it always yields, even if the condition holds already. With FirstException,
// the error of each that ends while t waits counts as retrieved (the callback looks
// at it, as asyncio's does); otherwise wait retrieves nothing: join, result or error
// does.
func (t *Task) WaitAwaitables(items []Awaitable, when ReturnWhen, timeout time.Duration) (done, pending []Awaitable, err error) {
	if len(items) == 0 {
		return nil, nil, ErrNoTasks
	}
	distinct := make([]Awaitable, 0, len(items))
	seen := make(map[Awaitable]bool, len(items))
	for _, c := range items {
		if c == Awaitable(t) {
			return nil, nil, ErrWaitForSelf
		}
		if !seen[c] {
			seen[c] = true
			distinct = append(distinct, c)
		}
	}
	s := t.sched
	waiter := NewFuture(s)
	var stopTimer func()
	if timeout >= 0 {
		stopTimer = s.AfterFunc(timeout, func() {
			if !waiter.Done() {
				waiter.SetResult(nil)
			}
		})
	}
	counter, over := len(distinct), false
	onCompletion := func(c Awaitable) {
		if over {
			return // removed: the wait is over
		}
		counter--
		raised := c.failure() != nil && !c.Cancelled()
		if when == FirstException && raised {
			c.retrieve()
		}
		if counter <= 0 || when == FirstCompleted || (when == FirstException && raised) {
			if stopTimer != nil {
				stopTimer()
			}
			if !waiter.Done() {
				waiter.SetResult(nil)
			}
		}
	}
	for _, c := range distinct {
		c.onDone("_wait.<locals>._on_completion()", func() { onCompletion(c) })
	}
	err = t.awaitFuture(waiter, Wait{Op: "wait", On: awaitedList(distinct)})
	if stopTimer != nil {
		stopTimer()
	}
	over = true // the callbacks of those still pending are as good as removed
	if err != nil {
		return nil, nil, err
	}
	for _, c := range items {
		if c.Done() {
			done = append(done, c)
		} else {
			pending = append(pending, c)
		}
	}
	return done, pending, nil
}

// tasksOf is the tasks of a list of Awaitables that holds nothing else.
func tasksOf(as []Awaitable) []*Task {
	if as == nil {
		return nil
	}
	tasks := make([]*Task, len(as))
	for i, a := range as {
		tasks[i] = a.(*Task)
	}
	return tasks
}

// WaitFor waits for other (a task or a future) to finish, at most d (asyncio.wait_for,
// as of Python 3.12), and returns its result and error. It awaits other inside a
// Timeout scope: when d has passed, t is cancelled, which cancels other, and t wakes
// once other has finished: if other ended cancelled, WaitFor returns ErrTimeout; if it
// swallowed the cancellation and returned, its result; if it failed, its error. With
// d <= 0, other is cancelled at once unless it has finished, and WaitFor waits for it
// to end.
func (t *Task) WaitFor(other Awaitable, d time.Duration) (any, error) {
	if other == Awaitable(t) {
		return nil, ErrWaitForSelf
	}
	if d <= 0 {
		if other.Done() {
			return other.Result()
		}
		if err := t.cancelAndWait(other); err != nil {
			return nil, err
		}
		result, err := other.Result()
		if errors.Is(err, ErrCancelled) {
			return nil, ErrTimeout
		}
		return result, err
	}
	return t.joinWithin(other, t.sched.clock.Now()+d, false)
}

// joinWithin awaits other inside a timeout scope with a deadline at when (never:
// none), as asyncio's wait_for does `async with timeout(...): return await fut`.
func (t *Task) joinWithin(other Awaitable, when time.Duration, never bool) (any, error) {
	sc := t.EnterTimeout(when, never)
	var err error
	switch other := other.(type) {
	case *Task:
		err = t.awaitTask(other, Wait{Op: "wait_for", On: other})
	case *Future:
		err = t.awaitFuture(other, Wait{Op: "wait_for", On: other})
	}
	var result any
	if err == nil {
		result, err = other.Result()
	}
	if err = sc.Exit(err); err != nil {
		return nil, err
	}
	return result, nil
}

// cancelAndWait cancels other and waits until it has finished, through a future its
// done-callback completes (asyncio's _cancel_and_wait).
func (t *Task) cancelAndWait(other Awaitable) error {
	waiter := NewFuture(t.sched)
	other.onDone("_release_waiter()", func() {
		if !waiter.Done() {
			waiter.SetResult(nil)
		}
	})
	other.Cancel("")
	return t.awaitFuture(waiter, Wait{Op: "wait_for", On: awaitedList([]Awaitable{other})})
}

// taskList shows the tasks a Wait waits on, for reports: [Task-2, Task-3].
type taskList []*Task

func (l taskList) String() string {
	names := make([]string, len(l))
	for i, t := range l {
		names[i] = t.Name()
	}
	return "[" + strings.Join(names, ", ") + "]"
}
