package bindings

import (
	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// This file is a stand-in for the Future type of Future(): the part of it shield
// needs (a Future value scripts can await, look at and cancel). The Future type
// made by Future() replaces it whole, futureValue included.

// luaFuture is the value of a Future: a runtime.Future whose result is a task's
// results ([]lua.LValue) and whose error a task's error.
type luaFuture struct {
	f  *runtime.Future
	ud *lua.LUserData
}

// futureValue is the Lua value of f, a Future.
func (m *Module) futureValue(L *lua.LState, f *runtime.Future) lua.LValue {
	if L.GetTypeMetatable("Future") == lua.LNil {
		m.newType("Future", "Future", []builtin{
			{"join", m.futureJoin},
			{"result", m.futureResult},
			{"error", m.futureError},
			{"done", func(c call) int { return pushBool(c.L, receiver[*luaFuture](c).f.Done()) }},
			{"cancelled", func(c call) int { return pushBool(c.L, receiver[*luaFuture](c).f.Cancelled()) }},
			{"cancel", func(c call) int { return pushBool(c.L, receiver[*luaFuture](c).f.Cancel(c.L.OptString(2, ""))) }},
		})
		m.L.SetField(m.L.GetTypeMetatable("Future"), "__tostring", m.L.NewFunction(func(L *lua.LState) int {
			L.Push(lua.LString(self[*luaFuture](L, "Future:__tostring()").f.String()))
			return 1
		}))
	}
	lf := &luaFuture{f: f}
	lf.ud = m.newUserData(L, lf, "Future")
	return lf.ud
}

// join() -> values: waits until the future is done (await fut).
func (m *Module) futureJoin(c call) int {
	lf := receiver[*luaFuture](c)
	var results any
	c.wait(func(t *runtime.Task) (err error) {
		results, err = t.Await(lf.f)
		return err
	})
	return pushAll(c.L, results)
}

// result() -> values: raises the future's error, or Cancelled.
func (m *Module) futureResult(c call) int {
	lf := receiver[*luaFuture](c)
	if !lf.f.Done() {
		c.errorf("the future is not done yet")
	}
	results, err := lf.f.Result()
	c.check(err)
	return pushAll(c.L, results)
}

// error() -> value or nil, as asyncio's exception(): raises Cancelled.
func (m *Module) futureError(c call) int {
	lf := receiver[*luaFuture](c)
	if !lf.f.Done() {
		c.errorf("the future is not done yet")
	}
	_, err := lf.f.Result()
	switch {
	case err == nil:
		c.L.Push(lua.LNil)
	case lf.f.Cancelled():
		c.raise(err)
	default:
		c.L.Push(errorValue(err))
	}
	return 1
}
