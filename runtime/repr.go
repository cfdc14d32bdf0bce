package runtime

import "strings"

// ReprFormat is what only the embedder can show of a task in its repr.
type ReprFormat struct {
	// Coro shows the task's coroutine: "worker() running at x.lua:5", or for a task
	// that has finished "worker() done, defined at x.lua:3".
	Coro func(t *Task) string
	// Outcome shows how a finished, not cancelled task ended: "result=42",
	// "exception=Exception('boom')".
	Outcome func(t *Task) string
	// Quote shows a string as Python's repr shows it: 'Task-2'.
	Quote func(s string) string
}

// Repr shows t as asyncio's repr of a Task does, without the address: its state
// (pending, cancelling, finished, cancelled), its name, its coroutine, the future it
// waits for, its result or exception, and the done-callbacks waiting for it:
// <Task pending name='Task-2' coro=<worker() running at x.lua:5> wait_for=<Future
// pending cb=[Task.task_wakeup()]>>. Call it with the baton.
func (t *Task) Repr(f ReprFormat) string {
	var b strings.Builder
	b.WriteString("<Task ")
	b.WriteString(t.reprState())
	b.WriteString(" name=")
	b.WriteString(f.Quote(t.Name()))
	if f.Coro != nil {
		if coro := f.Coro(t); coro != "" {
			b.WriteString(" coro=<" + coro + ">")
		}
	}
	if w := t.reprWaitFor(f); w != "" {
		b.WriteString(" wait_for=" + w)
	}
	if t.Done() && !t.Cancelled() && f.Outcome != nil {
		b.WriteString(" " + f.Outcome(t))
	}
	if cb := t.reprCallbacks(); cb != "" {
		b.WriteString(" " + cb)
	}
	b.WriteString(">")
	return b.String()
}

// reprState is the state as asyncio's repr names it.
func (t *Task) reprState() string {
	switch {
	case t.Cancelled():
		return "cancelled"
	case t.Done():
		return "finished"
	case t.numCancels > 0:
		return "cancelling"
	}
	return "pending"
}

// reprWaitFor shows the future t's step waits for, until that step runs: the task
// it awaits, the future gather returns, or the future a primitive, sleep or wait
// made for it.
func (t *Task) reprWaitFor(f ReprFormat) string {
	if o := t.taskWaiter; o != nil {
		return o.Repr(f)
	}
	w := t.futWaiter
	if w == nil {
		return ""
	}
	if t.why.Op == "gather" {
		return "<_GatheringFuture" + strings.TrimPrefix(w.String(), "<Future")
	}
	return w.String()
}

// reprCallbacks shows t's done-callbacks as asyncio's _format_callbacks does:
// cb=[a], cb=[a, b], cb=[a, <2 more>, d]; "" if none.
func (t *Task) reprCallbacks() string {
	if t.Done() {
		return "" // they have run
	}
	var cbs []string
	if t == t.sched.main {
		cbs = append(cbs, "_run_until_complete_cb()")
	}
	if t.joiner != nil {
		cbs = append(cbs, joinCallback)
	}
	for _, cb := range t.callbacks {
		if cb.name != "" {
			cbs = append(cbs, cb.name)
		}
	}
	switch n := len(cbs); {
	case n == 0:
		return ""
	case n <= 2:
		return "cb=[" + strings.Join(cbs, ", ") + "]"
	default:
		return "cb=[" + cbs[0] + ", <" + itoa(n-2) + " more>, " + cbs[n-1] + "]"
	}
}
