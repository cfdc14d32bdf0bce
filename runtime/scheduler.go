package runtime

import (
	"context"
	"errors"
	goruntime "runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Options configure a Scheduler.
type Options struct {
	// Clock is the run's time source; nil means NewRealClock().
	Clock Clock
	// OnDeadlock, if set, is called (with the baton) when tasks remain and none can
	// wake; if it returns true it has made one ready (the REPL cancels its entry) and
	// the run goes on, else Run returns the *DeadlockError.
	OnDeadlock func(*DeadlockError) bool
	// Strategy, if set, chooses which ready task runs next; nil is FIFO, the rule
	// scripts rely on. explore uses random ones to find interleavings FIFO hides.
	Strategy Strategy
	// OnFinish, if set, is called (with the baton) when a task finishes, before the
	// tasks waiting for it wake (so Awaited tells whether any do).
	OnFinish func(*Task)
	// Observer, if set, is told what the tasks do (see Observer).
	Observer Observer
	// SlowHold, if positive, is how long a task may keep the baton, in real time,
	// before NeedsAttention and TakeSlowHold say so (see watchdog.go).
	SlowHold time.Duration
}

// Scheduler runs tasks one at a time, in the order of the scheduling rules (see the package
// comment). All of its methods are for the baton holder, except Post, Interrupt and
// Abort, which are safe from any goroutine.
type Scheduler struct {
	opts           Options
	traceKinds     uint32 // what the observer wants: see observes
	clock          Clock
	current        *Task
	timers         timerHeap
	timerSeq       uint64
	timerCancelled int // stopped timers still in timers (timer.go)

	// The loop (loop.go): the ready queue of handles, and how far the iteration is.
	ready         deque[handle]
	readyTasks    int // task steps in ready
	iterationLeft int // handles of the current iteration not run yet
	iterations    int
	choiceBuf     []int // for the strategy's choices, reused
	hubResumes    int   // workers the hub resumed (the others were resumed by workers running the loop)

	liveHead, liveTail *Task // unfinished tasks, in spawn order
	live               int
	nextID             int
	main               *Task
	failed             []*Task // tasks that ended with an error, in the order they did

	killing     bool // tearing down: every blocking call returns ErrKilled
	deadlock    *DeadlockError
	interrupted *InterruptedError
	sources     int // outside event sources (the REPL's input): while any, no deadlock

	mainStopped bool       // main's done-callback ran: the loop stops after this iteration (shutdown.go)
	leftovers   []TaskInfo // the tasks cancelled because the main task returned

	// What few tasks have, kept here rather than in every Task (see Task).
	cancelMsgs map[*Task]string        // the message of a cancellation raised at a task's next step
	observers  map[*Task][]func(*Task) // WhenDone's observers of a task

	leftoversRunning int        // leftovers not ended yet
	closingHopsLeft  int        // handles the loop still runs before it closes
	closed           bool       // the loop closed after the leftovers ended: the run is over
	dropped          []TaskInfo // the tasks unfinished when it closed

	// The outside world's way in (any goroutine).
	mu       sync.Mutex
	posted   []func()
	npost    atomic.Int32
	notify   chan struct{}
	abortErr error
	stop     *stopContext

	watch watchdog // see watchdog.go

	runner *callbackRunner // where callbacks run (callback.go), once one has
}

// New returns a scheduler with no tasks.
func New(opts Options) *Scheduler {
	clock := opts.Clock
	if clock == nil {
		clock = NewRealClock()
	}
	return &Scheduler{
		opts:       opts,
		traceKinds: traceKindsOf(opts.Observer),
		clock:      clock,
		notify:     make(chan struct{}, 1),
		stop:       newStopContext(),
	}
}

// Clock is the run's clock.
func (s *Scheduler) Clock() Clock { return s.clock }

// Now is the time since the run started, on the run's clock.
func (s *Scheduler) Now() time.Duration { return s.clock.Now() }

// Current is the task holding the baton; nil outside tasks: on the hub, which runs
// posted functions, OnDeadlock, the strategy's choices and the reports between two
// tasks, and after Run.
func (s *Scheduler) Current() *Task { return s.current }

// Main is the task Run started.
func (s *Scheduler) Main() *Task { return s.main }

// Run runs main as the task "Task-1", as asyncio.run names it, and returns once every
// task has finished (and no outside event source is registered). When main returns,
// the tasks it left running are cancelled, as asyncio.run does (see shutdown.go). The
// error is a *DeadlockError, an *InterruptedError, or what Abort was given; task
// errors are not Run's: see Failed.
// With a nil main, the tasks come from Post (the REPL).
func (s *Scheduler) Run(main TaskFunc) error {
	if main != nil {
		s.nextID = 1
		s.main = s.spawn(s.nextID, "", main)
	}
	s.runTasks()
	err := s.outcome()
	if s.live > 0 {
		s.kill()
	}
	s.stopRunner()
	s.timers = nil
	return err
}

// Spawn creates a task that runs fn; it starts when the caller next blocks or yields.
// Tasks are numbered and named as asyncio's counter does: Task-2, Task-3, ... after
// the main task Task-1 (without one, in the REPL, from Task-1).
func (s *Scheduler) Spawn(fn TaskFunc) *Task {
	s.nextID++
	return s.spawn(s.nextID, "", fn)
}

// SpawnMain creates a task numbered 0, named name, outside asyncio's count: the REPL's
// entries, which run one at a time, so that the tasks the person spawns are Task-1,
// Task-2, ... as asyncio.create_task names them at `python -m asyncio`'s prompt.
func (s *Scheduler) SpawnMain(name string, fn TaskFunc) *Task { return s.spawn(0, name, fn) }

// spawn makes a task numbered id, named name (or Task-ID if name is empty).
func (s *Scheduler) spawn(id int, name string, fn TaskFunc) *Task {
	t := &Task{sched: s, id: int32(id), fn: fn}
	if name != "" {
		t.SetName(name)
	}
	t.timer.index = -1
	t.prevLive = s.liveTail
	if s.liveTail == nil {
		s.liveHead = t
	} else {
		s.liveTail.nextLive = t
	}
	s.liveTail = t
	s.live++
	s.callSoon(handle{task: t})
	if s.observes(TraceSpawn) {
		s.trace(TraceEvent{Kind: TraceSpawn, Task: t, By: s.running(), State: Pending})
	}
	return t
}

// NumTasks is the number of unfinished tasks.
func (s *Scheduler) NumTasks() int { return s.live }

// Tasks lists the unfinished tasks in spawn order.
func (s *Scheduler) Tasks() []*Task {
	ts := make([]*Task, 0, s.live)
	for t := s.liveHead; t != nil; t = t.nextLive {
		ts = append(ts, t)
	}
	return ts
}

// Failed lists the tasks that ended with an error nobody retrieved, and the main
// task if it ended with an error (a Cancelled one included, unless Interrupt
// cancelled it): that error is the run's, whoever else looked at it. Another task
// that ended with a Cancelled error, its own or one it got from what it awaited, is
// cancelled (asyncio's cancelled() is true): asyncio never reports it, nor does Failed.
func (s *Scheduler) Failed() []*Task {
	var ts []*Task
	for _, t := range s.failed {
		switch {
		case t == s.main && t.state == Cancelled && s.interrupted != nil:
		case t != s.main && t.Cancelled():
		case t == s.main || !t.retrieved:
			ts = append(ts, t)
		}
	}
	return ts
}

// AddSource registers an outside event source (such as the REPL's input): while one
// is registered, tasks waiting with nothing else to wake them are not a deadlock.
// RemoveSource undoes it. Call both with the baton.
func (s *Scheduler) AddSource()    { s.sources++ }
func (s *Scheduler) RemoveSource() { s.sources-- }

// Post asks for f to be called with the baton at the next switch. Safe from any
// goroutine; this is how the outside world reaches the tasks.
func (s *Scheduler) Post(f func()) {
	s.mu.Lock()
	s.posted = append(s.posted, f)
	s.mu.Unlock()
	s.npost.Add(1)
	s.signal()
}

func (s *Scheduler) signal() {
	select {
	case s.notify <- struct{}{}:
	default:
	}
}

// Interrupt is Ctrl-C, as asyncio.run takes it: it cancels the main task, and a task
// that keeps the baton (a busy loop) at its next instruction; the others are
// cancelled when the main task has ended, as any left then are. Run returns an
// *InterruptedError (even if the main task caught its cancellation and went on:
// the run was interrupted). Safe from any goroutine.
func (s *Scheduler) Interrupt() { s.Post(s.interrupt) }

func (s *Scheduler) interrupt() {
	if s.interrupted != nil {
		return
	}
	e := &InterruptedError{}
	for t := s.liveHead; t != nil; t = t.nextLive {
		e.Tasks = append(e.Tasks, t)
		e.Before = append(e.Before, t.Info())
	}
	s.interrupted = e
	if s.main != nil && !s.main.Done() {
		s.main.Cancel("interrupted")
	}
	if busy := s.watch.busy; busy != nil && busy != s.main {
		busy.Cancel("interrupted")
	}
}

// Abort stops the run as soon as possible: the running Lua code is stopped through
// Context, no task runs again, and Run returns err. Safe from any goroutine.
func (s *Scheduler) Abort(err error) {
	s.mu.Lock()
	if s.abortErr == nil {
		s.abortErr = err
	}
	s.mu.Unlock()
	s.stop.cancel()
	s.signal()
}

func (s *Scheduler) aborted() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.abortErr
}

// Stopping is closed when the run is being torn down (abort or kill): an embedded
// interpreter should stop executing when it is.
func (s *Scheduler) Stopping() <-chan struct{} { return s.stop.Done() }

// Context is done when the run is being torn down; give it to embedded interpreters.
func (s *Scheduler) Context() context.Context { return s.stop }

func (s *Scheduler) outcome() error {
	switch {
	case s.aborted() != nil:
		return s.aborted()
	case s.deadlock != nil:
		return s.deadlock
	case s.interrupted != nil:
		return s.interrupted
	}
	return nil
}

// kill ends every unfinished task without letting script code run: each wakes with
// ErrKilled and the embedder's interpreter is stopped through Context.
func (s *Scheduler) kill() {
	if s.observes(TraceStop) {
		s.trace(TraceEvent{Kind: TraceStop})
	}
	s.killing = true
	s.stop.cancel()
	for t := s.liveHead; t != nil; t = t.nextLive {
		if t.state == Waiting {
			t.unwait()
			s.callSoon(handle{task: t})
		}
	}
	s.iterationLeft = 0
	s.runTasks()
}

// switchAway gives the baton up for t (which has parked): the loop runs on t's
// worker while it can (runOnWorker), else t's worker goes back to whoever resumed
// it; it returns when t's step is run.
func (s *Scheduler) switchAway(t *Task) {
	if s.opts.Strategy == nil && t.worker.depth < maxLoopDepth && s.runOnWorker(t) {
		return
	}
	t.worker.yield(struct{}{})
}

// grant makes t the baton holder: the bookkeeping of a switch, before t's code runs.
func (s *Scheduler) grant(t *Task) {
	s.current, t.state = t, Running
	s.newHold()
	if s.observes(TraceRun) {
		s.trace(TraceEvent{Kind: TraceRun, Task: t, State: Running})
	}
}

func (s *Scheduler) runPosted() {
	s.mu.Lock()
	posted := s.posted
	s.posted = nil
	s.npost.Store(0)
	s.mu.Unlock()
	for _, f := range posted {
		f()
	}
}

// finish records t's outcome and wakes whoever waits for it. A main task that ends
// with an error (Cancelled included) cancels the others, as asyncio.run does when
// its coroutine raises.
func (s *Scheduler) finish(t *Task, result any, err error) {
	if err == nil && t.mustCancel {
		// Cancelled while it ran its last step: it ends cancelled, as in asyncio.
		result, err = nil, cancelled(t.cancelMsg())
	}
	t.mustCancel = false
	t.setCancelMsg("")
	t.end(result, err)
	switch {
	case err == nil:
		t.state = Done
	case errors.Is(err, ErrKilled):
		t.state = Cancelled
	case errors.Is(err, ErrCancelled) && (t.cancelCalled || !t.started):
		// Cancelled itself. The main task's Cancelled error still ends the run
		// with a failure (asyncio.run raises it), unless Ctrl-C cancelled it.
		t.state = Cancelled
		if t == s.main {
			s.failed = append(s.failed, t)
		}
	default:
		// A Cancelled error that t got from what it awaited, not from a
		// cancellation of its own, is a failure of t.
		t.state = Failed
		s.failed = append(s.failed, t)
	}
	if s.observes(TraceFinish) {
		s.trace(TraceEvent{Kind: TraceFinish, Task: t, State: t.state, Err: err})
	}
	if t.prevLive == nil {
		s.liveHead = t.nextLive
	} else {
		t.prevLive.nextLive = t.nextLive
	}
	if t.nextLive == nil {
		s.liveTail = t.prevLive
	} else {
		t.nextLive.prevLive = t.prevLive
	}
	t.prevLive, t.nextLive = nil, nil
	s.live--
	if s.opts.OnFinish != nil {
		s.opts.OnFinish(t)
	}
	observers := s.observers[t]
	if observers != nil {
		delete(s.observers, t)
	}
	for _, f := range observers {
		f(t)
	}
	if t == s.main && !errors.Is(err, ErrKilled) {
		// asyncio.run's done-callback on the main task, added before any other:
		// it stops the loop at the end of the iteration it runs in.
		s.callSoon(handle{fn: s.mainDone})
	}
	if j := t.joiner; j != nil {
		t.joiner = nil
		s.callSoon(handle{task: j})
	}
	cbs := t.callbacks
	t.callbacks = nil
	for _, cb := range cbs {
		s.callSoon(cb.h)
	}
}

func stack() []byte {
	buf := make([]byte, 16<<10)
	return buf[:goruntime.Stack(buf, false)]
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
