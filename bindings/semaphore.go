package bindings

import (
	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

func (m *Module) openSemaphores() {
	methods := []builtin{
		{"acquire", m.semaphoreAcquire},
		{"release", func(c call) int { c.check(receiver[*runtime.Semaphore](c).Release()); return 0 }},
		{"locked", func(c call) int { return pushBool(c.L, receiver[*runtime.Semaphore](c).Locked()) }},
		{"value", func(c call) int { c.L.Push(lua.LNumber(receiver[*runtime.Semaphore](c).Value())); return 1 }},
		{"with", m.semaphoreWith},
	}
	kinds := map[string]func(int) (*runtime.Semaphore, error){
		"Semaphore":        runtime.NewSemaphore,
		"BoundedSemaphore": runtime.NewBoundedSemaphore,
	}
	for kind, newSemaphore := range kinds {
		m.newType(kind, kind, methods)
		m.setGlobals([]builtin{{kind, func(c call) int {
			s, err := newSemaphore(c.count(1, 1))
			c.check(err)
			c.L.Push(m.newUserData(c.L, s, kind))
			return 1
		}}})
	}
}

func (m *Module) semaphoreAcquire(c call) int {
	c.wait(receiver[*runtime.Semaphore](c).Acquire)
	return pushBool(c.L, true)
}

func (m *Module) semaphoreWith(c call) int {
	s := receiver[*runtime.Semaphore](c)
	return c.with(s.Acquire, s.Release)
}

// optCount reads argument n as a whole number, def if it is absent.
func optCount(L *lua.LState, n, def int, what string) int {
	v := L.Get(n)
	if v == lua.LNil {
		return def
	}
	f, ok := v.(lua.LNumber)
	if !ok || float64(f) != float64(int(f)) {
		if ok {
			L.RaiseError("%s: argument %d must be a whole number, got %s", what, n, luaNumber(float64(f)))
		}
		L.RaiseError("%s: argument %d must be a whole number, got %s", what, n, v.Type())
	}
	return int(f)
}
