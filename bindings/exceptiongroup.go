package bindings

import (
	"errors"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// exceptionGroupObject makes the error object a failed task group raises: kind
// "ExceptionGroup", asyncio's message, and exceptions, the array of the errors it
// holds, each as it was raised (children's first, in the order they ended, then the
// body's).
func (m *Module) exceptionGroupObject(L *lua.LState, g *runtime.ExceptionGroup, where string) *lua.LTable {
	t := m.errorObject(L, &runtime.Error{Kind: runtime.ErrExceptionGroup.Kind, Message: g.Message()}, where)
	list := L.CreateTable(len(g.Errors), 0)
	for _, err := range g.Errors {
		list.Append(m.errorLuaValue(L, err))
	}
	t.RawSetString("exceptions", list)
	return t
}

// errorLuaValue is the Lua value that stands for err: what a script raised, an error
// object for a runtime condition, else the message.
func (m *Module) errorLuaValue(L *lua.LState, err error) lua.LValue {
	var script *ScriptError
	var group *runtime.ExceptionGroup
	var cond *runtime.Error
	switch {
	case errors.As(err, &script):
		return script.Value
	case errors.As(err, &group):
		return m.exceptionGroupObject(L, group, "")
	case errors.As(err, &cond):
		return m.errorObject(L, cond, "")
	}
	return lua.LString(err.Error())
}

// describeGroup is, for an ExceptionGroup error object, the lines that list the
// errors it holds, as Python's traceback of a group lists them: "\n  1: x.lua:4:
// boom"; "" for any other value.
func (m *Module) describeGroup(L *lua.LState, t *lua.LTable) string {
	if lua.LVAsString(t.RawGetString("kind")) != runtime.ErrExceptionGroup.Kind {
		return ""
	}
	list, ok := t.RawGetString("exceptions").(*lua.LTable)
	if !ok {
		return ""
	}
	var b strings.Builder
	for i := 1; i <= list.Len(); i++ {
		sub := strings.ReplaceAll(m.describe(L, list.RawGetInt(i)), "\n", "\n  ")
		b.WriteString("\n  " + strconv.Itoa(i) + ": " + sub)
	}
	return b.String()
}
