package bindings

import (
	"bytes"
	"testing"

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
