package bindings

import (
	"sync"
	"sync/atomic"

	lua "github.com/yuin/gopher-lua"
)

// A finished task's Lua thread is kept for the next task that starts: first by its
// Module (idleThreads, up to maxIdleThreads), then, when the Module is closed, by
// the process (sparedThreads, up to maxSparedThreads), for the Modules of later
// runs: luasync explore and check run a script many times, and a new thread
// allocates its stacks and allocator (newthread.go), about 2 KB.

// maxSparedThreads bounds the threads kept between runs. A thread's registry keeps
// the size it grew to (at most 256 KiB), so fewer are kept than a Module keeps.
const maxSparedThreads = 64

// sparedThreads are the idle threads of the Modules closed so far, with no task and
// an empty stack. A thread belongs to no Module while it is here.
var sparedThreads struct {
	sync.Mutex
	list []*lua.LState
}

// threadsMade counts the Lua threads made for tasks, for tests.
var threadsMade atomic.Int64

// spareThreads keeps threads, idle, for the runs to come; the others are dropped.
func spareThreads(threads []*lua.LState) {
	sparedThreads.Lock()
	defer sparedThreads.Unlock()
	room := maxSparedThreads - len(sparedThreads.list)
	if len(threads) > room {
		threads = threads[:max(room, 0)]
	}
	sparedThreads.list = append(sparedThreads.list, threads...)
}

// takeSparedThread returns a thread another run left, bound to m: its globals, its
// parent state and its context are m's, as if m had made it. It returns nil if no
// thread is left.
func (m *Module) takeSparedThread() *lua.LState {
	sparedThreads.Lock()
	n := len(sparedThreads.list)
	if n == 0 {
		sparedThreads.Unlock()
		return nil
	}
	th := sparedThreads.list[n-1]
	sparedThreads.list[n-1] = nil
	sparedThreads.list = sparedThreads.list[:n-1]
	sparedThreads.Unlock()
	th.G, th.Env, th.Parent = m.L.G, m.L.Env, nil
	m.watchThread(th)
	return th
}

// newThread makes a thread for a task of m.
func (m *Module) newThread() *lua.LState {
	if th := m.takeSparedThread(); th != nil {
		return th
	}
	threadsMade.Add(1)
	th, _ := newThreadOf(m.L) // m.L has no context, so no child context is made
	m.watchThread(th)
	return th
}
