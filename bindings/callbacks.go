package bindings

import (
	"math"
	"strconv"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// luaCallback is a Lua function the loop calls outside any task, with its
// arguments: what call_soon, call_later and call_at schedule, and a Future's
// done-callbacks. It is the value of the Handle scripts get.
type luaCallback struct {
	fn   *lua.LFunction
	args []lua.LValue
	cb   *runtime.Callback
	at   string // where it was scheduled: "x.lua:9"
}

// callbackState is where Lua callbacks run: their own thread, on the loop's
// callback runner, which holds the baton while one runs.
type callbackState struct {
	thread  *lua.LState
	running *luaCallback // the callback running now, if any
	depth   int          // coroutines the running callback is inside, nested
}

// openCallbacks defines call_soon, call_later, call_at and their Handle type.
func (m *Module) openCallbacks() {
	m.newType("Handle", "Handle", []builtin{
		{"cancel", func(c call) int { receiver[*luaCallback](c).cb.Cancel(); return 0 }},
		{"cancelled", func(c call) int { return pushBool(c.L, receiver[*luaCallback](c).cb.Cancelled()) }},
		{"when", m.handleWhen},
	})
	m.L.SetField(m.L.GetTypeMetatable("Handle"), "__tostring", m.L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString(m.handleRepr(self[*luaCallback](L, "Handle:__tostring()"))))
		return 1
	}))
	m.setGlobals([]builtin{
		{"call_soon", m.callSoon},
		{"call_later", m.callLater},
		{"call_at", m.callAt},
	})
}

// call_soon(fn, ...) -> Handle: fn(...) runs at the back of the ready queue.
func (m *Module) callSoon(c call) int {
	return m.scheduleCallback(c, 1, m.sched.CallSoon)
}

// call_later(delay, fn, ...) -> Handle: fn(...) runs once delay seconds have passed
// (a delay <= 0: in the next iteration).
func (m *Module) callLater(c call) int {
	d := timeArg(c, 1, "delay")
	return m.scheduleCallback(c, 2, func(f func()) *runtime.Callback { return m.sched.CallLater(d, f) })
}

// call_at(when, fn, ...) -> Handle: fn(...) runs at when, on now()'s clock.
func (m *Module) callAt(c call) int {
	when := timeArg(c, 1, "when")
	return m.scheduleCallback(c, 2, func(f func()) *runtime.Callback { return m.sched.CallAt(when, f) })
}

// scheduleCallback makes the Lua callback given at argument fnArg (and the arguments
// after it), schedules it with schedule and returns its Handle.
func (m *Module) scheduleCallback(c call, fnArg int, schedule func(func()) *runtime.Callback) int {
	lc := m.newLuaCallback(c, fnArg)
	lc.cb = schedule(func() { m.runCallback(lc) })
	lc.cb.Data = lc
	c.L.Push(m.newUserData(c.L, lc, "Handle"))
	return 1
}

// timeArg reads argument n, a time in seconds that may be negative: finite and
// not too far.
func timeArg(c call, n int, what string) time.Duration {
	v, ok := c.L.Get(n).(lua.LNumber)
	f := float64(v)
	switch {
	case !ok:
		c.errorf("%s must be a number of seconds, got %s", what, typeName(c.L, n))
	case math.IsNaN(f) || math.IsInf(f, 0):
		c.errorf("%s must be a finite number, got %s", what, luaNumber(f))
	case math.Abs(f) > maxSeconds:
		c.errorf("%s: %v seconds is too far (at most %d)", what, v, int64(maxSeconds))
	}
	return time.Duration(f * float64(time.Second))
}

// newLuaCallback reads argument n, the function, and the arguments after it.
func (m *Module) newLuaCallback(c call, n int) *luaCallback {
	return &luaCallback{fn: c.function(n), args: args(c.L, n+1), at: where(c.L)}
}

func (m *Module) handleWhen(c call) int {
	lc := receiver[*luaCallback](c)
	when, ok := lc.cb.When()
	if !ok {
		c.errorf("a handle of call_soon has no deadline (only call_later's and call_at's have)")
	}
	c.L.Push(lua.LNumber(when.Seconds()))
	return 1
}

// runCallback calls the callback on the callback thread; the loop's callback runner
// runs it, with the baton, outside any task. An error is reported as asyncio's
// default exception handler reports it, and the run goes on.
func (m *Module) runCallback(lc *luaCallback) {
	th := m.callbacks.thread
	if th == nil {
		th, _ = m.L.NewThread()
		m.watchThread(th)
		m.callbacks.thread = th
	}
	th.G.CurrentThread = th
	outer := m.callbacks.running
	m.callbacks.running = lc
	broken, err := m.callLua(th, lc)
	if se, ok := err.(*ScriptError); ok {
		m.reportCallbackError(th, lc, se)
	}
	m.callbacks.running = outer
	if broken {
		m.callbacks.thread = nil // a Lua stack past its limit: the next callback gets a new thread
		m.broken = true
		return
	}
	th.SetTop(0)
}

// callLua calls the callback on th; broken reports that the interpreter panicked
// past PCall (a stack overflow gopher-lua cannot raise as an error), which leaves th
// unusable.
func (m *Module) callLua(th *lua.LState, lc *luaCallback) (broken bool, err error) {
	broken = true
	defer m.recoverStackOverflow(th, &err)
	th.Push(lc.fn)
	for _, a := range lc.args {
		th.Push(a)
	}
	if perr := th.PCall(len(lc.args), 0, nil); perr != nil {
		err = m.scriptError(th, perr)
	}
	return false, err
}

// reportCallbackError writes, on stderr, what asyncio's default exception handler
// logs for an error in a callback.
func (m *Module) reportCallbackError(L *lua.LState, lc *luaCallback, se *ScriptError) {
	var b strings.Builder
	b.WriteString("Exception in callback " + m.callbackSource(lc) + "\n")
	b.WriteString("handle: " + m.handleRepr(lc) + "\n")
	b.WriteString(se.Message + "\n")
	if se.Traceback != "" {
		b.WriteString(nameTaskFunction(se.Traceback, m.functionName(lc.fn)) + "\n")
	}
	m.stderr.write(L, b.String())
}

// refuseInCallback raises the error of a builtin that would wait inside a callback.
func (m *Module) refuseInCallback(c call) {
	lc := m.callbacks.running
	what := "a callback"
	if lc != nil {
		what = "the callback " + m.callbackSource(lc)
		if lc.at != "" {
			what += ", scheduled at " + lc.at
		}
	}
	c.errorf("cannot wait inside %s: callbacks run outside any task (spawn a task to wait)", what)
}

// callbackSource is asyncio's _format_callback_source: the function's name with its
// arguments (not shown, as asyncio outside debug mode: "()"), and where it is
// defined: "tick() at x.lua:3".
func (m *Module) callbackSource(lc *luaCallback) string {
	fn := lc.fn
	if fn.IsG {
		name := strings.TrimPrefix(m.functionName(fn), "function ")
		return strings.Trim(name, "'") + "()"
	}
	return m.coroName(fn) + "() at " + positions.of(fn.Proto.SourceName, fn.Proto.LineDefined)
}

// handleRepr is asyncio's repr of a Handle or TimerHandle: <Handle tick() at
// x.lua:3>, <TimerHandle when=1.5 tick() at x.lua:3>, <Handle cancelled>.
func (m *Module) handleRepr(lc *luaCallback) string {
	info := []string{"Handle"}
	if lc.cb.Timed() {
		info[0] = "TimerHandle"
	}
	if lc.cb.Cancelled() {
		info = append(info, "cancelled")
	}
	if when, ok := lc.cb.When(); ok {
		info = append(info, "when="+pyFloat(when.Seconds()))
	}
	if !lc.cb.Cancelled() {
		info = append(info, m.callbackSource(lc))
	}
	return "<" + strings.Join(info, " ") + ">"
}

// pyFloat is Python's repr of a float: 1.0, 0.5, 1e-05.
func pyFloat(f float64) string {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}

// runningName names what holds the baton, for messages: the running task, or the
// callback running outside any task.
func (m *Module) runningName() string {
	if t := m.sched.Current(); t != nil {
		return t.Name()
	}
	if lc := m.callbacks.running; lc != nil {
		return "the callback " + m.callbackSource(lc)
	}
	return "a callback"
}
