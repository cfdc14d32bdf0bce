package bindings

import (
	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// Once a run stops (os.exit, a deadlock, a timeout), no more script code may run:
// every task ends where it is. The interpreter stops a task between instructions
// and every blocking call raises an error, but a Lua error can be caught. So the
// places where a script catches errors (pcall, xpcall, coroutine.resume) raise
// the stop again instead of returning, and xpcall's handler is not called.

// stopping reports whether the run is being stopped.
func (m *Module) stopping() bool {
	select {
	case <-m.sched.Stopping():
		return true
	default:
		return false
	}
}

// raiseStop raises the run's stop in L, in place of the n results on top of the
// stack that a protected call left (ok, error or ok, results...): the caught error
// again if it failed (it says where the stop found the task), else a new one.
func (m *Module) raiseStop(L *lua.LState, n int) {
	if n >= 2 && L.Get(-n) == lua.LFalse {
		L.Error(L.Get(-n+1), 0)
	}
	L.RaiseError("%s", runtime.ErrKilled.Error())
}

// openStopBarriers replaces pcall and xpcall with versions that do not catch the
// run's stop.
func (m *Module) openStopBarriers() {
	L := m.L
	pcall := L.GetGlobal("pcall").(*lua.LFunction).GFunction
	xpcall := L.GetGlobal("xpcall").(*lua.LFunction).GFunction
	m.setGlobals([]builtin{
		{"pcall", func(c call) int {
			L := c.L
			n := pcall(L)
			if m.stopping() {
				m.raiseStop(L, n)
			}
			return n
		}},
		{"xpcall", func(c call) int {
			L := c.L
			handler := L.CheckFunction(2)
			L.Replace(2, L.NewFunction(func(L *lua.LState) int {
				if m.stopping() {
					return 1 // the error as it is: no script code runs any more
				}
				err := L.Get(1)
				L.Push(handler)
				L.Push(err)
				L.Call(1, 1)
				return 1
			}))
			n := xpcall(L)
			if m.stopping() {
				m.raiseStop(L, n)
			}
			return n
		}},
	})
}
