package runtime

import (
	"slices"
	"strings"
	"testing"
)

// queueModel is a run of a scheduler reduced to its ready queue: tasks a, b, c...
// each take steps steps; the task chosen runs one step and, if it has more, goes
// to the back of the queue. It asks strategy whenever more than one task is ready,
// as the scheduler does, and returns the order of the steps ("abcabc").
func queueModel(strategy Strategy, tasks, steps int) string {
	left := map[*Task]int{}
	var queue []*Task
	for i := range tasks {
		t := &Task{givenName: string(rune('a' + i)), named: true}
		left[t] = steps
		queue = append(queue, t)
	}
	var order strings.Builder
	for len(queue) > 0 {
		i := 0
		if len(queue) > 1 {
			i = strategy.Choose(len(queue), func(j int) *Task { return queue[j] })
		}
		t := queue[i]
		queue = slices.Delete(queue, i, i+1)
		order.WriteString(t.Name())
		if left[t]--; left[t] > 0 {
			queue = append(queue, t)
		}
	}
	return order.String()
}

// allSchedules enumerates, by brute force, every schedule of the queue model: its
// order and its number of deviations.
func allSchedules(tasks, steps int) map[string]int {
	all := map[string]int{}
	var walk func(prefix []int)
	walk = func(prefix []int) {
		probe := &probeStrategy{prefix: prefix}
		order := queueModel(probe, tasks, steps)
		if len(probe.ready) == len(prefix) {
			deviations := 0
			for _, c := range prefix {
				if c != 0 {
					deviations++
				}
			}
			all[order] = deviations
			return
		}
		for c := range probe.ready[len(prefix)] {
			walk(append(slices.Clone(prefix), c))
		}
	}
	walk(nil)
	return all
}

// probeStrategy follows prefix, then the default order, noting how many tasks were
// ready at each decision.
type probeStrategy struct {
	prefix []int
	ready  []int
}

func (p *probeStrategy) Choose(n int, _ func(int) *Task) int {
	p.ready = append(p.ready, n)
	if i := len(p.ready) - 1; i < len(p.prefix) {
		return p.prefix[i]
	}
	return 0
}

// searchAll runs the queue model under every path of s, and returns the orders in
// the order they were run, with their deviations.
func searchAll(t *testing.T, s *Search, tasks, steps int) (orders []string, deviations []int) {
	t.Helper()
	for {
		p, ok := s.Next()
		if !ok {
			return orders, deviations
		}
		orders = append(orders, queueModel(p, tasks, steps))
		deviations = append(deviations, p.Deviations())
		s.Done(p)
	}
}

// Depth first, the search runs every schedule exactly once, says the tree is
// covered, and comes to the default order first.
func TestSearchDepthFirstCoversTheTree(t *testing.T) {
	want := allSchedules(3, 2) // 6!/(2!2!2!) interleavings
	if len(want) != 90 {
		t.Fatalf("the brute force found %d schedules, want 90", len(want))
	}
	s := NewSearch(DepthFirst, 0, -1, 0)
	orders, _ := searchAll(t, s, 3, 2)
	if orders[0] != "abcabc" {
		t.Errorf("the first run is %q, want the default order abcabc", orders[0])
	}
	seen := map[string]bool{}
	for _, o := range orders {
		if seen[o] {
			t.Errorf("%q run twice", o)
		}
		seen[o] = true
		if _, ok := want[o]; !ok {
			t.Errorf("%q is no schedule", o)
		}
	}
	if len(seen) != len(want) || !s.Covered() || s.Runs() != len(want) {
		t.Errorf("%d runs (%d distinct) of %d schedules, covered %v", s.Runs(), len(seen), len(want), s.Covered())
	}
}

// By fewest deviations, the search runs the schedules in increasing order of
// deviations, and with a bound D exactly those with at most D.
func TestSearchFewestDeviationsFirst(t *testing.T) {
	all := allSchedules(3, 3)
	for bound := range 4 {
		s := NewSearch(FewestDeviations, 0, bound, 0)
		orders, deviations := searchAll(t, s, 3, 3)
		if !slices.IsSorted(deviations) {
			t.Errorf("bound %d: deviations in the order %v", bound, deviations)
		}
		within := 0
		for _, d := range all {
			if d <= bound {
				within++
			}
		}
		seen := map[string]bool{}
		for i, o := range orders {
			if seen[o] || all[o] != deviations[i] {
				t.Errorf("bound %d: %q run twice (%v) or with %d deviations, not %d", bound, o, seen[o], deviations[i], all[o])
			}
			seen[o] = true
		}
		if len(orders) != within || !s.CoveredWithinDeviations() || s.Covered() {
			t.Errorf("bound %d: %d runs, want %d; covered within the bound %v, all %v", bound, len(orders), within, s.CoveredWithinDeviations(), s.Covered())
		}
	}
	// A bound above the most deviations any schedule has covers the whole tree.
	s := NewSearch(FewestDeviations, 0, 100, 0)
	if orders, _ := searchAll(t, s, 3, 3); len(orders) != len(all) || !s.Covered() {
		t.Errorf("%d runs of %d schedules, covered %v", len(orders), len(all), s.Covered())
	}
}

// A bound on the runs stops the search, which then does not claim the tree.
func TestSearchRunsBound(t *testing.T) {
	for _, order := range []SearchOrder{DepthFirst, FewestDeviations} {
		s := NewSearch(order, 10, -1, 0)
		orders, _ := searchAll(t, s, 3, 2)
		if len(orders) != 10 || s.Covered() || s.CoveredWithinDeviations() {
			t.Errorf("order %d: %d runs, covered %v", order, len(orders), s.Covered())
		}
	}
}

// A run that goes past the depth bound takes the default order there, and the
// search does not claim the tree.
func TestSearchDepthBound(t *testing.T) {
	s := NewSearch(DepthFirst, 0, -1, 3)
	orders, _ := searchAll(t, s, 3, 2)
	if s.Covered() || !s.Cut() || len(orders) >= 90 {
		t.Errorf("%d runs, covered %v, cut %v", len(orders), s.Covered(), s.Cut())
	}
}

// A run that does not repeat its parent (fewer tasks ready than the prefix says)
// is noticed, and the tree is not claimed.
func TestSearchNoticesADivergingRun(t *testing.T) {
	s := NewSearch(DepthFirst, 0, -1, 0)
	p, _ := s.Next()
	queueModel(p, 3, 1)
	s.Done(p)
	// a child of that run, whose second run finds two tasks ready, not three
	bad := NewPath([]int{2}, 0)
	queueModel(bad, 2, 1)
	if !bad.Diverged {
		t.Error("a choice of index 2 among 2 ready tasks went unnoticed")
	}
	s.Done(bad)
	if s.Covered() || !s.Diverged() {
		t.Errorf("covered %v, diverged %v", s.Covered(), s.Diverged())
	}
}

// Stopped by the runs' bound, a search by fewest deviations knows up to how many
// deviations it ran every schedule: the most d such that the schedules with at
// most d deviations fit in the bound.
func TestSearchCoveredDeviations(t *testing.T) {
	all := allSchedules(3, 2)
	upTo := map[int]int{} // schedules with at most d deviations
	most := 0
	for _, d := range all {
		most = max(most, d)
	}
	for d := range most + 1 {
		for _, n := range all {
			if n <= d {
				upTo[d]++
			}
		}
	}
	for _, runs := range []int{1, 2, 5, upTo[1], upTo[1] + 1, upTo[2], 60} {
		s := NewSearch(FewestDeviations, runs, -1, 0)
		searchAll(t, s, 3, 2)
		want := -1
		for d := 0; d <= most && upTo[d] <= runs; d++ {
			want = d
		}
		if got := s.CoveredDeviations(); got != want {
			t.Errorf("%d runs: every schedule within %d deviations, want %d (schedules within 0, 1, 2: %d, %d, %d)", runs, got, want, upTo[0], upTo[1], upTo[2])
		}
	}
	s := NewSearch(FewestDeviations, 0, 2, 0)
	if searchAll(t, s, 3, 2); s.CoveredDeviations() != 2 {
		t.Errorf("a bound of 2 deviations, not stopped: %d", s.CoveredDeviations())
	}
}
