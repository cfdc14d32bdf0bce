package bindings

import (
	"bytes"
	"testing"

	"luasync/runtime"
)

// runWaitingSnippet runs src as "t.lua" on a virtual clock and returns what it
// printed, Run's error and the messages of the task errors nobody retrieved.
func runWaitingSnippet(t *testing.T, src string) (out string, runErr error, failed []string) {
	t.Helper()
	var buf, errBuf bytes.Buffer
	s := runtime.New(runtime.Options{Clock: runtime.NewVirtualClock()})
	m := New(s, Options{Stdout: &buf, Stderr: &errBuf, Script: "t.lua"})
	defer m.Close()
	chunk, err := m.Load("t.lua", []byte(src))
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	runErr = s.Run(m.MainTask(chunk))
	for _, f := range s.Failed() {
		_, ferr := f.Result()
		failed = append(failed, f.Name()+": "+ferr.Error())
	}
	return buf.String(), runErr, failed
}

func TestWaitingAPI(t *testing.T) {
	cases := []struct {
		name, src, want string
		failed          []string // unretrieved task errors
	}{
		// wait
		{"wait returns done and pending in the order given, spawning functions",
			`local a = spawn(function() sleep(1) return "a" end)
			 local done, pending = wait({function() sleep(2) error("b failed") end, a})
			 print(#done, #pending, done[1]:name(), done[2] == a, now())
			 print(done[2]:result())
			 print(pcall(done[1].result, done[1]))`,
			"2\t0\tTask-3\ttrue\t2\na\nfalse\tt.lua:2: b failed\n", nil},
		{"wait first, and a timeout that cancels nothing",
			`local a = spawn(function() sleep(1) end)
			 local b = spawn(function() sleep(5) return "b" end)
			 local done, pending = wait({b, a}, {return_when = "first"})
			 print(now(), #done, #pending, done[1] == a, pending[1] == b)
			 done, pending = wait({b}, {timeout = 1})
			 print(now(), #done, #pending, b:done())
			 print(b:join(), now())`,
			"1\t1\t1\ttrue\ttrue\n2\t0\t1\tfalse\nb\t5\n", nil},
		{"wait error returns at the first failure and retrieves it",
			`local a = spawn(function() sleep(5) end)
			 local b = spawn(function() sleep(1) error("boom") end)
			 local done, pending = wait({a, b}, {return_when = "error", timeout = 10})
			 print(now(), #done, done[1] == b, #pending, pending[1] == a)
			 a:cancel()`,
			"1\t1\ttrue\t1\ttrue\n", nil},
		{"wait yields even when the condition holds, as asyncio's does",
			`local a = spawn(function() end)
			 sleep(0)
			 spawn(function() print("other") end)
			 local done = wait({a})
			 print("main", #done)`,
			"other\nmain\t1\n", nil},
		{"cancelling the waiter leaves the tasks alone",
			`local a = spawn(function() sleep(3) print("a finished", now()) end)
			 local w = spawn(function()
			   local ok, err = pcall(wait, {a})
			   print("waiter", err.kind, now())
			 end)
			 sleep(1); w:cancel(); a:join()`,
			"waiter\tCancelled\t1\na finished\t3\n", nil},
		{"wait misuse is checked before anything is spawned",
			`print(pcall(wait, {}))
			 print(pcall(wait, {function() end, 1}))
			 print(pcall(wait, {function() end}, {return_when = "any"}))
			 print(pcall(wait, {function() end}, {timout = 1}))
			 print(pcall(wait, {function() end}, {timeout = -1}))
			 print(pcall(wait, {function() end}, 5))
			 print(pcall(wait))
			 print(#all_tasks())`,
			"false\tt.lua:1: wait(): no tasks to wait for\n" +
				"false\tt.lua:2: wait(): list[2] must be a task, a future or a function, got number\n" +
				"false\tt.lua:3: wait(): return_when must be \"all\", \"first\" or \"error\", got 'any'\n" +
				"false\tt.lua:4: wait(): unknown option \"timout\" (options are timeout and return_when)\n" +
				"false\tt.lua:5: wait(): timeout: seconds must not be negative, got -1\n" +
				"false\tt.lua:6: wait(): options must be a table, got number\n" +
				"false\tt.lua:7: wait(): argument 1 must be an array of tasks, futures or functions, got nil\n" +
				"1\n", nil},

		// wait_for
		{"wait_for returns every result and passes arguments",
			`print(wait_for(function(a, b) sleep(1) return a + b, "x" end, 2, 1, 2))
			 local t = spawn(function() sleep(1) return "task" end)
			 print(wait_for(t, 5), now())`,
			"3\tx\ntask\t2\n", nil},
		{"wait_for raises Timeout after the task's cleanup",
			`local ok, err = pcall(wait_for, function()
			   local ok, e = pcall(sleep, 10)
			   print("inner", e.kind, now())
			   sleep(0.5)
			   error(e)
			 end, 1)
			 print(ok, err.kind, tostring(err), now())`,
			"inner\tCancelled\t1\nfalse\tTimeout\tTimeout: timed out\t1.5\n", nil},
		{"wait_for returns the results of a task that swallows its cancellation",
			`print(wait_for(function() local ok = pcall(sleep, 10) return "swallowed", ok end, 1))`,
			"swallowed\tfalse\n", nil},
		{"wait_for raises the task's error",
			`print(pcall(wait_for, function() error("inner failed") end, 1))`,
			"false\tt.lua:1: inner failed\n", nil},
		{"wait_for with 0 seconds",
			`local t = spawn(function() return "done" end)
			 sleep(0)
			 print(wait_for(t, 0))
			 local ok, err = pcall(wait_for, function() print("never runs") end, 0)
			 print(ok, err.kind)`,
			"done\nfalse\tTimeout\n", nil},
		{"cancelling the caller of wait_for on a function cancels what the function waits on: one that swallows it returns",
			`local w = spawn(function()
			   local ok, err = pcall(wait_for, function()
			     local ok, e = pcall(sleep, 10)
			     print("inner", e.kind, now())
			     sleep(1)
			   end, 5)
			   print("caller", ok, err, now(), current_task():cancelling())
			 end)
			 sleep(1); w:cancel(); w:join()
			 print("cancelled:", w:cancelled())`,
			"inner\tCancelled\t1\ncaller\ttrue\tnil\t2\t1\ncancelled:\tfalse\n", nil},
		{"cancelling the caller of wait_for on a function: one that raises the Cancelled error again ends the wait with it",
			`local w = spawn(function()
			   local ok, err = pcall(wait_for, function()
			     local ok, e = pcall(sleep, 10)
			     print("inner", e.kind, now())
			     sleep(1)
			     error(e)
			   end, 5)
			   print("caller", ok, err.kind, now())
			 end)
			 sleep(1); w:cancel(); w:join()`,
			"inner\tCancelled\t1\ncaller\tfalse\tCancelled\t2\n", nil},
		{"wait_for misuse",
			`local t = spawn(function() end)
			 print(pcall(wait_for, t))
			 print(pcall(wait_for, t, -1))
			 print(pcall(wait_for, t, 1, "extra"))
			 print(pcall(wait_for, 1, 1))
			 print(pcall(wait_for, current_task(), 1))`,
			"true\n" + // no limit: as asyncio.wait_for(t, None)
				"false\tt.lua:3: wait_for(): seconds must not be negative, got -1\n" +
				"false\tt.lua:4: wait_for(): extra arguments are for a function, not a task\n" +
				"false\tt.lua:5: wait_for(): argument 1 must be a task, a future or a function, got number\n" +
				"false\tt.lua:6: wait_for(): a task cannot wait for itself\n", nil},

		// task_group
		{"task_group waits for every child and returns the body's results",
			`local a
			 print(task_group(function(g, x)
			   print(g)
			   a = g:spawn(function(n) sleep(n) return n end, 1)
			   g:spawn(function() sleep(2) end)
			   print(g, a)
			   return "body", x
			 end, "arg"))
			 print(now(), a:result())`,
			"<TaskGroup entered>\n<TaskGroup tasks=2 entered>\t<Task pending name='Task-2' coro=<<lambda>() running at t.lua:4> cb=[TaskGroup._on_task_done()]>\nbody\targ\n2\t1\n", nil},
		{"a failing child cancels the others and the body; its error is raised",
			`local ok, err = pcall(task_group, function(g)
			   g:spawn(function() sleep(1) error("child failed") end)
			   g:spawn(function()
			     local ok, e = pcall(sleep, 5)
			     print("sibling", e.kind, e.message)
			     sleep(0.5)
			     error(e)
			   end)
			   local ok, e = pcall(sleep, 10)
			   print("body", e.kind)
			   error(e)
			 end)
			 print(ok, err.exceptions[1], now())`,
			"sibling\tCancelled\t\nbody\tCancelled\n" +
				"false\tt.lua:2: child failed\t1.5\n", nil},
		{"the body's error cancels the children and is raised",
			`local c
			 local ok, err = pcall(task_group, function(g)
			   c = g:spawn(function() sleep(5) end)
			   sleep(1)
			   error("body failed")
			 end) print(ok, err.exceptions[1])
			 print(c:cancelled(), now())`,
			"false\tt.lua:5: body failed\ntrue\t1\n", nil},
		{"g:cancel() ends the group without error and refuses later spawns",
			`local g2
			 task_group(function(g)
			   g2 = g
			   g:spawn(function() sleep(1) g:cancel() end)
			   g:spawn(function() sleep(5) print("not reached") end)
			   sleep(10)
			   print("not reached either")
			 end)
			 print("group done", now(), g2)
			 print(pcall(g2.spawn, g2, function() end))
			 print(pcall(g2.spawn, function() end))
			 print(pcall(task_group))
			 local ok, e = pcall(task_group, function(g) g:spawn(1) end) print(ok, e, e.exceptions[1])`,
			"group done\t1\t<TaskGroup finished>\n" +
				"false\tt.lua:10: TaskGroup:spawn(): the task group has finished\n" +
				"false\tt.lua:11: TaskGroup:spawn(): call it as a method, with a colon (x:spawn())\n" +
				"false\tt.lua:12: task_group(): argument 1 must be a function, got nil\n" +
				"false\tExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)\tt.lua:13: TaskGroup:spawn(): argument 2 must be a function, got number\n", nil},
		{"cancelling the caller cancels the children; Cancelled is raised after them",
			`local w = spawn(function()
			   local ok, err = pcall(task_group, function(g)
			     for i = 1, 2 do
			       g:spawn(function()
			         local ok, e = pcall(sleep, 5)
			         print("child", i, e.kind, now())
			         sleep(1)
			       end)
			     end
			   end)
			   print("caller", ok, err.kind, err.message, now())
			 end)
			 sleep(1); w:cancel("stop"); w:join()`,
			"child\t1\tCancelled\t1\nchild\t2\tCancelled\t1\ncaller\tfalse\tCancelled\tstop\t2\n", nil},
		{"a child's error value is raised as it was, and children may spawn siblings",
			`local boom = {code = 42}
			 local ok, err = pcall(task_group, function(g)
			   g:spawn(function()
			     sleep(1)
			     g:spawn(function() sleep(1) error(boom) end)
			   end)
			 end)
			 print(ok, err.kind, #err.exceptions, err.exceptions[1] == boom, now())`,
			"false\tExceptionGroup\t1\ttrue\t2\n", nil},
		{"errors after the first are in the ExceptionGroup too, with the body's last",
			`local ok, err = pcall(task_group, function(g)
			   g:spawn(function() sleep(1) error("first") end)
			   g:spawn(function() pcall(sleep, 5) error("second") end)
			   pcall(sleep, 5) error("body")
			 end)
			 print(ok, err.message, err.exceptions[1], err.exceptions[2], err.exceptions[3])`,
			"false\tunhandled errors in a TaskGroup (3 sub-exceptions)\tt.lua:2: first\tt.lua:3: second\tt.lua:4: body\n", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err, failed := runWaitingSnippet(t, c.src)
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			if out != c.want {
				t.Errorf("output:\n%s\nwant:\n%s", out, c.want)
			}
			if len(failed) != len(c.failed) || (len(failed) > 0 && failed[0] != c.failed[0]) {
				t.Errorf("unretrieved errors: %q, want %q", failed, c.failed)
			}
		})
	}
}
