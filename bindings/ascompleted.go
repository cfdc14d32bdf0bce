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
	list, ok := L.Get(1).(*lua.LTable)
	if !ok {
		c.errorf("argument 1 must be an array of tasks, futures or functions, got %s", typeName(L, 1))
	}
	vals := make([]lua.LValue, list.Len())
	for i := range vals {
		vals[i] = list.RawGetInt(i + 1)
		if !isTaskOrFunction(vals[i]) && !isFuture(vals[i]) {
			c.errorf("list[%d] must be a task, a future or a function, got %s", i+1, vals[i].Type())
		}
	}
	timeout := asCompletedTimeout(c)
	byItem := make(map[runtime.Awaitable]lua.LValue, len(vals))
	items := make([]runtime.Awaitable, len(vals))
	for i, v := range vals {
		switch v := v.(type) {
		case *lua.LFunction:
			m.checkTaskLimit(L, c.name)
			t := m.spawnLua(v, nil)
			items[i] = t
			byItem[t] = &t.Data.(*luaTask).ud
			continue
		}
		items[i] = awaitable(v)
		byItem[items[i]] = v
	}
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
