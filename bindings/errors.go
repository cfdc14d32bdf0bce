package bindings

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"runtime/debug"
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
	task      string         // the task it ended, once runLua has it
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
		kind, msg := lua.LVAsString(t.RawGetString("kind")), lua.LVAsString(t.RawGetString("message"))
		if msg == "" {
			L.Push(lua.LString(kind)) // as asyncio's str() of an error made without a message
		} else {
			L.Push(lua.LString(kind + ": " + msg))
		}
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
	var group *runtime.ExceptionGroup
	switch {
	case errors.Is(err, runtime.ErrKilled):
		L.Error(lua.LString("stopped while waiting"), 0) // not "the run was stopped": see scriptError
	case errors.As(err, &script):
		// Another task's error, raised again here (join, gather, result...): a
		// report of the task it ends here shows where it came from too. A
		// cancellation is raised as a new Cancelled error at this line, as asyncio
		// makes a new CancelledError where it is awaited.
		v := script.Value
		if script.kind != nil && errors.Is(script.kind, runtime.ErrCancelled) {
			v = m.errorObject(L, script.kind, where(L))
		}
		if cur := m.sched.Current(); cur != nil {
			if lt, ok := cur.Data.(*luaTask); ok {
				lt.reraised = &reraise{script, v}
			}
		}
		L.Error(v, 0)
	case errors.As(err, &group):
		L.Error(m.exceptionGroupObject(L, group, where(L)), 0)
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
			m.stoppedIn = m.runningName() + " was running at " + strings.TrimSuffix(strings.TrimSuffix(string(msg), " "+runtime.ErrKilled.Error()), ":")
		}
		return runtime.ErrKilled
	default:
	}
	e := &ScriptError{Value: api.Object, Traceback: api.StackTrace, kind: m.asErrorObject(api.Object)}
	e.Message = stackOverflow(m.describe(L, api.Object), api.StackTrace)
	return e
}

// chainOrigin adds to e, the error that ended lt's task, the traceback of the task
// it came from, when the task raised it again from join, gather and the like.
func chainOrigin(e *ScriptError, lt *luaTask) {
	r := lt.reraised
	if r == nil || r.value != e.Value || r.origin.Traceback == "" {
		return
	}
	origin := r.origin
	from := origin.Traceback
	// An error passed on along a chain of tasks: show the first few links only.
	const maxLinks = 4
	if parts := strings.SplitAfterN(from, "\n"+originPrefix, maxLinks+1); len(parts) > maxLinks {
		from = strings.Join(parts[:maxLinks], "") + "... (further tasks not shown)"
	}
	e.Traceback += "\n" + originHeader(origin.task) + "\n" + from
}

// originHeader introduces, under a task's traceback, the traceback of the task an
// error it raised again came from.
func originHeader(task string) string {
	return originPrefix + task + ", whose own traceback was:"
}

const originPrefix = "the error came from "

// describe is the message of a raised value, as a report shows it.
func (m *Module) describe(L *lua.LState, v lua.LValue) string {
	if e := m.asErrorObject(v); e != nil {
		at := lua.LVAsString(v.(*lua.LTable).RawGetString("where"))
		if at != "" {
			return at + ": " + e.Error() + m.describeGroup(L, v.(*lua.LTable))
		}
		return e.Error() + m.describeGroup(L, v.(*lua.LTable))
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
	return at + stackOverflowMessage
}

const stackOverflowMessage = "stack overflow (calls nested too deeply: runaway recursion?)"

// tostring calls tostring(v) safely: __tostring may fail or the run may be stopping.
func (m *Module) tostring(L *lua.LState, v lua.LValue) (string, bool) {
	L.Push(L.GetGlobal("tostring"))
	if _, ok := L.Get(-1).(*lua.LFunction); !ok {
		L.Pop(1)
		L.Push(m.L.NewFunction(func(L *lua.LState) int { L.Push(m.toString(L, L.Get(1))); return 1 }))
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
	if source, line, ok := innermostLine(L, 1); ok {
		return positions.of(source, line)
	}
	return ""
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

// nameTaskFunction names a task's own function in its traceback: gopher-lua calls
// the bottom frame of every thread "main chunk".
func nameTaskFunction(traceback, name string) string {
	const chunk = " in main chunk"
	i := strings.LastIndex(traceback, chunk)
	if name == "" || i < 0 {
		return traceback
	}
	return traceback[:i] + " in " + name + traceback[i+len(chunk):]
}

// functionName is how a traceback names fn, the function a task runs: by the name
// it was declared with (function worker(), local function worker(), worker =
// function()), else by the global that holds it, else as Lua 5.1 names a function
// it knows no name for: function <x.lua:3>.
func (m *Module) functionName(fn *lua.LFunction) string {
	if !fn.IsG && (fn.Proto == nil || fn.Proto.LineDefined == 0) {
		return "" // a chunk: the main chunk, a REPL entry
	}
	if !fn.IsG {
		if name := m.declaredName(fn.Proto); name != "" {
			return "function '" + name + "'"
		}
	}
	name := ""
	m.L.G.Global.ForEach(func(k, v lua.LValue) {
		if ks, ok := k.(lua.LString); ok && v == fn && name == "" {
			name = string(ks)
		}
	})
	switch {
	case name != "":
		return "function '" + name + "'"
	case fn.IsG:
		return "function ?"
	}
	return fmt.Sprintf("function <%s:%d>", fn.Proto.SourceName, fn.Proto.LineDefined)
}

// declaredPatterns find the name on the line a function is defined on.
var declaredPatterns = []*regexp.Regexp{
	regexp.MustCompile(`\bfunction\s+([A-Za-z_][\w.:]*)\s*\(`),
	regexp.MustCompile(`([A-Za-z_][\w.]*)\s*=\s*function\s*\(`),
}

// declaredName reads the name a function of the script was declared with from the
// script's line where it is defined ("" if it is not the script's, or nameless).
func (m *Module) declaredName(p *lua.FunctionProto) string {
	if p.SourceName != m.opts.Script || m.opts.Script == "" {
		return ""
	}
	line := scriptLine(m.opts.Script, p.LineDefined)
	var best []int // the match that starts first on the line
	for _, re := range declaredPatterns {
		if loc := re.FindStringSubmatchIndex(line); loc != nil && (best == nil || loc[0] < best[0]) {
			best = loc
		}
	}
	if best == nil {
		return ""
	}
	return line[best[2]:best[3]]
}

// recoverStackOverflow turns the Go panic of a Lua stack that overflows where
// gopher-lua cannot raise a Lua error (a vararg tail call that fills the value
// stack: its error path itself fails) into that task's "stack overflow" error.
// Any other panic goes on to the runtime, which reports a crash. The thread is not
// reused: its stack is left as the panic left it.
func (m *Module) recoverStackOverflow(th *lua.LState, err *error) {
	r := recover()
	if r == nil {
		return
	}
	if !strings.Contains(string(debug.Stack()), "registryOverflow") {
		panic(r)
	}
	m.broken = true
	if _, known := m.inside[th]; known {
		m.inside[th] = nil // its task has ended: resuming the thread is refused
	}
	at := safeWhere(th)
	if at != "" {
		at += ": "
	}
	*err = &ScriptError{Value: lua.LString(at + stackOverflowMessage), Message: at + stackOverflowMessage}
}

// safeWhere is where for a thread whose call stack may be broken.
func safeWhere(th *lua.LState) (at string) {
	defer func() {
		if recover() != nil {
			at = ""
		}
	}()
	return whereRunning(th)
}

// scriptLines keeps the lines of the latest script a report named a function of.
var scriptLines struct {
	sync.Mutex
	path  string
	lines []string
}

// scriptLine returns line n of the script at path ("" if it cannot be read).
func scriptLine(path string, n int) string {
	scriptLines.Lock()
	defer scriptLines.Unlock()
	if scriptLines.path != path {
		src, err := os.ReadFile(path)
		if err != nil {
			return ""
		}
		scriptLines.path, scriptLines.lines = path, strings.Split(string(src), "\n")
	}
	if n < 1 || n > len(scriptLines.lines) {
		return ""
	}
	return scriptLines.lines[n-1]
}
