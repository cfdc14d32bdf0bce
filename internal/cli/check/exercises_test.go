//go:build !race

package check_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"luasync/internal/app"
	"luasync/internal/clitest"
	"luasync/internal/engine"
)

// Every exercise's solution is verified as the README says: under every schedule, or under every schedule within at
// least 3 deviations from asyncio's order, in the budget of check --verify (20000
// runs each). Not under the race detector, whose runs are ten times slower; not
// with -short.
func TestExerciseSolutionsVerified(t *testing.T) {
	if testing.Short() {
		t.Skip("a minute of searches")
	}
	solutions, _ := filepath.Glob(filepath.Join("scripts", "exercises", "*", "solution.lua"))
	if len(solutions) < 28 { // 15 to 20 have a program, not a solution
		t.Fatalf("found %d solutions", len(solutions))
	}
	r := clitest.Run(t, app.Commands, "", append([]string{"check", "--verify", "--json"}, solutions...)...)
	lines := strings.Split(strings.TrimSpace(r.Stdout), "\n")
	if r.Status != 0 || len(lines) != len(solutions) {
		t.Fatalf("status %d, %d records:\n%s%s", r.Status, len(lines), r.Stdout, r.Stderr)
	}
	for _, line := range lines {
		var v engine.Verdict
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		if !v.Pass || (v.Guarantee != engine.GuaranteeAll && (v.Guarantee != engine.GuaranteeDeviations || v.Deviations < 3)) {
			t.Errorf("%s: %s (%s, %d deviations), want every schedule or within 3 deviations", v.Path, v.Verdict, v.Guarantee, v.Deviations)
		}
	}
}
