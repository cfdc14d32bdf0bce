package explore

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"luasync/internal/cli/check"
	"luasync/internal/engine"
)

// BenchmarkSearchModes measures how many runs each search needs to find the first
// failure of the exercises' starters, the find-the-schedule programs, the examples
// (whose output any other order changes) and three scripts of testdata/ whose bugs
// hide deeper, within 500 runs: random and PCT averaged over five seeds, fewest
// deviations first once (it is deterministic). It prints a line per script that
// fails and the totals; the README has them. Run it with go test -run - -bench SearchModes -benchtime 1x ./internal/cli/explore/
func BenchmarkSearchModes(b *testing.B) {
	var scripts []string
	for _, pattern := range []string{"scripts/exercises/*/exercise.lua", "scripts/exercises/*/program.lua", "scripts/examples/*.lua", "internal/cli/explore/testdata/*.lua"} {
		found, _ := filepath.Glob(pattern)
		scripts = append(scripts, found...)
	}
	failed := regexp.MustCompile(`(?m)^(?:run|schedule) (\d+) (?:of \d+ )?failed`)
	runsTo := func(script string, search searchMode, strategy string, seed uint64) int {
		expected := check.ExpectedFile(script)
		src, _ := os.ReadFile(script)
		d := check.Directives(src)
		run := engine.Defaults()
		run.Script, run.Args, run.Clock, run.Schedule, run.MaxMemoryMB, run.PCTSteps = script, strings.Fields(d["args"]), "virtual", strategy, 0, 0
		cfg := exploreConfig{run: run, runs: 500, seed: seed, expectPath: expected, search: search, deviations: 10, maxRuns: 500}
		fmt.Sscan(d["exit"], &cfg.expectExit)
		var out bytes.Buffer
		explore(testEnv(&out, &bytes.Buffer{}), cfg)
		var n int
		if m := failed.FindStringSubmatch(out.String()); m != nil {
			fmt.Sscan(m[1], &n)
		}
		return n // 0: no failure
	}
	b.Setenv("TMPDIR", b.TempDir())
	for range b.N {
		total := map[string]float64{}
		for _, script := range scripts {
			line := script
			for _, strategy := range []string{"random", "pct"} {
				sum, found := 0, 0
				for seed := uint64(1); seed <= 5; seed++ {
					if n := runsTo(script, searchSample, strategy, seed); n > 0 {
						sum, found = sum+n, found+1
					}
				}
				if found > 0 {
					line += fmt.Sprintf("  %s %.1f (%d/5)", strategy, float64(sum)/float64(found), found)
					total[strategy] += float64(sum) / float64(found)
				} else {
					line += fmt.Sprintf("  %s none", strategy)
				}
			}
			n := runsTo(script, searchDeviations, "random", 1)
			line += fmt.Sprintf("  deviations %d", n)
			total["deviations"] += float64(n)
			if n > 0 {
				fmt.Println(line)
			}
		}
		fmt.Printf("runs to the first failure, in all: random %.0f, pct %.0f, deviations %.0f\n", total["random"], total["pct"], total["deviations"])
	}
}
