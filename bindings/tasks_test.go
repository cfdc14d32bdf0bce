package bindings

import (
	"errors"
	"strings"
	"testing"

	"luasync/runtime"
)

// Each case runs a snippet and compares what it prints (and the first unretrieved
// task error, if any).
func TestTaskAPI(t *testing.T) {
	checkSnippets(t, []snippet{
		{"spawn passes arguments and join returns every result",
			`local t = spawn(function(a, b) return a + b, "x" end, 1, 2)
			 print(t:join())`,
			"3\tx\n", ""},
		{"a new task waits for its spawner to block",
			`spawn(function() print("task") end)
			 print("main first"); sleep(0); print("main last")`,
			"main first\ntask\nmain last\n", ""},
		{"names, ids, tostring, identity",
			`local t = spawn(function() end)
			 print(t:name(), t:id(), t, current_task():name(), current_task():id())
			 print(current_task() == current_task(), #all_tasks())
			 t:set_name("worker"); print(t); t:join(); print(t, t:done())`,
			"Task-2\t2\t<Task pending name='Task-2' coro=<<lambda>() running at t.lua:1>>\tTask-1\t1\ntrue\t2\n" +
				"<Task pending name='worker' coro=<<lambda>() running at t.lua:1>>\n" +
				"<Task finished name='worker' coro=<<lambda>() done, defined at t.lua:1> result=None>\ttrue\n", ""},
		{"tostring is asyncio's repr: pending, waiting, awaited, cancelling, finished, failed, cancelled",
			`function worker(n) sleep(1) return n * 2 end
			 function bad() error("boom", 0) end
			 local t = spawn(worker, 21); print(t); sleep(0); print(t)
			 local g = spawn(function() gather(t) end); sleep(0); print(t)
			 t:join(); print(t)
			 local b = spawn(bad); local c = spawn(worker, 1); sleep(0); c:cancel()
			 print(c); sleep(0); print(b); print(c); b:error()
			 local s = spawn(function() return "a", true end); s:join(); print(s)`,
			"<Task pending name='Task-2' coro=<worker() running at t.lua:1>>\n" +
				"<Task pending name='Task-2' coro=<worker() running at t.lua:1> wait_for=<Future pending cb=[Task.task_wakeup()]>>\n" +
				"<Task pending name='Task-2' coro=<worker() running at t.lua:1> wait_for=<Future pending cb=[Task.task_wakeup()]> cb=[gather.<locals>._done_callback()]>\n" +
				"<Task finished name='Task-2' coro=<worker() done, defined at t.lua:1> result=42>\n" +
				"<Task cancelling name='Task-5' coro=<worker() running at t.lua:1> wait_for=<Future cancelled>>\n" +
				"<Task finished name='Task-4' coro=<bad() done, defined at t.lua:2> exception=Exception('boom')>\n" +
				"<Task cancelled name='Task-5' coro=<worker() done, defined at t.lua:1>>\n" +
				"<Task finished name='Task-6' coro=<<lambda>() done, defined at t.lua:8> result=('a', True)>\n", ""},
		{"now follows the virtual clock and block passes time",
			`print(now()); sleep(1.5); print(now()); block(2); print(now())`,
			"0\n1.5\n3.5\n", ""},
		{"gather returns the first result of each, spawning functions",
			`local a = spawn(function() sleep(2) return "a", "ignored" end)
			 print(gather(a, function() sleep(1) return "b" end))`,
			"a\tb\n", ""},
		{"gather raises the first error and the others go on",
			`local ok, err = pcall(gather,
			   function() sleep(1) error("first") end,
			   function() sleep(2) print("second still ran") end)
			 print(ok, err)
			 sleep(1)`,
			"false\tt.lua:2: first\nsecond still ran\n", ""},
		{"cancel raises Cancelled at the blocking point",
			`local t = spawn(function()
			   local ok, err = pcall(sleep, 10)
			   print(ok, err.kind, err.message, tostring(err))
			 end)
			 sleep(1); print(t:cancel("stop"), t:cancel()); t:join()
			 print(t:cancelled(), t:cancel())`,
			"true\ttrue\nfalse\tCancelled\tstop\tCancelled: stop\nfalse\tfalse\n", ""},
		{"joining a cancelled task raises Cancelled",
			`local t = spawn(function() sleep(10) end)
			 sleep(0); t:cancel()
			 local ok, err = pcall(t.join, t); print(ok, err.kind, t:cancelled())`,
			"false\tCancelled\ttrue\n", ""},
		{"result and error",
			`local ok = spawn(function() return 7 end)
			 local bad = spawn(function() error({code = 42}) end)
			 print(pcall(ok.result, ok))
			 sleep(0)
			 print(ok:result(), ok:error(), bad:error().code)`,
			"false\tt.lua:3: Task:result(): Task-2 has not finished yet\n7\tnil\t42\n", ""},
		{"an error nobody retrieves is reported",
			`spawn(function() error("lost") end)`,
			"", "t.lua:1: lost"},
		{"joining oneself is an error",
			`print(pcall(function() current_task():join() end))`,
			"false\tt.lua:1: Task:join(): a task cannot join itself\n", ""},
		{"methods need a colon",
			`local t = spawn(function() end); print(pcall(t.join))`,
			"false\tt.lua:1: Task:join(): call it as a method, with a colon (x:join())\n", ""},
		{"sleep checks its argument",
			`for _, v in ipairs({-1, 0/0, "x"}) do print(select(2, pcall(sleep, v))) end`,
			"t.lua:1: sleep(): seconds must not be negative, got -1\n" +
				"t.lua:1: sleep(): seconds must be a finite number, got nan\n" +
				"t.lua:1: sleep(): seconds must be a number, got string\n", ""},
		{"spawn checks its argument",
			`print(pcall(spawn, 42))`,
			"false\tt.lua:1: spawn(): argument 1 must be a function, got number\n", ""},
	})
}

func TestDeadlockNamesScriptLines(t *testing.T) {
	r := runSnippet(t, "local q = Queue()\nspawn(function()\n  q:get()\nend)\nq:join()\nLock():with(function() q:get() end)\n")
	var dl *runtime.DeadlockError
	if !errors.As(r.err, &dl) {
		t.Fatalf("run: %v", r.err)
	}
	got := dl.Error()
	for _, want := range []string{"Task-2 waiting on Queue.get <Queue maxsize=0 _getters[2]>, at t.lua:3", "Task-1 waiting on Queue.get <Queue maxsize=0 _getters[2]>, at t.lua:6"} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
}

func TestSyntaxErrorsNameFileAndLine(t *testing.T) {
	s := runtime.New(runtime.Options{})
	m := New(s, Options{Script: "bad.lua"})
	defer m.Close()
	for src, want := range map[string]string{
		"x = = 1":          "bad.lua:1: syntax error near '='",
		"local s = 'abc":   "bad.lua:1: unterminated string near <eof>",
		"for i=1,2 do\n":   "bad.lua:2: syntax error near <eof>",
		"\x1bLua\x00\x01":  "bad.lua:1:",
		"goto nowhere\n":   "bad.lua:",
		"#!/usr/bin/lua\n": "",
	} {
		_, err := m.Load("bad.lua", []byte(src))
		switch {
		case want == "" && err != nil:
			t.Errorf("%q: %v", src, err)
		case want != "" && (err == nil || !strings.HasPrefix(err.Error(), want)):
			t.Errorf("%q: got %v, want it to start with %q", src, err, want)
		}
	}
}
