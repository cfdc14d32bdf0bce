package bindings

import (
	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// shield(task_or_future) -> Future: asyncio.shield. Cancelling what awaits the
// Future (or the Future itself) does not cancel the task; the task's own ending
// completes the Future. A task or future that is done already is returned itself,
// as asyncio does.
func (m *Module) shield(c call) int {
	L := c.L
	var outer *runtime.Future
	switch v := L.Get(1).(type) {
	case *lua.LUserData:
		switch inner := v.Value.(type) {
		case *runtime.Task:
			outer = runtime.Shield(inner)
		case *luaFuture:
			outer = runtime.ShieldFuture(inner.f)
		default:
			c.errorf("argument 1 must be a task or a Future, got %s", typeName(L, 1))
		}
	default:
		c.errorf("argument 1 must be a task or a Future, got %s", typeName(L, 1))
	}
	if outer == nil {
		L.Push(L.Get(1))
		return 1
	}
	L.Push(m.futureValue(L, outer))
	return 1
}
