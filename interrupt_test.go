package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"luasync/internal/clitest"
)

// Ctrl-C cancels the main task first and the tasks left only once it has ended, as
// asyncio.run does: the cleanup runs in asyncio's order, which the twin shows.
func TestInterruptCancelsAsAsyncioRun(t *testing.T) {
	script := filepath.Join("testdata", "interrupt_order.lua")
	out := clitest.NewLineSignal("ready")
	var errOut bytes.Buffer
	e := testEnv(t, strings.NewReader(""), out, &errOut)
	e.interrupts = ctrlCAt(out, 1)
	status := runWith([]string{"luasync", "run", "--clock", "real", script}, e)
	want := "ready\na cleans up\nb cleans up\nmain: gather cancelled\nbackground cleans up\n"
	if status != exitInterrupted || out.String() != want {
		t.Fatalf("status %d, stdout:\n%s\nwant %d and:\n%s\nstderr:\n%s", status, out.String(), exitInterrupted, want, errOut.String())
	}
	python, version := twinPython()
	if python == "" {
		t.Skip("no Python 3.12 or later found: the twin is not checked")
	}
	py := runTwin(python, strings.TrimSuffix(script, ".lua")+".py")
	if py.stdout != want {
		t.Errorf("asyncio (Python %s) prints, after Ctrl-C:\n%s\nstderr:\n%s", version, py.stdout, py.stderr)
	}
}
