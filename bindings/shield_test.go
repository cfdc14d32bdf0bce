package bindings

import "testing"

func TestShield(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"the waiter resumes two iterations after the task ends, as asyncio's",
			`local function ticker(n) for i = 1, n do print("tick " .. i) sleep(0) end end
			 local ticks = spawn(ticker, 6)
			 local t = spawn(function() sleep(0) print("job done") return 7, 8 end)
			 print("got", shield(t):join())
			 ticks:join()`,
			"tick 1\ntick 2\njob done\ntick 3\ntick 4\ngot\t7\t8\ntick 5\ntick 6\n"},
		{"cancelling the waiter leaves the task running",
			`local t = spawn(function() sleep(2) return "done" end)
			 local w = spawn(function() return shield(t):join() end)
			 sleep(1)
			 w:cancel()
			 print(pcall(w.join, w))
			 print(t:done(), t:join(), now())`,
			"false\tCancelled\nfalse\tdone\t2\n"},
		{"the shield fails with the task's error and cancels with it",
			`local bad = spawn(function() sleep(1) error("boom", 0) end)
			 print(pcall(function() return shield(bad):join() end))
			 local c = spawn(sleep, 5)
			 local f = shield(c)
			 spawn(function() c:cancel() end)
			 print(pcall(f.join, f))
			 print(f:done(), f:cancelled())`,
			"false\tboom\nfalse\tCancelled\ntrue\ttrue\n"},
		{"cancelling the shield itself does not reach the task",
			`local t = spawn(function() sleep(1) return 1 end)
			 local f = shield(t)
			 print(f:cancel(), f:cancelled(), t:cancelled())
			 print(t:join())`,
			"true\ttrue\tfalse\n1\n"},
		{"a finished task is its own shield",
			`local t = spawn(function() end)
			 sleep(0)
			 print(shield(t) == t)`,
			"true\n"},
		{"misuse",
			`print(pcall(shield, 42))
			 print(pcall(shield))`,
			"false\tt.lua:1: shield(): argument 1 must be a task or a Future, got number\n" +
				"false\tt.lua:2: shield(): argument 1 must be a task or a Future, got no value\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err, failed := runWaitingSnippet(t, c.src)
			if out != c.want || err != nil || len(failed) > 0 {
				t.Errorf("output:\n%s\nwant:\n%s\nrun error %v, unretrieved %q", out, c.want, err, failed)
			}
		})
	}
}
