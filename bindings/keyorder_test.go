package bindings

import (
	"slices"
	"strings"
	"testing"
)

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
