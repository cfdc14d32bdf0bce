package bindings

import (
	"fmt"
	"reflect"
	"unsafe"

	lua "github.com/yuin/gopher-lua"
)

// A concatenation `a .. b .. c` is one VM instruction (OP_CONCAT), which joins all
// its operands with one allocation: sixteen 64 MiB strings make 1 GiB before any
// check between instructions could look. So the check the VM makes before every
// instruction (threadContext's Done) peeks at the instruction about to run, and
// when it is a concatenation measures its operands first and refuses a result too
// big, as the builtins do (checkAllocation): more than maxStringResult is a Lua
// error, more than what --max-memory leaves stops the run.
//
// gopher-lua keeps the instruction pointer unexported, in the running call frame:
// vmLayout finds where, once, by reflection, and the program refuses to start if
// gopher-lua's layout is not what it expects (mustFindVMLayout).

// vmLayout is where the fields the peek reads lie: the running call frame in an
// LState, and in a call frame its function and its instruction pointer (the index
// of the instruction after the one about to run, when Done is called).
type vmLayout struct {
	currentFrame, fn, pc uintptr
}

var vm = mustFindVMLayout()

// mustFindVMLayout finds vmLayout's offsets, and panics at start-up if gopher-lua's
// structures have changed.
func mustFindVMLayout() vmLayout {
	layout, err := findVMLayout()
	if err != nil {
		panic("luasync: this gopher-lua is not the one luasync was written for: " + err.Error())
	}
	return layout
}

func findVMLayout() (vmLayout, error) {
	var l vmLayout
	state := reflect.TypeOf(lua.LState{})
	cf, ok := state.FieldByName("currentFrame")
	if !ok || cf.Type.Kind() != reflect.Pointer || cf.Type.Elem().Kind() != reflect.Struct {
		return l, fmt.Errorf("LState has no currentFrame pointer")
	}
	l.currentFrame = cf.Offset
	frame := cf.Type.Elem()
	for _, f := range []struct {
		name   string
		typ    reflect.Type
		offset *uintptr
	}{
		{"Fn", reflect.TypeOf((*lua.LFunction)(nil)), &l.fn},
		{"Pc", reflect.TypeOf(0), &l.pc},
	} {
		field, ok := frame.FieldByName(f.name)
		if !ok || field.Type != f.typ {
			return l, fmt.Errorf("a call frame has no %s of type %v", f.name, f.typ)
		}
		*f.offset = field.Offset
	}
	return l, nil
}

// concatNext tells whether the instruction L is about to run is a concatenation
// (for Done, before every instruction: a few loads).
func concatNext(L *lua.LState) bool {
	cf := *(*unsafe.Pointer)(unsafe.Add(unsafe.Pointer(L), vm.currentFrame))
	if cf == nil {
		return false
	}
	fn := *(**lua.LFunction)(unsafe.Add(cf, vm.fn))
	if fn == nil || fn.Proto == nil {
		return false
	}
	pc := *(*int)(unsafe.Add(cf, vm.pc))
	code := fn.Proto.Code
	return pc > 0 && pc <= len(code) && int(code[pc-1]>>26) == lua.OP_CONCAT
}

// maxNumberText is the most bytes a number takes as a concatenation writes it
// ("-2.2250738585072014e-308").
const maxNumberText = 24

// checkConcat checks the concatenation L is about to run (concatNext) before it
// allocates. gopher-lua joins, right to left, each run of strings and numbers with
// one allocation, and calls __concat between a run and the value at its left: the
// largest run is what it makes at once (a __concat's result, itself checked when
// it was made, may join the run at its left).
func (m *Module) checkConcat(L *lua.LState) {
	cf := *(*unsafe.Pointer)(unsafe.Add(unsafe.Pointer(L), vm.currentFrame))
	fn := *(**lua.LFunction)(unsafe.Add(cf, vm.fn))
	pc := *(*int)(unsafe.Add(cf, vm.pc))
	inst := fn.Proto.Code[pc-1]
	b, c := concatOperands(inst)
	var run, largest float64
	for r := c; r >= b; r-- {
		switch v := L.Get(r + 1).(type) {
		case lua.LString:
			run += float64(len(v))
		case lua.LNumber:
			run += maxNumberText
		default:
			run = 0
		}
		largest = max(largest, run)
	}
	m.checkAllocation(L, "concatenation", largest)
}

// concatOperands are the first and last registers of OP_CONCAT's operands, its B
// and C (from the current frame's first local).
func concatOperands(inst uint32) (b, c int) {
	return int(inst & 0x1ff), int(inst>>9) & 0x1ff
}
