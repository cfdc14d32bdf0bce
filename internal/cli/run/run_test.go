package run

import (
	"os"
	"testing"

	base "luasync/internal/cli"
	"luasync/internal/clitest"
)

func TestMain(m *testing.M) { clitest.Main(m, commands) }

// commands is the command line these tests run: run alone.
var commands = []base.Command{Command}

// A script prints its expected output, and its flags reach the engine: the
// virtual clock, the arguments.
func TestRunPrintsTheExpectedOutput(t *testing.T) {
	for _, script := range []string{"scripts/tutorial/lock", "scripts/tutorial/lock_sleep"} {
		want, err := os.ReadFile(script + ".expected")
		if err != nil {
			t.Fatal(err)
		}
		r := clitest.Run(t, commands, "", "run", "--clock", "virtual", script+".lua")
		if r.Status != base.ExitOK || r.Stdout != string(want) {
			t.Errorf("%s: status %d, stdout %q, want %q; stderr:\n%s", script, r.Status, r.Stdout, want, r.Stderr)
		}
	}
}

// A bad flag value is refused before anything runs; a script that cannot be read
// is a usage error too.
func TestRunRefusesBadInput(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "--clock", "sideways", "scripts/tutorial/lock.lua"}, `luasync: --clock must be real or virtual, not "sideways"`},
		{[]string{"run", "--max-tasks", "-1", "scripts/tutorial/lock.lua"}, "luasync: --max-tasks must be 0 (no limit) or more, not -1"},
		{[]string{"run", "no-such-script.lua"}, "luasync: cannot read the script: open no-such-script.lua: no such file or directory"},
	} {
		r := clitest.Run(t, commands, "", c.args...)
		if r.Status != base.ExitUsage || r.Stdout != "" || r.Stderr[:len(c.want)] != c.want {
			t.Errorf("%q: status %d, stderr %q; want %d, %q", c.args, r.Status, r.Stderr, base.ExitUsage, c.want)
		}
	}
}
