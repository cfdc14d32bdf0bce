package runtime

// A task that keeps the baton (an endless loop that never waits) would shut the
// outside world out: what it posts (Ctrl-C, the REPL's commands) runs on the hub,
// which gets the baton back only when the task waits. So the embedder's check
// between the steps of the running task's code (NeedsAttention) also answers true
// when something is posted, and the embedder then calls ServeOutside: the posted
// functions run there, with the baton, on the task's own goroutine. A cancellation
// they request of the running task is raised in it at once, as it would be at its
// next blocking point: its cleanup (pcall, a finally) runs.

// ServeOutside runs, for t, the running task, what the outside world has posted
// while t kept the baton. It returns the Cancelled error t must raise now if one of
// them cancelled t (a cancellation t requested of itself waits, as ever, for its
// next blocking point). Call it with the baton, from t's code, after NeedsAttention.
func (s *Scheduler) ServeOutside(t *Task) error {
	if s.npost.Load() == 0 || s.killing || s.stop.stopped.Load() || t != s.current || t.Done() {
		return nil
	}
	own := t.mustCancel
	t.mustCancel = false
	s.watch.busy = t
	s.runPosted()
	s.watch.busy = nil
	fromOutside := t.mustCancel && !t.Done()
	if !fromOutside {
		t.mustCancel = own
		return nil
	}
	t.mustCancel = false
	return cancelled(t.cancelMsg())
}

// Busy is the task that keeps the baton while ServeOutside runs what was posted:
// the one an interrupt from outside should stop. Nil when the posted functions run
// on the hub, which means no task keeps the baton.
func (s *Scheduler) Busy() *Task { return s.watch.busy }

// Posted is signalled when the outside world posts something (or the run is
// stopped). A task that keeps the baton while it waits for the outside world (a read
// of the input) selects on it too, and then calls ServeOutside, so that Ctrl-C
// reaches it. Call it with the baton: while a task holds it, the hub is not waiting
// on this channel, and it looks at what was posted before it waits again.
func (s *Scheduler) Posted() <-chan struct{} { return s.notify }
