package bindings

import (
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// SpawnEntry starts a REPL entry as a task named "repl", numbered 0, outside asyncio's
// count (one runs at a time): it calls fn and, if echo
// is set (the entry was an expression), prints its results as Lua's REPL does,
// separated by tabs.
func (m *Module) SpawnEntry(fn *lua.LFunction, echo bool) *runtime.Task {
	lt := m.newLuaTask()
	t := m.sched.SpawnMain("repl", func(t *runtime.Task) (any, error) {
		results, err := m.runLua(t, lt, fn, nil)
		if vs := resultValues(results); err == nil && echo && len(vs) > 0 {
			m.startThread(lt) // runLua gave its thread back; print needs one
			for _, v := range vs {
				lt.thread.Push(v)
			}
			m.print(lt.thread)
			lt.thread.SetTop(0)
			m.releaseThread(lt)
		}
		return results, err
	})
	m.attach(t, lt)
	return t
}

// Traceback is the Lua traceback of a task that is waiting: where it waits, inside
// any coroutines it runs, down to its own function.
func (m *Module) Traceback(t *runtime.Task) string {
	switch {
	case t.Done():
		return fmt.Sprintf("%s has finished (%s)", t.Name(), t.State())
	case t.State() == runtime.Pending:
		return fmt.Sprintf("%s has not started yet", t.Name())
	case t.State() == runtime.Running:
		return fmt.Sprintf("%s is running", t.Name())
	}
	lt := t.Data.(*luaTask)
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %s:", t.Name(), t.Info().String()[len(t.Name())+1:])
	for L := lt.at; L != nil; L = m.resumer(L, lt.thread) {
		if L != lt.at && writeFrames(&strings.Builder{}, L) {
			b.WriteString("\n\t(the coroutine above was resumed from:)")
		}
		writeFrames(&b, L)
		if L == lt.thread {
			break
		}
	}
	return b.String()
}

// resumer is the thread that resumed coroutine co, as far as gopher-lua tells
// (the task's own thread if it cannot tell).
func (m *Module) resumer(co, thread *lua.LState) *lua.LState {
	if co.Parent != nil && co.Parent != co {
		return co.Parent
	}
	return thread
}

// writeFrames writes one line per Lua frame of L, innermost first, skipping Go
// functions (such as the one that is waiting). It reports whether it wrote any.
func writeFrames(b *strings.Builder, L *lua.LState) (wrote bool) {
	eachFrame(L, 0, "Sln", func(dbg *lua.Debug) bool {
		if dbg.What == "G" || dbg.CurrentLine <= 0 {
			return false
		}
		name := "function '" + dbg.Name + "'"
		switch {
		case dbg.LineDefined == 0:
			name = "main chunk"
		case dbg.Name == "" || dbg.Name == "corountine" || dbg.Name == "main chunk": // gopher-lua names a thread's bottom function so
			name = fmt.Sprintf("function <%s:%d>", dbg.Source, dbg.LineDefined)
		}
		fmt.Fprintf(b, "\n\t%s:%d: in %s", dbg.Source, dbg.CurrentLine, name)
		wrote = true
		return false
	})
	return wrote
}

// Report is how an error that ended a task reads: its message, and its Lua
// traceback when there is one.
func Report(err error) string {
	if se, ok := err.(*ScriptError); ok && se.Traceback != "" {
		return se.Message + "\n" + se.Traceback
	}
	return err.Error()
}
