package bindings

import (
	"strings"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// luaFuture is the value of a Future scripts make with Future(): a runtime.Future
// whose result is the values given to set_result, or whose error is the value given
// to set_error.
type luaFuture struct {
	f  *runtime.Future
	ud *lua.LUserData
}

// openFutures defines Future(), the Future type, and as_completed, which waits for
// tasks and futures alike.
func (m *Module) openFutures() {
	m.newType("Future", "Future", []builtin{
		{"set_result", m.futureSetResult},
		{"set_error", m.futureSetError},
		{"result", m.futureResult},
		{"error", m.futureError},
		{"done", func(c call) int { return pushBool(c.L, receiver[*luaFuture](c).f.Done()) }},
		{"cancelled", func(c call) int { return pushBool(c.L, receiver[*luaFuture](c).f.Cancelled()) }},
		{"cancel", func(c call) int {
			return pushBool(c.L, receiver[*luaFuture](c).f.Cancel(c.L.OptString(2, "")))
		}},
		{"add_done_callback", m.futureAddDoneCallback},
		{"remove_done_callback", m.futureRemoveDoneCallback},
		{"join", m.futureJoin},
	})
	m.L.SetField(m.L.GetTypeMetatable("Future"), "__tostring", m.L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString(m.futureRepr(self[*luaFuture](L, "Future:__tostring()").f)))
		return 1
	}))
	m.setGlobals([]builtin{{"Future", m.newFuture}, {"as_completed", m.asCompleted}})
}

func (m *Module) newFuture(c call) int {
	c.L.Push(m.futureValue(c.L, runtime.NewFuture(m.sched)))
	return 1
}

// futureValue is the Lua value of f, a Future made in Go (Future(), shield).
func (m *Module) futureValue(L *lua.LState, f *runtime.Future) lua.LValue {
	lf := &luaFuture{f: f}
	lf.ud = m.newUserData(L, lf, "Future")
	return lf.ud
}

func (m *Module) futureSetResult(c call) int {
	lf := receiver[*luaFuture](c)
	c.check(lf.f.SetResult(args(c.L, 2)))
	return 0
}

// set_error(e): e is what result() and join() raise; nil is refused.
func (m *Module) futureSetError(c call) int {
	lf := receiver[*luaFuture](c)
	v := c.L.Get(2)
	if v == lua.LNil {
		c.errorf("the error must not be nil")
	}
	if lf.f.Done() {
		c.check(runtime.ErrFutureDone)
	}
	e := &ScriptError{Value: v, Message: m.describe(c.L, v), kind: m.asErrorObject(v)}
	c.check(lf.f.SetError(e))
	m.failedFutures = append(m.failedFutures, lf.f)
	return 0
}

// UnretrievedFutureErrors are the errors given to futures by set_error that nobody
// retrieved (result, error, join, wait_for, gather...), in the order they were set:
// asyncio logs each as "Future exception was never retrieved". Call it once the run
// has ended.
func (m *Module) UnretrievedFutureErrors() []error {
	var errs []error
	for _, f := range m.failedFutures {
		if err := f.Unretrieved(); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// result() -> values: raises the future's error, Cancelled if it was cancelled, and
// InvalidState if it is pending.
func (m *Module) futureResult(c call) int {
	lf := receiver[*luaFuture](c)
	results, err := lf.f.Outcome()
	c.check(err)
	return pushAll(c.L, results)
}

// error() -> value or nil, as asyncio's exception(): raises Cancelled if it was
// cancelled, InvalidState if it is pending.
func (m *Module) futureError(c call) int {
	lf := receiver[*luaFuture](c)
	exc, err := lf.f.Exception()
	c.check(err)
	if exc == nil {
		c.L.Push(lua.LNil)
	} else {
		c.L.Push(errorValue(exc))
	}
	return 1
}

// add_done_callback(fn): fn(future) runs as a callback once the future is done (in
// the next iteration if it is).
func (m *Module) futureAddDoneCallback(c call) int {
	lf := receiver[*luaFuture](c)
	lc := &luaCallback{fn: c.function(2), args: []lua.LValue{lf.ud}, at: where(c.L)}
	lc.cb = m.sched.NewCallback(func() { m.runCallback(lc) }, lc)
	lf.f.AddCallback(lc.cb)
	return 0
}

// remove_done_callback(fn) -> n: takes out every done-callback of fn, and says how
// many.
func (m *Module) futureRemoveDoneCallback(c call) int {
	lf := receiver[*luaFuture](c)
	fn := c.function(2)
	n := lf.f.RemoveCallbacks(func(data any) bool {
		lc, ok := data.(*luaCallback)
		return ok && lc.fn == fn
	})
	c.L.Push(lua.LNumber(n))
	return 1
}

// task:add_done_callback(fn): fn(task) runs as a callback once the task has
// finished, as for a Future (a Task is a Future).
func (m *Module) taskAddDoneCallback(c call) int {
	t := receiver[*runtime.Task](c)
	lc := &luaCallback{fn: c.function(2), args: []lua.LValue{&t.Data.(*luaTask).ud}, at: where(c.L)}
	lc.cb = m.sched.NewCallback(func() { m.runCallback(lc) }, lc)
	t.AddCallback(lc.cb, m.callbackSource(lc))
	return 0
}

// task:remove_done_callback(fn) -> n
func (m *Module) taskRemoveDoneCallback(c call) int {
	t := receiver[*runtime.Task](c)
	fn := c.function(2)
	c.L.Push(lua.LNumber(t.RemoveCallbacks(func(data any) bool {
		lc, ok := data.(*luaCallback)
		return ok && lc.fn == fn
	})))
	return 1
}

// join() -> values: waits until the future is done (await fut).
func (m *Module) futureJoin(c call) int {
	lf := receiver[*luaFuture](c)
	var results any
	c.wait(func(t *runtime.Task) (err error) {
		results, err = t.AwaitAs(lf.f, "Future.join")
		return err
	})
	return pushAll(c.L, results)
}

// futureRepr is asyncio's repr of a Future: <Future pending>, <Future pending
// cb=[tick() at x.lua:3]>, <Future finished result=42>, <Future finished
// exception=Exception('boom')>, <Future cancelled>.
func (m *Module) futureRepr(f *runtime.Future) string {
	var b strings.Builder
	b.WriteString("<Future ")
	switch {
	case f.Cancelled():
		b.WriteString("cancelled")
	case !f.Done():
		b.WriteString("pending")
	default:
		b.WriteString("finished")
		exc, _ := peekFuture(f)
		if exc != nil {
			b.WriteString(" exception=" + m.exceptionRepr(exc))
		} else {
			b.WriteString(" " + m.valuesRepr(f))
		}
	}
	if cbs := f.DoneCallbacks(); len(cbs) > 0 {
		names := make([]string, len(cbs))
		for i, cb := range cbs {
			switch cb := cb.(type) {
			case *runtime.Task:
				names[i] = "Task.task_wakeup()"
			case *luaCallback:
				names[i] = m.callbackSource(cb)
			default:
				names[i] = "<callback>"
			}
		}
		if len(names) > 2 {
			names = []string{names[0], "<" + itoa(len(names)-2) + " more>", names[len(names)-1]}
		}
		b.WriteString(" cb=[" + strings.Join(names, ", ") + "]")
	}
	b.WriteString(">")
	return b.String()
}

// peekFuture is a done future's error, without marking it retrieved.
func peekFuture(f *runtime.Future) (exc error, cancelled bool) {
	if f.Cancelled() {
		return nil, true
	}
	if f.FailedWith() != nil {
		return f.FailedWith(), false
	}
	return nil, false
}

// valuesRepr is "result=" and Python's repr of what a done future holds.
func (m *Module) valuesRepr(f *runtime.Future) string { return m.resultRepr(f.Value()) }

// resultRepr is "result=" and Python's repr of the Lua values a task returned or a
// future holds (None, 42, 'a'; several values as a tuple).
func (m *Module) resultRepr(values any) string {
	vs := resultValues(values)
	switch len(vs) {
	case 0:
		return "result=None"
	case 1:
		return "result=" + m.valueRepr(vs[0])
	}
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = m.valueRepr(v)
	}
	return "result=(" + strings.Join(parts, ", ") + ")"
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}
