package bindings

import (
	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

func (m *Module) openEvent() {
	m.newType("Event", map[string]lua.LGFunction{
		"set":    func(L *lua.LState) int { self[*runtime.Event](L, "Event:set()").Set(); return 0 },
		"clear":  func(L *lua.LState) int { self[*runtime.Event](L, "Event:clear()").Clear(); return 0 },
		"is_set": func(L *lua.LState) int { return pushBool(L, self[*runtime.Event](L, "Event:is_set()").IsSet()) },
		"wait":   m.eventWait,
	})
	m.setGlobals(map[string]lua.LGFunction{
		"Event": func(L *lua.LState) int {
			L.Push(m.newUserData(L, runtime.NewEvent(), "Event"))
			return 1
		},
	})
}

func (m *Module) eventWait(L *lua.LState) int {
	e := self[*runtime.Event](L, "Event:wait()")
	m.check(L, "Event:wait()", e.Wait(m.blocking(L, "Event:wait()")))
	return pushBool(L, true)
}
