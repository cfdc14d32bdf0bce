// Package bindings is the Lua glue of luasync: it opens the libraries a script gets,
// defines the globals of the Lua API (the README's "Lua API") as thin wrappers over
// runtime/ (every one through call.go, which names it in messages), and turns
// Lua functions into runtime tasks and runtime errors into Lua error objects.
//
// Every function here runs with the baton (see runtime's package comment): a Lua
// value or LState is touched only by the goroutine of the task that holds it. The
// one exception is the text of a report that the scheduler's hub makes between two
// tasks (values.go): it reads Lua values and runs no Lua code.
package bindings

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// Options say what a script sees of the world.
type Options struct {
	Stdout io.Writer // print and io.write
	Stderr io.Writer
	Stdin  io.Reader // io.read
	Seed   uint64    // math.random
	Script string    // arg[0] and the chunk's name in messages
	Args   []string  // arg[1..n] and the main chunk's ...
	Unsafe bool      // open the standard libraries in full
	// Timestamps starts each line the script prints with "[t=2.000 Task-2] ".
	Timestamps bool
	// MaxOutput caps what the script may print, in bytes (0: DefaultMaxOutput).
	MaxOutput int64
	// MaxTasks caps the unfinished tasks (0: no limit): spawn raises an error past it.
	MaxTasks int
	// MaxMemory is the run's memory limit in bytes (0: none), and MemoryInUse how
	// much the run uses now: builtins that would make a bigger result refuse to.
	MaxMemory   int64
	MemoryInUse func() int64
	// Reusable keeps what Reset needs to put the state back as New built it, for
	// the many runs of one script (explore).
	Reusable bool
}

// Module is one Lua state bound to one scheduler: the interpreter of one run.
type Module struct {
	L     *lua.LState
	sched *runtime.Scheduler
	opts  Options
	rand  *rand.Rand

	errorMeta *lua.LTable                   // metatable of error objects
	inside    map[*lua.LState]*runtime.Task // coroutines a task is running inside
	exit      *ExitError                    // set by os.exit
	stoppedIn string                        // see StoppedIn

	idleThreads []*lua.LState // finished tasks' threads, for new tasks

	stdout, stderr *output // where print, io.write and io.stderr:write go
	written        int64   // bytes printed so far, against opts.MaxOutput

	slowWarnings int // warnings about keeping the baton (watch.go)

	hubReprDepth int // values being shown inside values, on the hub (values.go)

	addresses map[lua.LValue]int // the values shown by their address (address.go)
	callbacks callbackState      // the Lua callbacks the loop runs (callbacks.go)
	methods   methodCache        // the method lookups of SELF (methodcache.go)

	failedFutures []*runtime.Future // futures given an error by set_error (futures.go)

	stdin *stream // io.read's, which a reused state reads anew (reset.go)
	// fresh is the state as New built it, for Reset; nil unless Options.Reusable.
	fresh *stateSnapshot
	// broken says that a Lua thread of the run was left as a Go panic left it
	// (a stack overflow): the state is not reused.
	broken bool
	// metatablesShown says that getmetatable gave the run a table: it may have
	// changed the metatables of luasync's types, which Reset then looks at too.
	metatablesShown bool
}

// lua.MaxArrayIndex lets one assignment (t[67108863] = 1) allocate gigabytes.
const maxArrayIndex = 1 << 20

func init() { lua.MaxArrayIndex = maxArrayIndex }

// stateOptions keep a thread small: a parked task should cost about 10 KB, and
// gopher-lua's default registry alone is 80 KB per thread. Both stacks grow on
// demand. Calls nest at most 256 deep (gopher-lua's own default; the call
// stack's index costs a pointer per 8 frames of the limit, in every thread). The
// registry's limit (the value stack) allows unpack of 16,376 values (Lua 5.1's own
// limit is about 8000); a higher one makes a runaway vararg tail call, which
// overflows it past pcall, take quadratic time to reach that overflow.
var stateOptions = lua.Options{
	CallStackSize:       256,
	RegistrySize:        128,
	RegistryGrowStep:    128,
	RegistryMaxSize:     16 * 1024,
	MinimizeStackMemory: true,
	SkipOpenLibs:        true,
}

// threadRegistrySize is the registry (value stack) a task's thread starts with: 20
// slots, 320 bytes, hold every task scripts/ and bench/ spawn (they peak at 3 to 19).
// Past it, a thread's registry grows to what it needs plus threadRegistryGrowStep
// slots: half the main state's step, so a task that needs a little more does not pay
// 2 KB for it, and still few copies for a runaway recursion to reach the limit.
const (
	threadRegistrySize     = 20
	threadRegistryGrowStep = 64
)

// New makes the Lua state for a run on s.
func New(s *runtime.Scheduler, opts Options) *Module {
	opts = opts.withDefaults()
	m := &Module{
		L:      lua.NewState(stateOptions),
		sched:  s,
		opts:   opts,
		rand:   newRand(opts.Seed),
		inside: map[*lua.LState]*runtime.Task{},
	}
	// Threads start with a smaller registry than NewState allows (it raises any
	// size under 128 to 5120), and grow it in smaller steps: see threadRegistrySize.
	m.L.Options.RegistrySize = threadRegistrySize
	m.L.Options.RegistryGrowStep = threadRegistryGrowStep
	m.stdout, m.stderr = m.newOutput(opts.Stdout), m.newOutput(opts.Stderr)
	m.openLibs()
	m.openAPI()
	orderStateKeys(m.L, m.errorMeta)
	if opts.Reusable && !opts.Unsafe {
		m.fresh = snapshotState(m.L, m.errorMeta)
	}
	return m
}

// withDefaults are the options with the process's streams where none is given,
// and the default output limit.
func (opts Options) withDefaults() Options {
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	if opts.Stdin == nil {
		opts.Stdin = os.Stdin
	}
	if opts.MaxOutput <= 0 {
		opts.MaxOutput = DefaultMaxOutput
	}
	return opts
}

// Close frees the Lua state. The threads of its finished tasks are kept for the
// runs to come (threadpool.go).
func (m *Module) Close() {
	m.L.Close()
	spareThreads(m.idleThreads)
	m.idleThreads = nil
}

// Exit is what os.exit asked for, or nil.
func (m *Module) Exit() *ExitError { return m.exit }

// ExitError is os.exit's request: the run stops and the process exits with Code.
type ExitError struct{ Code int }

func (e *ExitError) Error() string { return fmt.Sprintf("os.exit(%d)", e.Code) }

// openAPI defines the globals of the Lua API.
func (m *Module) openAPI() {
	m.openErrors()
	m.openTasks()
	m.openLock()
	m.openEvent()
	m.openCondition()
	m.openSemaphores()
	m.openBarrier()
	m.openQueues()
	m.openWaiting()
	m.openCallbacks()
	m.openFutures()
	m.openMethodCache()
}

// setGlobals makes each of fns a global, named "name()" in messages.
func (m *Module) setGlobals(fns []builtin) {
	for _, b := range fns {
		m.L.SetGlobal(b.name, m.newBuiltin(b.name+"()", b.fn))
	}
}

// newType registers a userdata type: its methods, and __tostring from the value's
// String method. Messages name a method "family:method()": the family is the type's
// own name, or the name its kinds share (every kind of queue says "Queue:get()").
func (m *Module) newType(name, family string, methods []builtin) {
	mt := m.L.NewTypeMetatable(name)
	index := m.L.CreateTable(0, len(methods))
	for _, b := range methods {
		index.RawSetString(b.name, m.newBuiltin(family+":"+b.name+"()", b.fn))
	}
	m.L.SetField(mt, "__index", index)
	m.L.SetField(mt, "__tostring", m.L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString(fmt.Sprint(L.CheckUserData(1).Value)))
		return 1
	}))
	m.L.SetField(mt, "__name", lua.LString(name))
	m.methods.watch(m.L, mt)
}

// newUserData wraps v in a userdata of the registered type name.
func (m *Module) newUserData(L *lua.LState, v any, typeName string) *lua.LUserData {
	ud := L.NewUserData()
	ud.Value = v
	L.SetMetatable(ud, L.GetTypeMetatable(typeName))
	return ud
}

// self returns argument 1 of a method call as a T, or raises an error that shows
// how to call the method.
func self[T any](L *lua.LState, method string) T {
	if ud, ok := L.Get(1).(*lua.LUserData); ok {
		if v, ok := ud.Value.(T); ok {
			return v
		}
	}
	L.RaiseError("%s: call it as a method, with a colon (x:%s)", method, methodName(method))
	var zero T
	return zero
}

func methodName(method string) string {
	for i := range method {
		if method[i] == ':' {
			return method[i+1:]
		}
	}
	return method
}

// Load compiles a script; a syntax error comes back as a *SyntaxError whose message
// starts with "name:line:". A first line starting with # is skipped, as lua does.
func (m *Module) Load(name string, src []byte) (*lua.LFunction, error) {
	c, err := Compile(name, src)
	if err != nil {
		return nil, err
	}
	return m.LoadCompiled(c), nil
}

// StoppedIn names the task whose code was running when the run was stopped (by a
// timeout) and where: "Task-2 was running at x.lua:3". Empty if every task was
// waiting.
func (m *Module) StoppedIn() string { return m.stoppedIn }
