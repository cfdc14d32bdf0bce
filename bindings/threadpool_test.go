package bindings

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// sparedRun runs src as the script "t.lua" on a new Module, with a global abort()
// that stops the run as a timeout would; it returns what the script printed and
// how many threads were made for its tasks. A run that does not end in 10 s fails
// the test.
func sparedRun(t *testing.T, src string) (out string, made int64) {
	t.Helper()
	var buf bytes.Buffer
	s := runtime.New(runtime.Options{Clock: runtime.NewVirtualClock()})
	m := New(s, Options{Stdout: &buf, Stderr: &buf, Script: "t.lua", Seed: 1})
	m.L.SetGlobal("abort", m.L.NewFunction(func(*lua.LState) int {
		s.Abort(errors.New("aborted by the test"))
		return 0
	}))
	chunk, err := m.Load("t.lua", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	before := threadsMade.Load()
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		s.Run(m.MainTask(chunk))
	}()
	select {
	case <-ended:
	case <-time.After(10 * time.Second):
		t.Fatalf("the run did not end; it printed:\n%s", buf.String())
	}
	made = threadsMade.Load() - before
	m.Close()
	return buf.String(), made
}

// TestThreadsAreReusedAcrossRuns: the threads of one run's finished tasks serve the
// tasks of the next runs of the process, and carry nothing of their last task over:
// not its environment (setfenv), nor what was on its stack, nor upvalues still
// open when it failed, nor the run it ran in (its context: what stops a busy loop).
func TestThreadsAreReusedAcrossRuns(t *testing.T) {
	sparedThreads.Lock()
	sparedThreads.list = nil // the next run gets the first run's thread, not another test's
	sparedThreads.Unlock()

	// The first run leaves a thread that a task changed every way it can, and
	// that failed.
	const first = `
spawn(function(...)
  setfenv(0, setmetatable({marker = "first run"}, {__index = _G}))
  setfenv(1, getfenv(0))
  marker2 = "first run's global"
  print(marker, marker2)
end, "arg 1", "arg 2"):join()
local t = spawn(function()
  local x = "open upvalue"
  escaped = function() return x end
  local a, b, c = "left", "on", "the stack"
  error("the task fails")
end)
print(pcall(function() t:join() end))
print(escaped())
`
	out, _ := sparedRun(t, first)
	want := "first run\tfirst run's global\nfalse\tt.lua:12: the task fails\nopen upvalue\n"
	if out != want {
		t.Fatalf("the first run printed:\n%s\nwant:\n%s", out, want)
	}

	const second = `
print(spawn(function(...)
  local x = "mine"
  print(select("#", ...), ..., marker, marker2, escaped, getfenv(0) == _G, x)
  return "done"
end, "only arg"):join())
`
	out, made := sparedRun(t, second)
	if made != 0 {
		t.Errorf("the second run made %d threads: the first run's were not reused", made)
	}
	if want := "1\tonly arg\tnil\tnil\tnil\ttrue\tmine\ndone\n"; out != want {
		t.Errorf("the second run printed:\n%s\nwant:\n%s", out, want)
	}

	// A reused thread obeys its new run: stopping the run stops a task that never
	// waits (its context is the new run's).
	const third = `
spawn(function() print("looping"); abort(); while true do end end):join()
`
	out, made = sparedRun(t, third)
	if made != 0 {
		t.Errorf("the third run made %d threads: the earlier runs' were not reused", made)
	}
	if !strings.HasPrefix(out, "looping\n") {
		t.Errorf("the third run printed:\n%s", out)
	}
}
