package runtime

// Gather waits until every task in tasks has finished, or until one of them fails or
// is cancelled, whichever comes first (asyncio.gather's default): it returns nil, or
// the first error in time. The others keep running. It is built as asyncio builds
// it: each task's done-callback counts it, and completes a gathering future when
// the last one ends (or one fails), whose done-callback wakes t: t runs two
// iterations after the task that completes the gathering. If t is cancelled while
// it waits, the tasks it waits for are cancelled, and t gets the Cancelled error of
// the first of them to end.
//
// Every child's error counts as retrieved, also of those that end after Gather has
// returned (the done-callback looks at each child's error as it finishes).
func (t *Task) Gather(tasks []*Task) error {
	children := make([]*Task, 0, len(tasks))
	seen := make(map[*Task]bool, len(tasks))
	for _, c := range tasks {
		if c == t {
			return ErrGatherSelf
		}
		if !seen[c] {
			seen[c] = true
			children = append(children, c)
		}
	}
	if len(children) == 0 {
		return nil
	}
	outer := NewFuture(t.sched)
	cancelRequested := false
	outer.onCancel = func(msg string) bool {
		if outer.Done() {
			return false
		}
		ret := false
		for _, c := range children {
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
		if c.err != nil {
			outer.SetError(c.err)
			return
		}
		if finished == len(children) {
			if cancelRequested {
				outer.SetError(cancelled(""))
			} else {
				outer.SetResult(nil)
			}
		}
	}
	for _, c := range children {
		c.OnDoneAs("gather.<locals>._done_callback()", childDone)
	}
	if err := t.awaitFuture(outer, Wait{Op: "gather", On: taskList(children)}); err != nil {
		return err
	}
	_, err := outer.Result()
	return err
}
