package bindings

import (
	"testing"
)

func TestLibraries(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"arg and ... carry the script's arguments",
			`print(arg[0], arg[1], arg[2], #arg, ...)`,
			"t.lua\tone\ttwo\t2\tone\ttwo\n"},
		{"math.random repeats with the seed and randomseed restarts it",
			`local a = {math.random(1, 100), math.random(10), math.random()}
			 math.randomseed(7); local b = math.random(1, 1000)
			 math.randomseed(7); print(b == math.random(1, 1000), a[1] >= 1 and a[1] <= 100, a[3] < 1)
			 print(pcall(math.random, 0))`,
			"true\ttrue\ttrue\nfalse\tt.lua:4: bad argument #1 to 'random' (interval is empty)\n"},
		{"channel is not opened and collectgarbage is harmless",
			`print(channel, type(collectgarbage("count")), collectgarbage())`,
			"nil\tnumber\t0\n"},
		{"a task may block inside a coroutine, which keeps its identity",
			`local co = coroutine.create(function()
			   local me = coroutine.running()
			   sleep(1)
			   coroutine.yield(me == coroutine.running())
			   return "end"
			 end)
			 spawn(function() sleep(0.5) print("other task ran meanwhile") end)
			 print(coroutine.resume(co)); print(coroutine.resume(co)); print(coroutine.status(co))`,
			"other task ran meanwhile\ntrue\ttrue\ntrue\tend\ndead\n"},
		{"a coroutine another task is inside cannot be resumed",
			`local co = coroutine.create(function() sleep(1) return "done" end)
			 spawn(function() print(coroutine.resume(co)) end)
			 print(coroutine.resume(co))`,
			"false\tcannot resume a coroutine that main is running inside\ntrue\tdone\n"},
		{"coroutine.wrap raises the coroutine's error",
			`local gen = coroutine.wrap(function() coroutine.yield(1) error("inside") end)
			 print(gen()); print(pcall(gen))`,
			"1\nfalse\tt.lua:1: inside\n"},
		{"deeply nested coroutines are an error, not a crash",
			`local function nest(n) return coroutine.wrap(function() return nest(n + 1)() end) end
			 print(pcall(nest(1)))`,
			"false\tt.lua:1: coroutines nested too deeply\n"},
		{"a table.sort comparator cannot block",
			`print(pcall(table.sort, {3, 1, 2}, function(a, b) sleep(0) return a < b end))
			 local t = {3, 1, 2}; table.sort(t); print(t[1], t[3])`,
			"false\tt.lua:1: sleep(): cannot wait inside a table.sort comparator\n1\t3\n"},
		{"Lock:with releases on error and returns results",
			`local l = Lock()
			 print(l:with(function(a) return a, l:locked() end, 5)); print(l:locked())
			 print(pcall(l.with, l, function() error("oops") end)); print(l)
			 print(pcall(l.release, l))`,
			"5\ttrue\nfalse\nfalse\tt.lua:3: oops\n<Lock [unlocked]>\nfalse\tt.lua:4: Lock:release(): lock is not acquired\n"},
		{"queues: items, close, error objects, repr",
			`local q = Queue(2)
			 spawn(function() for i = 1, 3 do q:put(i) end q:close() end)
			 for item in q:items() do io.write(item, " ") end print()
			 print(q:get(), q:closed(), q:empty(), q:qsize(), q:maxsize())
			 local ok, err = pcall(q.put, q, 1); print(ok, err.kind, tostring(err))
			 local e = Queue()
			 ok, err = pcall(e.get_nowait, e); print(err.kind, err.message)
			 e:put_nowait("it's"); e:put_nowait(2.5); e:put_nowait(true); print(e)
			 print(pcall(e.put, e, nil))`,
			"1 2 3 \nnil\ttrue\ttrue\t0\t2\nfalse\tQueueClosed\tQueueClosed: the queue is closed\nQueueEmpty\tthe queue is empty\n" +
				`<Queue maxsize=0 _queue=["it's", 2.5, True] tasks=3>` + "\n" +
				"false\tt.lua:9: Queue:put(): cannot put nil (close() the queue to say there is no more)\n"},
		{"LifoQueue and PriorityQueue",
			`local l = LifoQueue(); l:put(1); l:put(2); print(l:get(), l)
			 local p = PriorityQueue()
			 p:put(2.5); p:put("low", 1); p:put("tie", 1)
			 print(p); print(p:get()); print(p:get()); print(p:get())
			 print(pcall(p.put, p, "x"))`,
			"2\t<LifoQueue maxsize=0 _queue=[1] tasks=2>\n<PriorityQueue maxsize=0 _queue=[(1, 'low'), 2.5, (1, 'tie')] tasks=3>\nlow\t1\ntie\t1\n2.5\t2.5\n" +
				"false\tt.lua:5: Queue:put(): give a priority (put(item, priority)) when the item is not a number\n"},
		{"a queue item's __tostring runs in the task that shows the queue, and may wait",
			`local function item(name) return setmetatable({}, {__tostring = function() sleep(0) return name end}) end
			 local a, b = Queue(), Queue()
			 a:put(item("a1")); a:put(item("a2")); b:put(item("b1"))
			 local function show(q) local me = coroutine.running(); print(tostring(q), coroutine.running() == me) end
			 local t = spawn(show, b)
			 show(a); t:join()`,
			"<Queue maxsize=0 _queue=[b1] tasks=1>\ttrue\n<Queue maxsize=0 _queue=[a1, a2] tasks=2>\ttrue\n"},
		{"os.exit ends the run",
			`spawn(function() print("never") end)
			 print("before"); os.exit(3); print("after")`,
			"before\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runSnippet(t, c.src, "one", "two")
			if r.out != c.want {
				t.Errorf("printed:\n%s\nwant:\n%s", r.out, c.want)
			}
			if f := r.failure(); f != "" {
				t.Errorf("a task failed: %s", f)
			}
		})
	}
}

func TestOsExitCode(t *testing.T) {
	r := runSnippet(t, `os.exit(3)`)
	if e := r.module.Exit(); e == nil || e.Code != 3 || r.err != e {
		t.Fatalf("exit %v, run error %v", e, r.err)
	}
}
