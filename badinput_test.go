package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"luasync/internal/clitest"
)

// badInput is one case of the bad-input suite: a script (or raw file bytes), the
// flags to run it with, and how it must end: a documented exit status and a clear
// message naming the file and line, never a Go panic.
type badInput struct {
	name   string
	src    string
	flags  []string
	status int
	stderr []string // each must appear in stderr; FILE stands for the script's path
	stdout string   // checked unless "-"
}

var badInputs = []badInput{
	// Scripts that do not compile or cannot be read.
	{"syntax error", "x = = 1\n", nil, exitFailed, []string{"FILE:1: syntax error near '='"}, ""},
	{"unfinished block", "for i = 1, 2 do\n  print(i)\n", nil, exitFailed, []string{"FILE:3: syntax error near <eof>"}, ""},
	{"binary garbage", "\x1bLua\x51\x00\x01\x04\xff\xfe\x00garbage", nil, exitFailed, []string{"FILE:1:"}, ""},
	{"empty file", "", nil, exitOK, nil, ""},
	{"only a shebang", "#!/usr/bin/env luasync\n", nil, exitOK, nil, ""},
	{"nesting too deep for the parser", "x = " + strings.Repeat("(", 5000) + "1" + strings.Repeat(")", 5000), nil, exitFailed,
		[]string{"FILE:1: chunk has too many syntax levels"}, ""},
	{"a not chain too deep for the compiler", "return " + strings.Repeat("not ", 3000000) + "nil", nil, exitFailed,
		[]string{"FILE:1: chunk has too many syntax levels (more than 1000 levels deep"}, ""},
	{"a 6 MB sum", "x = 1\nx = 1" + strings.Repeat("+1", 3000000), nil, exitFailed, []string{"FILE:2: chunk has too many syntax levels"}, ""},
	{"a field chain", "t = {}\nx = t" + strings.Repeat(".a", 1000000), nil, exitFailed, []string{"FILE:2: chunk has too many syntax levels"}, ""},
	{"a call chain", "x = f" + strings.Repeat("()", 1000000), nil, exitFailed, []string{"FILE:1: chunk has too many syntax levels"}, ""},
	{"loadstring of a deep not chain", `print(loadstring("return " .. string.rep("not ", 3000000) .. "nil"))`, nil, exitOK, nil,
		"nil\t[string \"return not not not not not not not not not ...\"]:1: chunk has too many syntax levels (more than 1000 levels deep, counting brackets, blocks, elseifs, and operators, .field, [key] and calls in a chain)\n"},

	// Errors and how they are reported.
	{"runtime error", "local t = nil\nprint(t.x)\n", nil, exitFailed, []string{"FILE:2: attempt to index a non-table object(nil) with key 'x'\nstack traceback:"}, ""},
	{"error inside a task", "spawn(function()\n  error('in a task')\nend)\n", nil, exitFailed, []string{"Task-2 failed: FILE:2: in a task\nstack traceback:"}, ""},
	{"error inside an error handler", "print(xpcall(function() error('a') end, function() error('b') end))\nerror('after')\n", nil, exitFailed,
		[]string{"FILE:2: after"}, "-"},
	{"error with a table value", "error({code = 1})\n", nil, exitFailed, []string{"(error object is a table value)"}, ""},
	{"error object whose __tostring errors", "error(setmetatable({}, {__tostring = function() error('no') end}))\n", nil, exitFailed,
		[]string{"(error object is a table value)"}, ""},
	{"error(nil) in a task", "spawn(function() error(nil) end)\n", nil, exitFailed, []string{"Task-2 failed: nil"}, ""},
	{"deep recursion", "local function f(n) return 1 + f(n + 1) end\nf(1)\n", nil, exitFailed, []string{"FILE:1: stack overflow"}, ""},
	{"recursion through __tostring", "local t = setmetatable({}, {__tostring = function(s) return tostring(s) end})\nprint(t)\n", nil, exitFailed,
		[]string{"stack overflow"}, ""},
	{"recursion through __index", "local t = setmetatable({}, {__index = function(t, k) return t[k] end})\nprint(t.x)\n", nil, exitFailed,
		[]string{"FILE:1: stack overflow"}, ""},
	{"vararg tail call (overflows where gopher-lua cannot raise an error)", "local function f(...) return f(1, ...) end\nf()\n", nil, exitFailed,
		[]string{"FILE:2: stack overflow"}, ""},
	{"vararg tail call inside pcall", "local function f(...) return f(1, ...) end\nprint(pcall(f))\n", nil, exitFailed,
		[]string{"FILE:2: stack overflow"}, ""},
	{"nested coroutine.wrap recursion", "local function nest() return coroutine.wrap(function() return nest()() end) end\nnest()()\n", nil, exitFailed,
		[]string{"coroutines nested too deeply"}, ""},
	{"yield outside a coroutine", "coroutine.yield(1)\n", nil, exitFailed, []string{"FILE:1: can not yield from outside of a coroutine"}, ""},

	// How a run ends when main or a task ends with a Cancelled error.
	{"gathering a cancelled task", "local w = spawn(sleep, 10); sleep(0); w:cancel(); gather(w); print(\"never\")\n", nil, exitFailed,
		[]string{"FILE:1: Cancelled\nstack traceback:"}, ""},
	{"joining a cancelled task", "local w = spawn(sleep, 10)\nsleep(0)\nw:cancel()\nw:join()\nprint('never')\n", nil, exitFailed,
		[]string{"FILE:4: Cancelled"}, ""},
	{"result of a cancelled task", "local w = spawn(sleep, 10)\nsleep(0)\nw:cancel()\nsleep(0)\nw:result()\nprint('never')\n", nil, exitFailed,
		[]string{"FILE:5: Cancelled"}, ""},
	{"main cancelled by a task", "local m = current_task()\nspawn(function() m:cancel() end)\nsleep(1)\nprint('never')\n", nil, exitFailed,
		[]string{"FILE:3: Cancelled"}, ""},
	{"a task dies of a joined task's cancellation: it is cancelled, as in asyncio, and no failure", "local w = spawn(sleep, 10)\nlocal j = spawn(function() w:join() end)\nsleep(0)\nw:cancel()\nsleep(1)\nprint(w:cancelled(), j:cancelled(), (tostring(j):match(\"^<Task %a+ name='[^']*'\")))\n", nil, exitOK,
		nil, "true\ttrue\t<Task cancelled name='Task-3'\n"},
	{"a cancelled task nobody awaits is no failure", "local w = spawn(sleep, 10)\nsleep(0)\nw:cancel()\nsleep(1)\nprint(w:cancelled())\n", nil, exitOK, nil, "true\n"},

	// Misuse of the API.
	{"releasing an unowned lock", "Lock():release()\n", nil, exitFailed, []string{"FILE:1: Lock:release(): lock is not acquired"}, ""},
	{"put(nil)", "Queue():put(nil)\n", nil, exitFailed, []string{"FILE:1: Queue:put(): cannot put nil"}, ""},
	{"a task joining itself", "current_task():join()\n", nil, exitFailed, []string{"FILE:1: Task:join(): a task cannot join itself"}, ""},
	{"a task gathering itself", "gather(current_task())\n", nil, exitFailed, []string{"FILE:1: gather(): a task cannot gather itself"}, ""},
	{"a spawned task gathering itself", "local t\nt = spawn(function() sleep(0) gather(t) end)\nsleep(1)\n", nil, exitFailed,
		[]string{"Task-2 failed: FILE:2: gather(): a task cannot gather itself"}, ""},
	{"tasks joining each other, then cancelled", "local a, b\na = spawn(function() sleep(0) b:join() end)\nb = spawn(function() sleep(0) a:join() end)\nsleep(1)\na:cancel()\nsleep(1)\nprint(a:cancelled(), b:cancelled())\n", nil, exitOK,
		nil, "true\ttrue\n"},
	{"tasks joining each other, then main fails", "local a, b\na = spawn(function() sleep(0) b:join() end)\nb = spawn(function() sleep(0) a:join() end)\nsleep(1)\nerror('boom')\n", nil, exitFailed,
		[]string{"FILE:5: boom"}, ""},
	{"tasks joining each other, then a wait_for timeout", "local a, b\na = spawn(function() sleep(0) b:join() end)\nb = spawn(function() sleep(0) a:join() end)\nprint(pcall(wait_for, a, 1))\n", nil, exitOK,
		nil, "false\tTimeout: timed out\n"},
	{"spawning a non-function", "spawn(42)\n", nil, exitFailed, []string{"FILE:1: spawn(): argument 1 must be a function, got number"}, ""},
	{"a method called with a dot", "local l = Lock()\nl.acquire()\n", nil, exitFailed, []string{"FILE:2: Lock:acquire(): call it as a method, with a colon"}, ""},
	{"sleep(-1)", "sleep(-1)\n", nil, exitFailed, []string{"FILE:1: sleep(): seconds must not be negative, got -1"}, ""},
	{"sleep(NaN)", "sleep(0/0)\n", nil, exitFailed, []string{"FILE:1: sleep(): seconds must be a finite number, got nan"}, ""},
	{"sleep(inf)", "sleep(1/0)\n", nil, exitFailed, []string{"FILE:1: sleep(): seconds must be a finite number, got inf"}, ""},
	{"a huge maxsize is fine", "print(Queue(1e15))\n", nil, exitOK, nil, "<Queue maxsize=1000000000000000>\n"},
	{"put after shutdown", "local q = Queue()\nq:shutdown()\nq:put(1)\n", nil, exitFailed, []string{"FILE:3: QueueShutDown: the queue is shut down"}, ""},
	{"shutdown(non-boolean)", "Queue():shutdown('yes')\n", nil, exitFailed, []string{"FILE:1: bad argument #2 to 'shutdown' (boolean expected, got string)"}, ""},
	{"uncancel called with a dot", "current_task().uncancel()\n", nil, exitFailed, []string{"FILE:1: Task:uncancel(): call it as a method, with a colon"}, ""},
	{"a negative timeout", "timeout(-1, function() end)\n", nil, exitFailed, []string{"FILE:1: timeout(): seconds must not be negative, got -1"}, ""},
	{"timeout without a function", "timeout(1, 42)\n", nil, exitFailed, []string{"FILE:1: timeout(): argument 2 must be a function, got number"}, ""},
	{"timeout_at of a string", "timeout_at('soon', function() end)\n", nil, exitFailed, []string{"FILE:1: timeout_at(): the deadline must be a number (a time as now() gives it) or nil, got string"}, ""},
	{"rescheduling a finished timeout", "local s = timeout(1, function(s) return s end)\ns:reschedule(5)\n", nil, exitFailed,
		[]string{"FILE:2: Timeout:reschedule(): cannot change the deadline of a timeout that has expired or finished"}, ""},
	{"a timeout ends inside a function given to wait_for", "print(pcall(wait_for, function() sleep(1) end, 0.5))\n", nil, exitOK, nil, "false\tTimeout: timed out\n"},
	{"wait_for with a negative timeout", "wait_for(sleep, -1)\n", nil, exitFailed, []string{"FILE:1: wait_for(): seconds must not be negative, got -1"}, ""},
	{"gather of a table that is not an array", "gather({function() end, name = 'x'})\n", nil, exitFailed,
		[]string{"FILE:1: gather(): argument 1 must be an array of tasks, futures or functions (keys 1 to n, no holes), got a table with key 'name'"}, ""},
	{"gather with an unknown option", "gather({}, {return_exception = true})\n", nil, exitFailed,
		[]string{"FILE:1: gather(): unknown option 'return_exception' (the option is return_exceptions)"}, ""},
	{"shield of a number", "shield(42)\n", nil, exitFailed, []string{"FILE:1: shield(): argument 1 must be a task or a Future, got number"}, ""},
	{"task_done too often", "Queue():task_done()\n", nil, exitFailed, []string{"FILE:1: Queue:task_done(): task_done() called too many times"}, ""},
	{"a negative semaphore", "Semaphore(-1)\n", nil, exitFailed, []string{"FILE:1: Semaphore(): initial value must be >= 0, got -1"}, ""},
	{"wait for nothing", "wait({})\n", nil, exitFailed, []string{"FILE:1: wait(): no tasks to wait for"}, ""},
	{"math.random(0)", "math.random(0)\n", nil, exitFailed, []string{"FILE:1: bad argument #1 to 'random' (interval is empty)"}, ""},
	{"math.random of an interval wider than an int64", "local r = math.random(-2^62, 2^62)\nprint(r >= -2^62 and r <= 2^62 and r == math.floor(r), math.random(1e300, 1e300))\n", nil, exitOK, nil, "true\t1e+300\n"},
	{"math.random of an infinite interval", "print(math.random(1, 1/0))\n", nil, exitFailed, []string{"FILE:1: bad argument to 'random' (the interval is infinite)"}, ""},
	{"a deadlock", "local l = Lock()\nl:acquire()\nl:acquire()\n", nil, exitDeadlock,
		[]string{"luasync: deadlock: 1 task is waiting and nothing can wake it\n  Task-1 waiting on Lock.acquire <Lock [locked, waiters:1]>, held by Task-1, at FILE:3"}, ""},
	{"a deadlock report runs no Lua: a queue item whose __tostring waits", "local q = Queue()\nq:put(setmetatable({}, {__tostring = function() sleep(0) return 'item' end}))\nq:join()\n", nil, exitDeadlock,
		[]string{"  Task-1 waiting on Queue.join <Queue maxsize=0 _queue=[table: 0x", "] tasks=1>, at FILE:3\n",
			"luasync: warning: Task-1 waits in Queue:join() at FILE:3 for Queue A, which no task will ever get from: it holds 1 item and nobody ever called get() on it"}, ""},

	// Blocking where it can and cannot be done.
	{"blocking inside pcall", "print(pcall(sleep, 1))\n", nil, exitOK, nil, "true\n"},
	{"blocking inside a coroutine", "local co = coroutine.wrap(function() sleep(1) coroutine.yield(now()) end)\nprint(co())\n", nil, exitOK, nil, "1\n"},
	{"blocking inside a gsub callback", "print((('ab'):gsub('.', function(c) sleep(1) return c:upper() end)))\n", nil, exitOK, nil, "AB\n"},
	{"blocking inside a table.sort comparator", "table.sort({3, 1, 2}, function(a, b) sleep(0) return a < b end)\n", nil, exitFailed,
		[]string{"FILE:1: sleep(): cannot wait inside a table.sort comparator"}, ""},
	{"resuming another task's coroutine", "local co = coroutine.create(function() sleep(1) end)\nspawn(function() print(coroutine.resume(co)) end)\ncoroutine.resume(co)\n", nil, exitOK, nil,
		"false\tcannot resume a coroutine that Task-1 is running inside\n"},
	{"resuming another task's thread", "local th\nlocal a = spawn(function() th = coroutine.running() sleep(1) return 'a' end)\nsleep(0)\nprint(coroutine.status(th), coroutine.resume(th))\nprint(a:join())\n", nil, exitOK, nil,
		"normal\tfalse\tcannot resume non-suspended coroutine (it is the thread of Task-2, not a coroutine)\na\n"},
	{"resuming a finished task's thread", "local th\nspawn(function() th = coroutine.running() end):join()\nprint(coroutine.status(th), coroutine.resume(th))\n", nil, exitOK, nil,
		"dead\tfalse\tcannot resume dead coroutine (it was the thread of a task that has finished)\n"},
	{"resuming its own thread", "print(coroutine.status(coroutine.running()), coroutine.resume(coroutine.running()))\nlocal own = coroutine.running()\nprint(coroutine.wrap(function() return coroutine.status(own) end)())\n", nil, exitOK, nil,
		"running\tfalse\tcannot resume non-suspended coroutine (it is the thread of Task-1, not a coroutine)\nnormal\n"},
	{"wrapping another task's thread", "local th\nspawn(function() th = coroutine.running() sleep(1) end)\nsleep(0)\ncoroutine.wrap(th)\n", nil, exitFailed,
		[]string{"FILE:4: bad argument #1 to wrap (function expected, got thread)"}, ""},
	{"yield across pcall inside a coroutine", "local co = coroutine.create(function() local ok, e = pcall(coroutine.yield, 1) print(ok, (e:gsub('^.-:%d+: ', ''))) return 'end' end)\nprint(coroutine.resume(co))\nprint(coroutine.status(co))\n", nil, exitOK, nil,
		"false\tattempt to yield across metamethod/C-call boundary\ntrue\tend\ndead\n"},
	{"a thread reused by the next task starts with the globals", "spawn(function() setfenv(0, {}) end):join()\nspawn(function() print(getfenv(0) == _G) end):join()\n", nil, exitOK, nil, "true\n"},

	// Resources: every limit ends the run with a clear message.
	{"tasks failing with huge messages", "local big = string.rep('m', 2^20)\nfor i = 1, 80 do spawn(function() error(big, 0) end) end\n", nil, exitFailed,
		[]string{"mmm... (1032192 bytes more)\nstack traceback:", "bytes more of the failed tasks' report; it stops at 1024 KiB)"}, ""},
	{"string.rep of gigabytes", "local s = ('x'):rep(2^31)\n", []string{"--max-memory", "0"}, exitFailed, []string{"FILE:1: string.rep: the result would be 2.0 GiB; the limit is 64 MiB"}, ""},
	{"string.rep of gigabytes under --max-memory", "print(pcall(string.rep, 'x', 2^31))\n", nil, exitLimit,
		[]string{"luasync: memory limit exceeded (1024 MiB, --max-memory; FILE:1: string.rep would need 2.0 GiB"}, "-"},
	{"table.concat of gigabytes", "local s = ('x'):rep(2^26)\nlocal t = {}\nfor i = 1, 16 do t[i] = s end\nprint(#table.concat(t))\n", []string{"--max-memory", "0"}, exitFailed,
		[]string{"FILE:4: table.concat: the result would be 1.0 GiB; the limit is 64 MiB"}, ""},
	{"string.format of gigabytes", "local s = ('x'):rep(2^26)\nprint(#string.format(('%s'):rep(16), s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s))\n", []string{"--max-memory", "0"}, exitFailed,
		[]string{"FILE:2: string.format: the result would be 1.0 GiB; the limit is 64 MiB"}, ""},
	{"a concatenation of gigabytes", "local s = ('x'):rep(2^26)\nlocal t = s..s..s..s..s..s..s..s..s..s..s..s..s..s..s..s\n", []string{"--max-memory", "0"}, exitFailed,
		[]string{"FILE:2: concatenation: the result would be 1.0 GiB; the limit is 64 MiB\nstack traceback:\n\tFILE:2: in main chunk"}, ""},
	{"a concatenation of gigabytes under --max-memory", "local s = ('x'):rep(2^26)\nprint(pcall(function()\n  return s..s..s..s..s..s..s..s..s..s..s..s..s..s..s..s\nend))\n", nil, exitLimit,
		[]string{"luasync: memory limit exceeded (1024 MiB, --max-memory; FILE:3: concatenation would need 1.0 GiB"}, "-"},
	{"a concatenation over 64 MiB is an error pcall catches", "local s = ('x'):rep(2^25)\nlocal ok, err = pcall(function() return 1 .. s..s..s end)\nprint(ok, err:match(':(%d+): (.*)'))\n", nil, exitOK, nil,
		"false\t2\tconcatenation: the result would be 96 MiB; the limit is 64 MiB\n"},
	{"__concat between big strings", "local s = ('x'):rep(2^20)\nlocal t = setmetatable({}, {__concat = function(a, b) return type(a) .. #b end})\nprint(#(s .. s .. t .. s .. 'y'))\n", nil, exitOK, nil,
		"2097164\n"},
	{"a concatenation with nil after a big string", "local big = ('x'):rep(2^21)\nlocal x = big .. big .. nil\n", nil, exitFailed,
		[]string{"FILE:2: cannot perform concat operation between string and nil\nstack traceback:\n\tFILE:2: in main chunk\n"}, ""},
	{"io.read(2^40)", "print(pcall(io.read, 2^40))\n", nil, exitOK, nil, "true\tnil\n"},
	{"io.read(-1)", "print(pcall(io.read, -1))\n", nil, exitOK, nil, "true\tnil\n"},
	{"runaway table index", "local t = {}\nt[67108863] = 1\nprint(#t)\n", nil, exitOK, nil, "0\n"},
	{"runaway table growth", "local t = {}\nfor i = 1, 1e9 do t[i] = {i} end\n", []string{"--max-memory", "150"}, exitLimit,
		[]string{"luasync: memory limit exceeded (150 MiB, --max-memory)"}, ""},
	{"a flood of output", "while true do io.write(('x'):rep(65536)) end\n", nil, exitLimit, []string{"luasync: output limit exceeded (64 MiB of output)"}, "-"},
	{"too many tasks", "for i = 1, 10 do spawn(function() sleep(1) end) end\n", []string{"--max-tasks", "5"}, exitFailed,
		[]string{"FILE:1: spawn(): too many tasks: 5 are unfinished, the limit is 5 (--max-tasks)"}, ""},
	{"too many tasks spawned by wait", "local fns = {}\nfor i = 1, 10 do fns[i] = function() sleep(1) end end\nwait(fns)\n", []string{"--max-tasks", "5"}, exitFailed,
		[]string{"FILE:3: wait(): too many tasks: 5 are unfinished, the limit is 5 (--max-tasks)"}, ""},
	{"an endless loop", "spawn(function()\n  while true do end\nend)\nsleep(1)\n", []string{"--timeout", "200ms"}, exitTimeout,
		[]string{"luasync: timed out after 200ms; Task-2 was running at FILE:2"}, ""},
	{"a timeout without its unit", "print('ran')\n", []string{"--timeout", "5"}, exitUsage,
		[]string{"luasync: --timeout 5: a duration needs a unit, such as 5s or 2m"}, ""},
	{"a negative memory limit", "print('ran')\n", []string{"--max-memory", "-1"}, exitUsage,
		[]string{"luasync: --max-memory must be 0 (no limit) or more, not -1"}, ""},
	{"a trace in a missing folder", "print('ran')\n", []string{"--trace", "/nonexistent/t.json"}, exitUsage,
		[]string{"luasync: --trace /nonexistent/t.json: cannot write it: no such file or directory"}, ""},
	{"unpack of 16,376 values in a function", "local t = {}\nfor i = 1, 16376 do t[i] = i end\nspawn(function() print(select('#', unpack(t))) end)\n", nil, exitOK, nil, "16376\n"},
	{"unpack of too many values", "local t = {}\nfor i = 1, 20000 do t[i] = i end\nprint(select('#', unpack(t)))\n", nil, exitFailed,
		[]string{"FILE:3: stack overflow"}, ""},
	{"a huge format width", "print(('%999999999d'):format(1))\n", nil, exitFailed, []string{"string.format: invalid format (width too long)"}, ""},
	{"a pattern that would backtrack for minutes", "print(('a'):rep(1e6):find('a-a-a-a-b'))\n", []string{"--timeout", "200ms"}, exitTimeout,
		[]string{"luasync: timed out after 200ms; Task-1 was running at FILE:1"}, ""},
	{"a lazy search of 128 KiB that fails", "print(('a'):rep(2^17):find('.-b'))\n", []string{"--timeout", "200ms"}, exitTimeout,
		[]string{"luasync: timed out after 200ms; Task-1 was running at FILE:1"}, ""},
	{"a greedy capture of 256 KiB that fails", "print(('a'):rep(2^18):match('(.*)b'))\n", []string{"--timeout", "200ms"}, exitTimeout,
		[]string{"luasync: timed out after 200ms; Task-1 was running at FILE:1"}, ""},
	{"gsub of each byte of 1 MiB", "local r, n = ('x'):rep(2^20):gsub('.', 'y')\nprint(#r, n)\n", []string{"--timeout", "1m"}, exitOK, nil, "1048576\t1048576\n"},
	{"an empty pattern's gsub on 512 KiB", "local r, n = ('a'):rep(2^19):gsub('', '-')\nprint(#r, n)\n", []string{"--timeout", "1m"}, exitOK, nil, "1048577\t524289\n"},
	{"loading a chunk nested too deeply", "print(loadstring(('('):rep(1000)))\n", nil, exitOK, nil, "nil\t[string \"(((((((((((((((((((((((((((((((((((((((((((...\"]:1: chunk has too many syntax levels (more than 200 nested)\n"},

	// Futures and callbacks.
	{"a callback that fails", "call_soon(function()\n  error('in a callback')\nend)\nsleep(0)\nprint('after')\n", nil, exitOK,
		[]string{"Exception in callback <lambda>() at FILE:1\nhandle: <Handle <lambda>() at FILE:1>\nFILE:2: in a callback\nstack traceback:"}, "after\n"},
	{"a callback that waits", "call_later(1, function()\n  sleep(1)\nend)\nsleep(2)\nprint('after')\n", nil, exitOK,
		[]string{"FILE:2: sleep(): cannot wait inside the callback <lambda>() at FILE:1, scheduled at FILE:1: callbacks run outside any task"}, "after\n"},
	{"a callback resumes a coroutine that waits", "local co = coroutine.create(function() sleep(1) end)\ncall_soon(function()\n  local ok, err = coroutine.resume(co)\n  print(ok, (err:gsub('%S*bad%.lua', 'FILE')))\nend)\nsleep(0)\n", nil, exitOK,
		nil, "false\tFILE:1: sleep(): cannot wait inside the callback <lambda>() at FILE:2, scheduled at FILE:2: callbacks run outside any task (spawn a task to wait)\n"},
	{"a callback resumes a coroutine a task waits inside", "local co = coroutine.create(function() sleep(1) return 'woke' end)\nlocal t = spawn(coroutine.resume, co)\nsleep(0.5)\ncall_soon(function() print(coroutine.resume(co)) end)\nsleep(0)\nprint(t:join())\n", nil, exitOK,
		nil, "false\tcannot resume a coroutine that Task-2 is running inside\ntrue\twoke\n"},
	{"a callback resumes itself inside a coroutine", "local co\nco = coroutine.create(function() print(coroutine.status(co), coroutine.resume(co)) end)\ncall_soon(function() print(coroutine.resume(co)) end)\nsleep(0)\n", nil, exitOK,
		nil, "running\tfalse\tcannot resume non-suspended coroutine\ntrue\n"},
	{"a done-callback that waits", "local f = Future()\nf:add_done_callback(function(fut)\n  fut:join()\nend)\nf:set_result(1)\nsleep(0)\n", nil, exitOK,
		[]string{"Exception in callback <lambda>() at FILE:2\n", "FILE:3: Future:join(): cannot wait inside the callback <lambda>() at FILE:2, scheduled at FILE:2"}, ""},
	{"a future's error nobody retrieves", "local f = Future()\nf:set_error('boom')\nlocal g = Future()\ng:set_error('seen')\nprint(g:error())\nprint('end')\n", nil, exitFailed,
		[]string{"Future exception was never retrieved: boom\n"}, "seen\nend\n"},
	{"set_result twice", "local f = Future()\nf:set_result(1)\nf:set_result(2)\n", nil, exitFailed, []string{"FILE:3: InvalidState: invalid state"}, ""},
	{"the result of a pending future", "local f = Future()\nprint(f:result())\n", nil, exitFailed, []string{"FILE:2: InvalidState: Result is not set."}, ""},
	{"set_error(nil)", "local f = Future()\nf:set_error(nil)\n", nil, exitFailed, []string{"FILE:2: Future:set_error(): the error must not be nil"}, ""},
	{"call_later with a NaN delay", "call_later(0/0, print)\n", nil, exitFailed, []string{"FILE:1: call_later(): delay must be a finite number, got nan"}, ""},
	{"call_soon of a number", "call_soon(42)\n", nil, exitFailed, []string{"FILE:1: call_soon(): argument 1 must be a function, got number"}, ""},
	{"when() of a call_soon handle", "call_soon(function() end):when()\n", nil, exitFailed, []string{"FILE:1: Handle:when(): a handle of call_soon has no deadline"}, ""},
	{"a task group that fails in the main chunk", "task_group(function(g)\n  g:spawn(function() error('boom') end)\n  g:spawn(function() error('bang') end)\nend)\n", nil, exitFailed,
		[]string{"FILE:1: ExceptionGroup: unhandled errors in a TaskGroup (2 sub-exceptions)\n  1: FILE:2: boom\n  2: FILE:3: bang\n"}, ""},
	{"a vararg tail call overflowing in a callback", "call_soon(function()\n  local function f(...) return f(1, ...) end\n  f()\nend)\nsleep(0)\ncall_soon(print, 'next callback')\nsleep(0)\n", nil, exitOK,
		[]string{"Exception in callback <lambda>() at FILE:1\n", "FILE:3: stack overflow"}, "next callback\n"},
	{"a callback in an endless loop", "call_soon(function()\n  while true do end\nend)\nsleep(1)\n", []string{"--timeout", "200ms"}, exitTimeout,
		[]string{"luasync: timed out after 200ms; the callback <lambda>() at FILE:1 was running at FILE:2"}, ""},
	{"as_completed of a number", "for t in as_completed(5) do end\n", nil, exitFailed,
		[]string{"FILE:1: as_completed(): argument 1 must be an array of tasks, futures or functions, got number"}, ""},
	{"as_completed of a list holding a string", "for t in as_completed({'x'}) do end\n", nil, exitFailed,
		[]string{"FILE:1: as_completed(): list[1] must be a task, a future or a function, got string"}, ""},
	{"as_completed with a negative timeout", "for t in as_completed({}, {timeout = -1}) do end\n", nil, exitFailed,
		[]string{"FILE:1: as_completed(): timeout: seconds must not be negative, got -1"}, ""},
	{"as_completed with an unknown option", "for t in as_completed({}, {tmeout = 1}) do end\n", nil, exitFailed,
		[]string{"FILE:1: as_completed(): unknown option 'tmeout' (the only option is timeout)"}, ""},
	{"a future nobody completes", "local f = Future()\nspawn(function()\n  for t in as_completed({f}) do end\nend)\nf:join()\n", nil, exitDeadlock,
		[]string{"Task-1 waiting on Future.join <Future pending", "at FILE:5", "Task-2 waiting on as_completed, at FILE:3"}, ""},

	// The sandbox.
	{"os.exit", "print('a')\nos.exit(3)\nprint('b')\n", nil, 3, nil, "a\n"},
	{"os.exit(true)", "os.exit(true)\n", nil, exitOK, nil, ""},
	{"os.exit(false)", "os.exit(false)\n", nil, exitFailed, nil, ""},
	{"os.exit(0/0)", "os.exit(0/0)\n", nil, exitFailed, []string{"FILE:1: bad argument #1 to 'exit' (the exit status must be an integer from 0 to 255, got nan)"}, ""},
	{"os.exit(2.5)", "os.exit(2.5)\n", nil, exitFailed, []string{"FILE:1: bad argument #1 to 'exit' (the exit status must be an integer from 0 to 255, got 2.5)"}, ""},
	{"os.exit(256)", "os.exit(256)\n", nil, exitFailed, []string{"got 256)"}, ""},
	{"os.exit('x')", "os.exit('x')\n", nil, exitFailed, []string{"FILE:1: bad argument #1 to 'exit' (number or boolean expected, got string)"}, ""},
	{"os.exit inside pcall", "print(pcall(os.exit, 3))\nprint('after exit')\n", nil, 3, nil, ""},
	{"os.exit inside a coroutine", "local co = coroutine.create(function() os.exit(4) end)\nprint(coroutine.resume(co))\nprint('after resume')\n", nil, 4, nil, ""},
	{"os.exit inside xpcall runs no handler", "print(xpcall(function() os.exit(6) end, function(e) print('handler', e) return e end))\nprint('after')\n", nil, 6, nil, ""},
	{"os.exit in a task", "spawn(function() print(pcall(os.exit, 5)) print('task after') end)\nprint(pcall(sleep, 1))\nprint('main after')\n", nil, 5, nil, ""},
	{"a deadlock with pcall around the wait", "local q = Queue()\nspawn(function() print(pcall(q.get, q)) print('after catch') sleep(1) end)\nq:get()\n", nil, exitDeadlock,
		[]string{"luasync: deadlock: 2 tasks are waiting"}, ""},
	{"a timeout with pcall around the wait", "spawn(function() print(pcall(sleep, 10)) print('after') end)\nspawn(function() print(pcall(function() while true do end end)) print('after loop') end)\nprint(xpcall(function() sleep(5) end, function(e) print('handler', e) return e end))\n",
		[]string{"--timeout", "300ms"}, exitTimeout, []string{"luasync: timed out after 300ms; Task-3 was running at FILE:2"}, ""},
	{"the channel module", "channel.make()\n", nil, exitFailed, []string{"FILE:1: attempt to index a non-table object(nil) with key 'make'"}, ""},
	{"require from outside the script's folder", "require('..secret')\n", nil, exitFailed, []string{"module '..secret' not found"}, ""},
}

func TestBadInput(t *testing.T) {
	if len(badInputs) < 40 {
		t.Fatalf("the suite has %d cases, want at least 40", len(badInputs))
	}
	for _, c := range badInputs {
		t.Run(c.name, func(t *testing.T) {
			path := writeScript(t, "bad.lua", c.src)
			args := append(append([]string{"run", "--clock", "virtual"}, c.flags...), path)
			r := runCLI(t, "", args...)
			checkBadInput(t, c, path, r)
		})
	}
	t.Run("missing file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "nothere.lua")
		r := runCLI(t, "", "run", path)
		checkBadInput(t, badInput{status: exitUsage, stderr: []string{"luasync: cannot read the script: open FILE: no such file or directory"}, stdout: ""}, path, r)
	})
	t.Run("a folder as the script", func(t *testing.T) {
		dir := t.TempDir()
		r := runCLI(t, "", "run", dir)
		checkBadInput(t, badInput{status: exitUsage, stderr: []string{"luasync: cannot read the script: read " + dir + ": is a directory"}, stdout: ""}, dir, r)
	})
}

func checkBadInput(t *testing.T, c badInput, path string, r cliResult) {
	t.Helper()
	if r.status != c.status {
		t.Errorf("exit status %d, want %d; stderr:\n%s", r.status, c.status, r.stderr)
	}
	if c.stdout != "-" && r.stdout != c.stdout {
		t.Errorf("stdout %q, want %q", r.stdout, c.stdout)
	}
	for _, want := range c.stderr {
		want = strings.ReplaceAll(want, "FILE", path)
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	for _, goTrace := range []string{"goroutine ", "panic:", "[recovered]", ".go:"} {
		if strings.Contains(r.stderr, goTrace) {
			t.Errorf("a Go panic or stack reached the user (%q):\n%s", goTrace, r.stderr)
		}
	}
}

// Ctrl-C during a blocked get and during a busy loop.
func TestBadInputInterrupts(t *testing.T) {
	for _, c := range []struct {
		name, src string
		twice     bool
		want      []string // in stderr, after one Ctrl-C
	}{
		{"during a blocked get", "print('ready')\nlocal q = Queue()\nspawn(function() sleep(3600) q:put(1) end)\nq:get()\n", false,
			[]string{"Task-1 waiting on Queue.get"}},
		{"during a busy loop that ignores the first", "print('ready')\npcall(function() while true do end end)\nwhile true do end\n", true, nil},
		{"during a busy loop: it is cancelled at once, its cleanup runs", "print('ready')\nspawn(sleep, 3600)\n" +
			"local ok, err = pcall(function() while true do end end)\nio.stderr:write('cleanup: ', tostring(err), '\\n')\n", false,
			[]string{"cleanup: Cancelled: interrupted\n", "luasync: interrupted: cancelled 2 tasks", "Task-2 pending"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := writeScript(t, "ctrlc.lua", c.src)
			out := clitest.NewLineSignal("ready")
			presses := 1
			if c.twice {
				presses = 2
			}
			interrupts := ctrlCAt(out, presses)
			exited := make(chan int, 1)
			var errOut bytes.Buffer
			e := testEnv(t, strings.NewReader(""), out, &errOut)
			e.interrupts = interrupts
			e.exitNow = func(code int) { exited <- code }
			status := runWith([]string{"luasync", "run", path}, e)
			if status != exitInterrupted {
				t.Errorf("status %d, want %d; stderr:\n%s", status, exitInterrupted, errOut.String())
			}
			if c.twice && len(exited) == 0 {
				t.Error("the second Ctrl-C did not exit at once")
			}
			for _, want := range c.want {
				if !strings.Contains(errOut.String(), want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut.String())
				}
			}
		})
	}
}

// In the default sandbox a script cannot run a command, open or write a file, load
// native code or read the environment; with --unsafe it can.
func TestSandbox(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(secret, []byte("top secret"), 0o600)
	attempts := []string{
		"os.execute('touch /tmp/luasync-pwned')",
		"io.popen('id')",
		"io.open('" + secret + "')",
		"io.open('/tmp/luasync-pwned', 'w')",
		"os.remove('" + secret + "')",
		"os.rename('" + secret + "', '/tmp/x')",
		"os.getenv('HOME')",
		"os.tmpname()",
		"package.loadlib('/lib/x86_64-linux-gnu/libc.so.6', 'system')",
		"require('os').execute('id')",
		"dofile('" + secret + "')",
		"loadfile('" + secret + "')",
		"debug.getregistry()",
	}
	for _, a := range attempts {
		t.Run(a, func(t *testing.T) {
			path := writeScript(t, "try.lua", "local ok, err = pcall(function() return "+a+" end)\nprint(ok and 'ALLOWED' or 'refused')\n")
			r := runCLI(t, "", "run", path)
			if r.stdout != "refused\n" {
				t.Errorf("%s: %q %q", a, r.stdout, r.stderr)
			}
		})
	}
	if _, err := os.Stat("/tmp/luasync-pwned"); err == nil {
		t.Error("a script created a file")
	}
	if b, _ := os.ReadFile(secret); string(b) != "top secret" {
		t.Error("a script changed a file")
	}
	path := writeScript(t, "unsafe.lua", "print(os.getenv('LUASYNC_SANDBOX_TEST') , io.open('"+secret+"'):read('*a'))\n")
	t.Setenv("LUASYNC_SANDBOX_TEST", "visible")
	if r := runCLI(t, "", "run", "--unsafe", path); r.stdout != "visible\ttop secret\n" {
		t.Errorf("--unsafe: %q %q", r.stdout, r.stderr)
	}
}

// Reads honour the run's stop: io.read on an input that never comes ends with
// --timeout (real time: a tiny one) or Ctrl-C; require refuses a FIFO.
func TestBadInputReadsHonourTheStop(t *testing.T) {
	t.Run("io.read", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		defer w.Close() // the read still waiting gets the end of input
		path := writeScript(t, "read.lua", "print(io.read())\n")
		var out, errOut bytes.Buffer
		status := runWith([]string{"luasync", "run", "--timeout", "50ms", path}, testEnv(t, r, &out, &errOut))
		checkBadInput(t, badInput{status: exitTimeout, stderr: []string{"luasync: timed out after 50ms; Task-1 was running at FILE:1"}},
			path, cliResult{status, out.String(), errOut.String()})
	})
	t.Run("io.read and Ctrl-C", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		defer w.Close()
		path := writeScript(t, "read.lua", "print('ready')\nlocal ok, err = pcall(io.read)\nprint(ok, err)\n")
		out := clitest.NewLineSignal("ready")
		interrupts := ctrlCAt(out, 1)
		var errOut bytes.Buffer
		e := testEnv(t, r, out, &errOut)
		e.interrupts = interrupts
		status := runWith([]string{"luasync", "run", path}, e)
		if status != exitInterrupted || !strings.Contains(out.String(), "ready\nfalse\tCancelled: interrupted\n") {
			t.Errorf("status %d, stdout %q, stderr:\n%s", status, out.String(), errOut.String())
		}
	})
	t.Run("require of a FIFO", func(t *testing.T) {
		// refused before it is opened (opening a FIFO waits for a writer); had it
		// been opened, the read would still end with the timeout
		path := writeScript(t, "main.lua", "require 'fifo'\n")
		if err := syscall.Mkfifo(filepath.Join(filepath.Dir(path), "fifo.lua"), 0o600); err != nil {
			t.Skip("no FIFOs here:", err)
		}
		r := runCLI(t, "", "run", "--timeout", "50ms", path)
		checkBadInput(t, badInput{status: exitFailed, stderr: []string{"FILE:1: module 'fifo' not found:", "fifo.lua is not a regular file"}}, path, r)
	})
}

// --timeout counts from the start, compiling included: a script of 1 MB takes a
// good part of a second to compile, far more than the timeout.
func TestBadInputTimeoutCountsCompiling(t *testing.T) {
	path := writeScript(t, "big.lua", "local x = 0\n"+strings.Repeat("x = x + 1\n", 100_000)+"print(x)\n")
	r := runCLI(t, "", "run", "--timeout", "50ms", path)
	checkBadInput(t, badInput{status: exitTimeout, stderr: []string{"luasync: timed out after 50ms"}}, path, r)
}
