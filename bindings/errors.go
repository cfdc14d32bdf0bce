package bindings

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"

	"luasync/runtime"
)

// ScriptError is a Lua error that ended a task: the value raised, its message, and
// the Lua traceback from where it was raised.
type ScriptError struct {
	Value     lua.LValue
	Message   string // starts with the script position when there is one
	Traceback string
	kind      *runtime.Error // set when Value is an error object (Cancelled, Timeout, ...)
}

func (e *ScriptError) Error() string { return e.Message }

// Unwrap lets errors.Is(err, runtime.ErrCancelled) see through an error object.
func (e *ScriptError) Unwrap() error {
	if e.kind == nil {
		return nil
	}
	return e.kind
}

// SyntaxError is a script that does not compile.
type SyntaxError struct{ Message string }

func (e *SyntaxError) Error() string { return e.Message }

// openErrors makes the metatable of error objects: tables with kind and message,
// shown as "Kind: message".
func (m *Module) openErrors() {
	m.errorMeta = m.L.NewTable()
	m.L.SetField(m.errorMeta, "__tostring", m.L.NewFunction(func(L *lua.LState) int {
		t := L.CheckTable(1)
		L.Push(lua.LString(lua.LVAsString(t.RawGetString("kind")) + ": " + lua.LVAsString(t.RawGetString("message"))))
		return 1
	}))
	m.L.SetField(m.errorMeta, "__name", lua.LString("error"))
}

// errorObject makes the Lua error object for a runtime condition, raised at where.
func (m *Module) errorObject(L *lua.LState, e *runtime.Error, where string) *lua.LTable {
	t := L.CreateTable(0, 3)
	t.RawSetString("kind", lua.LString(e.Kind))
	t.RawSetString("message", lua.LString(e.Message))
	if where != "" {
		t.RawSetString("where", lua.LString(where))
	}
	L.SetMetatable(t, m.errorMeta)
	return t
}

// asErrorObject returns the runtime condition v stands for, if v is an error object.
func (m *Module) asErrorObject(v lua.LValue) *runtime.Error {
	t, ok := v.(*lua.LTable)
	if !ok || t.Metatable != m.errorMeta {
		return nil
	}
	return &runtime.Error{Kind: lua.LVAsString(t.RawGetString("kind")), Message: lua.LVAsString(t.RawGetString("message"))}
}

// raise turns err from a runtime call made by the Lua function named what (such as
// "Lock:release()") into a Lua error: a condition becomes an error object, a failed
// task's error is raised again as it was, and misuse becomes a message with the
// script position: "x.lua:7: Lock:release(): lock is not acquired".
func (m *Module) raise(L *lua.LState, what string, err error) {
	var cond *runtime.Error
	var script *ScriptError
	switch {
	case errors.Is(err, runtime.ErrKilled):
		L.Error(lua.LString("stopped while waiting"), 0) // not "the run was stopped": see scriptError
	case errors.As(err, &script):
		L.Error(script.Value, 0)
	case errors.As(err, &cond):
		L.Error(m.errorObject(L, cond, where(L)), 0)
	case what == "":
		L.RaiseError("%s", err.Error())
	default:
		L.RaiseError("%s: %s", what, err.Error())
	}
}

// scriptError turns what a task's PCall returned into a Go error: a condition the
// runtime knows (Cancelled...) stays one through Unwrap.
func (m *Module) scriptError(L *lua.LState, err error) error {
	var api *lua.ApiError
	if !errors.As(err, &api) {
		return err
	}
	select {
	case <-m.sched.Stopping():
		// The run is being torn down: whatever was raised, that is why. If the VM
		// stopped this task mid-code (not parked), say where, once.
		if msg, ok := api.Object.(lua.LString); ok && m.stoppedIn == "" && strings.HasSuffix(string(msg), " "+runtime.ErrKilled.Error()) {
			m.stoppedIn = m.sched.Current().Name() + " was running at " + strings.TrimSuffix(strings.TrimSuffix(string(msg), " "+runtime.ErrKilled.Error()), ":")
		}
		return runtime.ErrKilled
	default:
	}
	e := &ScriptError{Value: api.Object, Traceback: api.StackTrace, kind: m.asErrorObject(api.Object)}
	e.Message = stackOverflow(m.describe(L, api.Object), api.StackTrace)
	return e
}

// describe is the message of a raised value, as a report shows it.
func (m *Module) describe(L *lua.LState, v lua.LValue) string {
	if e := m.asErrorObject(v); e != nil {
		at := lua.LVAsString(v.(*lua.LTable).RawGetString("where"))
		if at != "" {
			return at + ": " + e.Error()
		}
		return e.Error()
	}
	switch v := v.(type) {
	case lua.LString:
		return string(v)
	case lua.LNumber:
		return v.String()
	case *lua.LNilType:
		return "nil"
	}
	if L.GetMetaField(v, "__tostring") != lua.LNil {
		if s, ok := m.tostring(L, v); ok {
			return s
		}
	}
	return fmt.Sprintf("(error object is a %s value)", v.Type())
}

// stackOverflow rewrites gopher-lua's messages for a Lua stack that is full ("lua
// callstack overflow", "registry overflow") as Lua's "stack overflow", at the line
// the traceback starts from.
func stackOverflow(msg, traceback string) string {
	if !strings.HasSuffix(msg, "callstack overflow") && !strings.HasSuffix(msg, "registry overflow") {
		return msg
	}
	at := ""
	for _, line := range strings.Split(traceback, "\n") {
		line = strings.TrimSpace(line)
		if i := strings.Index(line, ": in "); i > 0 && !strings.HasPrefix(line, "[G]") {
			at = line[:i] + ": "
			break
		}
	}
	return at + "stack overflow (calls nested too deeply: runaway recursion?)"
}

// tostring calls tostring(v) safely: __tostring may fail or the run may be stopping.
func (m *Module) tostring(L *lua.LState, v lua.LValue) (string, bool) {
	L.Push(L.GetGlobal("tostring"))
	if _, ok := L.Get(-1).(*lua.LFunction); !ok {
		L.Pop(1)
		L.Push(m.L.NewFunction(func(L *lua.LState) int { L.Push(L.ToStringMeta(L.Get(1))); return 1 }))
	}
	L.Push(v)
	if err := protectedCall(L, 1, 1); err != nil {
		return "", false
	}
	s, ok := L.Get(-1).(lua.LString)
	L.Pop(1)
	return string(s), ok
}

// where is the script position of the innermost Lua function on L's stack: the line
// that called the Go function running now.
func where(L *lua.LState) string {
	if L == nil {
		return "" // a task that has not started or has finished
	}
	for level := 1; ; level++ {
		dbg, ok := L.GetStack(level)
		if !ok {
			return ""
		}
		if _, err := L.GetInfo("Sl", dbg, lua.LNil); err == nil && dbg.CurrentLine > 0 {
			return positions.of(dbg.Source, dbg.CurrentLine)
		}
	}
}

// positions caches "file:line" strings: traces ask for the position of every lock
// acquisition, and a script has few distinct lines.
var positions = positionCache{m: map[position]string{}}

type position struct {
	source string
	line   int
}

type positionCache struct {
	mu sync.Mutex // runs of different tests may share it
	m  map[position]string
}

func (c *positionCache) of(source string, line int) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := position{source, line}
	s, ok := c.m[p]
	if !ok {
		if len(c.m) > 1<<16 {
			clear(c.m)
		}
		s = source + ":" + strconv.Itoa(line)
		c.m[p] = s
	}
	return s
}

// syntaxError rewrites gopher-lua's compile errors as "x.lua:3: message near 'tok'".
func syntaxError(name string, src []byte, err error) error {
	var api *lua.ApiError
	if errors.As(err, &api) && api.Cause != nil {
		err = api.Cause
	}
	var perr *parse.Error
	var cerr *lua.CompileError
	switch {
	case errors.As(err, &perr):
		msg := perr.Message
		if msg == "parse error" {
			msg = "syntax error"
		}
		if perr.Pos.Line == parse.EOF {
			return &SyntaxError{fmt.Sprintf("%s:%d: %s near <eof>", name, strings.Count(string(src), "\n")+1, msg)}
		}
		return &SyntaxError{fmt.Sprintf("%s:%d: %s near '%s'", name, perr.Pos.Line, msg, perr.Token)}
	case errors.As(err, &cerr):
		return &SyntaxError{fmt.Sprintf("%s:%d: %s", name, cerr.Line, cerr.Message)}
	}
	return &SyntaxError{fmt.Sprintf("%s: %v", name, err)}
}
