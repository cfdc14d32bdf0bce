package bindings

import (
	"errors"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// taskRepr is a Task's __tostring: asyncio's repr of the same task, without the
// address (see runtime.Task.Repr).
func (m *Module) taskRepr(L *lua.LState) int {
	t, ok := L.CheckUserData(1).Value.(*runtime.Task)
	if !ok {
		L.ArgError(1, "a Task expected")
	}
	L.Push(lua.LString(t.Repr(m.reprFormat())))
	return 1
}

func (m *Module) reprFormat() runtime.ReprFormat {
	return runtime.ReprFormat{Coro: m.coroRepr, Outcome: m.outcomeRepr, Quote: pyString}
}

// coroRepr shows a task's function as asyncio shows its coroutine: by the name it
// was declared with, "running at" the line its own function is at (before it
// starts, the line it is defined on), or, once it has finished, "done, defined at"
// that line.
func (m *Module) coroRepr(t *runtime.Task) string {
	lt, _ := t.Data.(*luaTask)
	if lt == nil || lt.fn == nil || lt.fn.Proto == nil {
		return ""
	}
	p := lt.fn.Proto
	name := m.coroName(lt.fn)
	defined := p.LineDefined
	if defined == 0 {
		defined = 1 // a chunk starts on its first line
	}
	if t.Done() {
		return name + "() done, defined at " + positions.of(p.SourceName, defined)
	}
	if lt.thread != nil {
		if source, line, ok := outermostLine(lt.thread); ok {
			return name + "() running at " + positions.of(source, line)
		}
	}
	return name + "() running at " + positions.of(p.SourceName, defined)
}

// coroName is the name asyncio would give the coroutine of a task running fn: the
// name fn was declared with, main for the main chunk, <lambda> for a function
// without a name.
func (m *Module) coroName(fn *lua.LFunction) string {
	if fn.Proto.LineDefined == 0 {
		return "main"
	}
	name := strings.TrimPrefix(m.functionName(fn), "function ")
	if strings.HasPrefix(name, "'") {
		return strings.Trim(name, "'")
	}
	return "<lambda>"
}

// outermostLine is the script position of the outermost Lua frame of L's stack:
// for a task's thread, the line its own function is at.
func outermostLine(L *lua.LState) (source string, line int, ok bool) {
	eachFrame(L, 0, "Sl", func(dbg *lua.Debug) bool {
		if dbg.CurrentLine > 0 {
			source, line, ok = dbg.Source, dbg.CurrentLine, true
		}
		return false
	})
	return source, line, ok
}

// outcomeRepr shows how a finished task ended, as asyncio's repr does: result=
// with Python's repr of what it returned (None, 42, 'a', [1, 2]; several values as a
// tuple), or exception= with the error it raised.
func (m *Module) outcomeRepr(t *runtime.Task) string {
	result, err := t.Peek()
	if err != nil {
		return "exception=" + m.exceptionRepr(err)
	}
	return m.resultRepr(result)
}

// exceptionRepr shows a task's error as Python's repr of the exception it stands
// for: an error object as its kind (Timeout as TimeoutError), any other error
// value as a plain Exception with the message: Exception('boom').
func (m *Module) exceptionRepr(err error) string {
	var script *ScriptError
	if !errors.As(err, &script) {
		return "Exception(" + pyString(err.Error()) + ")"
	}
	if script.kind != nil {
		class := pythonClasses[script.kind.Kind]
		if class == "" {
			class = script.kind.Kind
		}
		if script.kind.Message == "" {
			return class + "()"
		}
		return class + "(" + pyString(script.kind.Message) + ")"
	}
	if s, ok := script.Value.(lua.LString); ok {
		return "Exception(" + pyString(string(s)) + ")"
	}
	return "Exception(" + pyString(script.Message) + ")"
}

// pythonClasses are the Python exceptions whose names differ from the error kinds
// that stand for them.
var pythonClasses = map[string]string{
	"Cancelled":     "CancelledError",
	"Timeout":       "TimeoutError",
	"BrokenBarrier": "BrokenBarrierError",
	"InvalidState":  "InvalidStateError",
}

// valueRepr is Python's repr of a value a task returned: an array table as a list.
func (m *Module) valueRepr(v lua.LValue) string {
	if tbl, ok := v.(*lua.LTable); ok && tbl.Metatable == lua.LNil {
		if n := tbl.Len(); n > 0 {
			keys := 0
			tbl.ForEach(func(lua.LValue, lua.LValue) { keys++ })
			if keys == n {
				parts := make([]string, n)
				for i := range parts {
					parts[i] = m.valueRepr(tbl.RawGetInt(i + 1))
				}
				return "[" + strings.Join(parts, ", ") + "]"
			}
		}
	}
	return m.repr(v)
}
