package bindings

import (
	"bytes"
	"errors"
	"testing"
	"time"
	"unsafe"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// mainLoopOf is the VM loop th runs on.
func mainLoopOf(th *lua.LState) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Add(unsafe.Pointer(th), knownThreadLayout().mainLoop))
}

// TestThreadsRunOnThePlainLoop: the threads of tasks, coroutines and callbacks run
// on gopher-lua's plain loop, which checks nothing between instructions (the
// checks are in the handlers of checkedOps), and keep the run's context.
func TestThreadsRunOnThePlainLoop(t *testing.T) {
	if !plainLoops {
		t.Skip("gopher-lua's layout is not the one newthread.go knows: threads keep the context loop")
	}
	plain := knownThreadLayout().plainMainLoop
	s := runtime.New(runtime.Options{Clock: runtime.NewVirtualClock()})
	m := New(s, Options{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, Script: "t.lua"})
	defer m.Close()
	var seen []string
	m.L.SetGlobal("loop_of", m.L.NewFunction(func(L *lua.LState) int {
		th := L
		if L.GetTop() > 0 {
			th = L.CheckThread(1)
		}
		if _, ok := th.Context().(*threadContext); !ok {
			t.Errorf("a thread's context is %T, not the run's", th.Context())
		}
		if mainLoopOf(th) == plain {
			seen = append(seen, "plain")
		} else {
			seen = append(seen, "context")
		}
		return 0
	}))
	chunk, err := m.Load("t.lua", []byte(`
loop_of()
spawn(loop_of):join()
loop_of(coroutine.create(function() end))
call_soon(loop_of)
sleep(0)
`))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Run(m.MainTask(chunk)); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 4 {
		t.Fatalf("loop_of ran %d times, want 4: %v", len(seen), seen)
	}
	for i, loop := range seen {
		if loop != "plain" {
			t.Errorf("thread %d runs on the %s loop, want the plain one", i+1, loop)
		}
	}
}

// TestEndlessCodeIsInterrupted: code that never waits, in each shape that can run
// without end (the backward jumps of while, repeat, numeric for and generic for, a
// tail call, a recursion that returns and calls again), is stopped by Ctrl-C (Interrupt) with its task's Cancelled
// error at once, as the context loop stopped it: the checks on the plain loop reach
// every one of them.
func TestEndlessCodeIsInterrupted(t *testing.T) {
	loops := map[string]string{
		"while":       "while true do end",
		"repeat":      "repeat local x = 1 until false",
		"numeric for": "for i = 1, math.huge do end",
		"generic for": "for _ in function() return 1 end do end",
		"tail call":   "local function f() return f() end f()",
		"call":        "local function g() end while true do g() end",
		"recursion":   "local function f(n) if n > 0 then f(n - 1) f(n - 1) end end f(1000)",
		"coroutine":   "coroutine.wrap(function() while true do end end)()",
	}
	for name, loop := range loops {
		t.Run(name, func(t *testing.T) {
			var errOut bytes.Buffer
			s := runtime.New(runtime.Options{Clock: runtime.NewVirtualClock()})
			m := New(s, Options{Stdout: &errOut, Stderr: &errOut, Script: "t.lua"})
			defer m.Close()
			started := make(chan struct{})
			m.L.SetGlobal("started", m.L.NewFunction(func(*lua.LState) int { close(started); return 0 }))
			chunk, err := m.Load("t.lua", []byte("started()\n"+loop+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			ran := make(chan error, 1)
			go func() { ran <- s.Run(m.MainTask(chunk)) }()
			<-started
			s.Interrupt()
			select {
			case err := <-ran:
				var interrupted *runtime.InterruptedError
				if !errors.As(err, &interrupted) {
					t.Fatalf("Run returned %v, want an *InterruptedError; output:\n%s", err, errOut.String())
				}
			case <-time.After(time.Minute):
				t.Fatalf("%q was not interrupted", loop)
			}
		})
	}
}
