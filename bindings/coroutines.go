package bindings

import (
	lua "github.com/yuin/gopher-lua"
)

// maxCoroutineDepth bounds coroutines resumed inside coroutines: each level is Go
// stack, and a Go stack overflow would kill the process, not just the script.
const maxCoroutineDepth = 180

// openCoroutines replaces coroutine.create, resume and wrap. A task may block inside a
// coroutine it resumed (a goroutine park, not a Lua yield), so while it does, no other
// task may resume that coroutine: one LState would run on two goroutines.
func (m *Module) openCoroutines() {
	L := m.L
	co := L.GetGlobal("coroutine").(*lua.LTable)
	create := co.RawGetString("create").(*lua.LFunction).GFunction
	resume := co.RawGetString("resume").(*lua.LFunction).GFunction

	newCoroutine := func(L *lua.LState) *lua.LState {
		create(L)
		th := L.CheckThread(L.GetTop())
		th.SetContext(m.threadContext(th)) // stop with the run, like the task threads
		return th
	}
	// resumeChecked runs resume on the stack (coroutine, args...) unless another task
	// is inside the coroutine.
	resumeChecked := func(L *lua.LState) (n int, refused string) {
		th := L.CheckThread(1)
		t := m.sched.Current()
		if owner, busy := m.inside[th]; busy {
			if owner != t {
				return 0, "cannot resume a coroutine that " + owner.Name() + " is running inside"
			}
			return 0, "cannot resume non-suspended coroutine"
		}
		lt := t.Data.(*luaTask)
		if lt.depth >= maxCoroutineDepth {
			return 0, "coroutines nested too deeply"
		}
		m.inside[th] = t
		lt.depth++
		defer func() {
			delete(m.inside, th)
			lt.depth--
		}()
		return resume(L), ""
	}
	L.SetFuncs(co, map[string]lua.LGFunction{
		"create": func(L *lua.LState) int {
			newCoroutine(L)
			return 1
		},
		"resume": func(L *lua.LState) int {
			n, refused := resumeChecked(L)
			if refused != "" {
				L.Push(lua.LFalse)
				L.Push(lua.LString(refused))
				return 2
			}
			return n
		},
		"wrap": func(L *lua.LState) int {
			th := newCoroutine(L)
			L.Push(L.NewFunction(func(L *lua.LState) int {
				L.Insert(th, 1)
				n, refused := resumeChecked(L)
				if refused != "" {
					L.RaiseError("%s", refused)
				}
				first := L.GetTop() - n + 1 // resume left: ok, results...
				if L.Get(first) == lua.LFalse {
					L.Error(L.Get(first+1), 0) // the message has its position already
				}
				L.Remove(first)
				return n - 1
			}))
			return 1
		},
	})
}
