package play

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	base "luasync/internal/cli"
	"luasync/internal/cli/check"
	"luasync/internal/clitest"
)

// took is the time a verdict line shows, which differs from run to run.
var took = regexp.MustCompile(`\([0-9.]+s\)`)

// The page's Check gives luasync check's verdict, word for word: a starter that
// prints the wrong count, a solution, a starter that deadlocks, one whose
// directives say how it runs.
func TestCheckGivesLuasyncChecksVerdict(t *testing.T) {
	for _, script := range []string{
		"scripts/exercises/01-lost-update/exercise.lua",
		"scripts/exercises/01-lost-update/solution.lua",
		"scripts/exercises/03-close-the-queue/exercise.lua",
		"scripts/exercises/08-dining-philosophers/exercise.lua",
		"scripts/exercises/14-cancel-the-losers/solution.lua",
	} {
		src, err := os.ReadFile(script)
		if err != nil {
			t.Fatal(err)
		}
		expectedFile := filepath.Join(filepath.Dir(script), "expected.txt")
		expected, err := os.ReadFile(expectedFile)
		if err != nil {
			t.Fatal(err)
		}
		got := Check(CheckRequest{Name: script, Source: string(src), Expected: string(expected), ExpectedName: expectedFile})
		cli := clitest.Run(t, []base.Command{check.Command}, "", "check", script)
		want := took.ReplaceAllString(cli.Stdout, "(T)")
		if text := took.ReplaceAllString(got.Text, "(T)"); want != text+map[bool]string{true: "1 passed, 0 failed\n", false: "0 passed, 1 failed\n"}[got.Pass] {
			t.Errorf("%s: the page's verdict\n%s\nluasync check's\n%s", script, text, want)
		}
	}
}
