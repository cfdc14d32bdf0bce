package runtime

import (
	"fmt"
	"strings"
)

// Gather waits until every task in tasks has finished, or until one of them fails or
// is cancelled, whichever comes first (asyncio.gather's default): it returns nil, or
// the first error in time. The others keep running. See GatherAll.
func (t *Task) Gather(tasks []*Task) error { return t.GatherAll(Awaitables(tasks), false) }

// GatherAll is asyncio.gather of tasks and futures, built as asyncio builds it: a
// gathering future completes when the last of them has finished, each task's done-callback counting it;
// t awaits that future, so t runs two iterations after the task that completes it
// (at once, without yielding, if every task had finished already: those are counted
// as the gathering begins). Without returnExceptions, a task that fails or is
// cancelled completes the gathering with its error at once, and the others keep
// running. With returnExceptions, the gathering waits for every task and returns nil:
// read each task's outcome from it.
//
// If t is cancelled while it waits, the tasks are cancelled instead of the gathering
// future, and t gets a Cancelled error once the gathering completes (whatever
// returnExceptions says).
//
// Every child's error counts as retrieved, also of those that end after GatherAll has
// returned (the done-callback looks at each child's error as it finishes).
func (t *Task) GatherAll(tasks []Awaitable, returnExceptions bool) error {
	if len(tasks) == 0 {
		return nil
	}
	for _, c := range tasks {
		if c == Awaitable(t) {
			return ErrGatherSelf
		}
	}
	distinct := withoutRepeats(tasks)
	outer := NewFuture(t.sched)
	cancelRequested := false
	outer.onCancel = func(msg string) bool {
		if outer.Done() {
			return false
		}
		ret := false
		for _, c := range distinct {
			if c.Cancel(msg) {
				ret = true
			}
		}
		if ret {
			cancelRequested = true
		}
		return ret
	}
	finished := 0
	childDone := func(c Awaitable) {
		finished++
		c.retrieve() // its error counts as retrieved
		if outer.Done() {
			return
		}
		if err := c.failure(); !returnExceptions && err != nil {
			if c.Cancelled() {
				_, err = c.Result() // asyncio takes a cancelled child's own error from it
			}
			outer.SetError(err)
			return
		}
		if finished == len(distinct) {
			if cancelRequested {
				outer.SetError(lastCancelled(tasks[len(tasks)-1]))
			} else {
				outer.SetResult(nil)
			}
		}
	}
	taskDone := func(c *Task) { childDone(c) } // one for every task child: no closure each
	for _, c := range distinct {
		if c.Done() {
			continue // counted below
		}
		if ct, ok := c.(*Task); ok {
			ct.OnDoneAs(gatherCallback, taskDone)
		} else {
			c.onDone(gatherCallback, func() { childDone(c) })
		}
	}
	// The children done already are counted now, in order: those still pending
	// stay pending meanwhile (nothing else runs), so these are the ones done before.
	for _, c := range distinct {
		if c.Done() {
			childDone(c)
		}
	}
	if err := t.awaitFuture(outer, Wait{Op: "gather", On: awaitedList(distinct)}); err != nil {
		return err
	}
	_, err := outer.Result()
	return err
}

// withoutRepeats is as, each awaitable once, in the order of its first place: as
// itself when nothing repeats. Tasks spawned in the order they are listed (the
// common case) are told apart by their numbers, without a set.
func withoutRepeats(as []Awaitable) []Awaitable {
	increasing := true
	var last int32
	for i, a := range as {
		t, ok := a.(*Task)
		if !ok || (i > 0 && t.id <= last) {
			increasing = false
			break
		}
		last = t.id
	}
	if increasing {
		return as
	}
	distinct := make([]Awaitable, 0, len(as))
	seen := make(map[Awaitable]struct{}, len(as))
	for _, a := range as {
		if _, repeated := seen[a]; !repeated {
			seen[a] = struct{}{}
			distinct = append(distinct, a)
		}
	}
	return distinct
}

// gatherCallback is asyncio's name for gather's done-callback, in a task's repr.
const gatherCallback = "gather.<locals>._done_callback()"

// lastCancelled is the Cancelled error a cancelled gathering raises once every child
// has ended: asyncio makes it from the last child listed, its own Cancelled error if
// it ended cancelled, else (a task) one with the message of its latest cancellation
// that found nothing to cancel in it.
func lastCancelled(last Awaitable) error {
	if last.Cancelled() {
		return last.failure()
	}
	if t, ok := last.(*Task); ok {
		return cancelled(t.cancelMsg())
	}
	return cancelled("")
}

// Awaitable is what gather waits for: a *Task or a *Future.
type Awaitable interface {
	Done() bool
	Cancelled() bool
	Cancel(msg string) bool
	// Result is its result and error, and marks the error as retrieved.
	Result() (any, error)
	// onDone schedules fn as its done-callback, named name in a task's repr.
	onDone(name string, fn func())
	// failure is its error (a Cancelled one if it was cancelled), not marked as
	// retrieved; nil while it is pending or if it succeeded.
	failure() error
	// retrieve marks its error as retrieved without taking it.
	retrieve()
}

// Awaitables makes a list of tasks one of Awaitables.
func Awaitables(tasks []*Task) []Awaitable {
	as := make([]Awaitable, len(tasks))
	for i, t := range tasks {
		as[i] = t
	}
	return as
}

func (t *Task) onDone(name string, fn func()) { t.OnDoneAs(name, func(*Task) { fn() }) }

func (t *Task) failure() error { return t.err() }

func (t *Task) retrieve() { t.retrieved = true }

func (f *Future) retrieve() { f.retrieved = true }

func (f *Future) onDone(_ string, fn func()) { f.AddDoneCallback(func(*Future) { fn() }) }

func (f *Future) failure() error {
	if f.state == futureCancelled {
		return cancelled(f.cancelMsg())
	}
	return f.err
}

// awaitedList shows what a gathering waits on, for reports: the tasks as a taskList
// (a deadlock report follows them), or, when futures are among them, each as its
// name or its repr.
func awaitedList(as []Awaitable) fmt.Stringer {
	tasks := make(taskList, 0, len(as))
	for _, a := range as {
		t, ok := a.(*Task)
		if !ok {
			return awaitables(as)
		}
		tasks = append(tasks, t)
	}
	return tasks
}

type awaitables []Awaitable

func (l awaitables) String() string {
	names := make([]string, len(l))
	for i, a := range l {
		if t, ok := a.(*Task); ok {
			names[i] = t.Name()
		} else {
			names[i] = fmt.Sprint(a)
		}
	}
	return "[" + strings.Join(names, ", ") + "]"
}
