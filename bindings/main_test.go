package bindings

import (
	"bytes"
	"testing"

	"luasync/internal/leaktest"
	"luasync/runtime"
)

// TestMain fails the package's tests if a goroutine outlives them.
func TestMain(m *testing.M) {
	leaktest.VerifyTestMain(m)
}

// luaRun is the outcome of running one snippet.
type luaRun struct {
	out    string          // what it printed
	err    error           // what Run returned
	failed []*runtime.Task // tasks that failed unretrieved
	sched  *runtime.Scheduler
	module *Module
}

// runSnippet runs src as the script "t.lua" on a virtual clock.
func runSnippet(t *testing.T, src string, args ...string) luaRun {
	t.Helper()
	return runSnippetWith(t, src, Options{Args: args})
}

// runSnippetWith runs src as runSnippet does, with opts' stdin, arguments and limits.
func runSnippetWith(t *testing.T, src string, opts Options) luaRun {
	t.Helper()
	var out bytes.Buffer
	s := runtime.New(runtime.Options{Clock: runtime.NewVirtualClock()})
	opts.Stdout, opts.Stderr, opts.Script, opts.Seed = &out, &out, "t.lua", 1
	m := New(s, opts)
	defer m.Close()
	chunk, err := m.Load("t.lua", []byte(src))
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	err = s.Run(m.MainTask(chunk))
	return luaRun{out: out.String(), err: err, failed: s.Failed(), sched: s, module: m}
}

// failure is the message of the first unretrieved task error, or "".
func (r luaRun) failure() string {
	if len(r.failed) == 0 {
		return ""
	}
	_, err := r.failed[0].Result()
	return err.Error()
}

// snippet is a table-driven case: a Lua snippet, what it must print, and the message
// of the first task error nobody retrieved ("" for none).
type snippet struct {
	name, src, want, failure string
}

// checkSnippets runs each case as a subtest.
func checkSnippets(t *testing.T, cases []snippet) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runSnippet(t, c.src)
			if r.err != nil {
				t.Fatalf("run: %v", r.err)
			}
			if r.out != c.want {
				t.Errorf("printed:\n%s\nwant:\n%s", r.out, c.want)
			}
			if got := r.failure(); got != c.failure {
				t.Errorf("failure %q, want %q", got, c.failure)
			}
		})
	}
}
