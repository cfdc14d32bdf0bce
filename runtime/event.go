package runtime

// Event is asyncio.Event: a flag that tasks wait on. Set completes every waiter's
// future, in the order they came; Wait on a set event returns at once without
// yielding. A waiter woken by Set returns nil even if the event is cleared again
// before it runs.
type Event struct {
	set     bool
	waiters futureList
	serial  uint64
}

func NewEvent() *Event { return &Event{serial: nextSerial()} }

func (e *Event) Kind() string   { return "Event" }
func (e *Event) Serial() uint64 { return e.serial }

// Set sets the flag and wakes every waiter; they join the back of the ready queue.
func (e *Event) Set() {
	if e.set {
		return
	}
	e.set = true
	for f := e.waiters.first(); f != nil; f = f.next {
		if !f.Done() {
			f.SetResult(true)
		}
	}
}

// Clear unsets the flag: Wait blocks again until the next Set.
func (e *Event) Clear() { e.set = false }

func (e *Event) IsSet() bool { return e.set }

// Waiters is the number of tasks waiting for the event.
func (e *Event) Waiters() int { return e.waiters.len() }

// Wait returns once the event is set: at once if it is.
func (e *Event) Wait(t *Task) error {
	if e.set {
		return nil
	}
	return e.wait(t, Wait{Op: "Event.wait", On: e})
}

// wait is Wait, parked with why as what it waits on (a Queue's Join names the queue).
func (e *Event) wait(t *Task, why Wait) error {
	if e.set {
		return nil
	}
	f := t.waitFuture()
	e.waiters.push(f)
	err := t.awaitFuture(f, why)
	e.waiters.remove(f)
	return err
}

// String is asyncio's: <Event [unset, waiters:2]>.
func (e *Event) String() string {
	s := "unset"
	if e.set {
		s = "set"
	}
	if n := e.waiters.len(); n > 0 {
		s += ", waiters:" + itoa(n)
	}
	return "<Event [" + s + "]>"
}
