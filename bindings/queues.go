package bindings

import (
	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

func (m *Module) openQueues() {
	methods := map[string]lua.LGFunction{
		"put":        m.queuePut,
		"get":        m.queueGet,
		"put_nowait": m.queuePutNowait,
		"get_nowait": m.queueGetNowait,
		"qsize":      func(L *lua.LState) int { L.Push(lua.LNumber(queueSelf(L, "Queue:qsize()").Len())); return 1 },
		"empty":      func(L *lua.LState) int { return pushBool(L, queueSelf(L, "Queue:empty()").Empty()) },
		"full":       func(L *lua.LState) int { return pushBool(L, queueSelf(L, "Queue:full()").Full()) },
		"maxsize":    func(L *lua.LState) int { L.Push(lua.LNumber(queueSelf(L, "Queue:maxsize()").Maxsize())); return 1 },
		"closed":     func(L *lua.LState) int { return pushBool(L, queueSelf(L, "Queue:closed()").Closed()) },
		"close":      func(L *lua.LState) int { queueSelf(L, "Queue:close()").Close(); return 0 },
		"task_done":  m.queueTaskDone,
		"join":       m.queueJoin,
		"items":      m.queueItems,
	}
	kinds := map[string]func(int) *runtime.Queue{
		"Queue":         runtime.NewQueue,
		"LifoQueue":     runtime.NewLifoQueue,
		"PriorityQueue": runtime.NewPriorityQueue,
	}
	for kind, newQueue := range kinds {
		m.newType(kind, methods)
		m.L.SetGlobal(kind, m.L.NewFunction(func(L *lua.LState) int {
			maxsize := L.OptInt(1, 0)
			q := newQueue(maxsize)
			q.Repr = m.repr
			L.Push(m.newUserData(L, q, kind))
			return 1
		}))
	}
}

// queueSelf returns the queue a method was called on; method is the method's name
// as errors show it ("Queue:get()").
func queueSelf(L *lua.LState, method string) *runtime.Queue {
	return self[*runtime.Queue](L, method)
}

// item reads the item to put (and, for a PriorityQueue, its priority).
func item(L *lua.LState, q *runtime.Queue, what string) any {
	v := L.Get(2)
	if v == lua.LNil {
		L.RaiseError("%s: cannot put nil (close() the queue to say there is no more)", what)
	}
	if q.Kind() != "PriorityQueue" {
		return v
	}
	if p, ok := L.Get(3).(lua.LNumber); ok {
		return runtime.Prioritized{Value: v, Priority: float64(p), Explicit: true}
	}
	if L.Get(3) != lua.LNil {
		L.ArgError(3, "the priority must be a number")
	}
	p, ok := v.(lua.LNumber)
	if !ok {
		L.RaiseError("%s: give a priority (put(item, priority)) when the item is not a number", what)
	}
	return runtime.Prioritized{Value: v, Priority: float64(p)}
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

func (m *Module) queuePut(L *lua.LState) int {
	q := queueSelf(L, "Queue:put()")
	v := item(L, q, "Queue:put()")
	m.check(L, "Queue:put()", q.Put(m.blocking(L, "Queue:put()"), v))
	return 0
}

func (m *Module) queuePutNowait(L *lua.LState) int {
	q := queueSelf(L, "Queue:put_nowait()")
	m.check(L, "Queue:put_nowait()", q.PutNowait(item(L, q, "Queue:put_nowait()")))
	return 0
}

func (m *Module) queueGet(L *lua.LState) int {
	q := queueSelf(L, "Queue:get()")
	v, ok, err := q.Get(m.blocking(L, "Queue:get()"))
	m.check(L, "Queue:get()", err)
	return pushItem(L, v, ok)
}

func (m *Module) queueGetNowait(L *lua.LState) int {
	v, ok, err := queueSelf(L, "Queue:get_nowait()").GetNowait()
	m.check(L, "Queue:get_nowait()", err)
	return pushItem(L, v, ok)
}

func (m *Module) queueTaskDone(L *lua.LState) int {
	m.check(L, "Queue:task_done()", queueSelf(L, "Queue:task_done()").TaskDone())
	return 0
}

func (m *Module) queueJoin(L *lua.LState) int {
	q := queueSelf(L, "Queue:join()")
	m.check(L, "Queue:join()", q.Join(m.blocking(L, "Queue:join()")))
	return 0
}

// queueItems is q:items(), for `for item in q:items() do`: each step gets the next
// item, and the loop ends when the queue is closed and drained.
func (m *Module) queueItems(L *lua.LState) int {
	q := queueSelf(L, "Queue:items()")
	L.Push(L.NewFunction(func(L *lua.LState) int {
		v, ok, err := q.Get(m.blocking(L, "Queue:items()"))
		m.check(L, "Queue:items()", err)
		return pushItem(L, v, ok)
	}))
	return 1
}
