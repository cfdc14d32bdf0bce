package bindings

import (
	"errors"
	"strings"
	"testing"

	"luasync/runtime"
)

// A deadlock report is made on the scheduler's hub, between tasks, where no Lua code
// runs: queue items show without their __tostring, luasync's own values and error
// objects as tostring shows them, and a queue that holds itself does not recurse
// forever.
func TestReportsShowValuesWithoutLua(t *testing.T) {
	r := runSnippet(t, `
		local q = Queue()
		q:put(setmetatable({}, {__tostring = function() print("__tostring ran") return "item" end}))
		q:put(Lock())
		q:put({kind = "x"})
		local ok, err = pcall(Queue().get_nowait, Queue())
		q:put(err)
		q:put(q)
		spawn(function() q:join() end)
		sleep(0)
		Event():wait()`)
	var dl *runtime.DeadlockError
	if !errors.As(r.err, &dl) {
		t.Fatalf("run: %v, want a deadlock", r.err)
	}
	if r.out != "" {
		t.Errorf("printed %q", r.out)
	}
	report := dl.Error()
	for _, want := range []string{
		"Task-2 waiting on Queue.join <Queue maxsize=0 _queue=[table: 0x",
		", <Lock [unlocked]>, table: 0x",
		", QueueEmpty: the queue is empty, <Queue maxsize=0 _queue=[table: 0x",
		", userdata: 0x",
		"] tasks=5>, at t.lua:9",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
}
