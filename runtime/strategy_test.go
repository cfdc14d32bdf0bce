package runtime

import (
	"fmt"
	"strings"
	"testing"
)

// strategyScenario is a scenario whose scheduler uses strategy.
func strategyScenario(strategy Strategy) *scenario {
	return &scenario{Scheduler: New(Options{Clock: NewVirtualClock(), Strategy: strategy})}
}

// interleave runs tasks named a, b, c..., each logging its name and yielding
// (Sleep(0)) steps times, and returns the order of the log as one string: "abcabc".
func interleave(t *testing.T, strategy Strategy, tasks, steps int) string {
	t.Helper()
	sc := strategyScenario(strategy)
	var order strings.Builder
	err := sc.run(t, func(m *Task) {
		for i := range tasks {
			name := string(rune('a' + i))
			sc.spawn(func(t *Task) {
				for range steps {
					order.WriteString(name)
					t.Sleep(0)
				}
			})
		}
		sc.outlive(m)
	})
	if err != nil {
		t.Fatal(err)
	}
	return order.String()
}

// switches counts the places where the next letter differs from the previous one.
func switches(order string) int {
	n := 0
	for i := 1; i < len(order); i++ {
		if order[i] != order[i-1] {
			n++
		}
	}
	return n
}

// A nil strategy is FIFO (scheduling rule 2), the default.
func TestStrategyNilIsFIFO(t *testing.T) {
	if got := interleave(t, nil, 3, 3); got != "abcabcabc" {
		t.Errorf("order %q, want abcabcabc", got)
	}
}

// Random: the same seed gives the same interleaving, other seeds others, and every
// ready task is as likely to run next.
func TestRandomStrategy(t *testing.T) {
	if a, b := interleave(t, NewRandom(7), 3, 5), interleave(t, NewRandom(7), 3, 5); a != b {
		t.Errorf("seed 7 gave %q then %q", a, b)
	}
	seen := map[string]bool{}
	for seed := range uint64(20) {
		seen[interleave(t, NewRandom(seed), 3, 5)] = true
	}
	if len(seen) < 15 {
		t.Errorf("20 seeds gave only %d interleavings: %v", len(seen), seen)
	}
	// Uniform: 30000 choices among 3 give each index 10000 give or take a few
	// hundred (the standard deviation is 82).
	r := NewRandom(1)
	var counts [3]int
	for range 30000 {
		counts[r.Choose(3, nil)]++
	}
	for i, c := range counts {
		if c < 9600 || c > 10400 {
			t.Errorf("index %d chosen %d times of 30000: %v", i, c, counts)
		}
	}
}

// Timers due at the same instant join the ready queue together, so a strategy
// chooses among them too: under Random, tasks waking at t=1 wake in every order.
func TestRandomStrategyOrdersTimersDueTogether(t *testing.T) {
	orders := map[string]int{}
	for seed := range uint64(60) {
		sc := strategyScenario(NewRandom(seed))
		var order strings.Builder
		err := sc.run(t, func(m *Task) {
			for _, name := range []string{"a", "b", "c"} {
				sc.spawn(func(t *Task) {
					t.Sleep(seconds(1))
					if sc.Now() != seconds(1) {
						t.sched.Abort(fmt.Errorf("%s woke at %v", name, sc.Now()))
					}
					order.WriteString(name)
				})
			}
			sc.outlive(m)
		})
		if err != nil {
			t.Fatal(err)
		}
		orders[order.String()]++
	}
	if len(orders) != 6 {
		t.Errorf("60 seeds gave %d of the 6 orders of three timers due together: %v", len(orders), orders)
	}
}

// PCT with depth 1 has no change point: the highest-priority ready task always
// runs, so each task runs all its steps in one go, in an order that the seed picks.
func TestPCTDepthOneRunsByPriority(t *testing.T) {
	orders := map[string]bool{}
	for seed := range uint64(30) {
		got := interleave(t, NewPCT(seed, 1, 100), 3, 4)
		if switches(got) != 2 {
			t.Fatalf("seed %d: %q, want each task's steps together", seed, got)
		}
		orders[got] = true
	}
	if len(orders) != 6 {
		t.Errorf("30 seeds gave %d of the 6 priority orders: %v", len(orders), orders)
	}
}

// PCT with depth d changes priorities d-1 times, at steps among the first k (here
// at least the steps the run makes, so PCT decides them all): each
// change can add at most two switches to the serial order, and some seeds preempt a
// task in the middle of its steps.
func TestPCTChangePoints(t *testing.T) {
	for _, c := range []struct{ depth, steps int }{{2, 12}, {3, 12}, {4, 14}} {
		preempted := 0
		for seed := range uint64(40) {
			p := NewPCT(seed, c.depth, c.steps)
			points := p.ChangePoints()
			if len(points) != c.depth-1 {
				t.Fatalf("depth %d: change points %v", c.depth, points)
			}
			for i, s := range points {
				if s < 1 || s > c.steps || (i > 0 && s <= points[i-1]) {
					t.Fatalf("depth %d, %d steps: change points %v", c.depth, c.steps, points)
				}
			}
			got := interleave(t, p, 3, 4)
			if n := switches(got); n > 2+2*(c.depth-1) {
				t.Errorf("depth %d, seed %d: %q has %d switches", c.depth, seed, got, n)
			} else if n > 2 {
				preempted++
			}
			if again := interleave(t, NewPCT(seed, c.depth, c.steps), 3, 4); again != got {
				t.Errorf("depth %d, seed %d: %q then %q", c.depth, seed, got, again)
			}
		}
		if preempted == 0 {
			t.Errorf("depth %d: no seed of 40 preempted a task", c.depth)
		}
	}
	// Fewer steps than change points: every step is one.
	if p := NewPCT(1, 10, 3); fmt.Sprint(p.ChangePoints()) != "[1 2 3]" {
		t.Errorf("10 changes in 3 steps: %v", p.ChangePoints())
	}
}

// Past its k steps PCT chooses at random, so a high-priority task spinning on
// Sleep(0) for a flag that a lower one sets does not spin forever.
func TestPCTDoesNotStarveForever(t *testing.T) {
	for seed := range uint64(20) {
		sc := strategyScenario(NewPCT(seed, 2, 10))
		flag := false
		err := sc.run(t, func(m *Task) {
			spinner := sc.spawn(func(t *Task) {
				for !flag {
					t.Sleep(0)
				}
			})
			setter := sc.spawn(func(t *Task) { flag = true })
			m.Gather([]*Task{spinner, setter})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// The lost update (exercise 01 in Go): each of three tasks reads a counter, yields,
// and writes it back plus one. FIFO loses the same updates every run; the random
// strategies find runs that lose others (or none: PCT runs the tasks one after the
// other until a change point preempts one in the middle of a visit).
func TestStrategiesFindTheLostUpdate(t *testing.T) {
	counter := func(strategy Strategy) int {
		sc := strategyScenario(strategy)
		count := 0
		err := sc.run(t, func(m *Task) {
			for range 3 {
				sc.spawn(func(t *Task) {
					for range 10 {
						seen := count
						t.Sleep(0)
						count = seen + 1
					}
				})
			}
			sc.outlive(m)
		})
		if err != nil {
			t.Fatal(err)
		}
		return count
	}
	if got := counter(nil); got != 10 {
		t.Fatalf("FIFO counted %d, want 10 (every round loses two updates)", got)
	}
	for _, c := range []struct {
		name string
		new  func(seed uint64) Strategy
	}{
		{"random", func(seed uint64) Strategy { return NewRandom(seed) }},
		{"pct", func(seed uint64) Strategy { return NewPCT(seed, 2, 60) }},
	} {
		counts := map[int]int{}
		for seed := range uint64(50) {
			counts[counter(c.new(seed))]++
		}
		if len(counts) < 3 {
			t.Errorf("%s: 50 seeds gave only the counts %v", c.name, counts)
		}
		if counts[30] == 50 {
			t.Errorf("%s never lost an update: %v", c.name, counts)
		}
		t.Logf("%s: final counts of 50 seeds: %v", c.name, counts)
	}
}
