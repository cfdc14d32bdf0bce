package bindings

import (
	"slices"

	lua "github.com/yuin/gopher-lua"
)

// A stateSnapshot is what a freshly built Lua state holds that a script can change,
// so that the state can be put back exactly as it was built, for the next run of
// explore (reset.go): every table reachable from the globals, the registry, the
// metatables of the basic types (strings') and the error objects' metatable, each
// with its entries, the order of its keys and its metatable; the metatable and
// environment of every userdata reachable from them (io.stdout) and the environment
// of every Lua function; and the metatables of the basic types themselves, which
// setmetatable("", t) and setmetatable(1, t) replace in gopher-lua.
//
// What is not in it a script cannot reach: a Go function's upvalues need the debug
// library, which only --unsafe opens, and a state opened with --unsafe is never
// reused. Everything else a run makes is its own, and is garbage once the snapshot's
// tables no longer hold it.
type stateSnapshot struct {
	layout       *tableLayout
	env, globals *lua.LTable // the main state's environment and the globals
	// tables are those a script reaches from the globals; behindMetatables, the
	// others: those only getmetatable gives it (see restore), and the registry's,
	// which it cannot reach at all.
	tables           []savedTable
	behindMetatables []savedTable
	userdata         []savedUserData
	functions        []savedFunction
	basicMeta        []savedBasicMeta
}

// savedTable is one table as it was: its metatable, its array part, its hash parts
// and the order of its hash keys.
type savedTable struct {
	t     *lua.LTable
	meta  lua.LValue
	array []lua.LValue
	strs  []stringEntry
	hash  []hashEntry
	inStr map[string]bool     // the keys of strs
	inMap map[lua.LValue]bool // the keys of hash
	keys  []lua.LValue
}

// entry is one key and value of a table's hash part: its string keys' (K string) or
// its other keys' (K lua.LValue).
type entry[K comparable] struct {
	key   K
	value lua.LValue
}

type (
	stringEntry = entry[string]
	hashEntry   = entry[lua.LValue]
)

type savedUserData struct {
	ud   *lua.LUserData
	meta lua.LValue
	env  *lua.LTable
}

type savedFunction struct {
	fn  *lua.LFunction
	env *lua.LTable
}

// savedBasicMeta is the metatable of every value of sample's type.
type savedBasicMeta struct {
	sample lua.LValue
	meta   lua.LValue
}

// basicSamples are a value of each type whose metatable is the type's: setmetatable
// sets the metatable of all strings, all numbers... at once.
func basicSamples(L *lua.LState) []lua.LValue {
	return []lua.LValue{lua.LNil, lua.LFalse, lua.LNumber(0), lua.LString(""), &lua.LFunction{}, L, lua.LChannel(nil)}
}

// eachReachable calls fn once for every table, userdata and Lua function reachable
// (and for a Go function whenever it is reached) from L's globals, its registry, the metatables of the basic types and extra (Go's
// own tables: the error objects' metatable); a table's metatable, keys and values,
// a userdata's metatable and environment, a function's environment lead further.
// It reads the tables' parts directly: every New calls it (orderStateKeys), and
// ForEach would box each string key it passes.
func eachReachable(layout *tableLayout, L *lua.LState, extra []*lua.LTable, fn func(lua.LValue)) {
	tables := make(map[*lua.LTable]bool, 64)
	others := map[lua.LValue]bool{} // userdata and functions
	var visit func(v lua.LValue)
	visit = func(v lua.LValue) {
		switch v := v.(type) {
		case *lua.LTable:
			if tables[v] {
				return
			}
			tables[v] = true
			fn(v)
			visit(v.Metatable)
			p := layout.parts(v)
			for _, x := range *p.array {
				visit(x)
			}
			for _, x := range *p.strdict {
				visit(x)
			}
			for k, x := range *p.dict {
				visit(k)
				visit(x)
			}
		case *lua.LUserData:
			if others[v] {
				return
			}
			others[v] = true
			fn(v)
			visit(v.Metatable)
			if v.Env != nil {
				visit(v.Env)
			}
		case *lua.LFunction:
			if v.IsG && v.Env == L.G.Global {
				fn(v) // the usual case, many times over: no need to remember it
				return
			}
			if others[v] {
				return
			}
			others[v] = true
			fn(v)
			if v.Env != nil {
				visit(v.Env)
			}
		}
	}
	visit(L.G.Global)
	visit(L.G.Registry)
	visit(L.Env)
	for _, sample := range basicSamples(L) {
		visit(L.GetMetatable(sample))
	}
	for _, t := range extra {
		visit(t)
	}
}

// snapshotState saves what a script could change of L's state (extra as in
// eachReachable). It returns nil if gopher-lua's tables are not as tableparts.go
// knows them, or if a basic type's metatable hides itself (__metatable): a fresh
// state has none such.
func snapshotState(L *lua.LState, extra ...*lua.LTable) *stateSnapshot {
	layout := knownTableLayout()
	if layout == nil {
		return nil
	}
	s := &stateSnapshot{layout: layout, env: L.Env, globals: L.G.Global}
	for _, sample := range basicSamples(L) {
		meta := L.GetMetatable(sample)
		if t, ok := meta.(*lua.LTable); ok && t.RawGetString("__metatable") != lua.LNil {
			return nil
		}
		s.basicMeta = append(s.basicMeta, savedBasicMeta{sample, meta})
	}
	visible := withoutMetatables(L)
	eachReachable(layout, L, extra, func(v lua.LValue) {
		switch v := v.(type) {
		case *lua.LTable:
			if visible[v] {
				s.tables = append(s.tables, saveTable(layout, v))
			} else {
				s.behindMetatables = append(s.behindMetatables, saveTable(layout, v))
			}
		case *lua.LUserData:
			s.userdata = append(s.userdata, savedUserData{v, v.Metatable, v.Env})
		case *lua.LFunction:
			if !v.IsG { // setfenv refuses to change a Go function's environment
				s.functions = append(s.functions, savedFunction{v, v.Env})
			}
		}
	})
	return s
}

func saveTable(layout *tableLayout, t *lua.LTable) savedTable {
	p := layout.parts(t)
	s := savedTable{t: t, meta: t.Metatable, array: slices.Clone(*p.array), keys: slices.Clone(*p.keys),
		inStr: map[string]bool{}, inMap: map[lua.LValue]bool{}}
	for k, v := range *p.strdict {
		s.strs = append(s.strs, stringEntry{k, v})
		s.inStr[k] = true
	}
	for k, v := range *p.dict {
		s.hash = append(s.hash, hashEntry{k, v})
		s.inMap[k] = true
	}
	return s
}

// withoutMetatables are the tables a script reaches from the globals and the
// metatables of the basic types (strings': the string library) without calling
// getmetatable: through the keys and values of tables, and getfenv.
func withoutMetatables(L *lua.LState) map[*lua.LTable]bool {
	seen := map[*lua.LTable]bool{}
	var visit func(v lua.LValue)
	visit = func(v lua.LValue) {
		switch v := v.(type) {
		case *lua.LTable:
			if seen[v] {
				return
			}
			seen[v] = true
			v.ForEach(func(k, x lua.LValue) { visit(k); visit(x) })
		case *lua.LFunction:
			if v.Env != nil {
				visit(v.Env)
			}
		}
	}
	visit(L.G.Global)
	visit(L.Env)
	for _, sample := range basicSamples(L) {
		visit(L.GetMetatable(sample))
	}
	return seen
}

// restore puts back everything the snapshot saved. The tables behind metatables
// are looked at only if metatablesShown: a run that never had getmetatable give it
// a table cannot have reached them (a metamethod gets the value, never its
// metatable), and comparing their entries too would more than double what a
// restore costs (see BenchmarkReset).
func (s *stateSnapshot) restore(L *lua.LState, metatablesShown bool) {
	if L.Env != s.env || L.G.Global != s.globals {
		L.Env, L.G.Global = s.env, s.globals
	}
	for i := range s.tables {
		s.tables[i].restore(s.layout)
	}
	if metatablesShown {
		for i := range s.behindMetatables {
			s.behindMetatables[i].restore(s.layout)
		}
	}
	// (Only what changed is written: a pointer written costs the collector's write
	// barrier while it marks.)
	for _, u := range s.userdata {
		if u.ud.Metatable != u.meta || u.ud.Env != u.env {
			u.ud.Metatable, u.ud.Env = u.meta, u.env
		}
	}
	for _, f := range s.functions {
		if f.fn.Env != f.env {
			f.fn.Env = f.env
		}
	}
	for _, b := range s.basicMeta {
		L.SetMetatable(b.sample, b.meta) // even if it looks the same: __metatable can hide it
	}
}

// restore puts the table back as it was saved, touching only the parts a run
// changed.
func (s *savedTable) restore(layout *tableLayout) {
	t := s.t
	if t.Metatable != s.meta {
		t.Metatable = s.meta
	}
	p := layout.parts(t)
	if arr := *p.array; !slices.Equal(arr, s.array) {
		if len(arr) > len(s.array) {
			clear(arr[len(s.array):])
		}
		*p.array = append(arr[:0], s.array...)
	}
	restoreHash(p.strdict, s.strs, s.inStr)
	restoreHash(p.dict, s.hash, s.inMap)
	if keys := *p.keys; len(keys) != len(s.keys) {
		if len(keys) < len(s.keys) { // keys are only ever added; this is for safety
			keys = append(keys[:0], s.keys...)
			*p.k2i = map[lua.LValue]int{}
			for i, k := range keys {
				(*p.k2i)[k] = i
			}
		} else {
			for _, k := range keys[len(s.keys):] {
				delete(*p.k2i, k)
			}
			clear(keys[len(s.keys):])
			keys = keys[:len(s.keys)]
		}
		*p.keys = keys
	}
}

// restoreHash puts back a hash part, *live, as saved holds it (in holds saved's keys),
// if it differs.
func restoreHash[K comparable](live *map[K]lua.LValue, saved []entry[K], in map[K]bool) {
	if sameHash(*live, saved) {
		return
	}
	if *live == nil {
		*live = map[K]lua.LValue{}
	}
	for k := range *live {
		if !in[k] {
			delete(*live, k)
		}
	}
	for _, e := range saved {
		(*live)[e.key] = e.value
	}
}

// sameHash says whether live has exactly the entries saved.
func sameHash[K comparable](live map[K]lua.LValue, saved []entry[K]) bool {
	if len(live) != len(saved) {
		return false
	}
	for _, e := range saved {
		if live[e.key] != e.value {
			return false
		}
	}
	return true
}
