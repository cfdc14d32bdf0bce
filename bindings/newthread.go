package bindings

import (
	"context"
	"reflect"
	"sync"
	"sync/atomic"
	"unsafe"

	lua "github.com/yuin/gopher-lua"
)

// gopher-lua's LState.NewThread makes a thread by building a whole new state, with
// a global state of its own (a registry table and a globals table), and then
// replacing that global state with its parent's: about 8 KB of garbage for each
// task's thread, which at 100k live tasks keeps the collector busy. newThreadOf makes
// the same thread without the global state it would throw away.
//
// The thread's unexported parts are made by gopher-lua's own constructors, reached
// by linking to them, as NewThread's newLState makes them: the number allocator,
// the call-frame stack (fixed, or growing on demand) and the registry (the value
// stack). They are stored in the LState's unexported fields at offsets found once,
// by name, with reflect. Before any of that is trusted, threadLayoutOf checks that
// the LState, its registry and its allocator have exactly the fields this file
// knows, of the types it knows, and a thread made both ways is compared: if any of
// it differs (another version of gopher-lua), newThreadOf calls NewThread.

// interfaceWords are the two words of a Go interface value: its method table and
// its value. gopher-lua's call-frame stack and registry handler are interfaces of
// unexported types; this is how they pass through here untouched.
type interfaceWords struct{ table, value unsafe.Pointer }

// gopherNewAllocator is gopher-lua's newAllocator (it returns an *allocator).
//
//go:linkname gopherNewAllocator github.com/yuin/gopher-lua.newAllocator
func gopherNewAllocator(size int) unsafe.Pointer

// gopherNewFixedCallFrameStack is gopher-lua's newFixedCallFrameStack (it returns
// a callFrameStack).
//
//go:linkname gopherNewFixedCallFrameStack github.com/yuin/gopher-lua.newFixedCallFrameStack
func gopherNewFixedCallFrameStack(size int) interfaceWords

// gopherNewAutoGrowingCallFrameStack is gopher-lua's newAutoGrowingCallFrameStack
// (it returns a callFrameStack).
//
//go:linkname gopherNewAutoGrowingCallFrameStack github.com/yuin/gopher-lua.newAutoGrowingCallFrameStack
func gopherNewAutoGrowingCallFrameStack(maxSize int) interfaceWords

// gopherNewRegistry is gopher-lua's newRegistry (its handler is a registryHandler,
// its allocator an *allocator; it returns a *registry).
//
//go:linkname gopherNewRegistry github.com/yuin/gopher-lua.newRegistry
func gopherNewRegistry(handler interfaceWords, initialSize, growBy, maxSize int, alloc unsafe.Pointer) unsafe.Pointer

// threadAllocatorSize is the size newLState gives a state's number allocator.
const threadAllocatorSize = 32

// threadLayout is where newThreadOf puts what it makes in an LState, and the values
// newLState gives a new state that only gopher-lua can name.
type threadLayout struct {
	// offsets in an LState of its registry, call-frame stack, number allocator,
	// main loop and context's cancel function
	reg, stack, alloc, mainLoop, ctxCancelFn uintptr
	// registryHandler is the method table of an *LState as its registry's handler.
	registryHandler unsafe.Pointer
	// plainMainLoop is the main loop of a state without a context.
	plainMainLoop unsafe.Pointer
	// panic is a new state's Panic.
	panic func(*lua.LState)
}

// forceNewThread makes newThreadOf call NewThread, as it does when gopher-lua's
// layout is not the one it knows: for tests.
var forceNewThread atomic.Bool

// knownThreadLayout is the layout of this build's gopher-lua, or nil if it is not
// the one newThreadOf knows. It is found when the first task's thread is made.
var knownThreadLayout = sync.OnceValue(findThreadLayout)

// newThreadOf returns a new thread of parent, as parent.NewThread() does: it shares
// parent's global state and environment, has parent's options and, if parent has a
// context, a child context of it, whose cancel function it also returns.
func newThreadOf(parent *lua.LState) (*lua.LState, context.CancelFunc) {
	layout := knownThreadLayout()
	if layout == nil || forceNewThread.Load() {
		return parent.NewThread()
	}
	return layout.newThread(parent)
}

// newThread makes a thread of parent as newLState and NewThread make one.
func (layout *threadLayout) newThread(parent *lua.LState) (*lua.LState, context.CancelFunc) {
	opts := parent.Options
	th := &lua.LState{G: parent.G, Env: parent.Env, Panic: layout.panic, Options: opts}
	p := unsafe.Pointer(th)
	alloc := gopherNewAllocator(threadAllocatorSize)
	*(*unsafe.Pointer)(unsafe.Add(p, layout.alloc)) = alloc
	if opts.MinimizeStackMemory {
		*(*interfaceWords)(unsafe.Add(p, layout.stack)) = gopherNewAutoGrowingCallFrameStack(opts.CallStackSize)
	} else {
		*(*interfaceWords)(unsafe.Add(p, layout.stack)) = gopherNewFixedCallFrameStack(opts.CallStackSize)
	}
	handler := interfaceWords{layout.registryHandler, p}
	*(*unsafe.Pointer)(unsafe.Add(p, layout.reg)) = gopherNewRegistry(handler, opts.RegistrySize, opts.RegistryGrowStep, opts.RegistryMaxSize, alloc)
	*(*unsafe.Pointer)(unsafe.Add(p, layout.mainLoop)) = layout.plainMainLoop
	ctx := parent.Context()
	if ctx == nil {
		return th, nil
	}
	child, cancel := context.WithCancel(ctx)
	th.SetContext(child) // and the main loop that checks it
	*(*context.CancelFunc)(unsafe.Add(p, layout.ctxCancelFn)) = cancel
	return th, cancel
}

// gopherLuaPath is gopher-lua's import path, where its unexported types are.
const gopherLuaPath = "github.com/yuin/gopher-lua"

// fieldCheck is a field a struct must have: its name and what its type must be.
type fieldCheck struct {
	name string
	is   func(reflect.Type) bool
}

// typeIs checks for the type T.
func typeIs[T any]() func(reflect.Type) bool {
	want := reflect.TypeFor[T]()
	return func(t reflect.Type) bool { return t == want }
}

// gopherType checks for gopher-lua's unexported type name of kind k.
func gopherType(name string, k reflect.Kind) func(reflect.Type) bool {
	return func(t reflect.Type) bool {
		return t.Kind() == k && t.Name() == name && t.PkgPath() == gopherLuaPath
	}
}

// pointerTo checks for a pointer to a type that elem accepts.
func pointerTo(elem func(reflect.Type) bool) func(reflect.Type) bool {
	return func(t reflect.Type) bool { return t.Kind() == reflect.Pointer && elem(t.Elem()) }
}

// stateFields are the fields of an LState, in order, as newThreadOf knows them.
var stateFields = []fieldCheck{
	{"G", typeIs[*lua.Global]()},
	{"Parent", typeIs[*lua.LState]()},
	{"Env", typeIs[*lua.LTable]()},
	{"Panic", typeIs[func(*lua.LState)]()},
	{"Dead", typeIs[bool]()},
	{"Options", typeIs[lua.Options]()},
	{"stop", typeIs[int32]()},
	{"reg", pointerTo(gopherType("registry", reflect.Struct))},
	{"stack", gopherType("callFrameStack", reflect.Interface)},
	{"alloc", pointerTo(gopherType("allocator", reflect.Struct))},
	{"currentFrame", pointerTo(gopherType("callFrame", reflect.Struct))},
	{"wrapped", typeIs[bool]()},
	{"uvcache", typeIs[*lua.Upvalue]()},
	{"hasErrorFunc", typeIs[bool]()},
	{"mainLoop", func(t reflect.Type) bool {
		return t.Kind() == reflect.Func && t.NumIn() == 2 && t.NumOut() == 0 &&
			t.In(0) == reflect.TypeFor[*lua.LState]() &&
			pointerTo(gopherType("callFrame", reflect.Struct))(t.In(1))
	}},
	{"ctx", typeIs[context.Context]()},
	{"ctxCancelFn", typeIs[context.CancelFunc]()},
}

// registryFields are the fields of gopher-lua's registry.
var registryFields = []fieldCheck{
	{"array", typeIs[[]lua.LValue]()},
	{"top", typeIs[int]()},
	{"growBy", typeIs[int]()},
	{"maxSize", typeIs[int]()},
	{"alloc", pointerTo(gopherType("allocator", reflect.Struct))},
	{"handler", gopherType("registryHandler", reflect.Interface)},
}

// allocatorFields are the fields of gopher-lua's number allocator.
var allocatorFields = []fieldCheck{
	{"size", typeIs[int]()},
	{"fptrs", typeIs[[]float64]()},
	{"fheader", typeIs[*reflect.SliceHeader]()},
	{"scratchValue", typeIs[lua.LValue]()},
	{"scratchValueP", func(t reflect.Type) bool { return t.Kind() == reflect.Pointer }},
}

// hasFields reports whether struct type t has exactly the fields of want, in order.
func hasFields(t reflect.Type, want []fieldCheck) bool {
	if t.Kind() != reflect.Struct || t.NumField() != len(want) {
		return false
	}
	for i, w := range want {
		f := t.Field(i)
		if f.Name != w.name || !w.is(f.Type) {
			return false
		}
	}
	return true
}

// threadLayoutOf returns the offsets of stateType's fields that newThreadOf sets,
// or false if stateType, its registry or its allocator are not as it knows them.
func threadLayoutOf(stateType reflect.Type) (threadLayout, bool) {
	if !hasFields(stateType, stateFields) {
		return threadLayout{}, false
	}
	field := func(name string) reflect.StructField { f, _ := stateType.FieldByName(name); return f }
	if !hasFields(field("reg").Type.Elem(), registryFields) || !hasFields(field("alloc").Type.Elem(), allocatorFields) {
		return threadLayout{}, false
	}
	return threadLayout{
		reg:         field("reg").Offset,
		stack:       field("stack").Offset,
		alloc:       field("alloc").Offset,
		mainLoop:    field("mainLoop").Offset,
		ctxCancelFn: field("ctxCancelFn").Offset,
	}, true
}

// findThreadLayout checks gopher-lua's layout, takes from a thread NewThread makes
// the values only gopher-lua can name, and makes sure that a thread made with them
// is made as NewThread makes it. It returns nil if anything is not as expected.
func findThreadLayout() *threadLayout {
	layout, ok := threadLayoutOf(reflect.TypeFor[lua.LState]())
	if !ok {
		return nil
	}
	parent := lua.NewState(lua.Options{SkipOpenLibs: true, CallStackSize: 8, RegistrySize: 8})
	defer parent.Close()
	model, _ := parent.NewThread()
	mp := unsafe.Pointer(model)
	reg := *(*unsafe.Pointer)(unsafe.Add(mp, layout.reg))
	regField, _ := reflect.TypeFor[lua.LState]().FieldByName("reg")
	handlerField, _ := regField.Type.Elem().FieldByName("handler")
	handler := *(*interfaceWords)(unsafe.Add(reg, handlerField.Offset))
	if handler.value != mp || handler.table == nil {
		return nil
	}
	layout.registryHandler = handler.table
	layout.plainMainLoop = *(*unsafe.Pointer)(unsafe.Add(mp, layout.mainLoop))
	layout.panic = model.Panic
	if layout.plainMainLoop == nil || layout.panic == nil {
		return nil
	}
	// A thread made here must have parts of the same types as NewThread's: its
	// call-frame stack the same method table, its registry and allocator made.
	for _, minimize := range []bool{false, true} {
		parent.Options.MinimizeStackMemory = minimize
		model, _ := parent.NewThread()
		th, _ := layout.newThread(parent)
		word := func(l *lua.LState, off uintptr) unsafe.Pointer {
			return *(*unsafe.Pointer)(unsafe.Add(unsafe.Pointer(l), off))
		}
		if word(th, layout.stack) != word(model, layout.stack) || word(th, layout.reg) == nil || word(th, layout.alloc) == nil {
			return nil
		}
	}
	return &layout
}
