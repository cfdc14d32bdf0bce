package runtime

import (
	"errors"
	"fmt"
	"time"
)

// TaskFunc is a task's body. It runs on the task's own goroutine, with the baton, and
// must pass t to every blocking call. Its result is kept for Join and Result.
type TaskFunc func(t *Task) (result any, err error)

// TaskState is where a task is in its life.
type TaskState uint8

const (
	Pending   TaskState = iota // spawned, not started yet
	Ready                      // woken, waiting for its turn in the ready queue
	Running                    // holds the baton
	Waiting                    // parked until something wakes it
	Done                       // returned
	Failed                     // returned an error
	Cancelled                  // ended by cancellation
)

var stateNames = [...]string{"pending", "ready", "running", "waiting", "done", "failed", "cancelled"}

func (s TaskState) String() string { return stateNames[s] }

// Finished reports whether the state is final.
func (s TaskState) Finished() bool { return s >= Done }

// Wait says what a parked task waits on, for reports and traces.
type Wait struct {
	Op string       // "sleep", "Lock.acquire", "Queue.get", "Task.join", "gather", ...
	On fmt.Stringer // the object waited on, if any
}

// Task is one concurrent activity, driven by its own goroutine (a worker). Its methods
// are called with the baton; the blocking ones (Sleep, Join, ...) only by the task
// itself.
//
// There is one per task that is alive or still referenced, so it is kept within 352
// bytes (Go's size class): its state and flags share one word, its numbers another;
// its own wait future keeps its result and error once it has ended (it waits no
// more); its name is made when asked for, unless one was set; what few tasks have (a
// pending cancellation's message, WhenDone's observers) the scheduler keeps for them.
type Task struct {
	sched      *Scheduler
	id         int32
	numCancels int32    // cancellations requested and not uncancelled (asyncio's cancelling())
	givenName  string   // its name, if one was given (else Task-ID: see Name)
	named      bool     // givenName was given, even an empty one
	fn         TaskFunc // its body, until it starts

	state        TaskState
	started      bool // it has run
	mustCancel   bool // cancelled while nothing could pass the cancellation on: raised at its next step
	cancelCalled bool // Cancel was called on it at some time: its Cancelled ending is its own
	passing      bool // Cancel is passing the cancellation on to the task it awaits
	retrieved    bool // somebody looked at its outcome
	hasCancelMsg bool // the scheduler keeps a message for the Cancelled error raised at its next step
	cancelSeen   bool // its Cancelled error was retrieved once: later retrievals get one without a message

	worker *worker // what it runs on, from its first run to its end

	prevLive, nextLive *Task // the scheduler's list of unfinished tasks

	// What it awaits while parked: a future (its own, fut, or another), or a task.
	futWaiter  *Future
	taskWaiter *Task
	// fut is its own wait future, reset for each wait (see waitFuture); once t has
	// ended, it is done and holds t's result and error (see end).
	fut   Future
	timer timer // its sleep deadline
	why   Wait  // what it waits on, while parked

	joiner    *Task          // the task joining it, while that is its only done-callback (the common case: no slice)
	callbacks []doneCallback // the other done-callbacks, in the order they were added

	// Data is the embedder's: bindings/ keeps the task's Lua thread here. If it has
	// a method Where() string, that says where the task is (see Position).
	Data any
	// Where, when set, returns the script position the task is at, for reports, in
	// place of Data's Where method.
	Where func() string
}

// Position is the script position t is at, for reports: what Where, or else Data's
// Where method, says; "" if neither is there. An embedder's Data that knows it saves
// a closure per task.
func (t *Task) Position() string {
	if t.Where != nil {
		return t.Where()
	}
	if w, ok := t.Data.(interface{ Where() string }); ok {
		return w.Where()
	}
	return ""
}

func (t *Task) ID() int               { return int(t.id) }
func (t *Task) SetName(name string)   { t.givenName, t.named = name, true }
func (t *Task) State() TaskState      { return t.state }
func (t *Task) Scheduler() *Scheduler { return t.sched }
func (t *Task) Done() bool            { return t.state.Finished() }
func (t *Task) CancelRequested() bool { return t.mustCancel }
func (t *Task) WaitingOn() Wait       { return t.why }

// Name is the name it was given, or Task-ID, as asyncio names a task: made when
// asked for, so that a task spawned without a name costs no string (the first
// numbers' names are made once, for the strategies that name the ready tasks at
// every choice).
func (t *Task) Name() string {
	switch {
	case t.named:
		return t.givenName
	case t.id >= 0 && int(t.id) < len(firstTaskNames):
		return firstTaskNames[t.id]
	}
	return "Task-" + itoa(int(t.id))
}

// firstTaskNames are the names of the tasks numbered 0 to 255.
var firstTaskNames = func() (names [256]string) {
	for i := range names {
		names[i] = "Task-" + itoa(i)
	}
	return names
}()

// err is the error t ended with; nil while it runs.
func (t *Task) err() error {
	if !t.Done() {
		return nil
	}
	return t.fut.err
}

// end keeps what t's body returned and the error it ended with in its own future,
// done: t waits for nothing any more.
func (t *Task) end(result any, err error) {
	t.fut = Future{sched: t.sched, state: futureDone, result: result, err: err}
}

// Cancelled reports whether t ended with a Cancelled error, as asyncio's
// Task.cancelled() does: also a task that was not cancelled itself but died of the
// Cancelled error of something it awaited (its state is then Failed: the run counts
// that ending as a failure of the task).
func (t *Task) Cancelled() bool {
	return t.state == Cancelled || (t.state == Failed && errors.Is(t.fut.err, ErrCancelled))
}

// raised reports whether t failed with an error that is not a cancellation: what
// asyncio calls a task with an exception (neither cancelled nor successful).
func (t *Task) raised() bool { return t.state == Failed && !t.Cancelled() }

// String reads like "<Task Task-2 waiting>"; a task that ended with a Cancelled error
// shows as cancelled, as Cancelled reports.
func (t *Task) String() string {
	state := t.state.String()
	if t.Cancelled() {
		state = Cancelled.String()
	}
	return fmt.Sprintf("<Task %s %s>", t.Name(), state)
}

// Result returns what the task returned and the error it ended with, and marks the
// error as retrieved. Call it only on a finished task.
//
// As in asyncio, only the first retrieval of a cancelled task's outcome gets the
// Cancelled error it ended with (and its message); later ones get a Cancelled error
// without a message.
func (t *Task) Result() (any, error) {
	t.retrieved = true
	if t.Cancelled() {
		if t.cancelSeen {
			return nil, ErrCancelled
		}
		t.cancelSeen = true
	}
	return t.fut.result, t.fut.err
}

// Peek returns what the task returned and the error it ended with, without marking
// the error as retrieved: showing a task retrieves nothing, in asyncio either.
func (t *Task) Peek() (any, error) {
	if !t.Done() {
		return nil, nil
	}
	return t.fut.result, t.fut.err
}

// Started reports whether the task has run.
func (t *Task) Started() bool { return t.started }

// waitFuture returns t's own wait future, pending again: the future a primitive
// keeps in its list of waiters while t waits in it. A primitive takes it out of its
// list before the wait returns, as asyncio's do in their finally clauses, so the next
// wait can use it again.
func (t *Task) waitFuture() *Future {
	t.fut.reset(t.sched)
	t.fut.owner = t
	return &t.fut
}

// awaitFuture parks t until f is done (asyncio's `await fut` in a task): f's done-
// callback schedules t's next step. It returns nil once f is done (read its outcome
// from f), or the Cancelled error of f's or t's cancellation, or ErrKilled. A done
// future returns at once, without yielding. A cancellation of t requested while it
// ran cancels f at once, as asyncio's task step does.
func (t *Task) awaitFuture(f *Future, why Wait) error {
	if f.Done() {
		if f.Cancelled() {
			return cancelled(f.cancelMsg())
		}
		return nil
	}
	f.addCallback(handle{task: t})
	t.futWaiter = f
	if t.mustCancel && f.Cancel(t.cancelMsg()) {
		t.mustCancel = false
	}
	return t.park(why)
}

// Await waits until f is done and returns its result and error (asyncio's `await
// fut`).
func (t *Task) Await(f *Future) (any, error) {
	if err := t.awaitFuture(f, Wait{Op: "Future", On: f}); err != nil {
		return nil, err
	}
	return f.Result()
}

// park gives up the baton until t's next step is scheduled: by the future or task it
// awaits (t.futWaiter, t.taskWaiter, whose done-callback it is), or by itself (a bare
// yield). At that step, a cancellation requested of t meanwhile is raised, as
// asyncio's task step does.
func (t *Task) park(why Wait) error {
	s := t.sched
	if s.killing {
		t.unwait()
		return ErrKilled
	}
	t.why = why
	if t.state == Running {
		t.state = Waiting
	}
	if s.observes(TracePark) {
		s.traceTask(TracePark, t, why)
	}
	s.switchAway(t)
	f := t.futWaiter
	t.futWaiter, t.taskWaiter, t.why = nil, nil, Wait{}
	switch {
	case s.killing:
		return ErrKilled
	case f != nil && f.Cancelled():
		// The awaited future's own Cancelled error is raised, with its message,
		// even if a later cancellation was requested meanwhile (that one is spent).
		t.mustCancel = false
		return cancelled(f.cancelMsg())
	case t.mustCancel:
		t.mustCancel = false
		return cancelled(t.cancelMsg())
	}
	return nil
}

// unwait takes t's wake-up out of what it awaits.
func (t *Task) unwait() {
	if f := t.futWaiter; f != nil {
		f.removeWaiter(t)
	}
	if o := t.taskWaiter; o != nil {
		o.removeCallback(t)
	}
	if t.timer.index >= 0 {
		t.sched.stopTimer(&t.timer)
	}
}

// Sleep parks t for d on the run's clock: a timer completes a future t awaits, so t
// runs one iteration after the timer. Sleep(0) is a bare yield: t's next step goes to
// the back of the ready queue.
func (t *Task) Sleep(d time.Duration) error {
	if d < 0 {
		return errors.New("sleep time must not be negative")
	}
	s := t.sched
	if d == 0 {
		s.callSoon(handle{task: t})
		return t.park(Wait{Op: "sleep"})
	}
	f := t.waitFuture()
	t.timer.fut = f
	s.addTimer(&t.timer, s.clock.Now()+d)
	err := t.awaitFuture(f, Wait{Op: "sleep"})
	s.stopTimer(&t.timer)
	t.timer.fut = nil
	return err
}

// Block lets d pass while t keeps the baton: nothing else runs. It models a blocking
// call (time.sleep) made inside async code.
func (t *Task) Block(d time.Duration) {
	s := t.sched
	start := s.clock.Now()
	s.clock.pass(d, s.stop.Done())
	s.newHold() // the watchdog times what follows afresh: the bindings warn of block()
	if s.observes(TraceBlock) {
		s.trace(TraceEvent{Kind: TraceBlock, Task: t, State: Running, Dur: s.clock.Now() - start})
	}
}

// Join waits until other has finished and returns its result and error (asyncio's
// `await task`): t runs one iteration after other ends. If t is cancelled while it
// waits, the cancellation goes on to other, and t gets it once other has finished.
func (t *Task) Join(other *Task) (any, error) {
	if other == t {
		return nil, ErrJoinSelf
	}
	if err := t.awaitTask(other, Wait{Op: "Task.join", On: other}); err != nil {
		return nil, err
	}
	return other.Result()
}

// awaitTask parks t until other has finished (its done-callback schedules t's step).
// A cancellation of t requested while it ran goes on to other at once.
func (t *Task) awaitTask(other *Task, why Wait) error {
	if other.Done() {
		return nil
	}
	other.addCallback(handle{task: t}, joinCallback)
	t.taskWaiter = other
	if t.mustCancel && other.Cancel(t.cancelMsg()) {
		t.mustCancel = false
	}
	return t.park(why)
}

// Cancel asks t to stop, as asyncio's Task.cancel does: the future or task t awaits
// is cancelled (t gets the Cancelled error when it wakes from it); if there is none,
// or it cannot be cancelled, a Cancelled error with msg is raised in t at its next
// step. A task that has not started never runs. It returns false if t has already
// finished. Call it with the baton.
func (t *Task) Cancel(msg string) bool {
	if t.Done() {
		return false
	}
	t.numCancels++
	t.cancelCalled = true
	if s := t.sched; s.observes(TraceCancel) {
		s.trace(TraceEvent{Kind: TraceCancel, Task: t, By: s.running(), State: t.state})
	}
	if t.passing {
		// Tasks that await each other in a ring would pass the cancellation round
		// forever: the task it comes back to is woken at once instead.
		t.unwait()
		t.setMustCancel(msg)
		if t.state == Waiting {
			t.sched.callSoon(handle{task: t})
		}
		return true
	}
	if f := t.futWaiter; f != nil && f.Cancel(msg) {
		return true
	}
	if o := t.taskWaiter; o != nil {
		t.passing = true
		ok := o.Cancel(msg)
		t.passing = false
		if ok {
			return true
		}
	}
	t.setMustCancel(msg)
	return true
}

// setMustCancel has a Cancelled error with msg raised in t at its next step; the
// latest request's message is the one raised, as in asyncio.
func (t *Task) setMustCancel(msg string) {
	t.setCancelMsg(msg)
	t.mustCancel = true
}

// cancelMsg is the message of the Cancelled error raised at t's next step.
func (t *Task) cancelMsg() string {
	if !t.hasCancelMsg {
		return ""
	}
	return t.sched.cancelMsgs[t]
}

func (t *Task) setCancelMsg(msg string) {
	s := t.sched
	switch {
	case msg != "":
		if s.cancelMsgs == nil {
			s.cancelMsgs = make(map[*Task]string)
		}
		s.cancelMsgs[t] = msg
		t.hasCancelMsg = true
	case t.hasCancelMsg:
		delete(s.cancelMsgs, t)
		t.hasCancelMsg = false
	}
}

// Cancelling is the number of cancellations requested of t and not taken back with
// Uncancel (asyncio's Task.cancelling).
func (t *Task) Cancelling() int { return int(t.numCancels) }

// Uncancel takes one cancellation request back and returns how many remain (asyncio's
// Task.uncancel). At 0, a cancellation that has not been raised yet is dropped.
func (t *Task) Uncancel() int {
	if t.numCancels > 0 {
		t.numCancels--
		if t.numCancels == 0 {
			t.mustCancel = false
		}
	}
	return int(t.numCancels)
}

// Awaited reports whether a task joins it, gathers or waits for it.
func (t *Task) Awaited() bool { return t.joiner != nil || len(t.callbacks) > 0 }

// OnDone calls f with the baton when t finishes: one iteration later, as a done-
// callback (in the next iteration if t has finished).
func (t *Task) OnDone(f func(*Task)) { t.OnDoneAs("", f) }

// OnDoneAs is OnDone for a done-callback that asyncio's repr of t names, while t
// runs, as callback ("gather.<locals>._done_callback()").
func (t *Task) OnDoneAs(callback string, f func(*Task)) {
	t.addCallback(handle{task: t, fn: f}, callback)
}

// WhenDone calls f with the baton the moment t finishes (at once if it has): an
// observer for the embedder (the REPL waits for its entry so), not a done-callback of
// the loop, so it changes nothing in the order of the tasks.
func (t *Task) WhenDone(f func(*Task)) {
	if t.Done() {
		f(t)
		return
	}
	s := t.sched
	if s.observers == nil {
		s.observers = make(map[*Task][]func(*Task))
	}
	s.observers[t] = append(s.observers[t], f)
}

// doneCallback is a handle scheduled when a task finishes, with the name asyncio's
// repr gives it.
type doneCallback struct {
	h    handle
	name string
}

// joinCallback is the name asyncio's repr gives a joining task's wake-up.
const joinCallback = "Task.task_wakeup()"

func (t *Task) addCallback(h handle, name string) {
	if t.Done() {
		t.sched.callSoon(h)
		return
	}
	if h.step() && name == joinCallback && t.joiner == nil && len(t.callbacks) == 0 {
		t.joiner = h.task
		return
	}
	if t.joiner != nil { // keep the order: the joiner came first
		t.callbacks = append(t.callbacks, doneCallback{handle{task: t.joiner}, joinCallback})
		t.joiner = nil
	}
	t.callbacks = append(t.callbacks, doneCallback{h, name})
}

// removeCallback takes waiter's wake-up out of t's done-callbacks.
func (t *Task) removeCallback(waiter *Task) {
	if t.joiner == waiter {
		t.joiner = nil
		return
	}
	for i, cb := range t.callbacks {
		if cb.h.task == waiter && cb.h.fn == nil {
			t.callbacks = append(t.callbacks[:i], t.callbacks[i+1:]...)
			return
		}
	}
}

// call runs the body, turning a Go panic into the task's error.
// The task lets go of its body as it starts: what the body holds (its closure, its
// arguments) is then kept only as long as the body needs it, not as long as the task.
func (t *Task) call() (result any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &PanicError{Value: r, Stack: stack()}
		}
	}()
	fn := t.fn
	t.fn = nil
	return fn(t)
}
