package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// peakEnvVar makes the test binary act as luasync and then write its peak resident
// memory (VmHWM, in KiB) on stderr: the system's own figure for a child (rusage)
// starts from what the parent had when it forked.
const peakEnvVar = "LUASYNC_TEST_PEAK"

func init() {
	if os.Getenv(peakEnvVar) == "1" {
		code := run(os.Args, os.Stdin, os.Stdout, os.Stderr)
		peak := "?"
		if b, err := os.ReadFile("/proc/self/status"); err == nil {
			if _, rest, ok := strings.Cut(string(b), "VmHWM:"); ok {
				peak, _, _ = strings.Cut(strings.TrimSpace(rest), " ")
			}
		}
		fmt.Fprintf(os.Stderr, "\npeak: %s\n", peak)
		os.Exit(code)
	}
}

// The attacks on --max-memory each end with exit status 4 and a clear message, and
// no script gets more than 64 MiB past the limit: each runs in a child process
// (this test binary as luasync), which reports its peak resident memory.
func TestMemoryLimitHolds(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	const limitMB = 100
	s64 := "local s = ('x'):rep(2^26)\n"
	for _, c := range []struct{ name, src, stdin string }{
		{"concatenations kept", "local s = ('x'):rep(2^24)\nlocal keep = {}\nfor i = 1, 48 do keep[i] = s .. i end\nprint(#keep)\n", ""},
		{"table.concat", s64 + "local t = {}\nfor i = 1, 16 do t[i] = s end\nprint(#table.concat(t))\n", ""},
		{"string.format", s64 + "print(#string.format(('%s'):rep(16), s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s))\n", ""},
		{"one concatenation of sixteen 64 MiB strings", s64 + "local t = s..s..s..s..s..s..s..s..s..s..s..s..s..s..s..s\nprint(#t)\n", ""},
		{"string.rep kept", "local keep = {}\nfor i = 1, 16 do keep[i] = ('x'):rep(2^26 - i) end\nprint(#keep)\n", ""},
		{"a script that ends just past the limit", "local s = ('x'):rep(2^26 - 1)\nlocal t = s .. 'y'\nprint('done')\n", ""},
		{"io.read of an endless input", "print(#io.read('*a'))\n", "endless"},
		{"error() adding its position to a 60 MiB message", "local s = ('x'):rep(60 * 2^20)\nerror(s)\n", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := writeScript(t, "memory.lua", c.src)
			cmd := exec.Command(exe, "run", "--max-memory", "100", path)
			cmd.Env = append(os.Environ(), peakEnvVar+"=1")
			if c.stdin != "" {
				cmd.Stdin = endlessInput{}
			}
			var out, errOut bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errOut
			err := cmd.Run()
			if _, ok := err.(*exec.ExitError); err != nil && !ok {
				t.Fatal(err)
			}
			if code := cmd.ProcessState.ExitCode(); code != exitLimit || !strings.Contains(errOut.String(), "luasync: memory limit exceeded (100 MiB, --max-memory") {
				t.Errorf("exit status %d, stderr:\n%s", code, errOut.String())
			}
			_, peak, _ := strings.Cut(errOut.String(), "\npeak: ")
			peakMB, err := strconv.ParseInt(strings.TrimSpace(peak), 10, 64)
			if err != nil {
				t.Fatalf("no peak in the child's stderr:\n%s", errOut.String())
			}
			peakMB >>= 10
			if bound := int64(limitMB + 64 + raceOverheadMB); peakMB > bound {
				t.Errorf("peak resident memory %d MiB, more than %d MiB", peakMB, bound)
			}
			t.Logf("peak %d MiB", peakMB)
		})
	}
}

// endlessInput is an input of zeros that never ends.
type endlessInput struct{}

func (endlessInput) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
