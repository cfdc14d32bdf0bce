package bindings

import (
	"fmt"
	"math"
	"math/rand/v2"
	goruntime "runtime"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// openLibs opens the standard libraries a script gets (see sandbox), then replaces what would
// escape the run: print writes to the run's writer, math.random draws from the run's
// seeded source, os.exit ends the run instead of the process, collectgarbage does not
// stop the world, coroutines cannot be resumed by two tasks at once, and a table.sort
// comparator cannot block. gopher-lua's channel module is never opened: it blocks
// goroutines behind the scheduler's back.
func (m *Module) openLibs() {
	L := m.L
	type library struct {
		name string
		open lua.LGFunction
	}
	libs := []library{
		{lua.BaseLibName, lua.OpenBase},
		{lua.TabLibName, lua.OpenTable},
		{lua.StringLibName, lua.OpenString},
		{lua.MathLibName, lua.OpenMath},
		{lua.CoroutineLibName, lua.OpenCoroutine},
		{lua.OsLibName, lua.OpenOs},
	}
	if m.opts.Unsafe {
		libs = append([]library{{lua.LoadLibName, lua.OpenPackage}}, libs...)
		libs = append(libs, library{lua.IoLibName, lua.OpenIo}, library{lua.DebugLibName, lua.OpenDebug})
	}
	for _, lib := range libs {
		L.Push(L.NewFunction(lib.open))
		L.Push(lua.LString(lib.name))
		L.Call(1, 0)
	}
	if !m.opts.Unsafe {
		m.sandbox()
	}
	m.setGlobals([]builtin{
		{"load", m.load},
		{"loadstring", m.loadString},
		{"print", func(c call) int { return m.print(c.L) }},
		{"tostring", func(c call) int { c.L.Push(m.toString(c.L, c.L.CheckAny(1))); return 1 }},
		{"collectgarbage", collectGarbage},
		{"error", m.luaError},
	})
	L.SetGlobal("_printregs", lua.LNil)
	args := L.CreateTable(len(m.opts.Args), 1)
	args.RawSetInt(0, lua.LString(m.opts.Script))
	for _, a := range m.opts.Args {
		args.Append(lua.LString(a))
	}
	L.SetGlobal("arg", args)

	m.setFuncs("math", []builtin{{"random", m.random}, {"randomseed", m.randomseed}})
	m.setFuncs("os", append(osTimeFunctions(), builtin{"exit", m.osExit}))
	m.openCoroutines()
	m.openStopBarriers()
	m.capStringLibrary()
	if m.opts.Unsafe {
		m.capUnsafeReads()
	}
	getmetatable := L.GetGlobal("getmetatable").(*lua.LFunction).GFunction
	L.SetGlobal("getmetatable", L.NewFunction(func(L *lua.LState) int {
		n := getmetatable(L)
		if _, ok := L.Get(-1).(*lua.LTable); ok {
			m.metatablesShown = true // for Reset (reset.go)
		}
		return n
	}))
	tableLib := L.GetGlobal("table").(*lua.LTable)
	sort := tableLib.RawGetString("sort").(*lua.LFunction).GFunction
	L.SetFuncs(tableLib, map[string]lua.LGFunction{"sort": m.noBlocking(sort, "a table.sort comparator")})
}

// print is Lua's print of the values on L's stack (also the REPL's echo), writing
// one line to the run's stdout in a single write.
func (m *Module) print(L *lua.LState) int {
	var b strings.Builder
	for i := 1; i <= L.GetTop(); i++ {
		if i > 1 {
			b.WriteByte('\t')
		}
		b.WriteString(lua.LVAsString(m.toString(L, L.Get(i))))
	}
	b.WriteByte('\n')
	m.stdout.write(L, b.String())
	return 0
}

// setFuncs puts builtins in the library table lib, named "lib.name()" in messages.
func (m *Module) setFuncs(lib string, fns []builtin) {
	t := m.L.GetGlobal(lib).(*lua.LTable)
	for _, b := range fns {
		t.RawSetString(b.name, m.newBuiltin(lib+"."+b.name+"()", b.fn))
	}
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)) }

// random is Lua 5.1's math.random on the run's own source, so that --seed repeats runs.
func (m *Module) random(c call) int {
	L := c.L
	switch L.GetTop() {
	case 0:
		L.Push(lua.LNumber(m.rand.Float64()))
	case 1:
		hi := math.Trunc(float64(L.CheckNumber(1)))
		if !(hi >= 1) {
			c.argError(1, "interval is empty")
		}
		L.Push(m.randomIn(c, 1, hi))
	default:
		lo, hi := math.Trunc(float64(L.CheckNumber(1))), math.Trunc(float64(L.CheckNumber(2)))
		if !(lo <= hi) {
			c.argError(2, "interval is empty")
		}
		L.Push(m.randomIn(c, lo, hi))
	}
	return 1
}

// randomIn is a random whole number in [lo, hi]: drawn as an int64 when the
// interval fits one, else with Lua 5.1's own formula, in floating point.
func (m *Module) randomIn(c call, lo, hi float64) lua.LNumber {
	const wide = 1 << 62
	if math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		c.L.RaiseError("bad argument to '%s' (the interval is infinite)", c.luaName())
	}
	if lo >= -wide && hi <= wide && hi-lo < wide {
		return lua.LNumber(int64(lo) + m.rand.Int64N(int64(hi-lo)+1))
	}
	return lua.LNumber(math.Min(hi, math.Floor(m.rand.Float64()*(hi-lo+1))+lo))
}

func (m *Module) randomseed(c call) int {
	m.rand = newRand(uint64(int64(c.L.CheckNumber(1))))
	return 0
}

// osExit ends the run (every task stops, no cleanup runs, as with a real exit) and
// asks the process to exit with the given status: an integer from 0 to 255, true
// (0) or false (1), 0 if none is given. Any other status is an error, raised before
// anything stops.
func (m *Module) osExit(c call) int {
	L := c.L
	code := 0
	switch v := L.Get(1).(type) {
	case *lua.LNilType:
	case lua.LBool:
		if !v {
			code = 1
		}
	case lua.LNumber:
		f := float64(v)
		if f != math.Trunc(f) || f < 0 || f > 255 {
			c.argError(1, "the exit status must be an integer from 0 to 255, got "+luaNumber(f))
		}
		code = int(f)
	default:
		c.argError(1, "number or boolean expected, got "+v.Type().String())
	}
	if m.exit == nil {
		m.exit = &ExitError{Code: code}
	}
	m.sched.Abort(m.exit)
	L.RaiseError("os.exit(%d)", code)
	return 0
}

// collectGarbage answers "count" from the Go heap and does nothing else: a real
// collection would stop every goroutine, and Go collects on its own.
func collectGarbage(c call) int {
	L := c.L
	if L.OptString(1, "collect") == "count" {
		var ms goruntime.MemStats
		goruntime.ReadMemStats(&ms)
		L.Push(lua.LNumber(float64(ms.HeapAlloc) / 1024))
		return 1
	}
	L.Push(lua.LNumber(0))
	return 1
}

// noBlocking wraps a library function that calls back into Lua where a task must not
// be suspended (table.sort keeps the table in Go while its comparator runs).
func (m *Module) noBlocking(fn lua.LGFunction, inside string) lua.LGFunction {
	return func(L *lua.LState) int {
		cur := m.sched.Current()
		if cur == nil {
			return fn(L) // a callback, which cannot wait anyway
		}
		lt := cur.Data.(*luaTask)
		outer := lt.noBlock
		lt.noBlock = inside
		defer func() { lt.noBlock = outer }()
		return fn(L)
	}
}

// sandbox takes out what would let a script reach beyond its run: files, commands,
// the environment, native code. What stays: base (without dofile, loadfile, require
// and module), string, table, math, coroutine, os.time, os.clock, os.date,
// os.difftime and os.exit (which ends the run), and io on the run's stdin and stdout.
func (m *Module) sandbox() {
	L := m.L
	for _, name := range []string{"dofile", "loadfile", "module", "newproxy"} {
		L.SetGlobal(name, lua.LNil)
	}
	L.SetGlobal("require", L.NewFunction(m.require))
	os := L.GetGlobal("os").(*lua.LTable)
	safeOS := L.NewTable()
	for _, name := range []string{"time", "clock", "date", "difftime"} {
		safeOS.RawSetString(name, os.RawGetString(name))
	}
	L.SetGlobal("os", safeOS)
	m.openIO()
}

// loadString is loadstring(s [, chunkname]), compiled as scripts are (see compile).
// The chunk's name is s itself if none is given, as in Lua 5.1.
func (m *Module) loadString(c call) int {
	src := c.L.CheckString(1)
	return m.loaded(c.L, c.L.OptString(2, src), src)
}

// load is load(fn [, chunkname]): fn returns the chunk's pieces until nil or "".
func (m *Module) load(c call) int {
	L := c.L
	fn := c.function(1)
	chunkname := L.OptString(2, "=(load)")
	var b strings.Builder
	for {
		L.Push(fn)
		L.Call(0, 1)
		piece := L.Get(-1)
		L.Pop(1)
		if piece == lua.LNil {
			break
		}
		s, ok := piece.(lua.LString)
		if !ok {
			L.Push(lua.LNil)
			L.Push(lua.LString("reader function must return a string"))
			return 2
		}
		if s == "" {
			break
		}
		if b.Len()+len(s) > maxSource {
			L.Push(lua.LNil)
			L.Push(lua.LString(fmt.Sprintf("%s: the chunk is more than %s; the limit is %s", chunkName(chunkname), size(maxSource), size(maxSource))))
			return 2
		}
		b.WriteString(string(s))
	}
	return m.loaded(L, chunkname, b.String())
}

// loaded pushes the compiled chunk, or nil and the error message. The chunk is
// named in messages as Lua 5.1 shows the chunkname given (see chunkName).
func (m *Module) loaded(L *lua.LState, chunkname, src string) int {
	name := chunkName(chunkname)
	if err := checkSource(name, []byte(src)); err != nil {
		L.Push(lua.LNil)
		L.Push(lua.LString(err.Error()))
		return 2
	}
	fn, err := m.compile(L, name, []byte(src))
	if err != nil {
		L.Push(lua.LNil)
		L.Push(lua.LString(err.Error()))
		return 2
	}
	L.Push(fn)
	return 1
}

// chunkName is how Lua 5.1 shows a chunk's name in messages and tracebacks:
// "=name" as name, "@file" as file, and any other as [string "..."] with its first
// line, each cut to fit Lua's 60 bytes ("..." says where).
func chunkName(source string) string {
	const idSize = 60
	switch {
	case strings.HasPrefix(source, "="):
		return source[1:min(len(source), idSize)]
	case strings.HasPrefix(source, "@"):
		file, room := source[1:], idSize-len(" '...' ")-1
		if len(file) > room {
			return "..." + file[len(file)-room:]
		}
		return file
	}
	line, room := source, idSize-len(` [string "..."] `)-1
	if i := strings.IndexAny(line, "\n\r"); i >= 0 {
		line = line[:i]
	}
	if len(line) > room {
		line = line[:room]
	}
	if line != source {
		line += "..."
	}
	return `[string "` + line + `"]`
}
