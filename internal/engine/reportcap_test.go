package engine

import (
	"io"
	"os"
	"path/filepath"
	goruntime "runtime"
	"strings"
	"testing"
)

// 80 tasks failing with a 1 MiB message each: each message is cut, and the whole
// report stops at maxReport (it was 80 MiB).
func TestReportOfFailedTasksIsCapped(t *testing.T) {
	script := filepath.Join(t.TempDir(), "loud.lua")
	src := "local big = string.rep('m', 2^20)\nfor i = 1, 80 do spawn(function() error(big, 0) end) end\n"
	if err := os.WriteFile(script, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := Defaults()
	cfg.Script, cfg.Clock, cfg.Stdin, cfg.Stdout, cfg.Stderr = script, "virtual", strings.NewReader(""), io.Discard, io.Discard
	run, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	r := run.Wait()
	if r.Status != ExitFailed {
		t.Errorf("status %d, want %d", r.Status, ExitFailed)
	}
	if len(r.Report) > maxReport+1000 {
		t.Errorf("a report of %d bytes", len(r.Report))
	}
	for _, want := range []string{
		"Task-2 failed: " + strings.Repeat("m", maxReportMessage) + "... (1032192 bytes more)\nstack traceback:",
		"\nluasync: ... (",
		" bytes more of the failed tasks' report; it stops at 1024 KiB)\n",
	} {
		if !strings.Contains(r.Report, want) {
			t.Errorf("the report lacks %.100q", want)
		}
	}
}

// A task failing with a 64 MiB message: the report cuts the message before it copies
// it, so reporting it allocates little (it copied the 64 MiB whole, then cut the copy,
// which took a run past --max-memory after its end, unnoticed).
func TestReportCutsAMessageBeforeCopyingIt(t *testing.T) {
	script := filepath.Join(t.TempDir(), "big.lua")
	if err := os.WriteFile(script, []byte("big = string.rep('m', 2^26)\nerror(big, 0)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := Defaults()
	cfg.Script, cfg.Clock, cfg.Stdin, cfg.Stdout, cfg.Stderr = script, "virtual", strings.NewReader(""), io.Discard, io.Discard
	run, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var before, after goruntime.MemStats
	goruntime.ReadMemStats(&before)
	r := run.Wait()
	goruntime.ReadMemStats(&after)
	if r.Status != ExitFailed || !strings.Contains(r.Report, "... (67092480 bytes more)") {
		t.Errorf("status %d, report %.200q", r.Status, r.Report)
	}
	// The run itself makes the 64 MiB string once.
	if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 80<<20 {
		t.Errorf("the run allocated %d MiB", allocated>>20)
	}
}
