package play

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	base "luasync/internal/cli"
	"luasync/internal/cli/explore"
	"luasync/internal/clitest"
	"luasync/internal/engine"
)

// The page's Explore says what luasync explore says, up to the schedule file the
// command saves: the same runs under the same seeds, the same failing run, diff,
// report and replay command; the same count when every run passes.
func TestExploreGivesLuasyncExploresVerdict(t *testing.T) {
	for _, c := range []struct {
		script, strategy string
		runs             int
	}{
		{"scripts/exercises/01-lost-update/exercise.lua", "random", 100},
		{"scripts/exercises/01-lost-update/exercise.lua", "pct", 100},
		{"scripts/exercises/01-lost-update/solution.lua", "random", 100},
		{"scripts/exercises/13-check-then-act/exercise.lua", "pct", 100},
	} {
		src, err := os.ReadFile(c.script)
		if err != nil {
			t.Fatal(err)
		}
		expectedFile := filepath.Join(filepath.Dir(c.script), "expected.txt")
		expected, err := os.ReadFile(expectedFile)
		if err != nil {
			t.Fatal(err)
		}
		got := Explore(ExploreRequest{Name: c.script, Source: string(src), Runs: c.runs, Strategy: c.strategy,
			Expected: string(expected), ExpectedName: expectedFile}, nil)
		cli := clitest.Run(t, []base.Command{explore.Command}, "", "explore", "--runs", fmt.Sprint(c.runs),
			"--strategy", c.strategy, "--expect", expectedFile, c.script)
		want, _, _ := strings.Cut(cli.Stdout, "its choices are saved in ")
		if got.Text != want || got.Pass != (cli.Status == engine.ExitOK) {
			t.Errorf("%s, %s: the page's verdict\n%s\nluasync explore's (status %d)\n%s", c.script, c.strategy, got.Text, cli.Status, want)
		}
		if !got.Pass {
			st := Step(StepRequest{Name: c.script, Source: string(src), Path: got.Choices})
			if !st.Finished || st.Stdout != got.Stdout {
				t.Errorf("%s: the counterexample in step mode printed %q", c.script, st.Stdout)
			}
		}
	}
}
