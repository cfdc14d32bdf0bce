package bindings

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// repr shows a queue item as Python's repr shows the same value in an asyncio
// program: 5, 2.5, 'a', True, None; a PriorityQueue item with its own priority as a
// tuple (1, 'a').
func (m *Module) repr(v any) string {
	if p, ok := v.(runtime.Prioritized); ok {
		if p.Explicit {
			return "(" + pyNumber(p.Priority) + ", " + m.repr(p.Value) + ")"
		}
		return m.repr(p.Value)
	}
	switch v := v.(type) {
	case lua.LNumber:
		return pyNumber(float64(v))
	case lua.LString:
		return pyString(string(v))
	case lua.LBool:
		if v {
			return "True"
		}
		return "False"
	case *lua.LNilType:
		return "None"
	case lua.LValue:
		return m.reprValue(v)
	}
	return "?"
}

// reprValue shows a table, function, thread or userdata. In a task it is what
// tostring shows: a __tostring runs, on the thread running (it may wait, as any Lua
// code may). Outside tasks, on the scheduler's hub (a deadlock report, the Ctrl-C
// listing, the REPL's :tasks), no Lua code may run, so no metamethod is called: an
// error object and luasync's own values read as their tostring, computed in Go, and
// any other value as Lua shows one without __tostring, by its per-run address
// ("table: 0x0001"), as Python shows an object without a repr of its own.
func (m *Module) reprValue(v lua.LValue) string {
	if m.sched.Current() != nil {
		if L := m.L.G.CurrentThread; L != nil {
			if s, ok := m.tostring(L, v); ok {
				return s
			}
		}
		return m.shownByAddress(v)
	}
	if e := m.asErrorObject(v); e != nil {
		return e.Error()
	}
	if ud, ok := v.(*lua.LUserData); ok && m.hubReprDepth < maxHubReprDepth {
		if s, ok := ud.Value.(fmt.Stringer); ok {
			m.hubReprDepth++ // a queue may hold itself
			defer func() { m.hubReprDepth-- }()
			return s.String()
		}
	}
	return m.shownByAddress(v)
}

// shownByAddress is v as Lua shows it without __tostring: by its per-run address.
func (m *Module) shownByAddress(v lua.LValue) string {
	if s, ok := m.address(v); ok {
		return s
	}
	return v.String()
}

// maxHubReprDepth bounds the values shown inside values on the hub (a queue of
// queues): deeper ones read as their address.
const maxHubReprDepth = 8

func pyNumber(f float64) string {
	switch {
	case f == math.Trunc(f) && math.Abs(f) < 1e15:
		return strconv.FormatInt(int64(f), 10)
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// pyString quotes s as Python's repr of a str does.
func pyString(s string) string {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	var b strings.Builder
	b.WriteByte(quote)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == quote || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c == '\r':
			b.WriteString(`\r`)
		case c < 0x20 || c == 0x7f:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(c)|0x100, 16)[1:])
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(quote)
	return b.String()
}
