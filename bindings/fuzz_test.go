package bindings

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"luasync/runtime"
)

var errFuzzTimeout = errors.New("fuzz input ran too long")

// FuzzScript runs arbitrary bytes as a script, on the virtual clock with small
// limits. Whatever the input, the run must end (a timeout stops it), with no Go
// panic escaping and no goroutine left behind (TestMain checks the latter for the
// seed corpus; the fuzzer itself would report a crash).
//
//	go test -run - -fuzz FuzzScript -fuzztime 30s ./bindings/
func FuzzScript(f *testing.F) {
	scripts, _ := filepath.Glob(filepath.Join("..", "scripts", "*", "*.lua"))
	exercises, _ := filepath.Glob(filepath.Join("..", "scripts", "exercises", "*", "*.lua"))
	for _, p := range append(scripts, exercises...) {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	for _, s := range []string{
		"local q = Queue(1) spawn(function() q:put(1) q:put(2) end) print(q:get(), q:get())",
		"local l = Lock() l:acquire() l:release() l:release()",
		"local function f(...) return f(1, ...) end f()",
		"a, b = b, a local x, y = 1, 2 x, y = y, x",
		"coroutine.wrap(function() sleep(1) end)()",
		"while true do sleep(1) end",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		s := runtime.New(runtime.Options{Clock: runtime.NewVirtualClock()})
		m := New(s, Options{Stdout: io.Discard, Stderr: io.Discard, Script: "fuzz.lua", MaxOutput: 1 << 20, MaxTasks: 64})
		defer m.Close()
		chunk, err := m.Load("fuzz.lua", src)
		if err != nil {
			return
		}
		stop := time.AfterFunc(time.Second, func() { s.Abort(errFuzzTimeout) })
		defer stop.Stop()
		s.Run(m.MainTask(chunk))
	})
}
