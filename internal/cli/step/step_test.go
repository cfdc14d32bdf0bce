package step

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	base "luasync/internal/cli"
	"luasync/internal/clitest"
)

func TestMain(m *testing.M) { clitest.Main(m, commands) }

// commands is the command line these tests run: step alone.
var commands = []base.Command{Command}

// Stepping with <enter> at every decision is FIFO: the script prints its expected
// output, and the choices are saved in the file --save names.
func TestStepFirstInLineIsFIFO(t *testing.T) {
	want, err := os.ReadFile("scripts/tutorial/lock.expected")
	if err != nil {
		t.Fatal(err)
	}
	save := filepath.Join(t.TempDir(), "lock.schedule")
	r := clitest.Run(t, commands, strings.Repeat("\n", 100), "step", "--save", save, "scripts/tutorial/lock.lua")
	if r.Status != base.ExitOK || r.Stdout != string(want) {
		t.Errorf("status %d, stdout %q, want %q; stderr:\n%s", r.Status, r.Stdout, want, r.Stderr)
	}
	if !strings.Contains(r.Stderr, "-- decision 1 at t=0.000: who runs next?") || !strings.Contains(r.Stderr, "saved in "+save) {
		t.Errorf("stderr:\n%s", r.Stderr)
	}
	if b, err := os.ReadFile(save); err != nil || !strings.Contains(string(b), "# script: ") {
		t.Errorf("the saved schedule: %v\n%s", err, b)
	}
}
