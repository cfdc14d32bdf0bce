package runtime

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The cpython_*_test.go files hold tests translated from CPython 3.13's
// Lib/test/test_asyncio: those that observe order and state (who runs when, what a
// primitive shows between two steps, which waiter gets what, how a cancellation
// moves through a primitive). Each names the CPython test it comes from. Each has a
// twin in testdata/cpython, the same scenario in Python on a virtual-time event loop
// (vloop.py), which prints the log the Go test expects: cpythonTwin runs it, when a
// Python 3.13 or later is at hand, and checks that asyncio prints that log. vloop's
// clock is virtual as luasync's is: when nothing is ready it jumps to the next timer,
// and timers due at one moment fire in one iteration, in the order they were set.
//
// Where the test_asyncio test awaits a bare future, the Go test awaits an Event: both
// park the task on one future that a set wakes through call_soon. Where it uses
// loop.call_soon(f), the Go test spawns a task that runs f: a new task's first step is
// a handle put at the back of the ready queue, as call_soon's is.

// eventLoopRewritten is false until the scheduler is asyncio's event loop (ready
// queue of handles, futures with done-callbacks through call_soon): until then the
// tests that need it skip.
const eventLoopRewritten = true

// needsEventLoop skips a test whose CPython order the current scheduler does not
// reproduce yet.
func needsEventLoop(t *testing.T) {
	t.Helper()
	if !eventLoopRewritten {
		t.Skip("needs the event-loop rewrite")
	}
}

// cpySoon runs f on the baton in the next iteration, after the handles ready now: it
// stands for loop.call_soon(f).
func cpySoon(sc *scenario, f func()) {
	sc.spawn(func(*Task) { f() })
}

// cpyErr shows an error the way the twins print exceptions: its Kind ("Cancelled",
// "Timeout", ...) for the runtime's conditions, else its text; "<nil>" for none.
func cpyErr(err error) string {
	if err == nil {
		return "<nil>"
	}
	if e, ok := err.(*Error); ok {
		return e.Kind
	}
	return err.Error()
}

// cpythonTwin checks that testdata/cpython/<name>.py prints want, one line each,
// under Python 3.13 or later (3.12 differs in a few of them): the log the Go test
// expects is the one asyncio prints. The twins all run at once, in one Python
// process (runall.py), the first time a test asks. Without such a Python it only
// says so.
func cpythonTwin(t *testing.T, name string, want ...string) {
	t.Helper()
	logs, python, err := cpythonLogs()
	switch {
	case python == "":
		t.Logf("no Python 3.13 or later found: the twin %s.py is not checked", name)
		return
	case err != nil:
		t.Fatalf("%s runall.py: %v", python, err)
	}
	log, ok := logs[name]
	switch {
	case !ok:
		t.Fatalf("no twin %s.py in testdata/cpython", name)
	case log.Error != "":
		t.Fatalf("%s.py failed under %s: %s; it printed:\n%s", name, python, log.Error, log.Stdout)
	}
	if got := strings.TrimRight(log.Stdout, "\n"); got != strings.Join(want, "\n") {
		t.Fatalf("asyncio's log (%s.py, %s) is not the one the test expects:\n%s\nwant:\n%s",
			name, python, got, strings.Join(want, "\n"))
	}
}

// cpyTwinLog is what one twin printed, and the exception it died of, if any.
type cpyTwinLog struct {
	Stdout string `json:"stdout"`
	Error  string `json:"error"`
}

var (
	cpyLogsOnce sync.Once
	cpyLogs     map[string]cpyTwinLog
	cpyLogsErr  error
)

// cpythonLogs runs every twin once and returns their logs by name, with the
// interpreter that ran them ("" if none was found).
func cpythonLogs() (map[string]cpyTwinLog, string, error) {
	python := cpyInterpreter()
	if python == "" {
		return nil, "", nil
	}
	cpyLogsOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, python, "runall.py")
		cmd.Dir = filepath.Join("testdata", "cpython")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			cpyLogsErr = fmt.Errorf("%v\n%s", err, stderr.String())
			return
		}
		cpyLogsErr = json.Unmarshal(stdout.Bytes(), &cpyLogs)
	})
	return cpyLogs, python, cpyLogsErr
}

var (
	cpyOnce   sync.Once
	cpyPython string
)

// cpyInterpreter finds the newest Python 3.13 or later among pyenv's versions, else
// python3.14 or python3.13 on PATH; "" if there is none.
func cpyInterpreter() string {
	cpyOnce.Do(func() {
		var candidates []string
		if out, err := exec.Command("pyenv", "root").Output(); err == nil {
			root := strings.TrimSpace(string(out))
			found, _ := filepath.Glob(filepath.Join(root, "versions", "3.*", "bin", "python3"))
			sort.Slice(found, func(i, j int) bool { return cpyMinor(found[i]) > cpyMinor(found[j]) })
			candidates = append(candidates, found...)
		}
		candidates = append(candidates, "python3.14", "python3.13")
		for _, c := range candidates {
			out, err := exec.Command(c, "-c", "import sys; print(sys.version_info >= (3, 13))").Output()
			if err == nil && strings.TrimSpace(string(out)) == "True" {
				cpyPython = c
				return
			}
		}
	})
	return cpyPython
}

// cpyMinor is the minor version in a pyenv path like .../versions/3.13.0/bin/python3.
func cpyMinor(path string) int {
	v := filepath.Base(filepath.Dir(filepath.Dir(path)))
	parts := strings.Split(v, ".")
	if len(parts) < 2 {
		return 0
	}
	n, _ := strconv.Atoi(parts[1])
	return n
}

// cpyCancelArgs shows a Cancelled error's message as the twins print a CancelledError's
// args: [msg], or [] when it was cancelled without one.
func cpyCancelArgs(err error) string {
	e, ok := err.(*Error)
	if !ok || e.Message == ErrCancelled.Message {
		return "[]"
	}
	return "[" + e.Message + "]"
}
