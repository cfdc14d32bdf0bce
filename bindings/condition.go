package bindings

import (
	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

func (m *Module) openCondition() {
	m.newType("Condition", "Condition", []builtin{
		{"acquire", m.conditionAcquire},
		{"release", func(c call) int { c.check(receiver[*runtime.Condition](c).Release()); return 0 }},
		{"locked", func(c call) int { return pushBool(c.L, receiver[*runtime.Condition](c).Locked()) }},
		{"with", m.conditionWith},
		{"wait", m.conditionWait},
		{"wait_for", m.conditionWaitFor},
		{"notify", m.conditionNotify},
		{"notify_all", func(c call) int { c.check(receiver[*runtime.Condition](c).NotifyAll()); return 0 }},
	})
	m.setGlobals([]builtin{{"Condition", m.newCondition}})
}

// newCondition is Condition([lock]): over the Lock given, or a new one.
func (m *Module) newCondition(c call) int {
	var lock *runtime.Lock
	if v := c.L.Get(1); v != lua.LNil {
		ud, ok := v.(*lua.LUserData)
		if ok {
			lock, ok = ud.Value.(*runtime.Lock)
		}
		if !ok {
			c.errorf("argument 1 must be a Lock, got %s", luaTypeName(c.L, v))
		}
	}
	c.L.Push(m.newUserData(c.L, runtime.NewCondition(lock), "Condition"))
	return 1
}

func (m *Module) conditionAcquire(c call) int {
	c.wait(receiver[*runtime.Condition](c).Acquire)
	return pushBool(c.L, true)
}

func (m *Module) conditionWith(c call) int {
	cond := receiver[*runtime.Condition](c)
	return c.with(cond.Acquire, cond.Release)
}

func (m *Module) conditionWait(c call) int {
	c.wait(receiver[*runtime.Condition](c).Wait)
	return pushBool(c.L, true)
}

// conditionWaitFor is cond:wait_for(predicate): it waits until predicate() returns a
// true value, and returns that value. An error raised by the predicate goes through
// as it was raised.
func (m *Module) conditionWaitFor(c call) int {
	cond := receiver[*runtime.Condition](c)
	pred := c.function(2)
	L := c.L
	var v any
	c.wait(func(t *runtime.Task) (err error) {
		v, err = cond.WaitFor(t, func() (any, bool, error) {
			L.Push(pred)
			if err := c.pcall(0, 1); err != nil {
				return nil, false, err
			}
			v := L.Get(-1)
			L.Pop(1)
			return v, lua.LVAsBool(v), nil
		})
		return err
	})
	L.Push(v.(lua.LValue))
	return 1
}

func (m *Module) conditionNotify(c call) int {
	cond := receiver[*runtime.Condition](c)
	c.check(cond.Notify(c.count(2, 1)))
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
