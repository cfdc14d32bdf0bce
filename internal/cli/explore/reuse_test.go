package explore

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	base "luasync/internal/cli"
	"luasync/internal/cli/check"
	"luasync/internal/engine"
)

// explore's runs share one Lua state, put back as it was built before each run
// (it is built once, and reused by every run that follows):
// its verdicts and the outcomes it lists are those of runs that each build their
// own, on the exercises' starters and solutions, under random, PCT and every
// schedule.
func TestReusedStatesExploreAsFreshOnes(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // the schedule files it saves, named apart below
	savedFile := regexp.MustCompile(regexp.QuoteMeta(tmp) + `\S*`)
	var scripts []string
	for _, exercise := range []string{"05-rendezvous", "07-readers-writers", "12-lost-wakeup", "16-find-overdraft", "24-h2o"} {
		for _, name := range []string{"exercise.lua", "program.lua", "solution.lua"} {
			if path := filepath.Join("scripts", "exercises", exercise, name); fileExists(path) {
				scripts = append(scripts, path)
			}
		}
	}
	if len(scripts) < 8 {
		t.Fatalf("found %d scripts", len(scripts))
	}
	for _, script := range scripts {
		for _, mode := range []struct {
			name     string
			strategy string
			search   searchMode
			outcomes bool
		}{
			{"random", "random", searchSample, true},
			{"pct", "pct", searchSample, false},
			{"exhaustive", "", searchExhaustive, true},
			{"deviations", "", searchDeviations, false},
		} {
			reuse := engine.NewReuse()
			explored := func(fresh bool) (int, string) {
				run := engine.Defaults()
				run.Script, run.Clock, run.Schedule, run.MaxMemoryMB = script, "virtual", mode.strategy, 0
				if !fresh {
					run.Reuse = reuse
				}
				cfg := exploreConfig{run: run, runs: 200, seed: 1, search: mode.search, deviations: 3, maxRuns: 200,
					outcomes: mode.outcomes, freshStates: fresh}
				cfg.expectPath = check.ExpectedFile(script)
				var out, errOut bytes.Buffer
				status := explore(testEnv(&out, &errOut), cfg)
				return status, savedFile.ReplaceAllString(out.String()+errOut.String(), "SAVED")
			}
			status, out := explored(false)
			freshStatus, freshOut := explored(true)
			if status != freshStatus || out != freshOut {
				t.Errorf("%s, %s: with one state, exit status %d:\n%s\nwith a state per run, %d:\n%s", script, mode.name, status, out, freshStatus, freshOut)
			}
			reuse.Close()
			// One state was built, and every later run reused it: all 200 PCT runs if none failed.
			c := reuse.Counts()
			if c.Built != 1 || c.Discarded != 0 || status == base.ExitOK && mode.strategy == "pct" && c.Reused < 199 {
				t.Errorf("%s, %s: exit status %d, states %+v", script, mode.name, status, c)
			}
		}
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
