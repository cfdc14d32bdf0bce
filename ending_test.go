package main

import (
	"os"
	"strings"
	"testing"
)

// gather retrieves every child's error, as asyncio's does: the second failure of two
// gathered tasks is not reported once pcall has caught the first.
func TestGatherRetrievesEverySiblingsError(t *testing.T) {
	path := writeScript(t, "two.lua", `local a = spawn(function() error("one") end)
local b = spawn(function() sleep(1) error("two") end)
print((pcall(gather, a, b)))
sleep(2)
`)
	r := runCLI(t, "", "run", "--clock", "virtual", path)
	if r.status != exitOK || r.stdout != "false\n" || r.stderr != "" {
		t.Errorf("status %d, stdout %q, stderr:\n%s", r.status, r.stdout, r.stderr)
	}
}

// A task's traceback names the task's own function, and an error raised again by
// join shows the failed task's traceback under the waiter's.
func TestTracebacksNameTasks(t *testing.T) {
	path := writeScript(t, "tb.lua", `local function worker()
  sleep(1)
  error("boom")
end
local helper = function() error("unnamed") end
spawn(worker):join()
`)
	r := runCLI(t, "", "run", "--clock", "virtual", path)
	want := path + `:3: boom
stack traceback:
	[G]: in function 'join'
	` + path + `:6: in main chunk
	[G]: ?
the error came from task-1, whose own traceback was:
stack traceback:
	[G]: in function 'error'
	` + path + `:3: in function 'worker'
	[G]: ?
`
	if r.status != exitFailed || r.stderr != want {
		t.Errorf("status %d, stderr:\n%s\nwant:\n%s", r.status, r.stderr, want)
	}

	path = writeScript(t, "anon.lua", "spawn(function()\n  error('anonymous')\nend)\n")
	r = runCLI(t, "", "run", "--clock", "virtual", path)
	if want := "\t" + path + ":2: in function <" + path + ":1>\n"; !strings.Contains(r.stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
	}
}

// check and explore go by the exit status: a main chunk that ends with a Cancelled
// error fails there too.
func TestCancelledMainFailsCheckAndExplore(t *testing.T) {
	src := "local w = spawn(sleep, 10); sleep(0); w:cancel(); gather(w); print(\"never\")\n"
	path := writeScript(t, "c.lua", src)
	r := runCLI(t, "", "explore", "--runs", "3", path)
	if r.status != exitFailed || !strings.Contains(r.stdout+r.stderr, "exit status 1, want 0") {
		t.Errorf("explore: status %d\n%s%s", r.status, r.stdout, r.stderr)
	}
	if err := os.WriteFile(strings.TrimSuffix(path, ".lua")+".expected", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, "", "check", path)
	if r.status != exitFailed || !strings.Contains(r.stdout, "FAIL") {
		t.Errorf("check: status %d\n%s%s", r.status, r.stdout, r.stderr)
	}
}
