package bindings

import (
	"io"
	"slices"
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

// pairs lists the names of _G and of every library in one order, the same in every
// state: sorted as they were built (gopher-lua fills its libraries from Go maps).
func TestLibrariesListInOneOrder(t *testing.T) {
	const src = `
for _, t in ipairs({_G, string, table, math, os, io, coroutine, getmetatable(Queue()).__index}) do
  local names = {}
  for k in pairs(t) do names[#names + 1] = k end
  print(table.concat(names, " "))
end`
	var first string
	for i := range 8 {
		out := runSnippet(t, src).out
		if i == 0 {
			first = out
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				if names := strings.Fields(line); !slices.IsSorted(names) || len(names) < 5 {
					t.Fatalf("names not sorted: %s", line)
				}
			}
		} else if out != first {
			t.Fatalf("state %d lists\n%s\nthe first\n%s", i+1, out, first)
		}
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
