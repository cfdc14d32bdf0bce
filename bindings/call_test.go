package bindings

import (
	"strings"
	"testing"
)

// Every method of every type names itself in its messages as "Family:method()", the
// family being the type (or "Queue" for every kind of queue): the name is the one it
// was registered under, written once.
func TestMethodsNameThemselves(t *testing.T) {
	r := runSnippet(t, `
		local values = {Lock = Lock(), Event = Event(), Condition = Condition(), Semaphore = Semaphore(),
		  BoundedSemaphore = BoundedSemaphore(), Barrier = Barrier(2), Queue = Queue(), LifoQueue = LifoQueue(),
		  PriorityQueue = PriorityQueue(), Task = current_task(), file = io.stdout}
		task_group(function(g) values.TaskGroup = g end)
		local lines = {}
		for kind, v in pairs(values) do
		  for name, method in pairs(getmetatable(v).__index) do
		    local ok, err = pcall(method, 42)
		    lines[#lines + 1] = kind .. " " .. name .. " " .. tostring(ok) .. " " .. tostring(err)
		  end
		end
		table.sort(lines)
		print(table.concat(lines, "\n"))`)
	if r.err != nil {
		t.Fatalf("run: %v", r.err)
	}
	lines := strings.Split(strings.TrimSpace(r.out), "\n")
	if len(lines) < 60 {
		t.Fatalf("only %d methods:\n%s", len(lines), r.out)
	}
	for _, line := range lines {
		f := strings.SplitN(line, " ", 4)
		kind, name, ok, msg := f[0], f[1], f[2], f[3]
		if kind == "file" && (name == "close" || name == "flush" || name == "setvbuf") {
			continue // they do not look at their argument
		}
		family := kind
		if strings.HasSuffix(kind, "Queue") {
			family = "Queue"
		}
		want := ": " + family + ":" + name + "(): call it as a method, with a colon (x:" + name + "())"
		if ok != "false" || !strings.HasSuffix(msg, want) {
			t.Errorf("%s.%s called on 42: %s %s, want an error ending %q", kind, name, ok, msg, want)
		}
	}
}

// A builtin that waits puts back gopher-lua's current thread when it resumes, even
// after other tasks ran meanwhile: coroutine.running() is still the caller's, in
// every place a builtin waits or calls back into Lua.
func TestWaitingKeepsTheCurrentThread(t *testing.T) {
	checkSnippets(t, []snippet{{"after each way of waiting",
		`local l, q, c, e = Lock(), Queue(), Condition(), Event()
		 local bg = spawn(function() while true do sleep(0.5) end end)
		 local me = coroutine.running()
		 local function same(what) io.write(what, "=", tostring(coroutine.running() == me), " ") end
		 sleep(1); same("sleep")
		 l:with(function() sleep(1) end); same("with")
		 local co = coroutine.wrap(function() sleep(1); same("coroutine"); coroutine.yield() end)
		 co(); same("after-coroutine")
		 spawn(function() sleep(1) q:put(1) end); q:get(); same("get")
		 local n = 0
		 spawn(function() for i = 1, 3 do sleep(1) c:with(function() n = n + 1 c:notify_all() end) end end)
		 c:with(function() c:wait_for(function() sleep(0.1) return n == 3 end) end); same("wait_for")
		 task_group(function(g) g:spawn(sleep, 1) sleep(0.5) end); same("task_group")
		 spawn(function() sleep(1) e:set() end); wait_for(e.wait, 5, e); same("wait_for-task")
		 print(); bg:cancel()`,
		"sleep=true with=true coroutine=false after-coroutine=true get=true wait_for=true task_group=true wait_for-task=true \n", ""}})
}
