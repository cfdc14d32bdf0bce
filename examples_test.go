package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestExamplesMatchAsyncio checks that every example under scripts/examples/ prints
// exactly what its Python asyncio twin (NAME.py beside NAME.lua) prints: luasync runs
// in process on the virtual clock, Python on real time. The examples keep their
// events at least 0.1 s apart, so real-time jitter cannot reorder Python's output.
// TestScripts separately checks each example against its .expected file.
func TestExamplesMatchAsyncio(t *testing.T) {
	dir := filepath.Join("scripts", "examples")
	scripts, err := filepath.Glob(filepath.Join(dir, "*.lua"))
	if err != nil {
		t.Fatal(err)
	}
	if len(scripts) == 0 {
		t.Fatalf("no examples found in %s", dir)
	}
	// A twin without its script is a leftover from a rename.
	twins, _ := filepath.Glob(filepath.Join(dir, "*.py"))
	for _, py := range twins {
		if _, err := os.Stat(strings.TrimSuffix(py, ".py") + ".lua"); err != nil {
			t.Errorf("%s has no Lua script beside it", py)
		}
	}

	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found: the asyncio twins are not checked")
	}
	// The twins use asyncio.TaskGroup, asyncio.Barrier and except*: Python 3.11.
	if out, err := exec.Command(python, "-c",
		"import sys; sys.exit(sys.version_info < (3, 11))").CombinedOutput(); err != nil {
		t.Skipf("python3 is older than 3.11 (%v %s): the asyncio twins are not checked", err, out)
	}

	for _, script := range scripts {
		name := strings.TrimSuffix(filepath.Base(script), ".lua")
		twin := strings.TrimSuffix(script, ".lua") + ".py"
		t.Run(name, func(t *testing.T) {
			if _, err := os.Stat(twin); err != nil {
				t.Fatalf("every example needs an asyncio twin: %v", err)
			}
			// Start Python first, then run luasync in process meanwhile (one example
			// at a time: the subtests turn parallel only after it), then wait for
			// Python in parallel with the other subtests. Starting every process
			// before t.Parallel keeps the test at about the length of the slowest
			// twin, whatever -parallel is.
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, python, twin)
			cmd.Env = append(os.Environ(), "PYTHONIOENCODING=utf-8", "PYTHONDONTWRITEBYTECODE=1")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			start := time.Now()
			if err := cmd.Start(); err != nil {
				t.Fatalf("python3 %s: %v", twin, err)
			}
			lua := runCLI(t, "", "run", "--clock", "virtual", "--seed", "1", "--timeout", "60s", script)
			if lua.status != 0 {
				t.Errorf("luasync %s: exit status %d, want 0; stderr:\n%s", script, lua.status, lua.stderr)
			}
			t.Parallel()

			if err := cmd.Wait(); err != nil {
				t.Errorf("python3 %s: %v; stderr:\n%s", twin, err, stderr.String())
			}
			if took := time.Since(start); took > 3*time.Second {
				t.Logf("python3 %s took %v: examples should run in about a second", twin, took)
			}
			if got := stdout.String(); got != lua.stdout {
				t.Errorf("%s and %s print different things\nluasync (virtual clock):\n%s\npython3 asyncio (real time):\n%s",
					script, twin, lua.stdout, got)
			}
		})
	}
}
