package bindings

import lua "github.com/yuin/gopher-lua"

// eachFrame calls f with each frame of L's call stack, from level from (0: the
// function running now) outward, described as GetInfo's what asks, until f returns
// true or the stack ends. A frame GetInfo cannot describe is passed over.
func eachFrame(L *lua.LState, from int, what string, f func(dbg *lua.Debug) (stop bool)) {
	for level := from; ; level++ {
		dbg, ok := L.GetStack(level)
		if !ok {
			return
		}
		if _, err := L.GetInfo(what, dbg, lua.LNil); err == nil && f(dbg) {
			return
		}
	}
}

// innermostLine is the script position of the innermost Lua frame of L's stack
// from level from on; ok is false if there is none.
func innermostLine(L *lua.LState, from int) (source string, line int, ok bool) {
	eachFrame(L, from, "Sl", func(dbg *lua.Debug) bool {
		source, line, ok = dbg.Source, dbg.CurrentLine, dbg.CurrentLine > 0
		return ok
	})
	return source, line, ok
}
