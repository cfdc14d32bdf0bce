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
type TaskState int

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
// There is one per parked task, so its flags are kept together, in one word.
type Task struct {
	sched *Scheduler
	id    int
	name  string
	fn    TaskFunc // its body, until it starts
	state TaskState

	started         bool // it has run
	fired           bool // its timer fired
	cancelRequested bool // Cancel was called; delivered at the current or next blocking point
	cancelCalled    bool // Cancel was called on it at some time: its Cancelled ending is its own
	cancelling      bool // Cancel is passing the cancellation on to what it awaits
	retrieved       bool // somebody looked at its outcome

	worker *worker // what it runs on, from its first run to its end

	prevLive, nextLive *Task // the scheduler's list of unfinished tasks

	w        waiter   // its place in a wait queue
	timer    timer    // its sleep or timeout deadline
	why      Wait     // what it waits on, while parked
	wakeErr  error    // what the waker wants park to return
	awaiting []*Task  // where a cancellation goes while it joins or gathers
	awaitBuf [1]*Task // backing for awaiting in Join

	cancelMsg string // the message of the Cancelled error Cancel asked for

	joiners  waitQueue
	watchers []watcher // called when it finishes

	result any
	err    error

	// Data is the embedder's: bindings/ keeps the task's Lua thread here.
	Data any
	// Where, when set, returns the script position the task is at, for reports.
	Where func() string
}

func (t *Task) ID() int               { return t.id }
func (t *Task) Name() string          { return t.name }
func (t *Task) SetName(name string)   { t.name = name }
func (t *Task) State() TaskState      { return t.state }
func (t *Task) Scheduler() *Scheduler { return t.sched }
func (t *Task) Done() bool            { return t.state.Finished() }
func (t *Task) CancelRequested() bool { return t.cancelRequested }
func (t *Task) WaitingOn() Wait       { return t.why }

// Cancelled reports whether t ended with a Cancelled error, as asyncio's
// Task.cancelled() does: also a task that was not cancelled itself but died of the
// Cancelled error of something it awaited (its state is then Failed: the run counts
// that ending as a failure of the task).
func (t *Task) Cancelled() bool {
	return t.state == Cancelled || (t.state == Failed && errors.Is(t.err, ErrCancelled))
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
	return fmt.Sprintf("<Task %s %s>", t.name, state)
}

// Result returns what the task returned and the error it ended with, and marks the
// error as retrieved. Call it only on a finished task.
func (t *Task) Result() (any, error) {
	t.retrieved = true
	return t.result, t.err
}

// Peek returns what the task returned and the error it ended with, without marking
// the error as retrieved: showing a task retrieves nothing, in asyncio either.
func (t *Task) Peek() (any, error) { return t.result, t.err }

// Started reports whether the task has run.
func (t *Task) Started() bool { return t.started }

// prepare clears what the last wait left behind, before parking again.
func (t *Task) prepare(value any) {
	t.w.handed, t.w.value, t.wakeErr, t.fired = false, value, nil, false
}

// waitIn parks t at the back of q, carrying value, until it is handed what it waits
// for (t.w.handed, t.w.value), woken with an error, or cancelled.
func (t *Task) waitIn(q *waitQueue, value any, why Wait) error {
	t.prepare(value)
	q.push(&t.w)
	return t.park(why)
}

// waitInFor is waitIn with a timeout: it reports whether the time ran out first.
func (t *Task) waitInFor(q *waitQueue, value any, d time.Duration, why Wait) (timedOut bool, err error) {
	t.prepare(value)
	q.push(&t.w)
	t.sched.addTimer(&t.timer, t.sched.clock.Now()+d)
	err = t.park(why)
	return t.fired && !t.w.handed, err
}

// park gives up the baton until something wakes t. The caller has put t.w in a wait
// queue or armed t.timer (or made t ready, to yield). A cancellation requested while t
// ran is delivered here, after a turn in the ready queue, as asyncio does.
func (t *Task) park(why Wait) error {
	s := t.sched
	if s.killing {
		t.unwait()
		return ErrKilled
	}
	t.why = why
	if t.cancelRequested {
		t.unwait()
		if t.state != Ready {
			s.makeReady(t)
		}
	} else if t.state == Running {
		t.state = Waiting
	}
	if s.observes(TracePark) {
		s.trace(TraceEvent{Kind: TracePark, Task: t, Wait: why, State: t.state})
	}
	s.switchAway(t)
	t.unwait()
	t.why, t.awaiting = Wait{}, nil
	switch {
	case s.killing:
		return ErrKilled
	case t.cancelRequested:
		t.cancelRequested = false
		return cancelled(t.cancelMsg)
	}
	return t.wakeErr
}

// unwait takes t out of whatever it waits in.
func (t *Task) unwait() {
	if t.w.queue != nil {
		t.w.queue.remove(&t.w)
	}
	if t.timer.index >= 0 {
		t.sched.stopTimer(&t.timer)
	}
}

// timerFired wakes t because its deadline passed.
func (t *Task) timerFired() {
	t.fired = true
	if t.w.queue != nil {
		t.w.queue.remove(&t.w)
	}
	t.sched.makeReady(t)
}

// Sleep parks t for d on the run's clock. Sleep(0) yields: t goes to the back of the
// ready queue.
func (t *Task) Sleep(d time.Duration) error {
	if d < 0 {
		return errors.New("sleep time must not be negative")
	}
	t.prepare(nil)
	if d == 0 {
		t.sched.makeReady(t)
	} else {
		t.sched.addTimer(&t.timer, t.sched.clock.Now()+d)
	}
	return t.park(Wait{Op: "sleep"})
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

// Join waits until other has finished and returns its result and error (or the error
// that ended the wait: cancellation of t, which is passed on to other, as asyncio's
// await does).
func (t *Task) Join(other *Task) (any, error) {
	if other == t {
		return nil, ErrJoinSelf
	}
	if !other.Done() {
		t.prepare(nil)
		other.joiners.push(&t.w)
		t.awaiting = append(t.awaitBuf[:0], other)
		if err := t.park(Wait{Op: "Task.join", On: other}); err != nil {
			return nil, err
		}
	}
	return other.Result()
}

// Cancel asks t to stop: a Cancelled error is raised in it at its current or next
// blocking point, with msg as its message. A task that has not started never runs. It
// returns false if t has already finished. Call it with the baton.
func (t *Task) Cancel(msg string) bool {
	if t.Done() {
		return false
	}
	if msg != "" || !t.cancelRequested {
		t.cancelMsg = msg // a later cancel without a message keeps the first one's
	}
	t.cancelRequested, t.cancelCalled = true, true
	if s := t.sched; s.observes(TraceCancel) {
		s.trace(TraceEvent{Kind: TraceCancel, Task: t, By: s.running(), State: t.state})
	}
	if t.state == Waiting {
		if len(t.awaiting) > 0 && !t.cancelling {
			// Like asyncio: cancelling a task that awaits others cancels them; it
			// wakes, cancelled, once they have finished. Tasks that await each other
			// in a ring would pass the cancellation round forever: the task the
			// cancellation comes back to is woken at once instead, which ends the ring.
			t.cancelling = true
			for _, a := range t.awaiting {
				a.Cancel(msg)
			}
			t.cancelling = false
			return true
		}
		t.unwait()
		t.sched.makeReady(t)
	}
	return true
}

// Awaited reports whether a task joins it, gathers or waits for it.
func (t *Task) Awaited() bool { return t.joiners.len() > 0 || len(t.watchers) > 0 }

// OnDone calls f with the baton when t finishes (at once if it has).
func (t *Task) OnDone(f func(*Task)) { t.OnDoneAs("", f) }

// OnDoneAs is OnDone for a done-callback that asyncio's repr of t names, while t
// runs, as callback ("gather.<locals>._done_callback()").
func (t *Task) OnDoneAs(callback string, f func(*Task)) {
	if t.Done() {
		f(t)
		return
	}
	t.watchers = append(t.watchers, watcher{f, callback})
}

// watcher is a function called when a task finishes, with the name asyncio gives
// the done-callback it stands for.
type watcher struct {
	f        func(*Task)
	callback string
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
