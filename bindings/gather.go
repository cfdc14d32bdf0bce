package bindings

import (
	"math"
	"sort"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// gatherList is gather(list [, {return_exceptions=true}]) -> results: asyncio.gather
// over an array of tasks or functions (spawned here, once all are checked), of any
// length. results[i] is the first result of list[i]; with return_exceptions, a
// child that failed has the value it raised there, and a cancelled one a Cancelled
// error object, and nothing is raised for them.
func (m *Module) gatherList(c call) int {
	L := c.L
	vals := arrayArgument(c, 1, "tasks or functions")
	for i, v := range vals {
		if !isTaskOrFunction(v) {
			c.errorf("list[%d] must be a task or a function, got %s", i+1, v.Type())
		}
	}
	returnExceptions := gatherOptions(c, 2)
	tasks := make([]*runtime.Task, len(vals))
	for i, v := range vals {
		if fn, ok := v.(*lua.LFunction); ok {
			m.checkTaskLimit(L, c.name)
			tasks[i] = m.spawnLua(fn, nil)
		} else {
			tasks[i] = v.(*lua.LUserData).Value.(*runtime.Task)
		}
	}
	c.wait(func(t *runtime.Task) error { return t.GatherAll(tasks, returnExceptions) })
	out := L.CreateTable(len(tasks), 0)
	for i, t := range tasks {
		result, err := t.Result()
		var v lua.LValue = first(result)
		switch {
		case err == nil:
		case t.Cancelled():
			v = m.errorObject(L, taskCancelledInGather, "")
		default:
			v = errorValue(err)
		}
		out.RawSetInt(i+1, v)
	}
	L.Push(out)
	return 1
}

// taskCancelledInGather stands in gather's results for a cancelled task: asyncio
// puts a CancelledError there made from the task's cancel message, which a task
// that has ended cancelled no longer has, so the message is always empty.
var taskCancelledInGather = &runtime.Error{Kind: "Cancelled", Message: ""}

// gatherOptions reads gather's argument n: nil or {return_exceptions=bool}.
func gatherOptions(c call, n int) (returnExceptions bool) {
	v := c.L.Get(n)
	if v == lua.LNil {
		return false
	}
	opts, ok := v.(*lua.LTable)
	if !ok {
		c.errorf("options must be a table, got %s", v.Type())
	}
	var unknown []string
	opts.ForEach(func(k, _ lua.LValue) {
		if s, ok := k.(lua.LString); !ok || s != "return_exceptions" {
			unknown = append(unknown, keyName(k))
		}
	})
	if len(unknown) > 0 {
		sort.Strings(unknown)
		c.errorf("unknown option %s (the option is return_exceptions)", unknown[0])
	}
	switch r := opts.RawGetString("return_exceptions").(type) {
	case lua.LBool:
		return bool(r)
	case *lua.LNilType:
		return false
	default:
		c.errorf("return_exceptions must be a boolean, got %s", r.Type())
	}
	return false
}

// arrayArgument reads argument n as an array: a table whose keys are exactly 1 to
// its length. what names its elements in the message for anything else.
func arrayArgument(c call, n int, what string) []lua.LValue {
	tbl, ok := c.L.Get(n).(*lua.LTable)
	if !ok {
		c.errorf("argument %d must be an array of %s, got %s", n, what, typeName(c.L, n))
	}
	length := tbl.Len()
	var stray []string
	tbl.ForEach(func(k, _ lua.LValue) {
		if i, ok := k.(lua.LNumber); !ok || float64(i) != math.Trunc(float64(i)) || i < 1 || int(i) > length {
			stray = append(stray, keyName(k))
		}
	})
	if len(stray) > 0 {
		sort.Strings(stray)
		c.errorf("argument %d must be an array of %s (keys 1 to n, no holes), got a table with key %s", n, what, stray[0])
	}
	vals := make([]lua.LValue, length)
	for i := range vals {
		vals[i] = tbl.RawGetInt(i + 1)
	}
	return vals
}

// keyName shows a table key in a message: a string quoted, a number as Lua writes
// it, else its type.
func keyName(k lua.LValue) string {
	switch k := k.(type) {
	case lua.LString:
		return pyString(string(k))
	case lua.LNumber:
		return k.String()
	}
	return "of type " + k.Type().String()
}
