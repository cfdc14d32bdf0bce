package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// benchTestSize is the size argument the benchmark workloads get in the tests: small,
// and chosen so that the uneven cases happen (100 lock tasks get 23 or 24 turns each,
// the last gather chunk is a partial one).
const benchTestSize = "2345"

// benchRun is what one run of a benchmark's twin (Python or plain Go) printed.
type benchRun struct {
	stdout, stderr string
	err            error
}

func runBenchCommand(name string, args ...string) benchRun {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "PYTHONIOENCODING=utf-8", "PYTHONDONTWRITEBYTECODE=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	return benchRun{stdout.String(), stderr.String(), err}
}

// TestBenchWorkloads keeps the benchmark kit of bench/ (see bench/compare.sh) from
// rotting: every workload bench/NAME.lua runs at a small size on the virtual clock,
// must finish with exit status 0 and one result line, and that line must be the one
// its asyncio twin bench/NAME.py prints at the same size (when python3 is there).
// pingpong's line must also be what the plain-Go ping-pong (bench/gopingpong) prints,
// when the go command is there and the test is not -short.
func TestBenchWorkloads(t *testing.T) {
	scripts, err := filepath.Glob(filepath.Join("bench", "*.lua"))
	if err != nil {
		t.Fatal(err)
	}
	if len(scripts) < 6 {
		t.Fatalf("found only %d workloads in bench/, want at least 6", len(scripts))
	}
	twins, _ := filepath.Glob(filepath.Join("bench", "*.py"))
	for _, py := range twins {
		if _, err := os.Stat(strings.TrimSuffix(py, ".py") + ".lua"); err != nil {
			t.Errorf("%s has no Lua workload beside it", py)
		}
	}

	// The twins run in the background while luasync runs in process, one script at
	// a time. Each writes its line to a buffered channel, so none is left waiting,
	// and the test waits for them all before it ends (no leaked goroutine).
	var background sync.WaitGroup
	t.Cleanup(background.Wait)
	python := ""
	if _, err := exec.LookPath("python3"); err != nil {
		t.Log("python3 not found: the workloads are not compared with their asyncio twins")
	} else if out, err := exec.Command("python3", "-c", "import sys; print(sys.executable)").Output(); err != nil {
		t.Logf("python3 does not run (%v): the workloads are not compared with their asyncio twins", err)
	} else {
		python = strings.TrimSpace(string(out)) // the interpreter, not a version manager's shim
	}
	twinRuns := map[string]chan benchRun{}
	if python != "" {
		for _, script := range scripts {
			twin := strings.TrimSuffix(script, ".lua") + ".py"
			if _, err := os.Stat(twin); err != nil {
				continue // the subtest reports it
			}
			ch := make(chan benchRun, 1)
			twinRuns[script] = ch
			background.Go(func() { ch <- runBenchCommand(python, twin, benchTestSize) })
		}
	}
	var goRun chan benchRun
	if _, err := exec.LookPath("go"); err == nil && !testing.Short() {
		goRun = make(chan benchRun, 1)
		exe := filepath.Join(t.TempDir(), "gopingpong")
		background.Go(func() {
			if r := runBenchCommand("go", "build", "-o", exe, "./bench/gopingpong"); r.err != nil {
				goRun <- r
				return
			}
			unbuffered := runBenchCommand(exe, "-chan", "unbuffered", benchTestSize)
			buffered := runBenchCommand(exe, "-chan", "buffered", benchTestSize)
			if unbuffered.err == nil && buffered.stdout != unbuffered.stdout {
				unbuffered.err = fmt.Errorf("unbuffered channels printed %q, buffered ones %q (%v)",
					unbuffered.stdout, buffered.stdout, buffered.err)
			}
			goRun <- unbuffered
		})
	}

	for _, script := range scripts {
		name := strings.TrimSuffix(filepath.Base(script), ".lua")
		t.Run(name, func(t *testing.T) {
			twin := strings.TrimSuffix(script, ".lua") + ".py"
			if _, err := os.Stat(twin); err != nil {
				t.Errorf("every workload needs an asyncio twin: %s is missing", twin)
			}
			lua := runCLI(t, "", "run", "--clock", "virtual", "--seed", "1", "--timeout", "60s", script, benchTestSize)
			if lua.status != 0 {
				t.Fatalf("luasync %s %s: exit status %d, want 0; stderr:\n%s", script, benchTestSize, lua.status, lua.stderr)
			}
			if lua.stderr != "" {
				t.Logf("luasync %s wrote on stderr:\n%s", script, lua.stderr)
			}
			if strings.Count(lua.stdout, "\n") != 1 || !strings.HasSuffix(lua.stdout, "\n") {
				t.Fatalf("luasync %s should print one result line, printed:\n%s", script, lua.stdout)
			}
			if ch, ok := twinRuns[script]; ok {
				py := <-ch
				if py.err != nil {
					t.Fatalf("python3 %s %s: %v; stderr:\n%s", twin, benchTestSize, py.err, py.stderr)
				}
				if py.stdout != lua.stdout {
					t.Errorf("the result lines differ at size %s:\n  luasync %s: %q\n  python3 %s: %q",
						benchTestSize, script, lua.stdout, twin, py.stdout)
				}
			}
			if name == "pingpong" && goRun != nil {
				g := <-goRun
				if g.err != nil {
					t.Fatalf("bench/gopingpong: %v; stderr:\n%s", g.err, g.stderr)
				}
				if g.stdout != lua.stdout {
					t.Errorf("the result lines differ at size %s:\n  luasync %s: %q\n  plain Go bench/gopingpong: %q",
						benchTestSize, script, lua.stdout, g.stdout)
				}
			}
		})
	}
}

// TestBenchFloors: each interpreter floor bench/floor/NAME.lua (the work of the
// workload bench/NAME.lua in one task, without task switches) prints the workload's
// result line: it does the same work.
func TestBenchFloors(t *testing.T) {
	floors, _ := filepath.Glob(filepath.Join("bench", "floor", "*.lua"))
	if len(floors) < 2 {
		t.Fatalf("found only %d floors in bench/floor/", len(floors))
	}
	for _, floor := range floors {
		t.Run(filepath.Base(floor), func(t *testing.T) {
			workload := filepath.Join("bench", filepath.Base(floor))
			var lines [2]string
			for i, script := range []string{workload, floor} {
				r := runCLI(t, "", "run", "--clock", "virtual", "--seed", "1", script, benchTestSize)
				if r.status != 0 || strings.Count(r.stdout, "\n") != 1 {
					t.Fatalf("%s: exit status %d, stdout %q, stderr:\n%s", script, r.status, r.stdout, r.stderr)
				}
				lines[i] = r.stdout
			}
			if lines[0] != lines[1] {
				t.Errorf("the floor prints %q, the workload %q", lines[1], lines[0])
			}
		})
	}
}
