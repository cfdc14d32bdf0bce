package bindings

import (
	"time"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// as_completed(list [, {timeout=s}]) -> iterator: each call waits for the next of
// the list's tasks or futures to end and returns it (functions in the list are
// spawned as tasks); nil once all have been returned. Past the timeout a call
// raises Timeout.
func (m *Module) asCompleted(c call) int {
	L := c.L
	vals := awaitableList(c)
	timeout := asCompletedTimeout(c)
	items, byItem := m.awaitablesOf(c, vals)
	it := m.sched.AsCompleted(items, timeout)
	L.Push(c.closure(func(c call) int {
		var item runtime.Awaitable
		var ok bool
		if it.Left() == 0 {
			c.L.Push(lua.LNil)
			return 1
		}
		c.wait(func(t *runtime.Task) (err error) {
			item, ok, err = it.Next(t)
			return err
		})
		if !ok {
			c.L.Push(lua.LNil)
			return 1
		}
		c.L.Push(byItem[item])
		return 1
	}))
	return 1
}

// asCompletedTimeout reads as_completed's argument 2: nil or {timeout=s}; -1 for
// none.
func asCompletedTimeout(c call) (timeout time.Duration) {
	L := c.L
	timeout = -1
	switch opts := L.Get(2).(type) {
	case *lua.LNilType:
	case *lua.LTable:
		opts.ForEach(func(k, _ lua.LValue) {
			if k != lua.LString("timeout") {
				c.errorf("unknown option %s (the only option is timeout)", describeKey(k))
			}
		})
		if v := opts.RawGetString("timeout"); v != lua.LNil {
			L.Push(v)
			timeout = seconds(L, L.GetTop(), c.name+": timeout")
			L.Pop(1)
		}
	default:
		c.errorf("options must be a table, got %s", L.Get(2).Type())
	}
	return timeout
}

// describeKey shows a table key in a message: a string quoted, else its type.
func describeKey(k lua.LValue) string {
	switch k.(type) {
	case lua.LString, lua.LNumber:
		return pyString(lua.LVAsString(k))
	}
	return "a " + k.Type().String() + " key"
}

func isFuture(v lua.LValue) bool {
	ud, ok := v.(*lua.LUserData)
	if !ok {
		return false
	}
	_, ok = ud.Value.(*luaFuture)
	return ok
}
