package runtime

// waiter is a task's place in a waitQueue. Each Task embeds one, since a task waits on
// one thing at a time; so parking allocates nothing.
type waiter struct {
	task       *Task
	queue      *waitQueue // the queue it is in, nil when in none
	prev, next *waiter
	// value is what travels with the waiter: a putter's item, or the item handed to a
	// getter.
	value any
	// handed is set when the task was woken by a hand-off (it was given a lock, a
	// permit, a queue slot or an item), as opposed to cancellation.
	handed bool
}

// waitQueue is the one fair FIFO wait queue under every primitive (trio's parking lot).
type waitQueue struct {
	head, tail *waiter
	n          int
}

func (q *waitQueue) len() int { return q.n }

func (q *waitQueue) first() *waiter { return q.head }

func (q *waitQueue) push(w *waiter) {
	w.queue, w.prev, w.next = q, q.tail, nil
	if q.tail == nil {
		q.head = w
	} else {
		q.tail.next = w
	}
	q.tail = w
	q.n++
}

func (q *waitQueue) remove(w *waiter) {
	if w.prev == nil {
		q.head = w.next
	} else {
		w.prev.next = w.next
	}
	if w.next == nil {
		q.tail = w.prev
	} else {
		w.next.prev = w.prev
	}
	w.queue, w.prev, w.next = nil, nil, nil
	q.n--
}

// tasks lists the waiting tasks, longest waiter first.
func (q *waitQueue) tasks() []*Task {
	var ts []*Task
	for w := q.head; w != nil; w = w.next {
		ts = append(ts, w.task)
	}
	return ts
}

// handOffFirst takes the longest waiter out of q, marks it as handed what it waited
// for, carrying value, and makes it ready. It returns the task, or nil if q is empty.
func (q *waitQueue) handOffFirst(value any) *Task {
	w := q.head
	if w == nil {
		return nil
	}
	q.remove(w)
	w.handed, w.value = true, value
	w.task.sched.makeReady(w.task)
	return w.task
}

// wakeAll makes every waiter ready with err (nil: a plain wake-up), in FIFO order.
func (q *waitQueue) wakeAll(err error) {
	for w := q.head; w != nil; w = q.head {
		q.remove(w)
		w.task.wakeErr = err
		w.task.sched.makeReady(w.task)
	}
}
