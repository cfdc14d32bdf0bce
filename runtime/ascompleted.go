package runtime

import "time"

// AsCompleted is asyncio.as_completed's iterator, built as CPython 3.13 builds it:
// each awaited task or future gets a done-callback that puts it in a queue of done
// ones, and Next waits for that queue as Queue.get does. So a caller waiting in
// Next runs two iterations after the awaited one ends (its done-callback, then the
// getter's wake-up); one already in the queue is returned without yielding. After
// the timeout, each call of Next gets ErrTimeout. Call its methods with the baton.
type AsCompleted struct {
	sched   *Scheduler
	todo    map[Awaitable]bool // awaited, not done yet (asyncio's _todo)
	left    int                // calls of Next still to answer (_todo_left)
	done    deque[Awaitable]   // done ones in the order they ended; nil stands for the timeout
	getters futureList
	timer   *Callback
}

// AsCompleted starts iterating over items (each a *Task or a *Future; a repeated one
// counts once) in the order they end; timeout < 0 means none.
func (s *Scheduler) AsCompleted(items []Awaitable, timeout time.Duration) *AsCompleted {
	a := &AsCompleted{sched: s, todo: map[Awaitable]bool{}}
	for _, it := range items {
		if a.todo[it] {
			continue
		}
		a.todo[it] = true
		it.onDone("_AsCompletedIterator._handle_completion()", func() { a.completed(it) })
	}
	a.left = len(a.todo)
	if a.left > 0 && timeout >= 0 {
		a.timer = s.CallLater(timeout, a.timedOut)
	}
	return a
}

// Left is the number of calls of Next that will still return an item (or fail).
func (a *AsCompleted) Left() int { return a.left }

// Next waits for the next item to end and returns it; ok is false once every item
// has been returned. After the timeout it returns ErrTimeout.
func (a *AsCompleted) Next(t *Task) (item Awaitable, ok bool, err error) {
	if a.left == 0 {
		return nil, false, nil
	}
	a.left--
	for a.done.len() == 0 {
		if err := waitInLine(t, &a.getters, Wait{Op: "as_completed"}, func() bool { return a.done.len() > 0 }); err != nil {
			return nil, false, err
		}
	}
	item, _ = a.done.popFront()
	if item == nil {
		return nil, false, ErrTimeout
	}
	return item, true, nil
}

// completed is an item's done-callback (_handle_completion).
func (a *AsCompleted) completed(it Awaitable) {
	if len(a.todo) == 0 {
		return // the timeout came first
	}
	delete(a.todo, it)
	a.put(it)
	if len(a.todo) == 0 && a.timer != nil {
		a.timer.Cancel()
	}
}

// timedOut is the timeout's callback (_handle_timeout): one timeout mark for each
// item not done.
func (a *AsCompleted) timedOut() {
	for range a.todo {
		a.put(nil)
	}
	clear(a.todo)
}

func (a *AsCompleted) put(it Awaitable) {
	a.done.pushBack(it)
	wakeUpNext(&a.getters)
}
