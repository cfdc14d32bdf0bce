package bindings

import (
	"unsafe"

	lua "github.com/yuin/gopher-lua"
)

// A concatenation `a .. b .. c` is one VM instruction (OP_CONCAT), which joins all
// its operands with one allocation: sixteen 64 MiB strings make 1 GiB before any
// check between instructions could look. So luasync replaces the VM's handler of
// that one instruction: ours measures the operands first and refuses a result too
// big, as the builtins do (checkAllocation: more than maxStringResult is a Lua
// error, more than what --max-memory leaves stops the run), then runs gopher-lua's
// own handler. Every other instruction runs exactly as before, at no cost.
//
// gopher-lua keeps its handlers in an unexported table, indexed by opcode, that
// its interpreter loops call through; the handlers' third parameter is a pointer to
// an unexported call-frame type, passed through here untouched.

// vmHandler is the type of the VM's instruction handlers.
type vmHandler func(L *lua.LState, inst uint32, baseFrame unsafe.Pointer) int

//go:linkname vmHandlers github.com/yuin/gopher-lua.jumpTable
var vmHandlers [lua.OP_NOP + 1]vmHandler

// gopherConcat is gopher-lua's own handler of OP_CONCAT.
var gopherConcat = vmHandlers[lua.OP_CONCAT]

func init() { vmHandlers[lua.OP_CONCAT] = checkedConcat }

// checkedConcat is the VM's handler of OP_CONCAT: the check, then gopher-lua's join.
// A state that is not a luasync run's (no threadContext) is not checked. It is also
// one of the places where the thread's context is checked (interrupt.go): a run that
// is stopping stops here, before the join.
func checkedConcat(L *lua.LState, inst uint32, baseFrame unsafe.Pointer) int {
	if c, ok := L.Context().(*threadContext); ok {
		if c.sched.NeedsAttention() {
			c.attend(L)
		}
		c.m.checkConcat(L, inst)
	}
	return gopherConcat(L, inst, baseFrame)
}

// maxNumberText is the most bytes a number takes as a concatenation writes it
// ("-2.2250738585072014e-308").
const maxNumberText = 24

// checkConcat checks the concatenation inst, which L is about to run, before it
// allocates. gopher-lua joins, right to left, each run of strings and numbers with
// one allocation, and calls __concat between a run and the value at its left: the
// largest run is what it makes at once (a __concat's result, itself checked when
// it was made, may join the run at its left).
func (m *Module) checkConcat(L *lua.LState, inst uint32) {
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
