package bindings

import (
	"cmp"
	"slices"

	lua "github.com/yuin/gopher-lua"
)

// orderStateKeys gives every table reachable in L (see eachReachable) the same
// order of keys in every state built (see orderKeys). It does nothing if
// gopher-lua's tables are not as tableparts.go knows them.
func orderStateKeys(L *lua.LState, extra ...*lua.LTable) {
	layout := knownTableLayout()
	if layout == nil {
		return
	}
	eachReachable(layout, L, extra, func(v lua.LValue) {
		if t, ok := v.(*lua.LTable); ok {
			orderKeys(layout.parts(t))
		}
	})
}

// orderKeys gives a table's hash keys one order, the same in every state built:
// gopher-lua fills its libraries from Go maps, whose order changes from state to
// state, and pairs would list them in that order. Strings come first, sorted, then
// the other keys as they were; the keys of deleted entries are dropped.
func orderKeys(p tableParts) {
	all := *p.keys
	if len(all) == 0 {
		return
	}
	keys := all[:0] // the live keys, in place
	for _, k := range all {
		live := false
		if str, ok := k.(lua.LString); ok {
			_, live = (*p.strdict)[string(str)]
		} else {
			_, live = (*p.dict)[k]
		}
		if live {
			keys = append(keys, k)
		}
	}
	clear(all[len(keys):])
	slices.SortStableFunc(keys, func(a, b lua.LValue) int {
		as, aString := a.(lua.LString)
		bs, bString := b.(lua.LString)
		switch {
		case aString && bString:
			return cmp.Compare(as, bs)
		case aString:
			return -1
		case bString:
			return 1
		}
		return 0
	})
	clear(*p.k2i)
	for i, k := range keys {
		(*p.k2i)[k] = i
	}
	*p.keys = keys
}
