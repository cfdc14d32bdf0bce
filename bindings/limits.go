package bindings

import (
	"fmt"
	"path/filepath"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// Limits on what one call of a Go builtin may do. These builtins do not look at the
// run's context, so a timeout cannot stop them: their inputs are capped instead.
const (
	maxStringResult = 64 << 20 // string.rep's and string.gsub's result
	maxSubject      = 16 << 20 // the string that string.find, match, gmatch, gsub search
	maxPattern      = 4 << 10  // a pattern's length
	maxSource       = 16 << 20 // a chunk given to load or loadstring
	maxNesting      = 200      // brackets and blocks nested in a chunk (the parser recurses)
)

// capStringLibrary wraps string.rep and format, and table.concat, with checks on
// their inputs and on the size of their results, and replaces find, match, gmatch
// and gsub with luasync's own (stringmatch.go).
func (m *Module) capStringLibrary() {
	L := m.L
	str := L.GetGlobal("string").(*lua.LTable)
	original := func(name string) lua.LGFunction { return str.RawGetString(name).(*lua.LFunction).GFunction }
	rep := original("rep")
	L.SetField(str, "rep", L.NewFunction(func(L *lua.LState) int {
		s, n := L.CheckString(1), L.CheckInt64(2)
		if n > 0 {
			m.checkAllocation(L, "string.rep", float64(len(s))*float64(n))
		}
		return rep(L)
	}))
	L.SetFuncs(str, matchFunctions())
	format := original("format")
	L.SetField(str, "format", m.newBuiltin("string.format()", func(c call) int {
		L := c.L
		checkFormat(L, L.CheckString(1))
		m.checkAllocation(L, "string.format", formatSize(L, L.CheckString(1)))
		m.prepareFormat(c)
		return format(L)
	}))
	tableLib := L.GetGlobal("table").(*lua.LTable)
	concat := tableLib.RawGetString("concat").(*lua.LFunction).GFunction
	L.SetField(tableLib, "concat", L.NewFunction(func(L *lua.LState) int {
		m.checkAllocation(L, "table.concat", concatSize(L))
		return concat(L)
	}))
}

// formatSize is at least the length of what string.format(format, ...) makes (the
// arguments are in L from 2 on): the format's own bytes, each string argument
// (twice for %q, which escapes), and a hundred bytes for every other item (widths
// and precisions have two digits at most: see checkFormat).
func formatSize(L *lua.LState, format string) float64 {
	n, arg := float64(len(format)), 2
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("-+ #0123456789.", format[i]) >= 0 {
			i++
		}
		if i >= len(format) || format[i] == '%' {
			continue
		}
		n += 100
		if s, ok := L.Get(arg).(lua.LString); ok && (format[i] == 's' || format[i] == 'q') {
			n += float64(len(s))
			if format[i] == 'q' {
				n += float64(len(s))
			}
		}
		arg++
	}
	return n
}

// concatSize is the length of what table.concat(t, sep, i, j) makes, with its
// arguments in L, as far as the items are strings or numbers (table.concat itself
// refuses the rest).
func concatSize(L *lua.LState) float64 {
	t, ok := L.Get(1).(*lua.LTable)
	if !ok {
		return 0
	}
	sep := L.OptString(2, "")
	i, j := L.OptInt64(3, 1), L.OptInt64(4, int64(t.Len()))
	n := 0.0
	for k := i; k <= j; k++ {
		switch v := t.RawGetInt(int(k)).(type) {
		case lua.LString:
			n += float64(len(v))
		case lua.LNumber:
			n += float64(len(v.String()))
		default:
			return n
		}
		if k < j {
			n += float64(len(sep))
		}
	}
	return n
}

// checkPattern refuses a search in a huge subject or with a huge pattern. (How long
// a search may take is bounded by the matcher's budget of steps: see pattern.go.)
func checkPattern(L *lua.LState, what, subject, pattern string) {
	switch {
	case len(subject) > maxSubject:
		L.RaiseError("%s: the string is %s; the limit is %s", what, size(float64(len(subject))), size(maxSubject))
	case len(pattern) > maxPattern:
		L.RaiseError("%s: the pattern is %s; the limit is %s", what, size(float64(len(pattern))), size(maxPattern))
	}
}

// checkFormat refuses widths and precisions over two digits, as Lua 5.1 does: Go's fmt
// would allocate whatever it is asked for.
func checkFormat(L *lua.LState, format string) {
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("-+ #0", format[i]) >= 0 { // flags
			i++
		}
		for _, part := range []string{"width", "precision"} {
			digits := 0
			for ; i < len(format) && format[i] >= '0' && format[i] <= '9'; i++ {
				digits++
			}
			if digits > 2 {
				L.RaiseError("string.format: invalid format (%s too long)", part)
			}
			if part == "width" && i < len(format) && format[i] == '.' {
				i++
				continue
			}
			break
		}
	}
}

// checkSource refuses a chunk that is too big, or so deep that compiling it could
// overflow the Go stack (a fatal error no recover can catch): see sourcedepth.go.
func checkSource(name string, src []byte) error {
	if len(src) > maxSource {
		return &SyntaxError{fmt.Sprintf("%s: the chunk is %s; the limit is %s", name, size(float64(len(src))), size(maxSource))}
	}
	if line, what := sourceTooDeep(src); line > 0 {
		return &SyntaxError{fmt.Sprintf("%s:%d: chunk has too many syntax levels (%s)", name, line, what)}
	}
	return nil
}

func size(n float64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", n/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.0f MiB", n/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KiB", n/(1<<10))
	}
	return fmt.Sprintf("%.0f bytes", n)
}

// require is the sandbox's require: a module is a file NAME.lua (dots are folders)
// in the script's own folder, loaded once and kept in package.loaded.
func (m *Module) require(L *lua.LState) int {
	name := L.CheckString(1)
	loaded := m.loadedModules()
	if v := loaded.RawGetString(name); v != lua.LNil {
		L.Push(v)
		return 1
	}
	if name == "" || strings.ContainsAny(name, `/\`) || strings.Contains(name, "..") {
		L.RaiseError("module '%s' not found: a module name is like \"util\" or \"lib.queue\"", name)
	}
	path, real, err := modulePath(filepath.Dir(m.opts.Script), name)
	if err != nil {
		L.RaiseError("%v", err)
	}
	src, err := m.readModule(L, real)
	if err == errTooBig {
		L.RaiseError("error loading module '%s': %s is more than %s; the limit is %s", name, path, size(maxSource), size(maxSource))
	}
	if err != nil {
		L.RaiseError("module '%s' not found: no file %s (modules come from the script's folder)", name, path)
	}
	fn, err := m.Load(path, src)
	if err != nil {
		L.RaiseError("error loading module '%s': %v", name, err)
	}
	L.Push(fn)
	L.Push(lua.LString(name))
	L.Call(1, 1)
	result := L.Get(-1)
	if result == lua.LNil {
		result = lua.LTrue
	}
	loaded.RawSetString(name, result)
	L.Push(result)
	return 1
}

// loadedModules is package.loaded, made on first use.
func (m *Module) loadedModules() *lua.LTable {
	pkg, ok := m.L.GetGlobal("package").(*lua.LTable)
	if !ok {
		pkg = m.L.NewTable()
		m.L.SetGlobal("package", pkg)
	}
	loaded, ok := pkg.RawGetString("loaded").(*lua.LTable)
	if !ok {
		loaded = m.L.NewTable()
		pkg.RawSetString("loaded", loaded)
	}
	return loaded
}

// checkTaskLimit raises an error if spawning one more task would pass --max-tasks.
func (m *Module) checkTaskLimit(L *lua.LState, what string) {
	if max := m.opts.MaxTasks; max > 0 && m.sched.NumTasks() >= max {
		L.RaiseError("%s: too many tasks: %d are unfinished, the limit is %d (--max-tasks)", what, m.sched.NumTasks(), max)
	}
}
