package bindings

import (
	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

func (m *Module) openCondition() {
	m.newType("Condition", map[string]lua.LGFunction{
		"acquire":    m.conditionAcquire,
		"release":    m.conditionRelease,
		"locked":     func(L *lua.LState) int { return pushBool(L, conditionSelf(L, "Condition:locked()").Locked()) },
		"with":       m.conditionWith,
		"wait":       m.conditionWait,
		"wait_for":   m.conditionWaitFor,
		"notify":     m.conditionNotify,
		"notify_all": m.conditionNotifyAll,
	})
	m.setGlobals(map[string]lua.LGFunction{"Condition": m.newCondition})
}

// newCondition is Condition([lock]): over the Lock given, or a new one.
func (m *Module) newCondition(L *lua.LState) int {
	var lock *runtime.Lock
	if v := L.Get(1); v != lua.LNil {
		ud, ok := v.(*lua.LUserData)
		if ok {
			lock, ok = ud.Value.(*runtime.Lock)
		}
		if !ok {
			L.RaiseError("Condition(): argument 1 must be a Lock, got %s", luaTypeName(L, v))
		}
	}
	L.Push(m.newUserData(L, runtime.NewCondition(lock), "Condition"))
	return 1
}

// conditionSelf returns the condition a method was called on; method is its name as errors
// show it ("Condition:wait()").
func conditionSelf(L *lua.LState, method string) *runtime.Condition {
	return self[*runtime.Condition](L, method)
}

func (m *Module) conditionAcquire(L *lua.LState) int {
	c := conditionSelf(L, "Condition:acquire()")
	m.check(L, "Condition:acquire()", c.Acquire(m.blocking(L, "Condition:acquire()")))
	return pushBool(L, true)
}

func (m *Module) conditionRelease(L *lua.LState) int {
	m.check(L, "Condition:release()", conditionSelf(L, "Condition:release()").Release())
	return 0
}

func (m *Module) conditionWith(L *lua.LState) int {
	c := conditionSelf(L, "Condition:with()")
	return m.with(L, "Condition:with()", func() error { return c.Acquire(m.blocking(L, "Condition:with()")) }, c.Release)
}

func (m *Module) conditionWait(L *lua.LState) int {
	c := conditionSelf(L, "Condition:wait()")
	m.check(L, "Condition:wait()", c.Wait(m.blocking(L, "Condition:wait()")))
	return pushBool(L, true)
}

// conditionWaitFor is cond:wait_for(predicate): it waits until predicate() returns a
// true value, and returns that value. An error raised by the predicate goes through
// as it was raised.
func (m *Module) conditionWaitFor(L *lua.LState) int {
	c := conditionSelf(L, "Condition:wait_for()")
	pred := checkFunction(L, 2, "Condition:wait_for()")
	v, err := c.WaitFor(m.blocking(L, "Condition:wait_for()"), func() (any, bool, error) {
		L.Push(pred)
		err := L.PCall(0, 1, nil)
		L.G.CurrentThread = L
		if err != nil {
			return nil, false, err
		}
		v := L.Get(-1)
		L.Pop(1)
		return v, lua.LVAsBool(v), nil
	})
	if api, ok := err.(*lua.ApiError); ok {
		L.Error(api.Object, 0)
	}
	m.check(L, "Condition:wait_for()", err)
	L.Push(v.(lua.LValue))
	return 1
}

func (m *Module) conditionNotify(L *lua.LState) int {
	c := conditionSelf(L, "Condition:notify()")
	m.check(L, "Condition:notify()", c.Notify(optCount(L, 2, 1, "Condition:notify()")))
	return 0
}

func (m *Module) conditionNotifyAll(L *lua.LState) int {
	m.check(L, "Condition:notify_all()", conditionSelf(L, "Condition:notify_all()").NotifyAll())
	return 0
}

// luaTypeName is the type of v as a message names it: a userdata by its type name
// ("Semaphore").
func luaTypeName(L *lua.LState, v lua.LValue) string {
	if name, ok := L.GetMetaField(v, "__name").(lua.LString); ok {
		return string(name)
	}
	return v.Type().String()
}
