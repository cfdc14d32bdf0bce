package bindings

import (
	"sort"
	"time"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// openWaiting defines wait, wait_for and task_group, and the TaskGroup type.
func (m *Module) openWaiting() {
	m.newType("TaskGroup", "TaskGroup", []builtin{
		{"spawn", m.groupSpawn},
		{"cancel", func(c call) int { receiver[*runtime.TaskGroup](c).Cancel(); return 0 }},
	})
	m.setGlobals([]builtin{
		{"wait", m.wait},
		{"wait_for", m.waitFor},
		{"task_group", m.taskGroup},
		{"shield", m.shield},
	})
	m.openTimeouts()
}

var returnWhen = map[string]runtime.ReturnWhen{
	"all":   runtime.AllCompleted,
	"first": runtime.FirstCompleted,
	"error": runtime.FirstException,
}

// wait(list [, {timeout=s, return_when="all"|"first"|"error"}]) -> done, pending:
// list is an array of tasks, futures or functions (spawned here, once all are
// checked); done and pending hold the list's values, in its order.
func (m *Module) wait(c call) int {
	vals := awaitableList(c)
	when, timeout := waitOptions(c)
	items, byItem := m.awaitablesOf(c, vals)
	var done, pending []runtime.Awaitable
	c.wait(func(t *runtime.Task) (err error) {
		done, pending, err = t.WaitAwaitables(items, when, timeout)
		return err
	})
	c.L.Push(valueArray(c.L, done, byItem))
	c.L.Push(valueArray(c.L, pending, byItem))
	return 2
}

// awaitableList reads argument 1 of wait and as_completed: an array of tasks, futures
// or functions.
func awaitableList(c call) []lua.LValue {
	L := c.L
	list, ok := L.Get(1).(*lua.LTable)
	if !ok {
		c.errorf("argument 1 must be an array of tasks, futures or functions, got %s", L.Get(1).Type())
	}
	vals := make([]lua.LValue, list.Len())
	for i := range vals {
		vals[i] = list.RawGetInt(i + 1)
		if !isTaskOrFunction(vals[i]) && !isFuture(vals[i]) {
			c.errorf("list[%d] must be a task, a future or a function, got %s", i+1, vals[i].Type())
		}
	}
	return vals
}

// awaitablesOf makes the tasks and futures of vals, each function spawned as a task,
// and the Lua value of each.
func (m *Module) awaitablesOf(c call, vals []lua.LValue) ([]runtime.Awaitable, map[runtime.Awaitable]lua.LValue) {
	items := make([]runtime.Awaitable, len(vals))
	byItem := make(map[runtime.Awaitable]lua.LValue, len(vals))
	for i, v := range vals {
		if fn, ok := v.(*lua.LFunction); ok {
			m.checkTaskLimit(c.L, c.name)
			spawned := m.spawnLua(fn, nil)
			items[i], v = spawned, &spawned.Data.(*luaTask).ud
		} else {
			items[i] = awaitable(v)
		}
		byItem[items[i]] = v
	}
	return items, byItem
}

// valueArray makes a Lua array of the values of items, as byItem gives them.
func valueArray(L *lua.LState, items []runtime.Awaitable, byItem map[runtime.Awaitable]lua.LValue) *lua.LTable {
	tbl := L.CreateTable(len(items), 0)
	for _, it := range items {
		tbl.Append(byItem[it])
	}
	return tbl
}

// waitOptions reads wait's argument 2: nil or {timeout=s, return_when=...}.
func waitOptions(c call) (runtime.ReturnWhen, time.Duration) {
	L := c.L
	when, timeout := runtime.AllCompleted, runtime.NoTimeout
	opts, ok := L.Get(2).(*lua.LTable)
	if !ok {
		if L.Get(2) != lua.LNil {
			c.errorf("options must be a table, got %s", L.Get(2).Type())
		}
		return when, timeout
	}
	var unknown []string
	opts.ForEach(func(k, _ lua.LValue) {
		if s, ok := k.(lua.LString); !ok || (s != "timeout" && s != "return_when") {
			switch k.(type) {
			case lua.LString, lua.LNumber:
				unknown = append(unknown, lua.LVAsString(k))
			default:
				unknown = append(unknown, "a "+k.Type().String()+" key")
			}
		}
	})
	if len(unknown) > 0 {
		sort.Strings(unknown)
		c.errorf("unknown option %q (options are timeout and return_when)", unknown[0])
	}
	if v := opts.RawGetString("timeout"); v != lua.LNil {
		L.Push(v)
		timeout = seconds(L, L.GetTop(), c.name+": timeout")
		L.Pop(1)
	}
	if v := opts.RawGetString("return_when"); v != lua.LNil {
		s, _ := v.(lua.LString)
		w, ok := returnWhen[string(s)]
		if !ok {
			c.errorf(`return_when must be "all", "first" or "error", got %s`, describeValue(v))
		}
		when = w
	}
	return when, timeout
}

// wait_for(x, seconds_or_nil, ...) -> results (nil: no limit): x is a task, a future
// or a function. A function
// is called with the extra arguments in the current task, inside a timeout scope, as
// asyncio 3.12+ awaits a coroutine; with 0 seconds it is made a task that is
// cancelled before it starts, as asyncio makes one of a coroutine then. A task is
// awaited inside the scope, and cancelled on timeout; so is a future.
func (m *Module) waitFor(c call) int {
	L := c.L
	v := L.Get(1)
	if !isTaskOrFunction(v) && !isFuture(v) {
		c.errorf("argument 1 must be a task, a future or a function, got %s", v.Type())
	}
	never := L.Get(2) == lua.LNil
	var d time.Duration
	if !never {
		d = seconds(L, 2, c.name)
	}
	fn, isFn := v.(*lua.LFunction)
	if !isFn && L.GetTop() > 2 {
		c.errorf("extra arguments are for a function, not a %s", map[bool]string{true: "future", false: "task"}[isFuture(v)])
	}
	if isFn && (never || d > 0) {
		L.Remove(2) // the function's arguments follow it
		return m.callWithin(c, m.sched.Now()+d, never, false, 1)
	}
	var results any
	c.wait(func(t *runtime.Task) (err error) {
		var other runtime.Awaitable
		if isFn {
			m.checkTaskLimit(L, c.name)
			other = m.spawnLua(fn, args(L, 3))
		} else {
			other = awaitable(v)
		}
		if never {
			results, err = t.WaitForUnlimited(other)
		} else {
			results, err = t.WaitFor(other, d)
		}
		return err
	})
	return pushAll(L, results)
}

// task_group(fn, ...) calls fn(g, ...) in the current task, then waits for g's
// children (see runtime.TaskGroup); it returns fn's results.
func (m *Module) taskGroup(c call) int {
	L := c.L
	c.function(1)
	g := runtime.NewTaskGroup(c.waitingTask())
	base := L.GetTop()
	L.Push(L.Get(1))
	L.Push(m.newUserData(L, g, "TaskGroup"))
	for i := 2; i <= base; i++ {
		L.Push(L.Get(i))
	}
	var bodyErr error
	if err := c.pcall(base, lua.MultRet); err != nil {
		bodyErr = m.scriptError(L, err)
	}
	c.wait(func(t *runtime.Task) error { return g.Wait(t, bodyErr) })
	return L.GetTop() - base
}

// g:spawn(fn, ...) -> Task
func (m *Module) groupSpawn(c call) int {
	L := c.L
	g := receiver[*runtime.TaskGroup](c)
	fn := c.function(2)
	fargs := args(L, 3)
	m.checkTaskLimit(L, c.name)
	var lt *luaTask // made once the group accepts the task, which runs later
	t, err := g.Spawn(func(t *runtime.Task) (any, error) { return m.runLua(t, lt, fn, fargs) })
	c.check(err)
	lt = m.newLuaTask()
	lt.fn = fn
	m.attach(t, lt)
	L.Push(&lt.ud)
	return 1
}

// awaitable is the task or future v holds; nil if it holds neither.
func awaitable(v lua.LValue) runtime.Awaitable {
	if ud, ok := v.(*lua.LUserData); ok {
		switch x := ud.Value.(type) {
		case *runtime.Task:
			return x
		case *luaFuture:
			return x.f
		}
	}
	return nil
}

func isTaskOrFunction(v lua.LValue) bool {
	switch v := v.(type) {
	case *lua.LFunction:
		return true
	case *lua.LUserData:
		_, ok := v.Value.(*runtime.Task)
		return ok
	}
	return false
}

// describeValue shows a bad option value in a message: a string quoted, else its type.
func describeValue(v lua.LValue) string {
	if s, ok := v.(lua.LString); ok {
		return pyString(string(s))
	}
	return v.Type().String()
}
