// Package runtime is luasync's scheduler and its synchronization primitives, in
// pure Go: it knows nothing of Lua. Tasks are Go funcs (TaskFunc); bindings/ turns Lua
// functions into them.
//
// # The baton
//
// Every Task runs on its own goroutine (a worker, worker.go), but exactly one
// goroutine holds the baton at a time, and only the holder may touch scheduler state,
// primitives or (in bindings/) a Lua value. The workers are coroutines (iter.Pull)
// of Run's goroutine, the hub: a task that must wait records why (a Wait) and the
// loop picks the next ready task and resumes its worker, on the parked task's own
// worker while only task steps and Go callbacks are ready, else on the hub, to which
// the worker then goes back (loop.go, runOnWorker). A coroutine switch is the
// happens-before edge the Go memory model needs. The one exception is
// Scheduler.Post (with Interrupt and Abort, built on it): it is safe from any
// goroutine, and is how timers of the outside world, REPL input and signals reach the
// tasks.
//
// # Scheduling rules (README.md, "Scheduling"; tests rely on them)
//
// The scheduler is asyncio's event loop, as CPython 3.13 runs it, so that every order
// a program can observe is asyncio's (loop.go):
//
//  1. The loop has a FIFO ready queue of handles (a task's next step, or a callback
//     run on the hub) and a heap of timers. One iteration moves the due timers to
//     the back of the ready queue, in deadline order, then runs exactly the handles
//     that were ready when it began; handles added meanwhile run in the next one.
//     On the virtual clock a timer set after another at the same moment counts as
//     the later one.
//  2. A task waits on a Future; when the future completes, its done-callbacks are
//     scheduled (call_soon), so the task runs one iteration later (future.go). A
//     sleep is a timer that completes a future; Sleep(0) is a bare yield.
//  3. The first task is "Task-1"; Spawn names tasks "Task-2", "Task-3", ... as
//     asyncio's counter does. A new task's first step is queued at once: it runs
//     once the spawner parks or yields. Task.Cancel is asyncio 3.11+'s (task.go).
//  4. Every primitive is built as CPython builds it: the same futures, done-
//     callbacks and FIFO wake-ups. A waiter is woken, not handed anything: a
//     released Lock stays unlocked until the woken waiter runs, a woken getter
//     checks the queue again. Operations that never need to wait do not yield.
//  5. When the main task ends, the loop finishes the next iteration (its done-
//     callback stops it), then every task left is cancelled, in creation order, and
//     the loop runs until they have ended and a few iterations more, as asyncio.run's
//     shutdown does; what is still unfinished then is dropped (shutdown.go).
//  6. The real clock sleeps for real; the virtual clock jumps to the next deadline
//     whenever nothing is ready.
//  7. If tasks remain and none can ever wake (no ready handle, no timer, no outside
//     event source), Run returns a *DeadlockError.
//  8. Options.Strategy, when set, chooses which of the ready task steps runs next,
//     instead of the first: Random and PCT (strategy.go), seeded so that a run
//     repeats. Callbacks and timers keep their order and the other rules hold, so
//     every schedule it makes is one asyncio could run; luasync explore uses them to
//     find interleavings FIFO hides.
//
// A parked task costs no CPU: its worker is a suspended coroutine, and the hub, when
// no task is ready, waits in a blocked channel receive or a timer.
//
// # Seeing what happens
//
// Options.Observer is told, with the baton, of every spawn, hand-over of the baton,
// park, wake-up and end, and of the acquisitions and releases of locks and permits,
// notifies, puts and gets (observe.go; the trace package records them). Without one
// each of those points costs a nil check. With Options.SlowHold the embedder's check
// between steps of a task's code (NeedsAttention) also finds a task keeping the baton
// too long (watchdog.go).
package runtime
