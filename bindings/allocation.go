package bindings

import (
	"fmt"
	"math"
	"runtime/debug"

	lua "github.com/yuin/gopher-lua"
)

// The memory one call of a builtin may take for its result. Go allocates a string
// in one piece, so a builtin asked for gigabytes gets them (or kills the process
// with Go's out-of-memory error) before any check between Lua instructions could
// look: string.rep, string.format, table.concat, io.read, load and require check the
// size of what they would make first, against maxStringResult and against what is
// left under the run's memory limit (Options.MaxMemory), and so does a
// concatenation, before the instruction runs (concat.go).

// smallAllocation is a size below which a result is not checked against the memory
// left: measuring the memory in use costs a few system calls.
const smallAllocation = 1 << 20

// memoryLeft is how many bytes the run may still use under its memory limit
// (math.MaxInt64 without one).
func (m *Module) memoryLeft() int64 {
	if m.opts.MaxMemory <= 0 || m.opts.MemoryInUse == nil {
		return math.MaxInt64
	}
	return m.opts.MaxMemory - m.opts.MemoryInUse()
}

// allocationLimit is the most one builtin call may allocate for its result:
// maxStringResult, or what is left under the memory limit if that is less.
func (m *Module) allocationLimit() int64 {
	return max(0, min(maxStringResult, m.memoryLeft()))
}

// checkAllocation raises an error in L if what cannot make a result of n bytes (see
// refuseAllocation).
func (m *Module) checkAllocation(L *lua.LState, what string, n float64) {
	if n <= smallAllocation {
		return
	}
	if n > maxStringResult || n > float64(m.memoryLeft()) {
		m.refuseAllocation(L, what, n, false)
	}
}

// refuseAllocation raises an error in L because what would make a result of n bytes
// (moreThan: of more than n bytes, for a read that stopped there).
// Past what is left under the memory limit (after a collection, so that garbage does
// not count) the run stops with a *LimitError, as when the limit is passed; past
// maxStringResult it is an ordinary Lua error the script may catch. If neither, it
// returns: the collection made room.
func (m *Module) refuseAllocation(L *lua.LState, what string, n float64, moreThan bool) {
	result := size(n)
	if moreThan {
		result = "more than " + size(n-1)
	}
	left := m.memoryLeft()
	if n > float64(left) {
		debug.FreeOSMemory()
		left = m.memoryLeft()
	}
	switch {
	case n > float64(left):
		m.stopForMemory(L, what, result, left)
	case n > maxStringResult:
		L.RaiseError("%s: the result would be %s; the limit is %s", what, result, size(maxStringResult))
	}
	// else the collection made room: the result may be made
}

// stopForMemory stops the run, as passing the memory limit does, because what would
// make a result (of the size result says) with only left bytes left.
func (m *Module) stopForMemory(L *lua.LState, what, result string, left int64) {
	err := &LimitError{What: "memory", Limit: fmt.Sprintf("%d MiB, --max-memory; %s: %s would need %s, %s are left",
		m.opts.MaxMemory>>20, whereRunning(L), what, result, size(float64(max(0, left))))}
	m.sched.Abort(err)
	L.RaiseError("%s: the result would be %s, more than the %s left under --max-memory", what, result, size(float64(max(0, left))))
}

// luaError is Lua's error(message [, level]). gopher-lua's adds the position to a
// string message with fmt, which takes three times the message's size at once; a
// message of more than smallAllocation bytes is checked as a result of its size plus
// the position's, and made in one piece. Smaller ones go to gopher-lua's error.
func (m *Module) luaError(c call) int {
	L := c.L
	msg, isString := L.Get(1).(lua.LString)
	level := L.OptInt(2, 1)
	if !isString || level <= 0 || len(msg) <= smallAllocation {
		L.Error(L.CheckAny(1), level)
		return 0
	}
	where := errorPosition(L, level-1)
	m.checkAllocation(L, "error()", float64(len(where)+1+len(msg)))
	L.Error(lua.LString(where+" "+string(msg)), 0)
	return 0
}

// errorPosition is the "source:line:" error adds at level: the first function from
// there on that is Lua's, as gopher-lua's error finds it ("" if there is none).
func errorPosition(L *lua.LState, level int) string {
	for ; ; level++ {
		dbg, ok := L.GetStack(level)
		if !ok {
			return ""
		}
		if _, err := L.GetInfo("Sl", dbg, lua.LNil); err != nil {
			return ""
		}
		if dbg.What != "G" {
			return fmt.Sprintf("%s:%d:", dbg.Source, dbg.CurrentLine)
		}
	}
}
