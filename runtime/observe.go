package runtime

import (
	"cmp"
	"fmt"
	"slices"
	"sync/atomic"
	"time"
)

// An Observer is told what the tasks do, one TraceEvent at a time: it is how traces,
// timelines, statistics and lints are made (the trace package). Set it with
// Options.Observer. Observe is called with the baton, on the goroutine that holds
// it, so it may read the tasks and primitives it is given; it must not block, call a
// blocking method or keep the baton. With no observer the scheduler only pays a nil
// check at each point below.
type Observer interface {
	Observe(e TraceEvent)
}

// TraceKind says what a TraceEvent records. (TraceEvent, not Event, which is
// asyncio's Event primitive.)
type TraceKind uint8

const (
	// TraceSpawn: Task was created, by By (nil for the main task and the REPL's
	// entries). It waits in the ready queue until it first runs.
	TraceSpawn TraceKind = iota
	// TraceRun: Task was handed the baton (or kept it after yielding).
	TraceRun
	// TracePark: Task gave the baton up; Wait says why. State is Waiting, or Ready
	// when it only yielded (sleep(0)) or a cancellation made it ready at once.
	TracePark
	// TraceReady: Task was woken and joined the ready queue; N is 1 when it was
	// woken for what it waited for (a lock released, a permit, an item, a slot, a
	// notify: its wait future got a result), 0 for a yield, a timer, a cancellation.
	TraceReady
	// TraceBlock: Task kept the baton while Dur passed (block()); it ended at Time.
	TraceBlock
	// TraceCancel: By asked for Task to be cancelled (By is nil from outside tasks).
	TraceCancel
	// TraceFinish: Task ended; State is Done, Failed or Cancelled, Err its error.
	TraceFinish
	// TraceAcquire: Task took Object (a Lock, a Condition's lock, a Semaphore's
	// permit). When it had waited, this is the hand-off, at the moment of the release.
	TraceAcquire
	// TraceRelease: Object was given back. For a lock Task is its holder; for a
	// Semaphore, the task that released the permit.
	TraceRelease
	// TraceNotify: Task notified Object (a Condition); N waiters are woken (0: nobody
	// was waiting).
	TraceNotify
	// TraceCondWait: Task starts waiting for a notify of Object (a Condition); N is 1
	// when the wait is part of wait_for (a predicate is checked first), 0 for wait().
	TraceCondWait
	// TraceCondWoken: Task's wait for a notify of Object (a Condition) ended, before it
	// takes the lock back; N is 1 when a notify woke it, 0 when a cancellation (a
	// timeout) did.
	TraceCondWoken
	// TracePut: Task put an item in Object (a Queue) with put().
	TracePut
	// TraceGet: Task got an item from Object (a Queue) with get().
	TraceGet
	// TraceDeadlock: tasks remain and none can ever wake; the run ends. Tasks are
	// the tasks left, in spawn order.
	TraceDeadlock
	// TraceStop: the run is being torn down (a deadlock, an abort, a timeout): the
	// tasks left are killed and no script code runs any more.
	TraceStop
)

var traceKindNames = [...]string{"spawn", "run", "park", "ready", "block", "cancel", "finish",
	"acquire", "release", "notify", "condwait", "condwoken", "put", "get", "deadlock", "stop"}

func (k TraceKind) String() string { return traceKindNames[k] }

// TraceEvent is one thing a task did, at Time on the run's clock. Which fields are
// set depends on Kind (see the TraceKind constants).
type TraceEvent struct {
	Kind   TraceKind
	Time   time.Duration
	Task   *Task
	By     *Task
	State  TaskState // Task's state after the event
	Wait   Wait      // TracePark: what it waits on
	Object Primitive // the primitive of TraceAcquire ... TraceGet
	N      int
	Dur    time.Duration // TraceBlock
	Err    error         // TraceFinish
	Tasks  []*Task       // TraceDeadlock
}

// trace stamps e with the time and hands it to the observer, which must be set.
func (s *Scheduler) trace(e TraceEvent) {
	e.Time = s.clock.Now()
	s.opts.Observer.Observe(e)
}

// running is the task whose code runs now, or nil when the scheduler itself acts (a
// timer, a posted func such as Ctrl-C's).
func (s *Scheduler) running() *Task {
	if s.current != nil && s.current.state == Running {
		return s.current
	}
	return nil
}

// observes reports whether the observer wants events of kind k: the scheduler does
// not even make the others (making one reads the clock).
func (s *Scheduler) observes(k TraceKind) bool { return s.traceKinds&(1<<k) != 0 }

// A TraceFilter is an Observer that wants only some kinds of events: TraceKinds
// returns a bit mask (1<<TraceRun | ...). Without it an observer gets them all.
type TraceFilter interface {
	TraceKinds() uint32
}

// AllTraceKinds is the mask of every kind.
const AllTraceKinds = 1<<(TraceStop+1) - 1

func traceKindsOf(o Observer) uint32 {
	switch f := o.(type) {
	case nil:
		return 0
	case TraceFilter:
		return f.TraceKinds()
	}
	return AllTraceKinds
}

// A Primitive is one of the synchronization objects: Lock, Event, Condition,
// Semaphore, Barrier or a Queue.
type Primitive interface {
	fmt.Stringer
	// Kind is the type's name as scripts know it: "Lock", "BoundedSemaphore", ...
	Kind() string
	// Serial numbers primitives in the order they were made (across the process):
	// labels such as "Lock A" come from it.
	Serial() uint64
}

var serials atomic.Uint64

func nextSerial() uint64 { return serials.Add(1) }

// PrimitiveOf is the primitive a Wait's On stands for, or nil if it is not one (a
// task, a list of tasks). A task waiting for a Condition's notify has it.
func PrimitiveOf(on fmt.Stringer) Primitive {
	switch v := on.(type) {
	case conditionNotify:
		return v.c
	case Primitive:
		return v
	}
	return nil
}

// Labels names primitives by kind and order of creation: the first Lock made is
// "Lock A", the next "Lock B", ..., then "Lock AA"; each kind has its own letters.
// Only the primitives given are counted, so labels are stable for a given set.
func Labels(ps []Primitive) map[Primitive]string {
	sorted := slices.Clone(ps)
	slices.SortStableFunc(sorted, func(a, b Primitive) int { return cmp.Compare(a.Serial(), b.Serial()) })
	labels := map[Primitive]string{}
	count := map[string]int{}
	for _, p := range sorted {
		if _, done := labels[p]; done {
			continue
		}
		labels[p] = p.Kind() + " " + letters(count[p.Kind()])
		count[p.Kind()]++
	}
	return labels
}

// letters is 0 -> "A", 25 -> "Z", 26 -> "AA", ...
func letters(n int) string {
	s := ""
	for {
		s = string(rune('A'+n%26)) + s
		n = n/26 - 1
		if n < 0 {
			return s
		}
	}
}

// boolInt is an event's N for a yes-or-no fact: 1 for true.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// traceTask tells the observer that t did kind, in its current state. It is out of
// line so that the event is built in its own frame, not in the frames of a parked
// task's stack (park, Sleep), which every parked task keeps.
//
//go:noinline
func (s *Scheduler) traceTask(kind TraceKind, t *Task, why Wait) {
	s.trace(TraceEvent{Kind: kind, Task: t, Wait: why, State: t.state})
}

// traceReady tells the observer that t's step is ready; woken: for what it waited for.
// Out of line, as traceTask.
//
//go:noinline
func (s *Scheduler) traceReady(t *Task, woken bool) {
	s.trace(TraceEvent{Kind: TraceReady, Task: t, State: t.state, N: boolInt(woken)})
}
