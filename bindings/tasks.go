package bindings

import (
	"math"
	"time"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// luaTask is what a runtime.Task carries for Lua (Task.Data).
type luaTask struct {
	// ud is the Task value scripts see, as &ud: one per task, so == works. It lives
	// in the luaTask to save an allocation per task.
	ud     lua.LUserData
	thread *lua.LState // its own Lua thread
	at     *lua.LState // the thread of its latest blocking call: its own or a coroutine's
	// noBlock names the call it is inside that must not be suspended ("a table.sort
	// comparator"), or is empty.
	noBlock string
	depth   int // coroutines it is inside, nested
	// fn is its body, the function its repr names
	fn *lua.LFunction
	// reraised is the latest other task's error it raised again (join, gather...):
	// if that value ends the task, its report shows the other task's traceback too.
	reraised *reraise
}

// reraise is another task's error, and the Lua value a task raised for it.
type reraise struct {
	origin *ScriptError
	value  lua.LValue
}

func (m *Module) openTasks() {
	m.newType("Task", "Task", []builtin{
		{"join", m.taskJoin},
		{"result", m.taskResult},
		{"done", func(c call) int { return pushBool(c.L, receiver[*runtime.Task](c).Done()) }},
		{"cancelled", func(c call) int { return pushBool(c.L, receiver[*runtime.Task](c).Cancelled()) }},
		{"cancel", m.taskCancel},
		{"cancelling", func(c call) int { c.L.Push(lua.LNumber(receiver[*runtime.Task](c).Cancelling())); return 1 }},
		{"uncancel", func(c call) int { c.L.Push(lua.LNumber(receiver[*runtime.Task](c).Uncancel())); return 1 }},
		{"error", m.taskError},
		{"name", func(c call) int { c.L.Push(lua.LString(receiver[*runtime.Task](c).Name())); return 1 }},
		{"set_name", m.taskSetName},
		{"id", func(c call) int { c.L.Push(lua.LNumber(receiver[*runtime.Task](c).ID())); return 1 }},
		{"add_done_callback", m.taskAddDoneCallback},
		{"remove_done_callback", m.taskRemoveDoneCallback},
	})
	m.setGlobals([]builtin{
		{"spawn", m.spawn},
		{"sleep", m.sleep},
		{"block", m.block},
		{"now", m.now},
		{"current_task", m.currentTask},
		{"all_tasks", m.allTasks},
		{"gather", m.gather},
	})
	m.L.SetField(m.L.GetTypeMetatable("Task"), "__tostring", m.L.NewFunction(m.taskRepr))
}

// MainTask is the body of the task "main": the compiled chunk, called with args.
func (m *Module) MainTask(chunk *lua.LFunction) runtime.TaskFunc {
	lt := m.newLuaTask()
	lt.fn = chunk
	args := make([]lua.LValue, len(m.opts.Args))
	for i, a := range m.opts.Args {
		args[i] = lua.LString(a)
	}
	return func(t *runtime.Task) (any, error) {
		m.attach(t, lt)
		return m.runLua(t, lt, chunk, args)
	}
}

// spawnLua makes a task that calls fn(args...). Its body keeps no more than it
// needs (fn is lt's): a spawned task waiting for its turn is kept whole.
func (m *Module) spawnLua(fn *lua.LFunction, args []lua.LValue) *runtime.Task {
	lt := m.newLuaTask()
	lt.fn = fn
	t := m.sched.Spawn(func(t *runtime.Task) (any, error) { return m.runLua(t, lt, lt.fn, args) })
	m.attach(t, lt)
	return t
}

func (m *Module) newLuaTask() *luaTask { return &luaTask{} }

// maxIdleThreads bounds the finished tasks' threads kept for new tasks.
const maxIdleThreads = 256

// startThread gives a task its Lua thread when it first runs, and makes it the
// current thread: a finished task's, one an earlier run left (threadpool.go), or a
// new one. Spawning many short tasks then costs a few threads, not one each
// (making a Lua thread is most of what a spawn costs).
//
//go:noinline
func (m *Module) startThread(lt *luaTask) *lua.LState {
	if n := len(m.idleThreads); n > 0 {
		th := m.idleThreads[n-1]
		m.idleThreads = m.idleThreads[:n-1]
		// Nothing of the last task stays with the thread: setfenv(0, env) set
		// its environment, and its stack is empty already.
		th.Env, th.Parent = m.L.Env, nil
		lt.thread = th
	} else {
		lt.thread = m.newThread()
	}
	lt.at = lt.thread
	lt.thread.G.CurrentThread = lt.thread
	return lt.thread
}

// releaseThread takes back the thread of a task that has finished (normally or with
// a Lua error: its stack is empty again).
func (m *Module) releaseThread(lt *luaTask) {
	if _, known := m.inside[lt.thread]; known {
		m.inside[lt.thread] = nil // a script kept it (coroutine.running): it is dead
	}
	if len(m.idleThreads) < maxIdleThreads {
		m.idleThreads = append(m.idleThreads, lt.thread)
	} else {
		delete(m.inside, lt.thread)
	}
	lt.thread, lt.at = nil, nil
}

func (m *Module) attach(t *runtime.Task, lt *luaTask) {
	lt.ud = *m.L.NewUserData() // a copy: NewUserData's own does not escape
	lt.ud.Value = t
	m.L.SetMetatable(&lt.ud, m.L.GetTypeMetatable("Task"))
	t.Data = lt
}

// Where is the script position of the task's latest blocking call (the task's
// Position, for reports).
func (lt *luaTask) Where() string { return where(lt.at) }

// runLua calls fn(args...) on the task's thread; its results are what
// taskReturned makes of them (see resultValues).
// A Go panic out of the interpreter skips the release: that thread is not reused.
// Its frame is under every park of the task, so what it does before and after the
// call is in functions of their own (startThread, taskFailed, taskReturned).
func (m *Module) runLua(t *runtime.Task, lt *luaTask, fn *lua.LFunction, args []lua.LValue) (result any, err error) {
	th := m.startThread(lt)
	defer m.recoverStackOverflow(th, &err)
	th.Push(fn)
	for _, a := range args {
		th.Push(a)
	}
	if err := th.PCall(len(args), lua.MultRet, nil); err != nil {
		return nil, m.taskFailed(t, lt, fn, err)
	}
	return m.taskReturned(lt), nil
}

// taskFailed is the error of a task whose body raised err, and takes its thread back.
//
//go:noinline
func (m *Module) taskFailed(t *runtime.Task, lt *luaTask, fn *lua.LFunction, err error) error {
	th := lt.thread
	err = m.scriptError(th, err)
	if se, ok := err.(*ScriptError); ok {
		se.task = t.Name()
		se.Traceback = nameTaskFunction(se.Traceback, m.functionName(fn))
		chainOrigin(se, lt)
	}
	lt.reraised = nil
	th.SetTop(0)
	m.releaseThread(lt)
	return err
}

// taskReturned is what a task's body returned, and takes its thread back: nil for
// no value, the lua.LValue itself for one (the common case: a task that has ended
// keeps no slice for it), else a []lua.LValue. resultValues reads any of them.
//
//go:noinline
func (m *Module) taskReturned(lt *luaTask) any {
	th := lt.thread
	lt.reraised = nil
	var results any
	switch n := th.GetTop(); n {
	case 0:
	case 1:
		results = th.Get(1)
	default:
		vs := make([]lua.LValue, n)
		for i := range vs {
			vs[i] = th.Get(i + 1)
		}
		results = vs
	}
	th.SetTop(0)
	m.releaseThread(lt)
	return results
}

func (m *Module) spawn(c call) int {
	fn := c.function(1)
	m.checkTaskLimit(c.L, c.name)
	t := m.spawnLua(fn, args(c.L, 2))
	c.L.Push(&t.Data.(*luaTask).ud)
	return 1
}

func (m *Module) sleep(c call) int {
	d := seconds(c.L, 1, c.name)
	c.wait(func(t *runtime.Task) error { return t.Sleep(d) })
	return 0
}

func (m *Module) block(c call) int {
	d := seconds(c.L, 1, c.name)
	if m.sched.Current() == nil {
		m.refuseInCallback(c)
	}
	m.warnBlock(c.L, d)
	m.sched.Current().Block(d)
	return 0
}

func (m *Module) now(c call) int {
	c.L.Push(lua.LNumber(m.sched.Now().Seconds()))
	return 1
}

func (m *Module) currentTask(c call) int {
	if m.sched.Current() == nil { // a callback: asyncio's current_task() is None
		c.L.Push(lua.LNil)
		return 1
	}
	c.L.Push(&m.sched.Current().Data.(*luaTask).ud)
	return 1
}

func (m *Module) allTasks(c call) int {
	tasks := m.sched.Tasks()
	tbl := c.L.CreateTable(len(tasks), 0)
	for _, t := range tasks {
		tbl.Append(&t.Data.(*luaTask).ud)
	}
	c.L.Push(tbl)
	return 1
}

// gather(...) takes tasks, futures or functions (spawned here) and returns the first
// result of each, in order; it raises the first error. gather(list [, options]) is
// its array form (see gatherList).
func (m *Module) gather(c call) int {
	if list, ok := c.L.Get(1).(*lua.LTable); ok && list.Metatable == lua.LNil {
		return m.gatherList(c)
	}
	return m.gatherValues(c)
}

func (m *Module) taskJoin(c call) int {
	other := receiver[*runtime.Task](c)
	var results any
	c.wait(func(t *runtime.Task) (err error) {
		results, err = t.Join(other)
		return err
	})
	return pushAll(c.L, results)
}

func (m *Module) taskResult(c call) int {
	t := receiver[*runtime.Task](c)
	if !t.Done() {
		c.errorf("%s has not finished yet", t.Name())
	}
	results, err := t.Result()
	c.check(err)
	return pushAll(c.L, results)
}

// taskError returns the error a task failed with (nil if it did not); like asyncio's
// Task.exception(), it raises Cancelled for a cancelled task.
func (m *Module) taskError(c call) int {
	t := receiver[*runtime.Task](c)
	if !t.Done() {
		c.errorf("%s has not finished yet", t.Name())
	}
	_, err := t.Result()
	switch {
	case err == nil:
		c.L.Push(lua.LNil)
	case t.Cancelled():
		c.raise(err)
	default:
		c.L.Push(errorValue(err))
	}
	return 1
}

func (m *Module) taskCancel(c call) int {
	t := receiver[*runtime.Task](c)
	return pushBool(c.L, t.Cancel(c.L.OptString(2, "")))
}

func (m *Module) taskSetName(c call) int {
	t := receiver[*runtime.Task](c)
	t.SetName(c.L.CheckString(2))
	return 0
}

// seconds reads argument n as a duration in seconds: a finite number >= 0. Its
// error messages are made out of line: sleep's frame stays on the stack of every
// task that sleeps, and a smaller one lets more of them fit a 4 KiB stack.
func seconds(L *lua.LState, n int, what string) time.Duration {
	v, ok := L.Get(n).(lua.LNumber)
	if f := float64(v); ok && f >= 0 && f <= maxSeconds { // NaN fails both tests
		return time.Duration(f * float64(time.Second))
	}
	badSeconds(L, n, what)
	return 0
}

// badSeconds raises the error of an argument seconds refused.
//
//go:noinline
func badSeconds(L *lua.LState, n int, what string) {
	v, ok := L.Get(n).(lua.LNumber)
	f := float64(v)
	switch {
	case !ok:
		L.RaiseError("%s: seconds must be a number, got %s", what, L.Get(n).Type())
	case math.IsNaN(f) || math.IsInf(f, 0):
		L.RaiseError("%s: seconds must be a finite number, got %s", what, luaNumber(f))
	case f < 0:
		L.RaiseError("%s: seconds must not be negative, got %v", what, v)
	default:
		L.RaiseError("%s: %v seconds is too long (at most %d)", what, v, int64(maxSeconds))
	}
}

// maxSeconds keeps deadlines far from time.Duration's limit (292 years).
const maxSeconds = 1e9

func args(L *lua.LState, from int) []lua.LValue {
	var vs []lua.LValue
	for i := from; i <= L.GetTop(); i++ {
		vs = append(vs, L.Get(i))
	}
	return vs
}

// resultValues is the Lua values of a task's or a future's results: nil, one
// lua.LValue, or a []lua.LValue (see taskReturned).
func resultValues(results any) []lua.LValue {
	switch r := results.(type) {
	case []lua.LValue:
		return r
	case lua.LValue:
		return []lua.LValue{r}
	}
	return nil
}

func pushAll(L *lua.LState, results any) int {
	if v, one := results.(lua.LValue); one {
		L.Push(v)
		return 1
	}
	vs, _ := results.([]lua.LValue)
	for _, v := range vs {
		L.Push(v)
	}
	return len(vs)
}

func pushBool(L *lua.LState, b bool) int {
	L.Push(lua.LBool(b))
	return 1
}

func first(results any) lua.LValue {
	if v, one := results.(lua.LValue); one {
		return v
	}
	if vs, _ := results.([]lua.LValue); len(vs) > 0 {
		return vs[0]
	}
	return lua.LNil
}

// errorValue is the Lua value of a task's error: what was raised, or its message.
func errorValue(err error) lua.LValue {
	if se, ok := err.(*ScriptError); ok {
		return se.Value
	}
	return lua.LString(err.Error())
}

// checkFunction reads argument n as a function.
func checkFunction(L *lua.LState, n int, what string) *lua.LFunction {
	fn, ok := L.Get(n).(*lua.LFunction)
	if !ok {
		L.RaiseError("%s: argument %d must be a function, got %s", what, n, L.Get(n).Type())
	}
	return fn
}

// luaNumber formats f as Lua's tostring does.
func luaNumber(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	return lua.LNumber(f).String()
}
