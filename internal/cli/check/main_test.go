package check_test

import (
	"strings"
	"testing"

	"luasync/internal/app"
	"luasync/internal/clitest"
)

// check's children run luasync run and explore: the whole command line.
func TestMain(m *testing.M) { clitest.Main(m, app.Commands) }

// check runs each script in a child: this test binary, through the hook of
// clitest.Main.
func TestCheckRunsItsChildren(t *testing.T) {
	r := clitest.Run(t, app.Commands, "", "check", "scripts/tutorial/lock.lua", "scripts/tutorial/queue.lua")
	if r.Status != 0 || !strings.Contains(r.Stdout, "PASS scripts/tutorial/lock.lua") || !strings.HasSuffix(r.Stdout, "2 passed, 0 failed\n") {
		t.Errorf("status %d:\n%s%s", r.Status, r.Stdout, r.Stderr)
	}
}
