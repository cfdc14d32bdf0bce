package bindings

import (
	"strings"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// A builtin is a Go function scripts call, with its name. The name is written once,
// in the table that registers the builtin (setGlobals, setFuncs, newType), and every
// message about a call of it shows it: "sleep()", "Lock:acquire()", "io.read()"; an
// argument error shows it as Lua's own do: "bad argument #1 to 'read' (...)".
type builtin struct {
	name string           // "sleep", or a method's own name: "acquire"
	fn   func(c call) int // pushes its results on c.L and returns how many
}

// newBuiltin makes the Lua function of fn, named name in messages.
func (m *Module) newBuiltin(name string, fn func(call) int) *lua.LFunction {
	return m.L.NewFunction(func(L *lua.LState) int { return fn(call{m, L, name}) })
}

// A call is one call of a builtin: the Lua thread it was made on (the task's own, or
// a coroutine's it runs inside) and the builtin's full name.
//
// It is the seam between Lua and the runtime. A builtin that may park its task does
// it through wait, and calls back into Lua through pcall: both put back gopher-lua's
// CurrentThread, which all threads share and which the tasks that ran meanwhile have
// set to their own. Errors become Lua errors through raise, which names the builtin.
type call struct {
	m    *Module
	L    *lua.LState
	name string // "Lock:acquire()", "sleep()"
}

// wait calls op, a runtime call that may park the running task, for the builtin: it
// records where the task waits (for reports), calls op with the task, puts back
// CurrentThread and raises op's error. It raises at once if the task may not wait
// here (inside a table.sort comparator).
func (c call) wait(op func(t *runtime.Task) error) {
	err := op(c.waitingTask())
	c.L.G.CurrentThread = c.L
	if err != nil {
		c.raise(err)
	}
}

// waitingTask returns the running task, about to wait on c's behalf: it raises an
// error if the task may not wait here, and records c's thread as where it waits.
// Only wait and a builtin that gives the runtime its task for later waits (a
// TaskGroup) call it.
func (c call) waitingTask() *runtime.Task {
	t := c.m.sched.Current()
	if t == nil {
		c.refuseWait(t)
	}
	lt := t.Data.(*luaTask)
	if lt.noBlock != "" {
		c.refuseWait(t)
	}
	lt.at = c.L
	return t
}

// refuseWait raises the error of a builtin that may not wait where it was called.
func (c call) refuseWait(t *runtime.Task) {
	if t == nil && c.m.callbacks.running != nil {
		c.m.refuseInCallback(c)
	}
	if t == nil {
		c.errorf("cannot wait outside a task")
	}
	c.errorf("cannot wait inside %s", t.Data.(*luaTask).noBlock)
}

// pcall calls the function on c.L's stack below its nargs arguments, as L.PCall
// does, for a builtin that runs Lua code (lock:with's body, a predicate).
func (c call) pcall(nargs, nret int) error { return protectedCall(c.L, nargs, nret) }

// protectedCall is L.PCall, then CurrentThread put back: the Lua code called may
// have waited, and other tasks run meanwhile.
func protectedCall(L *lua.LState, nargs, nret int) error {
	err := L.PCall(nargs, nret, nil)
	L.G.CurrentThread = L
	return err
}

// raise raises err as a Lua error: an error raised by Lua code the builtin called
// goes on as it was raised; a runtime condition becomes an error object, and misuse a
// message with the script position and the builtin's name (see Module.raise).
func (c call) raise(err error) {
	if api, ok := err.(*lua.ApiError); ok {
		c.L.Error(api.Object, 0)
	}
	c.m.raise(c.L, c.name, err)
}

// check raises err, if any, as raise does: for runtime calls that do not wait.
func (c call) check(err error) {
	if err != nil {
		c.raise(err)
	}
}

// errorf raises "name: message" at the script position.
func (c call) errorf(format string, args ...any) {
	c.L.RaiseError("%s: "+format, append([]any{c.name}, args...)...)
}

// argError raises Lua's own message for a bad argument n, which names the builtin
// as Lua 5.1 does: "bad argument #1 to 'read' (invalid format)".
func (c call) argError(n int, msg string) {
	c.L.RaiseError("bad argument #%d to '%s' (%s)", n, c.luaName(), msg)
}

// number reads argument n as a number (a numeral in a string is one), as Lua 5.1's
// own functions do; def if it is absent or nil and def is not nil.
func (c call) number(n int, def *float64) float64 {
	v := c.L.Get(n)
	if v == lua.LNil && def != nil {
		return *def
	}
	if f, ok := toNumber(v); ok {
		return f
	}
	c.argError(n, "number expected, got "+typeName(c.L, n))
	return 0
}

// str reads argument n as a string (a number is one), as Lua 5.1's own functions
// do; def if it is absent or nil and def is not nil.
func (c call) str(n int, def *string) string {
	switch v := c.L.Get(n).(type) {
	case lua.LString:
		return string(v)
	case lua.LNumber:
		return v.String()
	case *lua.LNilType:
		if def != nil {
			return *def
		}
	}
	c.argError(n, "string expected, got "+typeName(c.L, n))
	return ""
}

// toNumber is v as a number, if it is one or a string holding a numeral.
func toNumber(v lua.LValue) (float64, bool) {
	switch v := v.(type) {
	case lua.LNumber:
		return float64(v), true
	case lua.LString:
		n, ok := parseNumeral(strings.TrimSpace(string(v)))
		return float64(n), ok
	}
	return 0, false
}

// typeName is the type of argument n as Lua's messages say it: "no value" past the
// last argument.
func typeName(L *lua.LState, n int) string {
	if n > L.GetTop() {
		return "no value"
	}
	return L.Get(n).Type().String()
}

// luaName is the builtin's bare name, as Lua's own messages show it: "read" for
// "io.read()" and for "file:read()".
func (c call) luaName() string {
	name := strings.TrimSuffix(c.name, "()")
	return name[strings.LastIndexAny(name, ".:")+1:]
}

// closure makes a Lua function of fn that is named as c's builtin: an iterator it
// returns.
func (c call) closure(fn func(call) int) *lua.LFunction {
	m, name := c.m, c.name
	return c.L.NewFunction(func(L *lua.LState) int { return fn(call{m, L, name}) })
}

// receiver returns argument 1 of a method call as a T, or raises an error that shows
// how to call the method.
func receiver[T any](c call) T { return self[T](c.L, c.name) }

// function reads argument n as a function.
func (c call) function(n int) *lua.LFunction { return checkFunction(c.L, n, c.name) }

// count reads argument n as a whole number, def if it is absent.
func (c call) count(n, def int) int { return optCount(c.L, n, def, c.name) }
