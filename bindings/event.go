package bindings

import (
	"luasync/runtime"
)

func (m *Module) openEvent() {
	m.newType("Event", "Event", []builtin{
		{"set", func(c call) int { receiver[*runtime.Event](c).Set(); return 0 }},
		{"clear", func(c call) int { receiver[*runtime.Event](c).Clear(); return 0 }},
		{"is_set", func(c call) int { return pushBool(c.L, receiver[*runtime.Event](c).IsSet()) }},
		{"wait", m.eventWait},
	})
	m.setGlobals([]builtin{
		{"Event", func(c call) int {
			c.L.Push(m.newUserData(c.L, runtime.NewEvent(), "Event"))
			return 1
		}},
	})
}

func (m *Module) eventWait(c call) int {
	c.wait(receiver[*runtime.Event](c).Wait)
	return pushBool(c.L, true)
}
