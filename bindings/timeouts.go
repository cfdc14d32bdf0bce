package bindings

import (
	"math"
	"time"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// openTimeouts defines timeout and timeout_at, and the Timeout type of their scopes.
func (m *Module) openTimeouts() {
	m.newType("Timeout", "Timeout", []builtin{
		{"reschedule", m.timeoutReschedule},
		{"when", m.timeoutWhen},
		{"expired", func(c call) int { return pushBool(c.L, receiver[*runtime.Timeout](c).Expired()) }},
	})
	m.L.SetField(m.L.GetTypeMetatable("Timeout"), "__tostring", m.newBuiltin("Timeout:__tostring()", m.timeoutRepr))
	m.setGlobals([]builtin{
		{"timeout", m.timeout},
		{"timeout_at", m.timeoutAt},
	})
}

// timeout(seconds_or_nil, fn, ...) -> fn's results: fn(scope, ...) runs in the
// current task under a deadline seconds from now (asyncio.timeout).
func (m *Module) timeout(c call) int {
	var when time.Duration
	never := c.L.Get(1) == lua.LNil
	if !never {
		when = m.sched.Now() + seconds(c.L, 1, c.name)
	}
	c.function(2)
	return m.callWithin(c, when, never, true, 2)
}

// timeout_at(when_or_nil, fn, ...) -> fn's results: as timeout, with the deadline a
// time on the run's clock, as now() gives it (asyncio.timeout_at).
func (m *Module) timeoutAt(c call) int {
	when, never := deadline(c, 1)
	c.function(2)
	return m.callWithin(c, when, never, true, 2)
}

// deadline reads argument n as a time on the run's clock, or nil for none.
func deadline(c call, n int) (when time.Duration, never bool) {
	v := c.L.Get(n)
	if v == lua.LNil {
		return 0, true
	}
	f, ok := v.(lua.LNumber)
	switch {
	case !ok:
		c.errorf("the deadline must be a number (a time as now() gives it) or nil, got %s", v.Type())
	case math.IsNaN(float64(f)) || math.IsInf(float64(f), 0):
		c.errorf("the deadline must be a finite number, got %s", luaNumber(float64(f)))
	case math.Abs(float64(f)) > maxSeconds:
		c.errorf("the deadline %v is too far (at most %d seconds)", f, int64(maxSeconds))
	}
	return time.Duration(float64(f) * float64(time.Second)), false
}

// callWithin calls the function at fnIndex with the arguments after it in the
// current task, inside a timeout scope with a deadline at when (never: none), the
// scope passed first when withScope: asyncio's `async with timeout_at(when)`. Past
// the deadline, what the function awaits is cancelled, and the Cancelled error it
// ends with leaves the scope as a Timeout error. It returns the function's results.
func (m *Module) callWithin(c call, when time.Duration, never, withScope bool, fnIndex int) int {
	L := c.L
	t := c.waitingTask()
	sc := t.EnterTimeout(when, never)
	top := L.GetTop()
	L.Push(L.Get(fnIndex))
	nargs := top - fnIndex
	if withScope {
		L.Push(m.newUserData(L, sc, "Timeout"))
		nargs++
	}
	for i := fnIndex + 1; i <= top; i++ {
		L.Push(L.Get(i))
	}
	err := c.pcall(nargs, lua.MultRet)
	if err == nil {
		sc.Exit(nil)
		return L.GetTop() - top
	}
	if sc.Exit(m.scriptError(L, err)) == error(runtime.ErrTimeout) {
		c.raise(runtime.ErrTimeout) // the deadline's cancellation ended the function
	}
	c.raise(err)
	return 0
}

func (m *Module) timeoutReschedule(c call) int {
	sc := receiver[*runtime.Timeout](c)
	when, never := deadline(c, 2)
	c.check(sc.Reschedule(when, never))
	return 0
}

// scope:when() -> the deadline on the run's clock, nil if there is none.
func (m *Module) timeoutWhen(c call) int {
	when, never := receiver[*runtime.Timeout](c).When()
	if never {
		c.L.Push(lua.LNil)
	} else {
		c.L.Push(lua.LNumber(when.Seconds()))
	}
	return 1
}

// timeoutRepr is asyncio's repr of a Timeout: <Timeout [active] when=1.5>,
// <Timeout [expired]>.
func (m *Module) timeoutRepr(c call) int {
	sc := receiver[*runtime.Timeout](c)
	s := "<Timeout [" + sc.State() + "]"
	if when, never := sc.When(); sc.State() == "active" {
		if never {
			s += " when=None"
		} else {
			s += " when=" + luaNumber(math.Round(when.Seconds()*1000)/1000)
		}
	}
	c.L.Push(lua.LString(s + ">"))
	return 1
}
