package bindings

import (
	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

func (m *Module) openQueues() {
	methods := []builtin{
		{"put", m.queuePut},
		{"get", m.queueGet},
		{"put_nowait", m.queuePutNowait},
		{"get_nowait", m.queueGetNowait},
		{"qsize", func(c call) int { c.L.Push(lua.LNumber(receiver[*runtime.Queue](c).Len())); return 1 }},
		{"empty", func(c call) int { return pushBool(c.L, receiver[*runtime.Queue](c).Empty()) }},
		{"full", func(c call) int { return pushBool(c.L, receiver[*runtime.Queue](c).Full()) }},
		{"maxsize", func(c call) int { c.L.Push(lua.LNumber(receiver[*runtime.Queue](c).Maxsize())); return 1 }},
		{"closed", func(c call) int { return pushBool(c.L, receiver[*runtime.Queue](c).Closed()) }},
		{"close", func(c call) int { receiver[*runtime.Queue](c).Close(); return 0 }},
		{"shutdown", m.queueShutdown},
		{"task_done", func(c call) int { c.check(receiver[*runtime.Queue](c).TaskDone()); return 0 }},
		{"join", m.queueJoin},
		{"items", m.queueItems},
	}
	kinds := map[string]func(int) *runtime.Queue{
		"Queue":         runtime.NewQueue,
		"LifoQueue":     runtime.NewLifoQueue,
		"PriorityQueue": runtime.NewPriorityQueue,
	}
	for kind, newQueue := range kinds {
		m.newType(kind, "Queue", methods)
		m.setGlobals([]builtin{{kind, func(c call) int {
			q := newQueue(c.L.OptInt(1, 0))
			q.Repr = m.repr
			c.L.Push(m.newUserData(c.L, q, kind))
			return 1
		}}})
	}
}

// item reads the item to put (and, for a PriorityQueue, its priority).
func item(c call, q *runtime.Queue) any {
	L := c.L
	v := L.Get(2)
	if v == lua.LNil {
		c.errorf("cannot put nil (close() the queue to say there is no more)")
	}
	if q.Kind() != "PriorityQueue" {
		return v
	}
	if p, ok := L.Get(3).(lua.LNumber); ok {
		return runtime.Prioritized{Value: v, Priority: float64(p), Tie: tie(v), Explicit: true}
	}
	if L.Get(3) != lua.LNil {
		L.ArgError(3, "the priority must be a number")
	}
	p, ok := v.(lua.LNumber)
	if !ok {
		c.errorf("give a priority (put(item, priority)) when the item is not a number")
	}
	return runtime.Prioritized{Value: v, Priority: float64(p), Tie: float64(p)}
}

// tie is what a PriorityQueue compares items of equal priority by, as Python compares
// the second members of two (priority, item) tuples: numbers and strings by value;
// anything else compares equal (where Python would raise a TypeError).
func tie(v lua.LValue) any {
	switch v := v.(type) {
	case lua.LNumber:
		return float64(v)
	case lua.LString:
		return string(v)
	}
	return nil
}

// pushItem pushes what get returned: the item (and its priority), or nil when the
// queue is closed and drained.
func pushItem(L *lua.LState, v any, ok bool) int {
	if !ok {
		L.Push(lua.LNil)
		return 1
	}
	if p, isPrio := v.(runtime.Prioritized); isPrio {
		L.Push(p.Value.(lua.LValue))
		L.Push(lua.LNumber(p.Priority))
		return 2
	}
	L.Push(v.(lua.LValue))
	return 1
}

func (m *Module) queuePut(c call) int {
	q := receiver[*runtime.Queue](c)
	v := item(c, q)
	c.wait(func(t *runtime.Task) error { return q.Put(t, v) })
	return 0
}

func (m *Module) queuePutNowait(c call) int {
	q := receiver[*runtime.Queue](c)
	c.check(q.PutNowait(item(c, q)))
	return 0
}

func (m *Module) queueGet(c call) int { return getItem(c, receiver[*runtime.Queue](c)) }

// getItem waits for q's next item and pushes it (nil once q is closed and drained).
func getItem(c call, q *runtime.Queue) int {
	var v any
	var ok bool
	c.wait(func(t *runtime.Task) (err error) {
		v, ok, err = q.Get(t)
		return err
	})
	return pushItem(c.L, v, ok)
}

func (m *Module) queueGetNowait(c call) int {
	v, ok, err := receiver[*runtime.Queue](c).GetNowait()
	c.check(err)
	return pushItem(c.L, v, ok)
}

func (m *Module) queueJoin(c call) int {
	c.wait(receiver[*runtime.Queue](c).Join)
	return 0
}

// queueItems is q:items(), for `for item in q:items() do`: each step gets the next
// item, and the loop ends when the queue is closed and drained.
func (m *Module) queueItems(c call) int {
	q := receiver[*runtime.Queue](c)
	c.L.Push(c.closure(func(c call) int { return getItem(c, q) }))
	return 1
}

// queueShutdown is q:shutdown([immediate]): asyncio's Queue.shutdown.
func (m *Module) queueShutdown(c call) int {
	q := receiver[*runtime.Queue](c)
	immediate := false
	switch v := c.L.Get(2).(type) {
	case lua.LBool:
		immediate = bool(v)
	case *lua.LNilType:
	default:
		c.argError(2, "boolean expected, got "+typeName(c.L, 2))
	}
	q.Shutdown(immediate)
	return 0
}
