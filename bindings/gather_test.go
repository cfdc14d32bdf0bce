package bindings

import (
	"fmt"
	"slices"
	"testing"
)

func TestGatherList(t *testing.T) {
	cases := []struct {
		name, src, want string
		failed          []string // unretrieved task errors
	}{
		{"an array in, an array out, in the list's order",
			`local ts = {}
			 for i = 1, 4 do ts[i] = spawn(function() sleep(5 - i) return i * 10 end) end
			 ts[5] = function() return "fn" end
			 local r = gather(ts)
			 print(#r, r[1], r[2], r[3], r[4], r[5], now())`,
			"5\t10\t20\t30\t40\tfn\t4\n", nil},
		{"an empty list gives an empty array at once",
			`print(#gather({}), #gather({}, {return_exceptions = true}))`, "0\t0\n", nil},
		{"a task listed twice is gathered once and fills both slots",
			`local a = spawn(function() sleep(1) return "a" end)
			 local r = gather({a, a})
			 print(r[1], r[2])`, "a\ta\n", nil},
		{"return_exceptions: errors and cancellations stand in their slots",
			`local v = spawn(sleep, 10)
			 local r = gather({
			   function() error({code = 7}) end,
			   function() error("plain", 0) end,
			   v,
			   function() sleep(1) v:cancel("why") return "ok" end,
			 }, {return_exceptions = true})
			 print(r[1].code, r[2], r[3].kind, r[3].message == "", tostring(r[3]), r[4])`,
			"7\tplain\tCancelled\ttrue\tCancelled\tok\n", nil},
		{"without return_exceptions the first error is raised, and the others' errors count as retrieved",
			`local late = spawn(function() sleep(2) error("late") end)
			 print(pcall(gather, {function() sleep(1) error("first", 0) end, late}))
			 sleep(3)`,
			"false\tfirst\n", nil},
		{"the gatherer cancelled gets Cancelled even with return_exceptions",
			`local a = spawn(sleep, 5)
			 local g = spawn(function() return gather({a}, {return_exceptions = true}) end)
			 sleep(1)
			 g:cancel("stop")
			 print(pcall(g.join, g))
			 print(a:cancelled(), g:cancelled())`,
			"false\tCancelled: stop\ntrue\ttrue\n", nil},
		{"finished tasks are counted at once: no yield",
			`local a = spawn(function() return 1 end)
			 sleep(0)
			 spawn(function() print("other") end)
			 print("gathered", gather({a})[1])
			 sleep(0)`,
			"gathered\t1\nother\n", nil},
		{"futures are gathered as tasks are: a shield's, cancelled, holds its message",
			`local t = spawn(function() sleep(1) return "t" end)
			 local f = shield(t)
			 print(gather(f, function() return "fn" end))
			 local slow = spawn(sleep, 5)
			 local g = shield(slow)
			 spawn(function() g:cancel("enough") end)
			 local r = gather({g, t}, {return_exceptions = true})
			 print(tostring(r[1]), r[2])
			 slow:cancel()`,
			"t\tfn\nCancelled: enough\tt\n", nil},
		{"gather(...) checks its arguments",
			`print(pcall(gather, function() end, 1))`,
			"false\tt.lua:1: bad argument #2 to 'gather' (a task, a future or a function expected, got number)\n", nil},
		{"misuse is checked before anything is spawned",
			`print(pcall(gather, {1}))
			 print(pcall(gather, {function() end, x = 1}))
			 print(pcall(gather, {[1] = function() end, [3] = function() end}))
			 print(pcall(gather, {function() end}, {return_exception = true}))
			 print(pcall(gather, {function() end}, {return_exceptions = 1}))
			 print(pcall(gather, {function() end}, "yes"))
			 print(#all_tasks())`,
			"false\tt.lua:1: gather(): list[1] must be a task, a future or a function, got number\n" +
				"false\tt.lua:2: gather(): argument 1 must be an array of tasks, futures or functions (keys 1 to n, no holes), got a table with key 'x'\n" +
				"false\tt.lua:3: gather(): list[2] must be a task, a future or a function, got nil\n" +
				"false\tt.lua:4: gather(): unknown option 'return_exception' (the option is return_exceptions)\n" +
				"false\tt.lua:5: gather(): return_exceptions must be a boolean, got number\n" +
				"false\tt.lua:6: gather(): options must be a table, got string\n" +
				"1\n", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err, failed := runWaitingSnippet(t, c.src)
			if out != c.want {
				t.Errorf("output:\n%s\nwant:\n%s", out, c.want)
			}
			if err != nil {
				t.Errorf("run: %v", err)
			}
			if !slices.Equal(failed, c.failed) {
				t.Errorf("unretrieved errors: %q, want %q", failed, c.failed)
			}
		})
	}
}

// TestGatherListBeyondUnpack gathers more tasks than unpack() can pass to a
// function (about 8,000): the list form has no limit.
func TestGatherListBeyondUnpack(t *testing.T) {
	n := 10000
	if raceDetector || testing.Short() {
		n = 500
	}
	out, err, _ := runWaitingSnippet(t, fmt.Sprintf(`
		local ts = {}
		for i = 1, %d do ts[i] = spawn(function() sleep(0) return i end) end
		local r = gather(ts)
		local sum = 0
		for i = 1, #r do sum = sum + r[i] end
		print(#r, sum)`, n))
	if want := fmt.Sprintf("%d\t%d\n", n, n*(n+1)/2); out != want || err != nil {
		t.Errorf("output %q, error %v; want %q", out, err, want)
	}
}

// BenchmarkGatherList gathers 100,000 tasks at once, per iteration.
func BenchmarkGatherList(b *testing.B) {
	for range b.N {
		var t testing.T
		out, err, _ := runWaitingSnippet(&t, `
			local ts = {}
			for i = 1, 100000 do ts[i] = spawn(function() sleep(0) return i end) end
			print(#gather(ts))`)
		if out != "100000\n" || err != nil {
			b.Fatalf("output %q, error %v", out, err)
		}
	}
}
