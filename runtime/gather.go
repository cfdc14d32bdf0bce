package runtime

// Gather waits until every task in tasks has finished, or until one of them fails or
// is cancelled, whichever comes first (asyncio.gather's default): it returns nil, or
// the first error in time. The others keep running. If t is cancelled while it waits,
// the tasks it waits for are cancelled too, as asyncio does.
//
// Every child's error counts as retrieved, also of those that end after Gather has
// returned (asyncio's gather looks at each child's exception as it finishes).
func (t *Task) Gather(tasks []*Task) error {
	for _, c := range tasks {
		if c == t {
			return ErrGatherSelf
		}
	}
	var first *Task // the first to fail, in time
	pending := 0
	for _, c := range tasks {
		c.retrieved = true
		switch {
		case !c.Done():
			pending++
		case c.err != nil && first == nil:
			first = c
		}
	}
	if first == nil && pending > 0 {
		waiting := true
		watch := func(c *Task) {
			pending--
			if c.err != nil && first == nil {
				first = c
			}
			if waiting && (pending == 0 || first != nil) {
				waiting = false
				t.sched.makeReady(t)
			}
		}
		var undone []*Task
		for _, c := range tasks {
			if !c.Done() {
				undone = append(undone, c)
				c.OnDoneAs("gather.<locals>._done_callback()", watch)
			}
		}
		t.prepare(nil)
		t.awaiting = undone
		err := t.park(Wait{Op: "gather"})
		waiting = false
		if err != nil {
			return err
		}
	}
	if first != nil {
		return first.err
	}
	return nil
}
