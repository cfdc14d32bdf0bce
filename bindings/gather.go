package bindings

import (
	"math"
	"sort"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// gatherList is gather(list [, {return_exceptions=true}]) -> results: asyncio.gather
// over an array of tasks, futures or functions (spawned here, once all are checked),
// of any length. results[i] is the first result of list[i]; with
// return_exceptions, a child that failed has the value it raised there, and a
// cancelled one a Cancelled error object, and nothing is raised for them.
func (m *Module) gatherList(c call) int {
	L := c.L
	vals := arrayArgument(c, 1, "tasks, futures or functions")
	for i, v := range vals {
		if !isAwaitableOrFunction(v) {
			c.errorf("list[%d] must be a task, a future or a function, got %s", i+1, v.Type())
		}
	}
	returnExceptions := gatherOptions(c, 2)
	children := make([]runtime.Awaitable, len(vals))
	for i, v := range vals {
		children[i] = m.awaitableOrSpawn(c, v)
	}
	c.wait(func(t *runtime.Task) error { return t.GatherAll(children, returnExceptions) })
	out := L.CreateTable(len(children), 0)
	for i, child := range children {
		result, err := child.Result()
		var v lua.LValue = first(result)
		switch {
		case err == nil:
		case child.Cancelled():
			v = m.errorObject(L, cancelledInGather(child, err), "")
		default:
			v = errorValue(err)
		}
		out.RawSetInt(i+1, v)
	}
	L.Push(out)
	return 1
}

// gatherValues is gather(...) -> v1, v2, ...: gather of its arguments, tasks,
// futures or functions (spawned here, once all are checked).
func (m *Module) gatherValues(c call) int {
	L := c.L
	n := L.GetTop()
	for i := 1; i <= n; i++ {
		if !isAwaitableOrFunction(L.Get(i)) {
			c.argError(i, "a task, a future or a function expected, got "+typeName(L, i))
		}
	}
	if n == 0 {
		return 0
	}
	children := make([]runtime.Awaitable, n)
	for i := range children {
		children[i] = m.awaitableOrSpawn(c, L.Get(i+1))
	}
	c.wait(func(t *runtime.Task) error { return t.GatherAll(children, false) })
	for _, child := range children {
		results, _ := child.Result()
		L.Push(first(results))
	}
	return n
}

func isAwaitableOrFunction(v lua.LValue) bool {
	if ud, ok := v.(*lua.LUserData); ok {
		if _, isFuture := ud.Value.(*luaFuture); isFuture {
			return true
		}
	}
	return isTaskOrFunction(v)
}

// awaitableOrSpawn is v, a task, a future or a function, as what gather waits for: a
// function is spawned.
func (m *Module) awaitableOrSpawn(c call, v lua.LValue) runtime.Awaitable {
	if fn, ok := v.(*lua.LFunction); ok {
		m.checkTaskLimit(c.L, c.name)
		return m.spawnLua(fn, nil)
	}
	switch x := v.(*lua.LUserData).Value.(type) {
	case *luaFuture:
		return x.f
	default:
		return x.(*runtime.Task)
	}
}

// cancelledInGather is what stands in gather's results for a cancelled child:
// asyncio puts a CancelledError there made from the child's cancel message. A
// future keeps the message it was cancelled with; a task that has ended cancelled
// no longer has one, so its message is always empty.
func cancelledInGather(child runtime.Awaitable, err error) *runtime.Error {
	if _, isTask := child.(*runtime.Task); !isTask {
		if cond, ok := err.(*runtime.Error); ok {
			return cond
		}
	}
	return taskCancelledInGather
}

// taskCancelledInGather stands in gather's results for a cancelled task.
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
