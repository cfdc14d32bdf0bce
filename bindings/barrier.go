package bindings

import (
	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

func (m *Module) openBarrier() {
	m.newType("Barrier", map[string]lua.LGFunction{
		"wait":    m.barrierWait,
		"reset":   func(L *lua.LState) int { barrierSelf(L, "Barrier:reset()").Reset(); return 0 },
		"abort":   func(L *lua.LState) int { barrierSelf(L, "Barrier:abort()").Abort(); return 0 },
		"parties": func(L *lua.LState) int { L.Push(lua.LNumber(barrierSelf(L, "Barrier:parties()").Parties())); return 1 },
		"n_waiting": func(L *lua.LState) int {
			L.Push(lua.LNumber(barrierSelf(L, "Barrier:n_waiting()").NWaiting()))
			return 1
		},
		"broken": func(L *lua.LState) int { return pushBool(L, barrierSelf(L, "Barrier:broken()").Broken()) },
	})
	m.setGlobals(map[string]lua.LGFunction{
		"Barrier": func(L *lua.LState) int {
			if L.Get(1) == lua.LNil {
				L.RaiseError("Barrier(): give the number of parties, as in Barrier(3)")
			}
			b, err := runtime.NewBarrier(optCount(L, 1, 0, "Barrier()"))
			m.check(L, "Barrier()", err)
			L.Push(m.newUserData(L, b, "Barrier"))
			return 1
		},
	})
}

// barrierSelf returns the barrier a method was called on; method is its name as errors show it ("Barrier:wait()").
func barrierSelf(L *lua.LState, method string) *runtime.Barrier {
	return self[*runtime.Barrier](L, method)
}

func (m *Module) barrierWait(L *lua.LState) int {
	b := barrierSelf(L, "Barrier:wait()")
	index, err := b.Wait(m.blocking(L, "Barrier:wait()"))
	m.check(L, "Barrier:wait()", err)
	L.Push(lua.LNumber(index))
	return 1
}
