package runtime

import (
	"iter"
	"sync"
)

// A worker is the goroutine a task runs on. The scheduler runs it as a coroutine
// (iter.Pull): Run's goroutine, the hub, resumes the worker of the task to run, and
// the worker comes back to whoever resumed it when its task finishes, or when its
// task parks and the loop cannot go on on the worker (runOnWorker: a parked task's
// worker runs the loop itself as long as only task steps and Go callbacks are ready,
// and resumes the next task's worker from there). A coroutine switch hands the
// processor straight to the other goroutine, without the Go scheduler's run queue:
// one costs about a quarter of a channel hand-off.
//
// A worker whose task has finished waits, idle, for a task that has never run, of
// any Scheduler of the process: spawning many short tasks, or running a script many
// times (luasync explore), costs a few goroutines, whose stacks have already grown.
// At most maxIdleWorkers wait; the others end. (Reuse also matters under the race
// detector, which keeps a few KiB for every coroutine that has ended.)
type worker struct {
	resume func() (struct{}, bool) // iter.Pull's next: runs the worker until it yields
	stop   func()                  // iter.Pull's stop: ends an idle worker
	yield  func(struct{}) bool     // gives control back to whoever resumed it
	task   *Task                   // the task it runs, nil while idle
	// looping: its task has parked and it runs the loop (runOnWorker), in which it
	// may be resuming another worker
	looping bool
	depth   int // workers between it and the hub when it was last resumed (0: the hub resumed it)
}

// maxIdleWorkers bounds the idle workers kept for new tasks.
const maxIdleWorkers = 64

// idleWorkers are the workers waiting for a task, shared by the Schedulers of the
// process: a worker belongs to none, and any hub may resume it (one at a time: it is
// taken out of the list first).
var idleWorkers struct {
	sync.Mutex
	list []*worker
	made int // workers made so far, for tests
}

// newWorker makes a worker; its goroutine starts at its first resume.
func newWorker() *worker {
	w := &worker{}
	w.resume, w.stop = iter.Pull(func(yield func(struct{}) bool) {
		w.yield = yield
		for {
			t := w.task
			result, err := t.call()
			t.sched.finish(t, result, err)
			w.task = nil
			if !yield(struct{}{}) {
				return // stopped while idle
			}
		}
	})
	return w
}

// takeWorker returns an idle worker, or a new one.
func takeWorker() *worker {
	idleWorkers.Lock()
	defer idleWorkers.Unlock()
	if n := len(idleWorkers.list); n > 0 {
		w := idleWorkers.list[n-1]
		idleWorkers.list = idleWorkers.list[:n-1]
		return w
	}
	idleWorkers.made++
	return newWorker()
}

// release keeps w, idle, for a new task, or ends it if enough wait already.
func (w *worker) release() {
	idleWorkers.Lock()
	if len(idleWorkers.list) < maxIdleWorkers {
		idleWorkers.list = append(idleWorkers.list, w)
		w = nil
	}
	idleWorkers.Unlock()
	if w != nil {
		w.stop()
	}
}

// StopIdleWorkers ends the workers waiting for a task. Tests call it before they
// check that no goroutine is left; a program need not (an idle worker costs no CPU).
func StopIdleWorkers() {
	idleWorkers.Lock()
	list := idleWorkers.list
	idleWorkers.list = nil
	idleWorkers.Unlock()
	for _, w := range list {
		w.stop()
	}
}

// resume runs t, which holds the baton, on its worker until it parks or finishes,
// or, if it runs the loop when it parks (runOnWorker), until the loop goes back to
// the hub or to a task whose worker resumed it. The caller is the hub (depth 0), or
// a worker running the loop (depth: one more than that worker's).
func (s *Scheduler) resume(t *Task, depth int) {
	w := t.worker
	if w == nil { // its first run
		w = takeWorker()
		w.task, t.worker, t.started = t, w, true
	}
	w.depth = depth
	w.resume()
	if w.task == nil { // t has finished
		t.worker = nil
		w.release()
	}
}
