package runtime

import (
	"errors"
	"slices"
	"strconv"
	"strings"
)

// Queue is asyncio.Queue (and, by its store, LifoQueue and PriorityQueue), with
// close() as the end-of-stream signal and hand-off without barging:
//
//   - an item put while getters wait goes to the longest waiting getter at once; until
//     that getter runs the item still counts in Len and shows in String (as in
//     asyncio) but nobody else can take it (inFlight);
//   - a slot freed while putters wait is reserved for the longest waiting putter; until
//     it runs the slot counts as taken for Full (reserved), so nobody barges in;
//   - a woken getter cancelled before it runs gives its item back to the front; a
//     woken putter cancelled before it runs passes its slot on and adds nothing.
//
// A PriorityQueue keeps an item put for a waiting getter in its heap, as asyncio's
// does: the getter takes the heap's top when it runs, so a more urgent item put in
// the meantime goes first. Until then one item of the heap is that getter's: other
// getters and get_nowait see one item fewer.
type Queue struct {
	kind       string // "Queue", "LifoQueue" or "PriorityQueue", for String
	maxsize    int
	items      store
	inFlight   []*waiter // getters handed an item that have not run yet, in hand-off order
	reserved   int       // slots handed to woken putters that have not run yet
	unfinished int       // items put and not yet marked done (TaskDone)
	closed     bool
	// takeOnWake: items put for woken getters stay in items, and each woken getter
	// takes the next one when it runs (PriorityQueue).
	takeOnWake bool
	getters    waitQueue
	putters    waitQueue
	joiners    waitQueue
	serial     uint64
	takers     []*Task // the first few tasks that got from it with Get, in order

	// Repr shows one item in String, as Python's repr would; nil means fmt-style.
	Repr func(any) string
}

// ErrTaskDoneTooOften is the misuse of calling TaskDone more often than Put.
var ErrTaskDoneTooOften = errors.New("task_done() called too many times")

// NewQueue returns a FIFO queue; maxsize <= 0 means unbounded.
func NewQueue(maxsize int) *Queue { return newQueue("Queue", maxsize, &fifoStore{}) }

// NewLifoQueue returns a queue that gives the newest item first.
func NewLifoQueue(maxsize int) *Queue { return newQueue("LifoQueue", maxsize, &lifoStore{}) }

// NewPriorityQueue returns a queue that gives the item of lowest priority first,
// comparing items as Python compares (priority, item) tuples. Its items are
// Prioritized values.
func NewPriorityQueue(maxsize int) *Queue {
	q := newQueue("PriorityQueue", maxsize, &priorityStore{})
	q.takeOnWake = true
	return q
}

func newQueue(kind string, maxsize int, items store) *Queue {
	if maxsize < 0 {
		maxsize = 0
	}
	return &Queue{kind: kind, maxsize: maxsize, items: items, serial: nextSerial()}
}

func (q *Queue) Serial() uint64 { return q.serial }

// maxTakers bounds the tasks Takers remembers.
const maxTakers = 10

// Takers returns the first tasks (up to ten) that got an item from q with Get, in
// the order they first did: the lints name them when q is waited on in vain.
func (q *Queue) Takers() []*Task { return q.takers }

// got records that t got an item and tells the observer, if any.
func (q *Queue) got(t *Task) {
	if len(q.takers) < maxTakers && !slices.Contains(q.takers, t) {
		q.takers = append(q.takers, t)
	}
	q.traced(TraceGet, t)
}

// traced tells the observer, if any, that t put or got an item.
func (q *Queue) traced(kind TraceKind, t *Task) {
	if t.sched.observes(kind) {
		t.sched.trace(TraceEvent{Kind: kind, Task: t, State: t.state, Object: q})
	}
}

func (q *Queue) Kind() string    { return q.kind }
func (q *Queue) Maxsize() int    { return q.maxsize }
func (q *Queue) Closed() bool    { return q.closed }
func (q *Queue) Len() int        { return q.items.len() + q.handedOut() }
func (q *Queue) Empty() bool     { return q.Len() == 0 }
func (q *Queue) Full() bool      { return q.maxsize > 0 && q.Len()+q.reserved >= q.maxsize }
func (q *Queue) Getters() int    { return q.getters.len() }
func (q *Queue) Putters() int    { return q.putters.len() }
func (q *Queue) Unfinished() int { return q.unfinished }

// Put adds v, waiting for a free slot if the queue is full. It fails with
// ErrQueueClosed once the queue is closed, also for putters waiting at that moment.
func (q *Queue) Put(t *Task, v any) error {
	if q.closed {
		return ErrQueueClosed
	}
	if !q.Full() {
		q.add(v)
		q.traced(TracePut, t)
		return nil
	}
	err := t.waitIn(&q.putters, nil, Wait{Op: "Queue.put", On: q})
	if t.w.handed {
		q.reserved--
		if err != nil {
			q.slotFreed() // cancelled before it could use the slot: pass it on
			return err
		}
		q.add(v)
		q.traced(TracePut, t)
		return nil
	}
	return err
}

// PutNowait adds v or fails with ErrQueueFull (or ErrQueueClosed) at once.
func (q *Queue) PutNowait(v any) error {
	switch {
	case q.closed:
		return ErrQueueClosed
	case q.Full():
		return ErrQueueFull
	}
	q.add(v)
	return nil
}

// Get removes and returns the next item, waiting for one if the queue is empty. Once
// the queue is closed and drained it returns ok == false (getters waiting at that
// moment too).
func (q *Queue) Get(t *Task) (v any, ok bool, err error) {
	if q.available() > 0 {
		v = q.take()
		q.got(t)
		return v, true, nil
	}
	if q.closed {
		return nil, false, nil
	}
	err = t.waitIn(&q.getters, nil, Wait{Op: "Queue.get", On: q})
	if t.w.handed {
		q.landed(&t.w)
		if err != nil {
			q.giveBack(t.w.value) // cancelled before it could take the item
			return nil, false, err
		}
		v = t.w.value
		if q.takeOnWake {
			v = q.items.pop()
		}
		q.slotFreed()
		q.got(t)
		return v, true, nil
	}
	return nil, false, err // err is nil when woken by Close
}

// GetNowait returns the next item or fails with ErrQueueEmpty at once; a closed and
// drained queue gives ok == false.
func (q *Queue) GetNowait() (v any, ok bool, err error) {
	switch {
	case q.available() > 0:
		return q.take(), true, nil
	case q.closed:
		return nil, false, nil
	}
	return nil, false, ErrQueueEmpty
}

// Close ends the stream: putters fail with ErrQueueClosed from now on (the waiting
// ones too), getters drain what is left and then get ok == false.
func (q *Queue) Close() {
	if q.closed {
		return
	}
	q.closed = true
	q.putters.wakeAll(ErrQueueClosed)
	q.getters.wakeAll(nil)
}

// TaskDone marks one item as processed; Join returns when all are.
func (q *Queue) TaskDone() error {
	if q.unfinished <= 0 {
		return ErrTaskDoneTooOften
	}
	q.unfinished--
	if q.unfinished == 0 {
		q.joiners.wakeAll(nil)
	}
	return nil
}

// Join waits until every item put has been marked done with TaskDone.
func (q *Queue) Join(t *Task) error {
	if q.unfinished == 0 {
		return nil
	}
	return t.waitIn(&q.joiners, nil, Wait{Op: "Queue.join", On: q})
}

// add puts v in the queue, or straight into the hands of the longest waiting getter
// (a PriorityQueue wakes that getter and keeps v in its heap).
func (q *Queue) add(v any) {
	q.unfinished++
	if q.takeOnWake {
		q.items.push(v)
		q.handToGetter(nil)
		return
	}
	if !q.handToGetter(v) {
		q.items.push(v)
	}
}

// handedOut is the number of items handed to getters that have not run yet and are
// no longer in items.
func (q *Queue) handedOut() int {
	if q.takeOnWake {
		return 0
	}
	return len(q.inFlight)
}

// available is the number of items in items that no woken getter is owed.
func (q *Queue) available() int {
	if q.takeOnWake {
		return q.items.len() - len(q.inFlight)
	}
	return q.items.len()
}

func (q *Queue) take() any {
	v := q.items.pop()
	q.slotFreed()
	return v
}

// giveBack returns the item of a getter cancelled before it ran: to the next getter,
// or to the front of the queue. A PriorityQueue's item never left its heap: the next
// getter, if any, is woken for it.
func (q *Queue) giveBack(v any) {
	if q.takeOnWake {
		q.handToGetter(nil)
		return
	}
	if !q.handToGetter(v) {
		q.items.pushFront(v)
	}
}

// handToGetter gives v to the longest waiting getter, if there is one (nil to a
// PriorityQueue's getter, which takes its item when it runs).
func (q *Queue) handToGetter(v any) bool {
	w := q.getters.first()
	if w == nil {
		return false
	}
	q.getters.handOffFirst(v)
	q.inFlight = append(q.inFlight, w)
	return true
}

// landed forgets a getter's in-flight item: it has run.
func (q *Queue) landed(w *waiter) {
	for i, f := range q.inFlight {
		if f == w {
			q.inFlight = append(q.inFlight[:i], q.inFlight[i+1:]...)
			return
		}
	}
}

// slotFreed reserves a free slot for the longest waiting putter, if any.
func (q *Queue) slotFreed() {
	if q.putters.len() > 0 && !q.Full() {
		q.reserved++
		q.putters.handOffFirst(nil)
	}
}

// String is asyncio's: <Queue maxsize=10 _queue=[1, 2] _getters[1] tasks=2>.
func (q *Queue) String() string {
	var b strings.Builder
	b.WriteString("<" + q.kind + " maxsize=" + strconv.Itoa(q.maxsize))
	if items := q.Items(); len(items) > 0 {
		b.WriteString(" _queue=[")
		for i, v := range items {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(q.repr(v))
		}
		b.WriteString("]")
	}
	if n := q.getters.len(); n > 0 {
		b.WriteString(" _getters[" + strconv.Itoa(n) + "]")
	}
	if n := q.putters.len(); n > 0 {
		b.WriteString(" _putters[" + strconv.Itoa(n) + "]")
	}
	if q.unfinished > 0 {
		b.WriteString(" tasks=" + strconv.Itoa(q.unfinished))
	}
	if q.closed {
		b.WriteString(" closed")
	}
	b.WriteString(">")
	return b.String()
}

// Items lists what the queue holds, in the order String shows it: first the items
// handed to getters that have not run yet (asyncio still has them in its queue),
// then the rest; a PriorityQueue's heap, as heapq lays it out.
func (q *Queue) Items() []any {
	if q.takeOnWake {
		return q.items.list()
	}
	items := make([]any, 0, q.Len())
	for _, w := range q.inFlight {
		items = append(items, w.value)
	}
	return append(items, q.items.list()...)
}

func (q *Queue) repr(v any) string {
	if q.Repr != nil {
		return q.Repr(v)
	}
	return defaultRepr(v)
}
