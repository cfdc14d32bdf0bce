package bindings

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"luasync/runtime"
)

// runWatched runs src as "t.lua" with the watchdog set to slow, on clock, and
// returns what it printed on stdout and on stderr.
func runWatched(t *testing.T, clock runtime.Clock, slow time.Duration, src string) (stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	s := runtime.New(runtime.Options{Clock: clock, SlowHold: slow})
	m := New(s, Options{Stdout: &out, Stderr: &errOut, Script: "t.lua", Seed: 1})
	defer m.Close()
	chunk, err := m.Load("t.lua", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Run(m.MainTask(chunk)); err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String()
}

// block() longer than the watchdog allows is said at once, with its line, as on
// purpose; a short one is not.
func TestBlockWarns(t *testing.T) {
	_, stderr := runWatched(t, runtime.NewVirtualClock(), 100*time.Millisecond, "block(0.05)\nspawn(function()\n  block(2)\nend)\nsleep(1)\n")
	want := "luasync: warning: Task-2 blocks for 2 s, at t.lua:3: block() keeps the baton on purpose, so no other task runs meanwhile (sleep(2) would let them)\n"
	if stderr != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
	// Without a watchdog, no warning.
	r := runSnippet(t, "block(5)\nprint('ok')")
	if r.out != "ok\n" {
		t.Errorf("printed %q", r.out)
	}
}

// A task that keeps the baton (a busy loop on the real clock) is named, with the
// line it is at, once, even inside a coroutine; the others are not disturbed.
func TestSlowTaskWarns(t *testing.T) {
	src := `
local function busy(seconds)
  local t0 = os.clock()
  while os.clock() - t0 < seconds do end
end
spawn(function()
  local co = coroutine.wrap(function() busy(0.3) end)
  co()
end)
sleep(0)
print("done")
`
	stdout, stderr := runWatched(t, runtime.NewRealClock(), 20*time.Millisecond, src)
	if stdout != "done\n" {
		t.Errorf("stdout %q", stdout)
	}
	want := "luasync: warning: Task-2 has kept the baton for more than 20ms, at t.lua:4: a blocking call or an endless loop?"
	if !strings.HasPrefix(stderr, want) || strings.Count(stderr, "\n") != 1 {
		t.Errorf("stderr:\n%s\nwant one line starting with %q", stderr, want)
	}
}

// Past ten warnings, one line says the rest are not shown.
func TestSlowWarningsAreCapped(t *testing.T) {
	_, stderr := runWatched(t, runtime.NewVirtualClock(), 100*time.Millisecond, "for i = 1, 15 do block(1) end")
	if n := strings.Count(stderr, "blocks for 1 s"); n != maxSlowWarnings {
		t.Errorf("%d warnings", n)
	}
	if !strings.HasSuffix(stderr, "luasync: warning: (more warnings about tasks keeping the baton are not shown)\n") {
		t.Errorf("stderr ends:\n%s", stderr)
	}
}

// A read of the input that lasts longer than the watchdog allows is said while it
// waits, with its line: every task waits for it, as for asyncio's input() in a
// coroutine. The time it waited is not then taken for the code's own slowness.
func TestReadWarnsWhileItWaits(t *testing.T) {
	input, typing := io.Pipe()
	errOut := &signalWriter{marker: "waiting for input", seen: make(chan struct{})}
	var out bytes.Buffer
	s := runtime.New(runtime.Options{SlowHold: 20 * time.Millisecond})
	m := New(s, Options{Stdout: &out, Stderr: errOut, Stdin: input, Script: "t.lua", Seed: 1})
	defer m.Close()
	chunk, err := m.Load("t.lua", []byte("spawn(function() print('never first') end)\nlocal line = io.read()\nprint('got ' .. line)\nfor i = 1, 1000 do end\n"))
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		<-errOut.seen // the warning came while io.read waited: now type the line
		io.WriteString(typing, "hello\n")
	}()
	if err := s.Run(m.MainTask(chunk)); err != nil {
		t.Fatal(err)
	}
	want := "luasync: warning: Task-1 is waiting for input in io.read(), at t.lua:2: no other task runs meanwhile (reading the input keeps the baton, as input() does in asyncio)\n"
	if got := errOut.String(); got != want {
		t.Errorf("stderr %q, want %q", got, want)
	}
	if got := out.String(); got != "got hello\nnever first\n" {
		t.Errorf("stdout %q", got)
	}
}

// signalWriter collects what is written and closes seen once marker has appeared.
type signalWriter struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	marker string
	seen   chan struct{}
	once   sync.Once
}

func (w *signalWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if strings.Contains(w.buf.String(), w.marker) {
		w.once.Do(func() { close(w.seen) })
	}
	return len(p), nil
}

func (w *signalWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}
