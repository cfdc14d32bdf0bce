package bindings

import (
	"reflect"
	"sync"
	"unsafe"

	lua "github.com/yuin/gopher-lua"
)

// A method call on a luasync object, `q:get()`, is the VM's SELF instruction, which
// looks the method up as Lua does: the userdata's metatable's `__index` (a Go map
// lookup), then the method in that table (another). In a script that calls builtins
// in a loop these two lookups are a tenth of the time, so luasync's handler of SELF
// keeps what they found, per Module: for a metatable and a method name, the method.
//
// What it keeps is right as long as neither the metatable nor its `__index` table
// is changed, and scripts can reach both (getmetatable). So every place where Lua
// code can change a table's string keys forgets what the cache holds (a generation
// number moves on): the handlers of SETTABLE, SETTABLEKS and SETGLOBAL when the
// table written is one of those (the metatables and method tables of luasync's types
// are given a metatable, an empty table, that marks them) or may pass the write on
// to one (its metatable has a __newindex), and rawset of one of them; setmetatable
// also moves it on, and turns the cache off for the Module if it changes the
// metatable of one of those tables. With the
// full standard libraries (--unsafe: the debug library can change any of it) the
// cache is never used. The handlers reach the VM's registers and current call frame
// through gopher-lua's unexported fields, at offsets checked as newthread.go checks
// its own: with another layout, the handlers stay gopher-lua's.

// methodCache is a Module's cache of method lookups.
type methodCache struct {
	entries [methodCacheSize]methodEntry
	gen     uint64        // entries of another generation are stale
	off     bool          // setmetatable changed a watched table, or --unsafe
	marker  *lua.LTable   // the metatable of the tables whose lookups are kept
	watched []*lua.LTable // the type metatables and their __index tables
}

// methodCacheSize is how many lookups a cache keeps (a power of two).
const methodCacheSize = 64

// methodEntry is one lookup: key (a method name held by the compiled code that
// looked it up) in the metatable mt gave method, in generation gen.
type methodEntry struct {
	mt     *lua.LTable
	key    *byte
	keyLen int
	gen    uint64
	method lua.LValue
}

// vmLayout is where the VM keeps what the handlers read: offsets in an LState of its
// registry and current call frame, in the registry of its slice of values and its
// top, and in a call frame of its function and its first local.
type vmLayout struct {
	reg, currentFrame, regArray, regTop, frameFn, frameLocalBase uintptr
}

// callFrameFields are the fields of gopher-lua's call frame.
var callFrameFields = []fieldCheck{
	{"Idx", typeIs[int]()},
	{"Fn", typeIs[*lua.LFunction]()},
	{"Parent", pointerTo(gopherType("callFrame", reflect.Struct))},
	{"Pc", typeIs[int]()},
	{"Base", typeIs[int]()},
	{"LocalBase", typeIs[int]()},
	{"ReturnBase", typeIs[int]()},
	{"NArgs", typeIs[int]()},
	{"NRet", typeIs[int]()},
	{"TailCall", typeIs[int]()},
}

// knownVMLayout is the layout of this build's gopher-lua, or nil if it is not the one
// the handlers know.
var knownVMLayout = sync.OnceValue(func() *vmLayout {
	if knownThreadLayout() == nil { // which checked the LState and its registry
		return nil
	}
	state := reflect.TypeFor[lua.LState]()
	reg, _ := state.FieldByName("reg")
	frame, _ := state.FieldByName("currentFrame")
	if !hasFields(frame.Type.Elem(), callFrameFields) {
		return nil
	}
	array, _ := reg.Type.Elem().FieldByName("array")
	top, _ := reg.Type.Elem().FieldByName("top")
	fn, _ := frame.Type.Elem().FieldByName("Fn")
	localBase, _ := frame.Type.Elem().FieldByName("LocalBase")
	return &vmLayout{reg.Offset, frame.Offset, array.Offset, top.Offset, fn.Offset, localBase.Offset}
})

// vm is the layout the handlers use (nil: they are gopher-lua's).
var vm = knownVMLayout()

// opBitRK marks an RK operand that is a constant.
const opBitRK = 1 << 8

func init() {
	if vm == nil {
		return
	}
	gopherSelf := vmHandlers[lua.OP_SELF]
	vmHandlers[lua.OP_SELF] = func(L *lua.LState, inst uint32, baseFrame unsafe.Pointer) int {
		if c, ok := L.Context().(*threadContext); ok && !c.m.methods.off && c.m.methods.self(L, inst) {
			return 0
		}
		return gopherSelf(L, inst, baseFrame)
	}
	for _, op := range []int{lua.OP_SETTABLE, lua.OP_SETTABLEKS} {
		gopherSet := vmHandlers[op]
		vmHandlers[op] = func(L *lua.LState, inst uint32, baseFrame unsafe.Pointer) int {
			if c, ok := L.Context().(*threadContext); ok {
				values, base := registers(L)
				c.m.methods.written(values[base+int(inst>>18)&0xff])
			}
			return gopherSet(L, inst, baseFrame)
		}
	}
	gopherSetGlobal := vmHandlers[lua.OP_SETGLOBAL]
	vmHandlers[lua.OP_SETGLOBAL] = func(L *lua.LState, inst uint32, baseFrame unsafe.Pointer) int {
		if c, ok := L.Context().(*threadContext); ok {
			c.m.methods.written(currentFunction(L).Env)
		}
		return gopherSetGlobal(L, inst, baseFrame)
	}
}

// registers returns L's values (its registry's slice) and the index in them of the
// running function's first local.
func registers(L *lua.LState) (values []lua.LValue, base int) {
	p := unsafe.Pointer(L)
	reg := *(*unsafe.Pointer)(unsafe.Add(p, vm.reg))
	frame := *(*unsafe.Pointer)(unsafe.Add(p, vm.currentFrame))
	return *(*[]lua.LValue)(unsafe.Add(reg, vm.regArray)), *(*int)(unsafe.Add(frame, vm.frameLocalBase))
}

// currentFunction is the Lua function L is running.
func currentFunction(L *lua.LState) *lua.LFunction {
	frame := *(*unsafe.Pointer)(unsafe.Add(unsafe.Pointer(L), vm.currentFrame))
	return *(**lua.LFunction)(unsafe.Add(frame, vm.frameFn))
}

// self runs the SELF instruction inst (R(A+1) := R(B); R(A) := R(B)[RK(C)]) for a
// userdata whose method the cache holds, and reports whether it did.
func (mc *methodCache) self(L *lua.LState, inst uint32) bool {
	c := int(inst>>9) & 0x1ff
	if c&opBitRK == 0 {
		return false
	}
	values, base := registers(L)
	a, b := base+int(inst>>18)&0xff, base+int(inst&0x1ff)
	ud, ok := values[b].(*lua.LUserData)
	if !ok || a+1 >= len(values) {
		return false
	}
	mt, ok := ud.Metatable.(*lua.LTable)
	if !ok || mt.Metatable != mc.marker {
		return false
	}
	key, ok := currentFunction(L).Proto.Constants[c&^opBitRK].(lua.LString)
	if !ok {
		return false
	}
	p := unsafe.StringData(string(key))
	e := &mc.entries[(uintptr(unsafe.Pointer(p))>>3^uintptr(unsafe.Pointer(mt))>>5)&(methodCacheSize-1)]
	method := e.method
	if e.mt != mt || e.key != p || e.keyLen != len(key) || e.gen != mc.gen {
		if method = mc.fill(e, mt, string(key)); method == nil {
			return false
		}
	}
	values[a+1], values[a] = ud, method
	top := (*int)(unsafe.Add(*(*unsafe.Pointer)(unsafe.Add(unsafe.Pointer(L), vm.reg)), vm.regTop))
	if a+1 >= *top {
		*top = a + 2
	}
	return true
}

// fill looks up the method key of the userdata type whose metatable is mt as Lua
// finds it (mt.__index[key]) and keeps it in e, the entry of mt and key; it returns
// nil if it is not there or not a method of one of luasync's tables.
func (mc *methodCache) fill(e *methodEntry, mt *lua.LTable, key string) lua.LValue {
	p := unsafe.StringData(key)
	index, ok := mt.RawGetString("__index").(*lua.LTable)
	if !ok || index.Metatable != mc.marker {
		return nil
	}
	method := index.RawGetString(key)
	if method == lua.LNil {
		return nil
	}
	*e = methodEntry{mt: mt, key: p, keyLen: len(key), gen: mc.gen, method: method}
	return method
}

// written is told that Lua code is about to write a key of v, as an assignment
// does: if v is a watched table, or not a table, or a table whose metatable has a
// __newindex (which may pass the write on to a watched table), what the cache holds
// may change. A write to another table changes that table alone.
func (mc *methodCache) written(v lua.LValue) {
	if tb, ok := v.(*lua.LTable); ok {
		mt, ok := tb.Metatable.(*lua.LTable)
		if !ok || mt != mc.marker && mt.RawGetString("__newindex") == lua.LNil {
			return
		}
	}
	mc.gen++
}

// rawWritten is told that Lua code is about to write a key of v with rawset.
func (mc *methodCache) rawWritten(v lua.LValue) {
	if mc.isWatched(v) {
		mc.gen++
	}
}

// watch makes the lookups through mt, a userdata type's metatable, and through its
// __index table cacheable.
func (mc *methodCache) watch(L *lua.LState, mt *lua.LTable) {
	if mc.marker == nil {
		mc.marker = L.NewTable()
	}
	for _, tb := range []lua.LValue{mt, mt.RawGetString("__index")} {
		if tb, ok := tb.(*lua.LTable); ok {
			tb.Metatable = mc.marker
			mc.watched = append(mc.watched, tb)
		}
	}
}

// isWatched reports whether v is one of the tables whose lookups are cached.
func (mc *methodCache) isWatched(v lua.LValue) bool {
	tb, ok := v.(*lua.LTable)
	return ok && mc.marker != nil && tb.Metatable == mc.marker
}

// openMethodCache makes the Module's lookups cacheable (unless the debug library is
// open) and has rawset and setmetatable tell the cache of what they change.
func (m *Module) openMethodCache() {
	mc := &m.methods
	if vm == nil || m.opts.Unsafe {
		mc.off = true
		return
	}
	L := m.L
	rawset := L.GetGlobal("rawset").(*lua.LFunction).GFunction
	setmetatable := L.GetGlobal("setmetatable").(*lua.LFunction).GFunction
	L.SetGlobal("rawset", L.NewFunction(func(L *lua.LState) int {
		mc.rawWritten(L.Get(1))
		return rawset(L)
	}))
	L.SetGlobal("setmetatable", L.NewFunction(func(L *lua.LState) int {
		if mc.isWatched(L.Get(1)) {
			mc.off = true // its writes would no longer be seen
		}
		mc.gen++
		return setmetatable(L)
	}))
}
