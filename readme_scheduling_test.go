package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The README's Scheduling section states the event loop's eight rules, names an
// example for each rule an example shows (every example it names exists), and
// states none of the rules the loop had before it was asyncio's.
func TestReadmeSchedulingSection(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## Scheduling\n")
	if !ok {
		t.Fatal("README.md has no Scheduling section")
	}
	section, _, _ = strings.Cut(section, "\n## ")

	for i := 1; i <= 8; i++ {
		if !regexp.MustCompile(`(?m)^` + strconv.Itoa(i) + `\. \*\*`).MatchString(section) {
			t.Errorf("the Scheduling section has no rule %d", i)
		}
	}

	named := map[string]bool{}
	for _, m := range regexp.MustCompile("`([a-z_]+)\\.lua`").FindAllStringSubmatch(section, -1) {
		named[m[1]] = true
		if _, err := os.Stat(filepath.Join("scripts", "examples", m[1]+".lua")); err != nil {
			t.Errorf("the Scheduling section names %s.lua, which is not an example", m[1])
		}
	}
	ruleExamples := regexp.MustCompile(`^(ticker_.*|cancel_.*|leftover_.*|lock_release|queue_recheck|semaphore_wakeups|condition_notify|priority_ties|barrier_cancel)\.lua$`)
	scripts, _ := filepath.Glob(filepath.Join("scripts", "examples", "*.lua"))
	for _, s := range scripts {
		base := filepath.Base(s)
		if ruleExamples.MatchString(base) && !named[strings.TrimSuffix(base, ".lua")] {
			t.Errorf("the Scheduling section does not name %s, which shows one of its rules", base)
		}
	}

	for _, old := range []string{
		"is true right after", "handed to the longest waiter", "No barging", "GroupCancelMessage",
		"Hand-off", "hands it over at once", "resumes one iteration after its tasks end",
	} {
		if strings.Contains(section, old) {
			t.Errorf("the Scheduling section still states a rule of the old scheduler: %q", old)
		}
	}
	if !strings.Contains(section, "CPython 3.13") {
		t.Error("the Scheduling section does not say which CPython version it follows")
	}
}
