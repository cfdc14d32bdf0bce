package bindings

import (
	"unsafe"

	lua "github.com/yuin/gopher-lua"
)

// A Lua thread with a context runs on gopher-lua's context loop, which selects on
// the context's Done channel before every instruction: a tenth of the time of a
// script that calls builtins in a loop. luasync's threads keep their context (the
// run's stop, and the thread, for concat.go and the slow-hold warning) but run on
// gopher-lua's plain loop, and the check is made where code can go on without end:
// at the instructions that jump backwards (a loop's JMP, FORLOOP; a generic for ends
// with a JMP too), at returns and at tail calls (recursion: a call that does not
// return either goes deeper, which ends at the call depth limit, or loops as a tail
// call). Between two of them runs only a straight stretch of code, a few hundred
// instructions of each of at most 256 nested functions; the one instruction of it
// that may allocate much, a concatenation, is checked by concat.go, and stops there
// once the run is stopping too. Calls are not checked: the handler of CALL is on the
// stack of every parked task, and a wrapper around it would make every task's stack
// deeper (the handler of TAILCALL is on it only for a tail call that parks).
//
// The check is the watchdog's countdown (the scheduler's NeedsAttention, inlined: a
// decrement and an atomic load), and, when it says so, threadContext.attend: what the
// context loop's Done did (the slow-hold warning, the outside world's posts, the
// run's stop, which raises an error at the instruction).
//
// The loop is set through the thread's unexported field, at the offset that
// newthread.go checks; with a gopher-lua whose layout differs, threads keep the
// context loop and the handlers are not replaced.

// checkedOps are the instructions whose handlers check the thread's context first.
var checkedOps = [...]int{lua.OP_JMP, lua.OP_FORLOOP, lua.OP_TAILCALL, lua.OP_RETURN}

// plainLoops reports whether luasync's threads run on gopher-lua's plain loop, with
// the checks in the handlers of checkedOps.
var plainLoops = knownThreadLayout() != nil

func init() {
	if !plainLoops {
		return
	}
	for _, op := range checkedOps {
		vmHandlers[op] = checkedHandler(op, vmHandlers[op])
	}
}

// backwardJumpBase is the sBx field of a jump of 0: smaller ones jump backwards.
const backwardJumpBase = (1<<18 - 1) >> 1

// checkedHandler returns the handler of op: the context check, then gopher-lua's own
// handler. A forward jump is not checked: it cannot repeat code.
func checkedHandler(op int, gopherHandler vmHandler) vmHandler {
	if op == lua.OP_JMP {
		return func(L *lua.LState, inst uint32, baseFrame unsafe.Pointer) int {
			if inst&0x3ffff < backwardJumpBase {
				if c, ok := L.Context().(*threadContext); ok && c.sched.NeedsAttention() {
					c.attend(L)
				}
			}
			return gopherHandler(L, inst, baseFrame)
		}
	}
	return func(L *lua.LState, inst uint32, baseFrame unsafe.Pointer) int {
		if c, ok := L.Context().(*threadContext); ok && c.sched.NeedsAttention() {
			c.attend(L)
		}
		return gopherHandler(L, inst, baseFrame)
	}
}

// attend is the check between instructions of L, the thread c is the context of,
// once the scheduler NeedsAttention: it does what Done does then, and raises the
// run's stop as the context loop does (with the context's error, at the instruction
// L is at).
func (c *threadContext) attend(L *lua.LState) {
	select {
	case <-c.attended():
		L.RaiseError("%s", c.Err().Error())
	default:
	}
}

// watchThread gives th the run's context and, when it can, the plain loop, whose
// checks are in the handlers of checkedOps.
func (m *Module) watchThread(th *lua.LState) {
	th.SetContext(m.threadContext(th)) // which sets the context loop
	if plainLoops {
		layout := knownThreadLayout()
		*(*unsafe.Pointer)(unsafe.Add(unsafe.Pointer(th), layout.mainLoop)) = layout.plainMainLoop
	}
}
