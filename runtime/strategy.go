package runtime

import (
	"math/rand/v2"
	"slices"
)

// Strategy chooses which ready task runs next. The scheduler asks it only when
// more than one task is ready; task(i) is the i-th ready task, front (longest ready)
// first, and Choose returns an index in [0, n). Timers that fall due together join
// the ready queue together, so a strategy also decides which of them goes first.
// A strategy makes every choice from its own seeded source, so that a run can be
// repeated exactly.
//
// Three strategies exist: FIFO, scheduling rule 2, is a nil Strategy (the default
// everywhere); Random and PCT are for exploring the interleavings FIFO hides. A
// Strategy value serves one run: it keeps state from one choice to the next.
type Strategy interface {
	Choose(n int, task func(i int) *Task) int
}

// newSource is the random source of a strategy seeded with seed.
func newSource(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
}

// Random picks uniformly among the ready tasks: every interleaving that the waiting
// points allow has a chance, the ones FIFO never shows included.
type Random struct {
	r *rand.Rand
}

// NewRandom returns a Random strategy whose choices all come from seed.
func NewRandom(seed uint64) *Random { return &Random{r: newSource(seed)} }

func (s *Random) Choose(n int, _ func(int) *Task) int { return s.r.IntN(n) }

// PCT is probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi and
// Nagarakatte, ASPLOS 2010). Each task gets a random priority when the strategy
// first sees it, all distinct, and the highest-priority ready task always runs. At
// depth-1 change points, steps drawn at random among the first Steps choices, the
// task that would run has its priority lowered below every other, so another one
// runs instead. A bug that needs depth-1 particular preemptions (its depth) is found
// with a probability of at least 1/(tasks * Steps^(depth-1)) per run, where random
// choices may need far more runs to hit a long, specific ordering.
//
// A step is one call to Choose: a moment where more than one task is ready. After
// the first Steps choices the strategy picks uniformly at random instead, so a task
// that spins on sleep(0) waiting for a lower-priority one cannot starve it forever.
type PCT struct {
	r      *rand.Rand
	prio   map[*Task]float64 // in [0, 1) as first drawn; negative once lowered
	change []int             // the steps (1-based) where a priority drops, ascending
	step   int
	steps  int
	lowest float64 // the last priority a change point gave
}

// NewPCT returns a PCT strategy whose choices all come from seed. depth (at least
// 1) is the number of orderings a bug may need, so depth-1 priority changes happen;
// steps (at least 1) is how many choices the run is expected to make, among which
// the change points fall.
func NewPCT(seed uint64, depth, steps int) *PCT {
	depth, steps = max(depth, 1), max(steps, 1)
	p := &PCT{r: newSource(seed), prio: map[*Task]float64{}, steps: steps}
	// depth-1 distinct steps in [1, steps]: the first ones of a random shuffle,
	// drawn with Floyd's algorithm so that a long run costs no big permutation.
	chosen := map[int]bool{}
	for j := steps - min(depth-1, steps) + 1; j <= steps; j++ {
		c := 1 + p.r.IntN(j)
		if chosen[c] {
			c = j
		}
		chosen[c] = true
		p.change = append(p.change, c)
	}
	slices.Sort(p.change)
	return p
}

// ChangePoints are the steps (1-based) where a priority drops, in order.
func (p *PCT) ChangePoints() []int { return slices.Clone(p.change) }

func (p *PCT) Choose(n int, task func(int) *Task) int {
	p.step++
	if p.step > p.steps {
		return p.r.IntN(n)
	}
	best := p.highest(n, task)
	if len(p.change) > 0 && p.change[0] == p.step {
		p.change = p.change[1:]
		p.lowest--
		p.prio[task(best)] = p.lowest
		best = p.highest(n, task)
	}
	return best
}

// highest is the index of the ready task with the highest priority; a task seen for
// the first time draws its priority, a uniform number, so that the order of the
// tasks seen so far is a uniformly random permutation.
func (p *PCT) highest(n int, task func(int) *Task) int {
	best, bestPrio := -1, 0.0
	for i := range n {
		t := task(i)
		pr, ok := p.prio[t]
		if !ok {
			pr = p.r.Float64()
			p.prio[t] = pr
		}
		if best < 0 || pr > bestPrio {
			best, bestPrio = i, pr
		}
	}
	return best
}
