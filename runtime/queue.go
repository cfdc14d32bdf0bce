package runtime

import (
	"errors"
	"slices"
	"strconv"
	"strings"
)

// Queue is asyncio.Queue (and, by its store, LifoQueue and PriorityQueue), built as
// asyncio builds it: a put wakes the longest waiting getter, which takes an item when
// it runs, one iteration later; the item stays in the queue meanwhile, and another
// task's GetNowait may take it first (the woken getter then waits again). Putters are
// woken the same way when an item is taken. Close is luasync's end-of-stream signal;
// Shutdown is asyncio's (Python 3.13).
type Queue struct {
	kind       string // "Queue", "LifoQueue" or "PriorityQueue", for String
	maxsize    int
	items      store
	n          int    // items in it (items.len(), without the interface call)
	unfinished int    // items put and not yet marked done (TaskDone)
	finished   *Event // set while unfinished is 0: Join waits on it
	closed     bool   // Close: putters fail, getters drain then get ok == false
	shutdown   bool   // Shutdown: putters fail, getters drain then fail
	getters    futureList
	putters    futureList
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
	return newQueue("PriorityQueue", maxsize, &priorityStore{})
}

func newQueue(kind string, maxsize int, items store) *Queue {
	if maxsize < 0 {
		maxsize = 0
	}
	q := &Queue{kind: kind, maxsize: maxsize, items: items, finished: NewEvent(), serial: nextSerial()}
	q.finished.set = true
	return q
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

func (q *Queue) Kind() string     { return q.kind }
func (q *Queue) Maxsize() int     { return q.maxsize }
func (q *Queue) Closed() bool     { return q.closed }
func (q *Queue) IsShutdown() bool { return q.shutdown }
func (q *Queue) Len() int         { return q.n }
func (q *Queue) Empty() bool      { return q.n == 0 }
func (q *Queue) Full() bool       { return q.maxsize > 0 && q.n >= q.maxsize }
func (q *Queue) Getters() int     { return q.getters.len() }
func (q *Queue) Putters() int     { return q.putters.len() }
func (q *Queue) Unfinished() int  { return q.unfinished }

// ended is the error a putter gets once the queue is closed or shut down.
func (q *Queue) ended() error {
	switch {
	case q.shutdown:
		return ErrQueueShutDown
	case q.closed:
		return ErrQueueClosed
	}
	return nil
}

// Put adds v, waiting for a free slot while the queue is full. It fails with
// ErrQueueClosed (ErrQueueShutDown) once the queue is closed (shut down), also for
// putters waiting at that moment.
func (q *Queue) Put(t *Task, v any) error {
	for q.Full() {
		if err := q.ended(); err != nil {
			return err
		}
		if err := waitInLine(t, &q.putters, Wait{Op: "Queue.put", On: q}, func() bool { return !q.Full() }); err != nil {
			return err
		}
	}
	if err := q.PutNowait(v); err != nil {
		return err
	}
	q.traced(TracePut, t)
	return nil
}

// PutNowait adds v or fails at once: with ErrQueueFull, or once the queue is closed
// (shut down) with ErrQueueClosed (ErrQueueShutDown).
func (q *Queue) PutNowait(v any) error {
	if err := q.ended(); err != nil {
		return err
	}
	if q.Full() {
		return ErrQueueFull
	}
	q.items.push(v)
	q.n++
	q.unfinished++
	q.finished.Clear()
	wakeUpNext(&q.getters)
	return nil
}

// Get removes and returns the next item, waiting while the queue is empty. Once the
// queue is closed and drained it returns ok == false (getters waiting at that
// moment too); once it is shut down and drained it fails with ErrQueueShutDown.
func (q *Queue) Get(t *Task) (v any, ok bool, err error) {
	for q.Empty() {
		if q.shutdown {
			return nil, false, ErrQueueShutDown
		}
		if q.closed {
			return nil, false, nil
		}
		if err := waitInLine(t, &q.getters, Wait{Op: "Queue.get", On: q}, func() bool { return !q.Empty() }); err != nil {
			return nil, false, err
		}
	}
	v, ok, err = q.GetNowait()
	if ok {
		q.got(t)
	}
	return v, ok, err
}

// GetNowait returns the next item or fails with ErrQueueEmpty at once; a closed and
// drained queue gives ok == false, a shut down and drained one ErrQueueShutDown.
func (q *Queue) GetNowait() (v any, ok bool, err error) {
	if q.Empty() {
		switch {
		case q.shutdown:
			return nil, false, ErrQueueShutDown
		case q.closed:
			return nil, false, nil
		}
		return nil, false, ErrQueueEmpty
	}
	v = q.items.pop()
	q.n--
	wakeUpNext(&q.putters)
	return v, true, nil
}

// waitInLine parks t at the back of line until a waker completes its future (asyncio's
// queues: the woken one checks again whether what it waits for is there). If t's wait
// ends with an error after it was woken, and available says there is still something
// for a waiter, the wake-up goes on to the next in line.
func waitInLine(t *Task, line *futureList, why Wait, available func() bool) error {
	f := t.waitFuture()
	line.push(f)
	err := t.awaitFuture(f, why)
	if err != nil {
		line.remove(f)
		if woken := f.Done() && !f.Cancelled(); woken && available() && !errors.Is(err, ErrKilled) {
			wakeUpNext(line)
		}
	}
	return err
}

// wakeUpNext takes waiters out of l until one is not done yet, and completes its
// future (asyncio's Queue._wakeup_next).
func wakeUpNext(l *futureList) {
	for f := l.popFront(); f != nil; f = l.popFront() {
		if !f.Done() {
			f.SetResult(nil)
			return
		}
	}
}

// Close ends the stream: putters fail with ErrQueueClosed from now on (the waiting
// ones too), getters drain what is left and then get ok == false.
func (q *Queue) Close() {
	if q.closed || q.shutdown {
		return
	}
	q.closed = true
	q.wakeAll()
}

// Shutdown shuts the queue down (asyncio's Queue.shutdown): putters fail with
// ErrQueueShutDown from now on (the waiting ones too), getters drain what is left and
// then fail with it; with immediate, the items left are dropped (each marked done)
// and getters fail at once.
func (q *Queue) Shutdown(immediate bool) {
	q.shutdown = true
	if immediate {
		for !q.Empty() {
			q.items.pop()
			q.n--
			if q.unfinished > 0 {
				q.unfinished--
			}
		}
		if q.unfinished == 0 {
			q.finished.Set()
		}
	}
	q.wakeAll()
}

func (q *Queue) wakeAll() {
	for _, l := range []*futureList{&q.getters, &q.putters} {
		for f := l.popFront(); f != nil; f = l.popFront() {
			if !f.Done() {
				f.SetResult(nil)
			}
		}
	}
}

// TaskDone marks one item as processed; Join returns when all are.
func (q *Queue) TaskDone() error {
	if q.unfinished <= 0 {
		return ErrTaskDoneTooOften
	}
	q.unfinished--
	if q.unfinished == 0 {
		q.finished.Set()
	}
	return nil
}

// Join waits until every item put has been marked done with TaskDone.
func (q *Queue) Join(t *Task) error {
	if q.unfinished == 0 {
		return nil
	}
	return q.finished.wait(t, Wait{Op: "Queue.join", On: q})
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
	if q.shutdown {
		b.WriteString(" shutdown")
	} else if q.closed {
		b.WriteString(" closed")
	}
	b.WriteString(">")
	return b.String()
}

// Items lists what the queue holds, in the order String shows it; a PriorityQueue's
// heap, as heapq lays it out.
func (q *Queue) Items() []any { return q.items.list() }

func (q *Queue) repr(v any) string {
	if q.Repr != nil {
		return q.Repr(v)
	}
	return defaultRepr(v)
}
