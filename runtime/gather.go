package runtime

// Gather waits until every task in tasks has finished, or until one of them fails or
// is cancelled, whichever comes first (asyncio.gather's default): it returns nil, or
// the first error in time. The others keep running. See GatherAll.
func (t *Task) Gather(tasks []*Task) error { return t.GatherAll(tasks, false) }

// GatherAll is asyncio.gather, built as asyncio builds it: a gathering future
// completes when the last task has finished, each task's done-callback counting it;
// t awaits that future, so t runs two iterations after the task that completes it
// (at once, without yielding, if every task had finished already: those are counted
// as the gathering begins). Without returnExceptions, a task that fails or is
// cancelled completes the gathering with its error at once, and the others keep
// running. With returnExceptions, the gathering waits for every task and returns nil:
// read each task's outcome from it.
//
// If t is cancelled while it waits, the tasks are cancelled instead of the gathering
// future, and t gets a Cancelled error once the gathering completes (whatever
// returnExceptions says).
//
// Every child's error counts as retrieved, also of those that end after GatherAll has
// returned (the done-callback looks at each child's error as it finishes).
func (t *Task) GatherAll(tasks []*Task, returnExceptions bool) error {
	if len(tasks) == 0 {
		return nil
	}
	distinct := make([]*Task, 0, len(tasks))
	seen := make(map[*Task]bool, len(tasks))
	for _, c := range tasks {
		if c == t {
			return ErrGatherSelf
		}
		if !seen[c] {
			seen[c] = true
			distinct = append(distinct, c)
		}
	}
	outer := NewFuture(t.sched)
	cancelRequested := false
	outer.onCancel = func(msg string) bool {
		if outer.Done() {
			return false
		}
		ret := false
		for _, c := range distinct {
			if c.Cancel(msg) {
				ret = true
			}
		}
		if ret {
			cancelRequested = true
		}
		return ret
	}
	finished := 0
	childDone := func(c *Task) {
		finished++
		c.retrieved = true
		if outer.Done() {
			return
		}
		if !returnExceptions && c.err != nil {
			outer.SetError(c.err)
			return
		}
		if finished == len(distinct) {
			if cancelRequested {
				outer.SetError(lastCancelled(tasks[len(tasks)-1]))
			} else {
				outer.SetResult(nil)
			}
		}
	}
	var doneAlready []*Task
	for _, c := range distinct {
		if c.Done() {
			doneAlready = append(doneAlready, c)
		} else {
			c.OnDoneAs("gather.<locals>._done_callback()", childDone)
		}
	}
	for _, c := range doneAlready {
		childDone(c)
	}
	if err := t.awaitFuture(outer, Wait{Op: "gather", On: taskList(distinct)}); err != nil {
		return err
	}
	_, err := outer.Result()
	return err
}

// lastCancelled is the Cancelled error a cancelled gathering raises once every child
// has ended: asyncio makes it from the last child listed, its own Cancelled error if
// it ended cancelled, else one with the message of its latest cancellation that
// found nothing to cancel in it.
func lastCancelled(last *Task) error {
	if last.Cancelled() && last.err != nil {
		return last.err
	}
	return cancelled(last.cancelMsg)
}
