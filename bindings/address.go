package bindings

import (
	"fmt"

	lua "github.com/yuin/gopher-lua"
)

// A table, function, coroutine or userdata without __tostring shows as Lua shows
// it, by an address ("table: 0x0001"). The address is not the Go pointer, which
// changes from run to run: it is a per-run counter, given to each value the first
// time it is shown, so that a run under the same schedule prints the same text and
// the outputs of two runs compare (explore counts the distinct ones).

// address is how v shows without __tostring, and true, if v is shown by its
// address; else "", false.
func (m *Module) address(v lua.LValue) (string, bool) {
	if !hasAddress(v) {
		return "", false
	}
	id, ok := m.addresses[v]
	if !ok {
		if m.addresses == nil {
			m.addresses = map[lua.LValue]int{}
		}
		id = len(m.addresses) + 1
		m.addresses[v] = id
	}
	return fmt.Sprintf("%s: 0x%04x", v.Type(), id), true
}

// toString is Lua's tostring(v) on L: v's __tostring if it has one, else its
// per-run address, else the value as text.
func (m *Module) toString(L *lua.LState, v lua.LValue) lua.LValue {
	if L.GetMetaField(v, "__tostring") == lua.LNil {
		if s, ok := m.address(v); ok {
			return lua.LString(s)
		}
	}
	return L.ToStringMeta(v)
}

// hasAddress says whether v is a value Lua shows by its address: a table, function,
// coroutine or userdata.
func hasAddress(v lua.LValue) bool {
	switch v.(type) {
	case *lua.LTable, *lua.LFunction, *lua.LState, *lua.LUserData:
		return true
	}
	return false
}
