package bindings

import (
	"errors"
	"strings"
	"testing"

	"luasync/runtime"
)

// Each case runs a snippet on a virtual clock (runSnippet, main_test.go) and compares
// what it prints, and the first unretrieved task error if any.
func TestPrimitivesAPI(t *testing.T) {
	checkSnippets(t, []snippet{
		// Event
		{"Event wakes every waiter; wait returns true",
			`local e = Event()
			 for i = 1, 2 do spawn(function() print("waiter", i, e:wait()) end) end
			 sleep(0); print(e, e:is_set())
			 e:set(); print(e, e:is_set())
			 sleep(0); e:clear(); print(e, e:is_set())`,
			"<Event [unset, waiters:2]>\tfalse\n<Event [set, waiters:2]>\ttrue\nwaiter\t1\ttrue\nwaiter\t2\ttrue\n<Event [unset]>\tfalse\n", ""},
		{"Event:wait on a set event does not yield",
			`local e = Event(); e:set()
			 spawn(function() print("other") end)
			 print(e:wait()); print("main first")`,
			"true\nmain first\nother\n", ""},
		{"Event methods need a colon",
			`local e = Event(); print(pcall(e.wait))`,
			"false\tt.lua:1: Event:wait(): call it as a method, with a colon (x:wait())\n", ""},

		// Condition
		{"Condition: wait_for returns the predicate's value",
			`local c, items = Condition(), {}
			 for i = 1, 2 do
			   spawn(function()
			     local v = c:with(function()
			       return c:wait_for(function() return #items > 0 and table.remove(items, 1) end)
			     end)
			     print("consumer", i, v)
			   end)
			 end
			 sleep(0); print(c)
			 c:with(function() items = {"a", "b"}; c:notify_all(); print(c) end)
			 sleep(0); print(c)`,
			"<Condition [unlocked, waiters:2]>\n<Condition [locked, waiters:2]>\nconsumer\t1\ta\nconsumer\t2\tb\n<Condition [unlocked]>\n", ""},
		{"Condition: notify(n) wakes n waiters, in order",
			`local c = Condition()
			 for i = 1, 3 do spawn(function() c:acquire(); c:wait(); print("woke", i); c:release() end) end
			 sleep(0)
			 c:acquire(); c:notify(); c:notify(1); c:release(); sleep(0); print(c)
			 c:acquire(); c:notify(5); c:release(); sleep(0); print(c)`,
			"woke\t1\nwoke\t2\n<Condition [unlocked, waiters:1]>\nwoke\t3\n<Condition [unlocked]>\n", ""},
		{"Condition: misuse without the lock",
			`local c = Condition()
			 print(pcall(c.wait, c)); print(pcall(c.notify, c)); print(pcall(c.notify_all, c))
			 print(pcall(c.release, c))
			 print(c:wait_for(function() return 42 end))
			 print(pcall(c.wait_for, c, function() return false end))`,
			"false\tt.lua:2: Condition:wait(): cannot wait on un-acquired lock\n" +
				"false\tt.lua:2: Condition:notify(): cannot notify on un-acquired lock\n" +
				"false\tt.lua:2: Condition:notify_all(): cannot notify on un-acquired lock\n" +
				"false\tt.lua:3: Condition:release(): lock is not acquired\n" +
				"42\n" +
				"false\tt.lua:5: Condition:wait_for(): cannot wait on un-acquired lock\n", ""},
		{"Condition: a cancelled wait has the lock again, and with() releases it",
			`local c = Condition()
			 local t = spawn(function()
			   c:with(function()
			     local ok, err = pcall(c.wait, c)
			     print(ok, err.kind, err.message, c:locked())
			     error(err)
			   end)
			 end)
			 sleep(0); t:cancel("stop"); sleep(0)
			 print(t:cancelled(), c)`,
			"false\tCancelled\tstop\ttrue\ntrue\t<Condition [unlocked]>\n", ""},
		{"Condition: an error in the predicate goes through as raised",
			`local c = Condition()
			 print(pcall(c.wait_for, c, function() error("boom") end))
			 local ok, err = pcall(c.wait_for, c, function() error({code = 7}) end)
			 print(ok, err.code)`,
			"false\tt.lua:2: boom\nfalse\t7\n", ""},
		{"Condition over a given Lock",
			`local l = Lock(); local c = Condition(l)
			 l:acquire(); print(c:locked(), c); c:release(); print(l)
			 print(pcall(Condition, 3)); print(pcall(Condition, Semaphore()))`,
			"true\t<Condition [locked]>\n<Lock [unlocked]>\n" +
				"false\tt.lua:3: Condition(): argument 1 must be a Lock, got number\n" +
				"false\tt.lua:3: Condition(): argument 1 must be a Lock, got Semaphore\n", ""},

		// Semaphore, BoundedSemaphore
		{"Semaphore tostring, value, locked",
			`local s = Semaphore(2)
			 print(s, s:value(), s:locked())
			 s:acquire(); s:acquire(); print(s, s:value(), s:locked())
			 for i = 1, 2 do spawn(function() s:acquire() end) end
			 sleep(0); print(s)
			 s:release(); s:release(); s:release(); print(s)
			 print(Semaphore(), BoundedSemaphore(), Semaphore(0))`,
			"<Semaphore [unlocked, value:2]>\t2\tfalse\n<Semaphore [locked]>\t0\ttrue\n" +
				"<Semaphore [locked, waiters:2]>\n<Semaphore [locked, waiters:2]>\n" +
				"<Semaphore [unlocked, value:1]>\t<BoundedSemaphore [unlocked, value:1]>\t<Semaphore [locked]>\n", ""},
		{"Semaphore: woken waiters take the released permits before a new acquire",
			`local s = Semaphore(1)
			 local t1 = spawn(function() s:acquire(); print(1) end)
			 local t2 = spawn(function() s:acquire(); print(2); s:release(); s:acquire(); print(4) end)
			 local t3 = spawn(function() s:acquire(); print(3) end)
			 sleep(0); s:release(); s:release()
			 gather(t1, t2, t3)`,
			"1\n2\n3\n4\n", ""},
		{"Semaphore:with limits concurrency",
			`local s, inside = Semaphore(2), 0
			 local ts = {}
			 for i = 1, 4 do
			   ts[i] = spawn(function()
			     s:with(function() inside = inside + 1; print(now(), i, inside); sleep(1); inside = inside - 1 end)
			   end)
			 end
			 gather(unpack(ts)); print(s)`,
			"0\t1\t1\n0\t2\t2\n1\t3\t1\n1\t4\t2\n<Semaphore [unlocked, value:2]>\n", ""},
		{"BoundedSemaphore released too often; bad initial values",
			`local b = BoundedSemaphore(1)
			 print(pcall(b.release, b))
			 b:acquire(); b:release(); print(b)
			 print(pcall(Semaphore, -1))
			 print(pcall(BoundedSemaphore, 1.5))`,
			"false\tt.lua:2: BoundedSemaphore:release(): BoundedSemaphore released too many times\n" +
				"<BoundedSemaphore [unlocked, value:1]>\n" +
				"false\tt.lua:4: Semaphore(): initial value must be >= 0, got -1\n" +
				"false\tt.lua:5: BoundedSemaphore(): argument 1 must be a whole number, got 1.5\n", ""},

		// Barrier
		{"Barrier gives each party its index",
			`local b = Barrier(3)
			 print(b, b:parties(), b:n_waiting(), b:broken())
			 local ts = {}
			 for i = 1, 3 do ts[i] = spawn(function() sleep(i); return b:wait() end) end
			 sleep(2.5); print(b, b:n_waiting())
			 print(gather(unpack(ts))); print(b)`,
			"<Barrier [filling, waiters:0/3]>\t3\t0\tfalse\n<Barrier [filling, waiters:2/3]>\t2\n" +
				"0\t1\t2\n<Barrier [filling, waiters:0/3]>\n", ""},
		{"Barrier:abort breaks it: BrokenBarrier; reset mends it",
			`local b = Barrier(2)
			 local t = spawn(function() local ok, err = pcall(b.wait, b); print(ok, err.kind, tostring(err)) end)
			 sleep(0); b:abort(); print(b, b:broken())
			 local ok, err = pcall(b.wait, b); print(ok, err.kind)
			 t:join(); b:reset(); print(b)`,
			"<Barrier [broken]>\ttrue\nfalse\tBrokenBarrier\n" +
				"false\tBrokenBarrier\tBrokenBarrier: the barrier is broken\n" +
				"<Barrier [filling, waiters:0/2]>\n", ""},
		{"Barrier needs parties >= 1",
			`print(pcall(Barrier)); print(pcall(Barrier, 0)); print(pcall(Barrier, "x"))`,
			"false\tt.lua:1: Barrier(): give the number of parties, as in Barrier(3)\n" +
				"false\tt.lua:1: Barrier(): parties must be >= 1, got 0\n" +
				"false\tt.lua:1: Barrier(): argument 1 must be a whole number, got string\n", ""},
		{"an uncaught BrokenBarrier is reported",
			`local b = Barrier(2)
			 spawn(function() b:wait() end)
			 sleep(0); b:abort()`,
			"", "t.lua:2: BrokenBarrier: the barrier is broken"},
	})
}

// The deadlock report names each primitive, and for a Condition waiting to re-acquire
// its lock, the holder.
func TestPrimitivesDeadlockReport(t *testing.T) {
	src := `local c, e, s, b = Condition(), Event(), Semaphore(0), Barrier(2)
spawn(function() c:with(function() c:wait() end) end)
spawn(function() s:acquire() end)
spawn(function() b:wait() end)
sleep(0)
c:acquire(); c:notify(); sleep(0)
e:wait()
`
	r := runSnippet(t, src)
	var dl *runtime.DeadlockError
	if !errors.As(r.err, &dl) {
		t.Fatalf("run: %v", r.err)
	}
	got := dl.Error()
	for _, want := range []string{
		"Task-1 waiting on Event.wait <Event [unset, waiters:1]>, at t.lua:7",
		"Task-2 waiting on Condition.wait <Condition [locked]>, held by Task-1, at t.lua:2",
		"Task-3 waiting on Semaphore.acquire <Semaphore [locked, waiters:1]>, at t.lua:3",
		"Task-4 waiting on Barrier.wait <Barrier [filling, waiters:1/2]>, at t.lua:4",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
}
