package bindings

import (
	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

func (m *Module) openLock() {
	m.newType("Lock", "Lock", []builtin{
		{"acquire", m.lockAcquire},
		{"release", m.lockRelease},
		{"locked", func(c call) int { return pushBool(c.L, receiver[*runtime.Lock](c).Locked()) }},
		{"with", m.lockWith},
	})
	m.setGlobals([]builtin{
		{"Lock", func(c call) int {
			c.L.Push(m.newUserData(c.L, runtime.NewLock(), "Lock"))
			return 1
		}},
	})
}

func (m *Module) lockAcquire(c call) int {
	l := receiver[*runtime.Lock](c)
	c.wait(l.Acquire)
	return pushBool(c.L, true)
}

func (m *Module) lockRelease(c call) int {
	c.check(receiver[*runtime.Lock](c).Release())
	return 0
}

// lockWith is lock:with(fn, ...): acquire, call fn, release even if fn fails, and
// return fn's results or raise its error.
func (m *Module) lockWith(c call) int {
	l := receiver[*runtime.Lock](c)
	return c.with(l.Acquire, l.Release)
}

// with runs argument 2 (a function, with arguments 3...) between acquire and release:
// the shape of every primitive's with().
func (c call) with(acquire func(*runtime.Task) error, release func() error) int {
	L := c.L
	c.function(2)
	c.wait(acquire)
	base := L.GetTop()
	L.Push(L.Get(2))
	for i := 3; i <= base; i++ {
		L.Push(L.Get(i))
	}
	err := c.pcall(base-2, lua.MultRet)
	if rerr := release(); rerr != nil && err == nil {
		c.raise(rerr)
	}
	c.check(err)
	return L.GetTop() - base
}
