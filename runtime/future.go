package runtime

// Future is asyncio.Future: a result that is not there yet. A task waits for one with
// Await; the tasks and functions waiting for it are its done-callbacks, and when it
// completes (SetResult, SetError, Cancel) they are scheduled with call_soon, in the
// order they were added: a task that awaits a future runs one loop iteration after
// the future completes.
//
// Every primitive waits on futures, as asyncio's do. A task waits on one future of its
// own at a time (see Task.waitFuture): so waiting allocates nothing.
type Future struct {
	sched     *Scheduler
	state     futureState
	retrieved bool // Result was asked for
	result    any  // its result; or, cancelled, the message it was cancelled with (see cancelMsg)
	err       error
	owner     *Task // the task whose own wait future it is, if it is one (for reports)

	waiter    *Task    // the task awaiting it, if one does (the common case: no slice)
	callbacks []handle // the other done-callbacks, in the order they were added

	// onCancel, if set, replaces Cancel's own work (a gathering future cancels its
	// children instead of itself).
	onCancel func(msg string) bool

	// A future waits in at most one primitive's list of waiters at a time.
	list       *futureList
	prev, next *Future
}

type futureState uint8

const (
	futurePending futureState = iota
	futureDone
	futureCancelled
)

// The InvalidState conditions, with asyncio's messages (InvalidStateError):
// completing a future twice, asking a pending one for its result or its error.
var (
	ErrFutureDone      = &Error{Kind: "InvalidState", Message: "invalid state"}
	ErrResultNotSet    = &Error{Kind: "InvalidState", Message: "Result is not set."}
	ErrExceptionNotSet = &Error{Kind: "InvalidState", Message: "Exception is not set."}
)

// ErrInvalidState is the kind of the InvalidState conditions, for errors.Is.
var ErrInvalidState = ErrFutureDone

// NewFuture returns a pending future of s's loop.
func NewFuture(s *Scheduler) *Future { return &Future{sched: s} }

// Done reports whether it has a result, an error, or was cancelled.
func (f *Future) Done() bool { return f.state != futurePending }

// Cancelled reports whether it was cancelled.
func (f *Future) Cancelled() bool { return f.state == futureCancelled }

// Result returns its result and error (a Cancelled error if it was cancelled), and
// marks the error as retrieved. Call it only on a done future.
func (f *Future) Result() (any, error) {
	f.retrieved = true
	if f.state == futureCancelled {
		return nil, cancelled(f.cancelMsg())
	}
	return f.result, f.err
}

// Exception returns the error it completed with (nil if it has a result), as
// asyncio's Future.exception(): a cancelled future gives its Cancelled error as the
// second value, a pending one ErrExceptionNotSet. It marks the error as retrieved.
func (f *Future) Exception() (exc, err error) {
	switch f.state {
	case futurePending:
		return nil, ErrExceptionNotSet
	case futureCancelled:
		return nil, cancelled(f.cancelMsg())
	}
	f.retrieved = true
	return f.err, nil
}

// Outcome is Result for a future that may be pending (asyncio's Future.result()):
// ErrResultNotSet then.
func (f *Future) Outcome() (any, error) {
	if f.state == futurePending {
		return nil, ErrResultNotSet
	}
	return f.Result()
}

// SetResult completes it with v.
func (f *Future) SetResult(v any) error { return f.complete(futureDone, v, nil) }

// SetError completes it with err.
func (f *Future) SetError(err error) error { return f.complete(futureDone, nil, err) }

// Cancel cancels it, unless it is done: its done-callbacks are scheduled and whoever
// awaits it gets a Cancelled error with msg. It reports whether it cancelled it.
func (f *Future) Cancel(msg string) bool {
	if f.onCancel != nil {
		return f.onCancel(msg)
	}
	if f.Done() {
		return false
	}
	var keep any
	if msg != "" {
		keep = msg
	}
	f.complete(futureCancelled, keep, nil)
	return true
}

// cancelMsg is the message a cancelled future was cancelled with.
func (f *Future) cancelMsg() string {
	msg, _ := f.result.(string)
	return msg
}

// AddDoneCallback calls fn with f, with the baton, on the hub, one loop iteration
// after f completes (in the next one if it has).
func (f *Future) AddDoneCallback(fn func(*Future)) {
	f.addCallback(handle{fn: func(*Task) { fn(f) }})
}

// AddCallback schedules cb with call_soon once f completes (at once if it has):
// asyncio's add_done_callback of a function that may run embedder code, as cb
// runs on the callback runner. Cancelling cb before it runs stops it.
func (f *Future) AddCallback(cb *Callback) { f.addCallback(handle{callback: cb}) }

// NewCallback makes a callback of fn for AddCallback, not scheduled yet; data is the
// embedder's (Callback.Data).
func (s *Scheduler) NewCallback(fn func(), data any) *Callback {
	return &Callback{sched: s, fn: fn, Data: data}
}

// RemoveCallbacks takes out of the done-callbacks every callback added with
// AddCallback whose Data match accepts, and returns how many (asyncio's
// remove_done_callback).
func (f *Future) RemoveCallbacks(match func(data any) bool) int {
	if f.waiter != nil {
		return 0
	}
	kept, n := f.callbacks[:0], 0
	for _, h := range f.callbacks {
		if h.callback != nil && match(h.callback.Data) {
			n++
			continue
		}
		kept = append(kept, h)
	}
	clear(f.callbacks[len(kept):])
	f.callbacks = kept
	return n
}

// DoneCallbacks lists what its done-callbacks are, for its repr: a *Task for a task
// that awaits it, a callback's Data for one added with AddCallback, nil for others.
func (f *Future) DoneCallbacks() []any {
	if f.waiter != nil {
		return []any{f.waiter}
	}
	var l []any
	for _, h := range f.callbacks {
		switch {
		case h.task != nil:
			l = append(l, h.task)
		case h.callback != nil:
			l = append(l, h.callback.Data)
		default:
			l = append(l, nil)
		}
	}
	return l
}

// AwaitAs is Await, the task's wait shown as op in reports ("Future.join").
func (t *Task) AwaitAs(f *Future, op string) (any, error) {
	if err := t.awaitFuture(f, Wait{Op: op, On: f}); err != nil {
		return nil, err
	}
	return f.Result()
}

func (f *Future) addCallback(h handle) {
	if f.Done() {
		f.sched.callSoon(h)
		return
	}
	if h.step() && f.waiter == nil && len(f.callbacks) == 0 {
		f.waiter = h.task
		return
	}
	if f.waiter != nil { // keep the order: the waiter came first
		f.callbacks = append(f.callbacks, handle{task: f.waiter})
		f.waiter = nil
	}
	f.callbacks = append(f.callbacks, h)
}

// removeWaiter takes t's wake-up out of the done-callbacks.
func (f *Future) removeWaiter(t *Task) {
	if f.waiter == t {
		f.waiter = nil
		return
	}
	for i, h := range f.callbacks {
		if h.task == t && h.fn == nil {
			f.callbacks = append(f.callbacks[:i], f.callbacks[i+1:]...)
			return
		}
	}
}

func (f *Future) complete(state futureState, v any, err error) error {
	if f.Done() {
		return ErrFutureDone
	}
	f.state, f.result, f.err = state, v, err
	if f.waiter != nil {
		f.sched.schedule(handle{task: f.waiter}, f.wakesForPrimitive())
		f.waiter = nil
	}
	cbs := f.callbacks
	f.callbacks = nil
	for _, h := range cbs {
		f.sched.callSoon(h)
	}
	return nil
}

// wakesForPrimitive reports whether f, done, wakes its waiter for what it waited for
// in a primitive: f is the task's own wait future (not its sleep's) and got a result.
func (f *Future) wakesForPrimitive() bool {
	t := f.owner
	return f.state == futureDone && t != nil && t == f.waiter && t.timer.fut != f
}

// reset makes a task's own future pending again, for its next wait.
func (f *Future) reset(s *Scheduler) {
	*f = Future{sched: s}
}

// String is asyncio's repr, without the address: <Future pending>, <Future finished
// result=1>, <Future cancelled>.
func (f *Future) String() string {
	switch {
	case f.state == futureCancelled:
		return "<Future cancelled>"
	case f.state == futurePending:
		if f.waiter != nil || len(f.callbacks) > 0 {
			return "<Future pending cb=[Task.task_wakeup()]>"
		}
		return "<Future pending>"
	case f.err != nil:
		return "<Future finished exception=" + f.err.Error() + ">"
	}
	return "<Future finished result=" + defaultRepr(f.result) + ">"
}

// futureList is a FIFO of futures: a primitive's waiters (asyncio keeps a deque of
// futures). A future is in at most one list at a time.
type futureList struct {
	head, tail *Future
	n          int
}

func (l *futureList) len() int { return l.n }

func (l *futureList) first() *Future { return l.head }

func (l *futureList) push(f *Future) {
	f.list, f.prev, f.next = l, l.tail, nil
	if l.tail == nil {
		l.head = f
	} else {
		l.tail.next = f
	}
	l.tail = f
	l.n++
}

// remove takes f out of the list, if it is in it.
func (l *futureList) remove(f *Future) {
	if f.list != l {
		return
	}
	if f.prev == nil {
		l.head = f.next
	} else {
		f.prev.next = f.next
	}
	if f.next == nil {
		l.tail = f.prev
	} else {
		f.next.prev = f.prev
	}
	f.list, f.prev, f.next = nil, nil, nil
	l.n--
}

// popFront takes the first future out; nil if there is none.
func (l *futureList) popFront() *Future {
	f := l.head
	if f != nil {
		l.remove(f)
	}
	return f
}

// tasks lists the tasks awaiting the futures, first in first.
func (l *futureList) tasks() []*Task {
	var ts []*Task
	for f := l.head; f != nil; f = f.next {
		if f.owner != nil {
			ts = append(ts, f.owner)
		}
	}
	return ts
}

// Value is what a done future holds, without marking anything retrieved (for its
// repr): the result, nil if it failed or is pending.
func (f *Future) Value() any {
	if f.state == futureCancelled {
		return nil
	}
	return f.result
}

// Unretrieved is the error f completed with if nobody has asked for it (Result,
// Exception, a wait that looked at it); nil otherwise.
func (f *Future) Unretrieved() error {
	if f.retrieved || f.state != futureDone {
		return nil
	}
	return f.err
}

// FailedWith is the error a done future completed with, without marking it
// retrieved (for its repr); nil if it has a result or is pending or cancelled.
func (f *Future) FailedWith() error { return f.err }
