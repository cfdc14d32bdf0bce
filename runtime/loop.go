package runtime

// The event loop, as asyncio's: a FIFO ready queue of handles and a heap of timers.
// One iteration moves the timers that are due to the back of the ready queue, then
// runs exactly the handles that were ready when it began; handles added meanwhile
// run in the next iteration. A handle is a task's next step or a callback (a Go
// function, run on the hub with the baton: a done-callback, a timer's).

// handle is an entry of the ready queue: a task's next step (task alone), a
// callback (fn, called with task, which may be nil: a task's done-callback gets the
// task without a closure per callback), a timer, or a Lua callback.
type handle struct {
	task     *Task       // run the task's next step, if fn is nil
	fn       func(*Task) // or call fn(task)
	timer    *timer      // or fire the timer, unless it was stopped or set again since (seq)
	seq      uint64
	callback *Callback // or run the callback on the callback runner
}

// step reports whether h is a task's next step.
func (h handle) step() bool { return h.task != nil && h.fn == nil }

// callSoon appends h to the ready queue (asyncio's call_soon). A task's step makes
// the task Ready.
func (s *Scheduler) callSoon(h handle) { s.schedule(h, false) }

// schedule is callSoon; woken says that a task's step comes from a primitive's wait
// future completed with a result (not cancelled): the task was woken for what it
// waited for. A new task's first step is no wake-up: its spawn says it is ready.
func (s *Scheduler) schedule(h handle, woken bool) {
	if t := h.task; t != nil && h.fn == nil {
		started := t.state != Pending
		if t.state == Waiting || t.state == Running {
			t.state = Ready
		}
		s.readyTasks++
		if started && s.observes(TraceReady) {
			s.traceReady(t, woken)
		}
	}
	s.ready.pushBack(h)
}

// runTasks is the hub: on Run's goroutine, it runs the loop's iterations until no
// handle can ever be ready again. A task's step hands the baton to the task's worker,
// which comes back when the task finishes or when the loop, which the worker runs on
// while its task is parked (runOnWorker), needs the hub.
func (s *Scheduler) runTasks() {
	for {
		h, ok := s.nextHandle()
		if !ok {
			return
		}
		switch {
		case h.fn != nil:
			h.fn(h.task)
		case h.task != nil:
			t := h.task
			if t.state != Ready && t.state != Pending {
				continue // a wake-up left over from a wait the run's teardown ended
			}
			if !t.started && (t.mustCancel || s.killing) {
				// Cancelled before its first step: its body never runs.
				s.finish(t, nil, cancelled(t.cancelMsg()))
				continue
			}
			s.grant(t)
			s.hubResumes++
			s.resume(t, 0)
			s.current = nil // the baton is back on the hub
		case h.timer != nil:
			if h.timer.seq == h.seq {
				h.timer.run()
			}
		case h.callback != nil:
			s.runCallback(h.callback)
		}
	}
}

// nextHandle returns the next handle to run, beginning a new iteration when the
// current one is over: waiting for the clock or the outside world as long as
// needed. It reports false when the run is over: every task has finished, the run
// is aborted, or nothing can ever wake the tasks left (a deadlock).
func (s *Scheduler) nextHandle() (handle, bool) {
	for s.iterationLeft == 0 {
		if !s.beginIteration() {
			return handle{}, false
		}
	}
	s.iterationLeft--
	h := s.popReady()
	if h.step() {
		s.readyTasks--
	}
	return h, true
}

// beginIteration starts an iteration: what the outside world posted runs, the due
// timers join the ready queue, and the handles ready now are the iteration's. It
// reports false when the run is over.
func (s *Scheduler) beginIteration() bool {
	for {
		if s.npost.Load() > 0 {
			s.runPosted()
		}
		if s.stop.stopped.Load() && s.aborted() != nil && !s.killing {
			return false // (Abort sets its error before it stops the run, then signals)
		}
		if s.closeLoop() {
			return false
		}
		s.endOfMain()
		s.fireDueTimers()
		if n := s.ready.len(); n > 0 {
			s.iterationLeft = n
			s.iterations++
			return true
		}
		switch {
		case s.live == 0 && s.sources == 0:
			return false
		case s.killing:
			return false
		case len(s.timers) > 0:
			s.clock.waitUntil(s.timers[0].when, s.notify)
		case s.sources > 0:
			<-s.notify
		default:
			dl := newDeadlockError(s.Tasks())
			if s.opts.OnDeadlock != nil && s.opts.OnDeadlock(dl) {
				continue
			}
			s.deadlock = dl
			if s.observes(TraceDeadlock) {
				s.trace(TraceEvent{Kind: TraceDeadlock, Tasks: s.Tasks()})
			}
			return false
		}
	}
}

// popReady takes the next handle out of the ready queue: the front one, unless it is
// a task's step, other tasks' steps are ready too, and a Strategy chooses among them
// (callbacks and timers keep their order).
func (s *Scheduler) popReady() handle {
	if s.opts.Strategy == nil || s.readyTasks < 2 || !s.ready.at(0).step() {
		h, _ := s.ready.popFront()
		return h
	}
	idx := s.choiceBuf[:0]
	for i := range s.ready.len() {
		if s.ready.at(i).step() {
			idx = append(idx, i)
		}
	}
	s.choiceBuf = idx
	pick := s.opts.Strategy.Choose(len(idx), func(i int) *Task { return s.ready.at(idx[i]).task })
	return s.ready.removeAt(idx[pick])
}

// Iterations is the number of loop iterations run so far.
func (s *Scheduler) Iterations() int { return s.iterations }

// runOnWorker runs the loop on the worker of t, a task that has just parked, instead
// of going back to the hub, for as long as nothing but task steps and Go callbacks
// are ready. A step of a task that is not running the loop itself runs on its
// worker, resumed from here (when it parks, it runs the loop in turn); t's own step
// returns true, and t goes on without any switch. A task switch so costs one
// coroutine switch (a ping-pong of two tasks: one each way) instead of two (worker
// to hub to worker).
//
// The workers running the loop form a chain: each was resumed by the one before it,
// the first by the hub, and the last is the one running. A worker maxLoopDepth
// workers away from the hub does not run the loop (switchAway): it goes back to the
// one that resumed it, which goes on with the loop, so that the chain stays short
// (a chain as long as the tasks, each a worker inside a resume, would make their
// stacks deeper and take as many switches to unwind). When the loop comes to the
// step of a task earlier in the chain, it makes it the running task (grant) and
// returns false: the workers after it go back, each to the one that resumed it,
// until that task's worker sees its step was granted. It also returns false, for
// the chain to go back to the hub, as soon as the hub has more to do than run steps
// and Go callbacks: to begin an iteration that has timers, posted functions, a stop
// or the end of main to see to, to fire a timer or run a callback (on the callback
// runner), or to wait. The order of what runs is the hub's: the same ready queue,
// the same iterations. With a Strategy (explore, step) the hub alone runs the loop.
// maxLoopDepth is how far from the hub a worker may be and still run the loop: two
// tasks switching to each other need the first two places of the chain (the third
// goes back to the second, which resumes it again), a task waiting for them the
// one before.
const maxLoopDepth = 2

func (s *Scheduler) runOnWorker(t *Task) (granted bool) {
	w := t.worker
	w.looping = true
	s.current = nil // the baton is on the loop
	for {
		if s.iterationLeft == 0 && !s.beginQuietIteration() {
			break
		}
		if h := &s.ready.buf[s.ready.head]; h.timer != nil || h.callback != nil {
			break
		}
		s.iterationLeft--
		h, _ := s.ready.popFront() // (no Strategy: the front one)
		if h.fn != nil {
			h.fn(h.task)
			continue
		}
		s.readyTasks--
		o := h.task
		if o.state != Ready && o.state != Pending {
			continue // a wake-up left over from a wait the run's teardown ended
		}
		if !o.started && o.mustCancel {
			s.finish(o, nil, cancelled(o.cancelMsg()))
			continue
		}
		s.grant(o)
		if o == t {
			granted = true
			break
		}
		if o.worker != nil && o.worker.looping {
			break // back along the chain to o's worker
		}
		s.resume(o, w.depth+1)
		if cur := s.current; cur == t {
			granted = true // granted further along the chain
			break
		} else if cur != nil && cur != o {
			break // granted to a task earlier in the chain
		}
		s.current = nil
	}
	w.looping = false
	return granted
}

// beginQuietIteration begins an iteration as beginIteration does, if there is no
// more to beginning it than counting the ready handles: no posted function, no stop,
// no closing loop, no end of main, no timer, and a handle ready. It reports whether
// it began one.
func (s *Scheduler) beginQuietIteration() bool {
	n := s.ready.len()
	if n == 0 || s.killing || s.closed || s.mainStopped || len(s.timers) > 0 || s.npost.Load() > 0 || s.stop.stopped.Load() {
		return false
	}
	s.iterationLeft = n
	s.iterations++
	return true
}
