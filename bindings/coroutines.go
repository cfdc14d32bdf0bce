package bindings

import (
	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// maxCoroutineDepth bounds coroutines resumed inside coroutines: each level is Go
// stack, and a Go stack overflow would kill the process, not just the script.
const maxCoroutineDepth = 180

// callbackOwner stands, in Module.inside, for the callback runner: the owner of
// the coroutines a callback resumes.
var callbackOwner = new(runtime.Task)

// openCoroutines replaces coroutine.create, resume, wrap and status. A task may
// block inside a coroutine it resumed (a goroutine park, not a Lua yield), so while
// it does, no other task may resume that coroutine: one LState would run on two
// goroutines. A task's own thread (what coroutine.running() returns outside any
// coroutine) is not a coroutine: nobody may resume it, and neither a finished
// task's thread, which waits for the next task.
//
// m.inside maps each coroutine a task is running inside to that task, and each
// task's thread that coroutine.running() gave a script to its task (nil once the
// task has finished). Only that way can a script reach a task's thread, and
// registering it then costs a spawn nothing.
func (m *Module) openCoroutines() {
	L := m.L
	co := L.GetGlobal("coroutine").(*lua.LTable)
	create := co.RawGetString("create").(*lua.LFunction).GFunction
	resume := co.RawGetString("resume").(*lua.LFunction).GFunction
	status := co.RawGetString("status").(*lua.LFunction).GFunction
	yield := co.RawGetString("yield").(*lua.LFunction).GFunction
	running := co.RawGetString("running").(*lua.LFunction).GFunction

	newCoroutine := func(L *lua.LState) *lua.LState {
		create(L)
		th := L.CheckThread(L.GetTop())
		m.watchThread(th) // stop with the run, like the task threads
		return th
	}
	// resumeChecked runs resume on the stack (coroutine, args...) unless another task
	// is inside the coroutine or it is a task's thread.
	resumeChecked := func(L *lua.LState) (n int, refused string) {
		th := L.CheckThread(1)
		// A callback resumes on behalf of the callback runner: what it resumes runs
		// to its next yield or its end before the callback returns (it cannot wait),
		// so no task can meet it inside.
		t, depth := m.sched.Current(), &m.callbacks.depth
		if t != nil {
			depth = &t.Data.(*luaTask).depth
		} else {
			t = callbackOwner
		}
		if owner, busy := m.inside[th]; busy {
			switch {
			case owner == nil:
				return 0, "cannot resume dead coroutine (it was the thread of a task that has finished)"
			case owner != callbackOwner && owner.Data.(*luaTask).thread == th:
				return 0, "cannot resume non-suspended coroutine (it is the thread of " + owner.Name() + ", not a coroutine)"
			case owner != t:
				return 0, "cannot resume a coroutine that " + owner.Name() + " is running inside"
			}
			return 0, "cannot resume non-suspended coroutine"
		}
		if th.Dead {
			return 0, "cannot resume dead coroutine" // Lua 5.1's words, not gopher-lua's
		}
		if *depth >= maxCoroutineDepth {
			return 0, "coroutines nested too deeply"
		}
		m.inside[th] = t
		*depth++
		defer func() {
			delete(m.inside, th)
			*depth--
		}()
		n = resume(L)
		if m.stopping() {
			m.raiseStop(L, n) // a stop inside the coroutine ends the resumer too
		}
		return n, ""
	}
	L.SetFuncs(co, map[string]lua.LGFunction{
		"create": func(L *lua.LState) int {
			newCoroutine(L)
			return 1
		},
		// status: a coroutine or task's thread in use is "running" for the
		// thread that asks, else "normal" (it resumed another coroutine, or another
		// task runs in it); a finished task's thread is "dead".
		"status": func(L *lua.LState) int {
			th := L.CheckThread(1)
			owner, busy := m.inside[th]
			switch {
			case !busy:
				return status(L)
			case owner == nil:
				L.Push(lua.LString("dead"))
			case th == L:
				L.Push(lua.LString("running"))
			default:
				L.Push(lua.LString("normal"))
			}
			return 1
		},
		// yield: gopher-lua cannot yield across a Go function (pcall, a gsub
		// callback...): pcall would return at once and the coroutine stay
		// "running" for good. Lua 5.1 refuses it with this error.
		"yield": func(L *lua.LState) int {
			if L.Parent != nil && goFrameBelow(L) {
				L.RaiseError("attempt to yield across metamethod/C-call boundary")
			}
			return yield(L)
		},
		// running: outside any coroutine, the task's own thread, which is
		// registered so that resume refuses it.
		"running": func(L *lua.LState) int {
			n := running(L)
			if th, ok := L.Get(-1).(*lua.LState); ok {
				if owner, known := m.inside[th]; !known || owner == nil {
					m.inside[th] = m.sched.Current() // not a coroutine: those are in m.inside
				}
			}
			return n
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

// goFrameBelow reports whether a Go function is on L's call stack below the
// function running now.
func goFrameBelow(L *lua.LState) (found bool) {
	eachFrame(L, 1, "S", func(dbg *lua.Debug) bool {
		found = dbg.What == "G"
		return found
	})
	return found
}
