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
the error came from Task-2, whose own traceback was:
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

// The end of a run is asyncio.run's: a heartbeat left running is cancelled when the
// main chunk returns, its cleanup runs, the run exits 0, and one note on stderr
// names the tasks left and where they waited. A task that fails in its cleanup is
// still a failure nobody retrieved.
func TestMainReturnCancelsTheTasksLeft(t *testing.T) {
	path := writeScript(t, "beat.lua", `local function heartbeat()
  while true do
    local ok, err = pcall(sleep, 1)
    if not ok then print("stopped at", now()) error(err, 0) end
    print("beat", now())
  end
end
spawn(heartbeat)
local q = Queue()
spawn(function() q:get() end)
sleep(2.5)
`)
	r := runCLI(t, "", "run", "--clock", "virtual", path)
	want := "luasync: note: the main chunk returned while 2 tasks were still running; they were cancelled, as asyncio.run does: " +
		"Task-2 (waiting on sleep, at " + path + ":3), Task-3 (waiting on Queue.get, at " + path + ":10)\n"
	if r.status != exitOK || r.stdout != "beat\t1\nbeat\t2\nstopped at\t2.5\n" || r.stderr != want {
		t.Errorf("status %d, stdout %q, stderr:\n%s\nwant:\n%s", r.status, r.stdout, r.stderr, want)
	}

	path = writeScript(t, "cleanup.lua", "spawn(function() pcall(sleep, 5) error('cleanup failed') end)\nsleep(1)\n")
	r = runCLI(t, "", "run", "--clock", "virtual", path)
	if r.status != exitFailed || !strings.Contains(r.stderr, "Task-2 failed: "+path+":1: cleanup failed") {
		t.Errorf("status %d, stderr:\n%s", r.status, r.stderr)
	}
}

// A main chunk that dies of an error (a Cancelled one included) ends the run as
// asyncio.run does: the tasks left are cancelled and their cleanup runs and prints,
// the note says the main chunk ended with an error, and the run exits 1 with the
// main chunk's report.
func TestMainErrorCancelsTheTasksLeft(t *testing.T) {
	worker := "local function worker()\n  local ok, err = pcall(sleep, 10)\n  print('cleanup', now())\n  sleep(0.5)\n  print('cleaned', now())\n  error(err, 0)\nend\nspawn(worker)\nsleep(1)\n"
	for _, c := range []struct{ name, ending, report string }{
		{"error.lua", "error('main fails')\n", ":10: main fails"},
		{"cancelled.lua", "current_task():cancel()\nsleep(0)\nprint('never')\n", ":11: Cancelled"},
	} {
		path := writeScript(t, c.name, worker+c.ending)
		r := runCLI(t, "", "run", "--clock", "virtual", path)
		note := "luasync: note: the main chunk ended with an error while 1 task was still running; it was cancelled, as asyncio.run does: " +
			"Task-2 (waiting on sleep, at " + path + ":2)\n"
		if r.status != exitFailed || r.stdout != "cleanup\t1\ncleaned\t1.5\n" ||
			!strings.HasPrefix(r.stderr, note) || !strings.Contains(r.stderr, path+c.report) {
			t.Errorf("%s: status %d, stdout %q, stderr:\n%s", c.name, r.status, r.stdout, r.stderr)
		}
	}
}
