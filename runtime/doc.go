// Package runtime is luasync's scheduler and its synchronization primitives, in
// pure Go: it knows nothing of Lua. Tasks are Go funcs (TaskFunc); bindings/ turns Lua
// functions into them.
//
// # The baton
//
// Every Task runs on its own goroutine (a worker, worker.go), but exactly one
// goroutine holds the baton at a time, and only the holder may touch scheduler state,
// primitives or (in bindings/) a Lua value. The workers are coroutines (iter.Pull)
// of Run's goroutine, the hub: a task that must wait records why (a Wait) and yields
// to the hub, which picks the next ready task and resumes its worker. A coroutine
// switch is the happens-before edge the Go memory model needs. The one exception is
// Scheduler.Post (with Interrupt and Abort, built on it): it is safe from any
// goroutine, and is how timers of the outside world, REPL input and signals reach the
// tasks.
//
// # Scheduling rules (README.md, "Scheduling"; tests rely on them)
//
//  1. The first task is "Task-1"; Spawn names tasks "Task-2", "Task-3", ... in spawn
//     order, as asyncio's counter does. A new task does not run until the spawner blocks or yields.
//  2. Ready tasks run in FIFO order. A woken task joins the back of the ready queue.
//     Sleep(0) moves the caller to the back of the ready queue.
//  3. Operations that never need to wait do not yield (Wait, which awaits a future
//     as asyncio's does, always yields).
//  4. A released lock, permit, item or queue slot wakes the longest waiter, which
//     takes it when it runs, as in asyncio: a lock stays unlocked until then (a new
//     acquirer still queues behind the waiters); get_nowait may take the item first.
//  5. Timers fire in deadline order; equal deadlines in the order they were set. At
//     every switch, due timers join the back of the ready queue.
//  6. The real clock sleeps for real; the virtual clock jumps to the next deadline
//     whenever no task is ready.
//  7. When the main task returns, the steps ready then run, and then every task left
//     is cancelled, as asyncio.run does. Run returns when every task has finished. If
//     tasks remain and none can ever wake
//     (no ready task, no timer, no outside event source) it returns a *DeadlockError.
//
// Options.Strategy, when set, replaces the FIFO order of rules 2 and 5 (which of the
// ready tasks, timers due together included, runs next) with its own choice:
// Random and PCT (strategy.go), seeded so that a run repeats. The other rules hold
// under every strategy; luasync explore uses them to find interleavings FIFO hides.
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
