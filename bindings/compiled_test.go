package bindings

import (
	"bytes"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// A script compiled once runs in the states of many runs, as its source would; a
// script that does not compile says so as Load does.
func TestCompiledRunsInManyStates(t *testing.T) {
	c, err := Compile("t.lua", []byte("#!/usr/bin/env luasync\nlocal n = 0\nfor i = 1, 3 do n = n + i end\nprint(n, ...)\n"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		var out bytes.Buffer
		s := runtime.New(runtime.Options{Clock: runtime.NewVirtualClock()})
		m := New(s, Options{Stdout: &out, Stderr: &out, Script: "t.lua", Args: []string{"x"}})
		if err := s.Run(m.MainTask(m.LoadCompiled(c))); err != nil || out.String() != "6\tx\n" {
			t.Errorf("run %d: %v, printed %q", i+1, err, out.String())
		}
		m.Close()
	}
	_, compileErr := Compile("bad.lua", []byte("x = = 1\n"))
	m := New(runtime.New(runtime.Options{Clock: runtime.NewVirtualClock()}), Options{})
	defer m.Close()
	_, loadErr := m.Load("bad.lua", []byte("x = = 1\n"))
	if compileErr == nil || loadErr == nil || compileErr.Error() != loadErr.Error() {
		t.Errorf("Compile: %v; Load: %v", compileErr, loadErr)
	}
}

// Calling a chunk allocates nothing for the Lua 5.0 arg table that gopher-lua
// would fill and nothing could read; a vararg function's ... and a Lua 5.0-style
// function's arg are as before.
func TestChunkMakesNoArgTable(t *testing.T) {
	c, err := Compile("t.lua", []byte("local x = 1"))
	if err != nil {
		t.Fatal(err)
	}
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer L.Close()
	fn := L.NewFunctionFromProto(c.proto)
	if n := testing.AllocsPerRun(100, func() {
		L.Push(fn)
		L.Call(0, 0)
	}); n != 0 {
		t.Errorf("a call of the chunk makes %v allocations", n)
	}
	if out := runSnippet(t, `
local function old(...) return arg.n, arg[2] end
local function new(...) return select("#", ...), (select(2, ...)) end
print(old("a", "b", "c"))
print(new("a", "b", "c"))
print(select("#", ...), ...)`, "x", "y").out; out != "3\tb\n3\tb\n2\tx\ty\n" {
		t.Errorf("printed %q", out)
	}
}
