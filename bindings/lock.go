package bindings

import (
	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

func (m *Module) openLock() {
	m.newType("Lock", map[string]lua.LGFunction{
		"acquire": m.lockAcquire,
		"release": m.lockRelease,
		"locked":  func(L *lua.LState) int { return pushBool(L, self[*runtime.Lock](L, "Lock:locked()").Locked()) },
		"with":    m.lockWith,
	})
	m.setGlobals(map[string]lua.LGFunction{
		"Lock": func(L *lua.LState) int {
			L.Push(m.newUserData(L, runtime.NewLock(), "Lock"))
			return 1
		},
	})
}

func (m *Module) lockAcquire(L *lua.LState) int {
	l := self[*runtime.Lock](L, "Lock:acquire()")
	m.check(L, "Lock:acquire()", l.Acquire(m.blocking(L, "Lock:acquire()")))
	return pushBool(L, true)
}

func (m *Module) lockRelease(L *lua.LState) int {
	l := self[*runtime.Lock](L, "Lock:release()")
	m.check(L, "Lock:release()", l.Release())
	return 0
}

// lockWith is lock:with(fn, ...): acquire, call fn, release even if fn fails, and
// return fn's results or raise its error.
func (m *Module) lockWith(L *lua.LState) int {
	l := self[*runtime.Lock](L, "Lock:with()")
	return m.with(L, "Lock:with()", func() error { return l.Acquire(m.blocking(L, "Lock:with()")) }, l.Release)
}

// with runs argument 2 (a function, with arguments 3...) between acquire and release:
// the shape of every primitive's with().
func (m *Module) with(L *lua.LState, what string, acquire func() error, release func() error) int {
	checkFunction(L, 2, what)
	m.check(L, what, acquire())
	base := L.GetTop()
	L.Push(L.Get(2))
	for i := 3; i <= base; i++ {
		L.Push(L.Get(i))
	}
	err := L.PCall(base-2, lua.MultRet, nil)
	L.G.CurrentThread = L
	if rerr := release(); rerr != nil && err == nil {
		m.raise(L, what, rerr)
	}
	if err != nil {
		if api, ok := err.(*lua.ApiError); ok {
			L.Error(api.Object, 0)
		}
		m.raise(L, what, err)
	}
	return L.GetTop() - base
}
