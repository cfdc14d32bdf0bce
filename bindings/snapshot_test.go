package bindings

import (
	"io"
	"strings"
	"testing"

	"luasync/runtime"
)

// The unexported parts of gopher-lua's tables are where tableparts.go looks: else
// no state would be reused, and the libraries' names would come in any order.
func TestTableLayoutIsKnown(t *testing.T) {
	if knownTableLayout() == nil {
		t.Fatal("gopher-lua's LTable is not the one tableparts.go knows")
	}
}

// BenchmarkReset measures what putting a used state back costs, for a run that did
// not look behind a metatable: go test -run - -bench Reset ./bindings/
func BenchmarkReset(b *testing.B) {
	s := runtime.New(runtime.Options{Clock: runtime.NewVirtualClock()})
	opts := Options{Script: "t.lua", Stdout: io.Discard, Stderr: io.Discard, Stdin: strings.NewReader(""), Reusable: true}
	m := New(s, opts)
	defer m.Close()
	for b.Loop() {
		if !m.Reset(s, opts) {
			b.Fatal("not reusable")
		}
	}
}
