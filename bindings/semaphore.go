package bindings

import (
	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

func (m *Module) openSemaphores() {
	methods := map[string]lua.LGFunction{
		"acquire": m.semaphoreAcquire,
		"release": m.semaphoreRelease,
		"locked":  func(L *lua.LState) int { return pushBool(L, semaphoreSelf(L, "Semaphore:locked()").Locked()) },
		"value":   func(L *lua.LState) int { L.Push(lua.LNumber(semaphoreSelf(L, "Semaphore:value()").Value())); return 1 },
		"with":    m.semaphoreWith,
	}
	kinds := map[string]func(int) (*runtime.Semaphore, error){
		"Semaphore":        runtime.NewSemaphore,
		"BoundedSemaphore": runtime.NewBoundedSemaphore,
	}
	for kind, newSemaphore := range kinds {
		m.newType(kind, methods)
		m.L.SetGlobal(kind, m.L.NewFunction(func(L *lua.LState) int {
			n := optCount(L, 1, 1, kind+"()")
			s, err := newSemaphore(n)
			m.check(L, kind+"()", err)
			L.Push(m.newUserData(L, s, kind))
			return 1
		}))
	}
}

// semaphoreSelf returns the semaphore a method was called on; method is its name as errors
// show it ("Semaphore:wait()").
func semaphoreSelf(L *lua.LState, method string) *runtime.Semaphore {
	return self[*runtime.Semaphore](L, method)
}

func (m *Module) semaphoreAcquire(L *lua.LState) int {
	s := semaphoreSelf(L, "Semaphore:acquire()")
	what := s.Kind() + ":acquire()"
	m.check(L, what, s.Acquire(m.blocking(L, what)))
	return pushBool(L, true)
}

func (m *Module) semaphoreRelease(L *lua.LState) int {
	s := semaphoreSelf(L, "Semaphore:release()")
	m.check(L, s.Kind()+":release()", s.Release())
	return 0
}

func (m *Module) semaphoreWith(L *lua.LState) int {
	s := semaphoreSelf(L, "Semaphore:with()")
	what := s.Kind() + ":with()"
	return m.with(L, what, func() error { return s.Acquire(m.blocking(L, what)) }, s.Release)
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
