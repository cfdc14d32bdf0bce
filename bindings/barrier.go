package bindings

import (
	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

func (m *Module) openBarrier() {
	m.newType("Barrier", "Barrier", []builtin{
		{"wait", m.barrierWait},
		{"reset", func(c call) int { b := receiver[*runtime.Barrier](c); c.wait(b.Reset); return 0 }},
		{"abort", func(c call) int { b := receiver[*runtime.Barrier](c); c.wait(b.Abort); return 0 }},
		{"parties", func(c call) int { c.L.Push(lua.LNumber(receiver[*runtime.Barrier](c).Parties())); return 1 }},
		{"n_waiting", func(c call) int { c.L.Push(lua.LNumber(receiver[*runtime.Barrier](c).NWaiting())); return 1 }},
		{"broken", func(c call) int { return pushBool(c.L, receiver[*runtime.Barrier](c).Broken()) }},
	})
	m.setGlobals([]builtin{
		{"Barrier", func(c call) int {
			if c.L.Get(1) == lua.LNil {
				c.errorf("give the number of parties, as in Barrier(3)")
			}
			b, err := runtime.NewBarrier(c.count(1, 0))
			c.check(err)
			c.L.Push(m.newUserData(c.L, b, "Barrier"))
			return 1
		}},
	})
}

func (m *Module) barrierWait(c call) int {
	b := receiver[*runtime.Barrier](c)
	var index int
	c.wait(func(t *runtime.Task) (err error) {
		index, err = b.Wait(t)
		return err
	})
	c.L.Push(lua.LNumber(index))
	return 1
}
