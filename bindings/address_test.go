package bindings

import "testing"

// A table, function, coroutine or userdata without __tostring shows by a per-run
// address, in the order they are first shown, so that two runs print the same.
func TestAddressesArePerRun(t *testing.T) {
	src := `
local t, u = {}, {}
print(tostring(t), tostring(u), tostring(t))
print(tostring(function() end), coroutine.create(function() end))
print(("%s and %5s"):format(t, "x"))
setmetatable(u, {__tostring = function() return "U" end})
print(u, ("%s"):format(u))
local q = Queue()
q:put_nowait(t)
print(q)
spawn(function() q:join() end)
sleep(0)
print(tostring(print) == tostring(print), tostring(print) ~= tostring(tostring))
`
	want := "table: 0x0001\ttable: 0x0002\ttable: 0x0001\n" +
		"function: 0x0003\tthread: 0x0004\n" +
		"table: 0x0001 and     x\n" +
		"U\tU\n" +
		"<Queue maxsize=0 _queue=[table: 0x0001] tasks=1>\n" +
		"true\ttrue\n"
	for i := range 2 {
		if r := runSnippet(t, src); r.out != want || r.err != nil {
			t.Errorf("run %d: %v\n%s\nwant\n%s", i+1, r.err, r.out, want)
		}
	}
}
