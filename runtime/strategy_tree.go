package runtime

// The schedules of a script form a tree: at each decision (a moment when more than
// one task is ready) the run branches once per ready task. Index 0, the front of
// the ready queue, is the default order, the one a run without a strategy takes;
// any other index is a deviation from it. A Search walks that tree one run at a
// time: each run follows a prefix of choices (a Path), then takes the default
// order, and what it met on the way (how many tasks were ready at each decision)
// tells the search which runs branch off it.
//
// Every schedule is reached exactly once: a run's children are the schedules that
// agree with it up to some decision after its last deviation, deviate there, and
// take the default order from then on. So a schedule's parent is the same schedule
// without its last deviation, and a child has one deviation more than its parent.
// Walked depth first, the tree's schedules come in lexicographic order of their
// choices; walked breadth first, in increasing number of deviations, so that the
// first failure met has as few deviations as any.

// A Decision is one choice of a run: how many tasks were ready, the index of the
// one that ran, its name, and the name of the task the default order would have run.
type Decision struct {
	Ready   int
	Chosen  int
	Name    string
	Default string
}

// Deviation says whether the decision departs from the default order.
func (d Decision) Deviation() bool { return d.Chosen != 0 }

// Path is the Strategy of one run of a Search: it follows its prefix, then takes
// the default order, and records every decision up to the search's depth bound.
// Past the bound it takes the default order without recording: the branches there
// are cut, and Cut says so.
type Path struct {
	prefix     []int
	deviations int
	limit      int
	Decisions  []Decision
	// Cut says the run made more decisions than the depth bound.
	Cut bool
	// Diverged says the run did not repeat its parent: at a decision of the prefix,
	// fewer tasks were ready than when the parent ran (a script that reads the real
	// clock, or the world outside), so the search cannot promise to cover the tree.
	Diverged bool
}

// NewPath follows prefix (indices among the ready tasks), then the default order,
// recording at most limit decisions (0: no bound).
func NewPath(prefix []int, limit int) *Path {
	p := &Path{prefix: prefix, limit: limit}
	for _, c := range prefix {
		if c != 0 {
			p.deviations++
		}
	}
	return p
}

func (p *Path) Choose(n int, task func(int) *Task) int {
	i := len(p.Decisions)
	if p.limit > 0 && i >= p.limit {
		p.Cut = true
		return 0
	}
	c := 0
	if i < len(p.prefix) {
		c = p.prefix[i]
		if c >= n {
			p.Diverged = true
			c = n - 1
		}
	}
	d := Decision{Ready: n, Chosen: c, Default: task(0).Name()}
	d.Name = d.Default
	if c != 0 {
		d.Name = task(c).Name()
	}
	p.Decisions = append(p.Decisions, d)
	return c
}

// Prefix is the choices the run was told to make.
func (p *Path) Prefix() []int { return p.prefix }

// Deviations is how many of the run's decisions depart from the default order.
func (p *Path) Deviations() int { return p.deviations }

// Names is the task chosen at each recorded decision: the run's schedule.
func (p *Path) Names() []string {
	names := make([]string, len(p.Decisions))
	for i, d := range p.Decisions {
		names[i] = d.Name
	}
	return names
}

// SearchOrder is the order in which a Search walks the tree of schedules.
type SearchOrder int

const (
	// DepthFirst goes as deep as it can before it backtracks: the schedules in
	// lexicographic order of their choices, with little to remember.
	DepthFirst SearchOrder = iota
	// FewestDeviations tries every schedule with d deviations before any with d+1.
	FewestDeviations
)

// Search is a walk of the tree of schedules of a script, bounded by a number of
// runs, a number of deviations, and a depth (the decisions per run). It hands out
// one Path per run (Next) and learns the run's children from it (Done).
type Search struct {
	order         SearchOrder
	maxDeviations int // -1: no bound
	maxRuns       int // 0: no bound
	depth         int // decisions recorded per run; 0: no bound

	pending []*branch // a stack (DepthFirst) or a queue (FewestDeviations)
	head    int       // the queue's front
	runs    int       // paths handed out

	// why the tree is not covered, when it is not
	droppedRuns       bool // a child was left out: the runs' bound
	droppedLevel      int  // the fewest deviations of such a child
	droppedDeviations bool // a child was left out: the deviations' bound
	cut               bool // a run went past the depth bound
	diverged          bool // a run did not repeat its parent's decisions
}

// branch is a run to make: its prefix (the last choice is its last deviation).
type branch struct {
	prefix     []int
	deviations int
}

// NewSearch walks the tree in order, trying at most maxRuns schedules (0: no
// bound), with at most maxDeviations deviations each (-1: no bound), recording at
// most depth decisions per run (0: no bound).
func NewSearch(order SearchOrder, maxRuns, maxDeviations, depth int) *Search {
	return &Search{order: order, maxRuns: maxRuns, maxDeviations: maxDeviations, depth: depth,
		pending: []*branch{{}}, droppedLevel: -1}
}

// Next is the strategy of the next run, or false when the search is over: the tree
// (within the deviations' bound) is covered, or the runs' bound is reached.
func (s *Search) Next() (*Path, bool) {
	if s.maxRuns > 0 && s.runs >= s.maxRuns {
		for _, b := range s.pending[s.head:] {
			s.dropRun(b.deviations)
		}
		s.pending, s.head = nil, 0
		return nil, false
	}
	var b *branch
	switch {
	case s.head >= len(s.pending):
		return nil, false
	case s.order == DepthFirst:
		b = s.pending[len(s.pending)-1]
		s.pending = s.pending[:len(s.pending)-1]
	default:
		b = s.pending[s.head]
		s.pending[s.head] = nil
		s.head++
		if s.head > 1024 && s.head*2 > len(s.pending) { // reclaim the queue's front
			s.pending = append(s.pending[:0], s.pending[s.head:]...)
			s.head = 0
		}
	}
	s.runs++
	return NewPath(b.prefix, s.depth), true
}

// Done learns the children of the run that p steered: one per decision after the
// last one of its prefix and per ready task other than the default one.
func (s *Search) Done(p *Path) {
	s.cut = s.cut || p.Cut
	s.diverged = s.diverged || p.Diverged
	if p.deviations+1 > s.maxDeviations && s.maxDeviations >= 0 {
		for _, d := range p.Decisions[len(p.prefix):] {
			if d.Ready > 1 {
				s.droppedDeviations = true
				break
			}
		}
		return
	}
	start := len(p.prefix)
	var children []*branch
	for j := start; j < len(p.Decisions); j++ {
		for c := 1; c < p.Decisions[j].Ready; c++ {
			if s.order == FewestDeviations && s.maxRuns > 0 && s.runs+s.waiting()+len(children) >= s.maxRuns {
				s.dropRun(p.deviations + 1) // more than the runs left: no need to remember it
				break
			}
			prefix := make([]int, j+1)
			copy(prefix, p.prefix)
			prefix[j] = c
			children = append(children, &branch{prefix: prefix, deviations: p.deviations + 1})
		}
	}
	if s.order == DepthFirst {
		// The stack pops the last one first: the deepest decision, its lowest index,
		// so that the schedules come in lexicographic order.
		for i := len(children) - 1; i >= 0; i-- {
			s.pending = append(s.pending, children[i])
		}
		return
	}
	s.pending = append(s.pending, children...)
}

// dropRun notes a schedule with deviations that the runs' bound leaves out.
func (s *Search) dropRun(deviations int) {
	if !s.droppedRuns || deviations < s.droppedLevel {
		s.droppedLevel = deviations
	}
	s.droppedRuns = true
}

// CoveredDeviations is, for a search by fewest deviations that is over, the most
// deviations d such that every schedule with at most d deviations was run: the
// deviations' bound if the runs' bound did not stop it first; -1 if a run went past
// the depth bound or did not repeat itself (then nothing is certain).
func (s *Search) CoveredDeviations() int {
	switch {
	case s.cut || s.diverged:
		return -1
	case s.droppedRuns:
		return s.droppedLevel - 1
	case s.maxDeviations >= 0 && s.droppedDeviations:
		return s.maxDeviations
	}
	return s.maxDeviationsSeen()
}

// maxDeviationsSeen is an upper bound of the deviations of the runs of a search
// that covered the tree: the bound if there is one, else as many as a run can have.
func (s *Search) maxDeviationsSeen() int {
	if s.maxDeviations >= 0 {
		return s.maxDeviations
	}
	return int(^uint(0) >> 1)
}

// waiting is how many runs are still to make.
func (s *Search) waiting() int { return len(s.pending) - s.head }

// Runs is how many paths the search has handed out.
func (s *Search) Runs() int { return s.runs }

// Covered says whether the runs made so far are every schedule of the tree, when
// the search is over: nothing was left out by a bound, cut, or lost to a run that
// did not repeat itself.
func (s *Search) Covered() bool {
	return s.waiting() == 0 && !s.droppedRuns && !s.droppedDeviations && !s.cut && !s.diverged
}

// CoveredWithinDeviations says whether every schedule with at most the deviations'
// bound was run (the tree may have more, with more deviations).
func (s *Search) CoveredWithinDeviations() bool {
	return s.waiting() == 0 && !s.droppedRuns && !s.cut && !s.diverged
}

// Cut says whether a run made more decisions than the depth bound: its schedules
// past the bound were not tried.
func (s *Search) Cut() bool { return s.cut }

// Diverged says whether a run did not repeat the decisions of the run it branched
// from: the script does not depend on its schedule alone.
func (s *Search) Diverged() bool { return s.diverged }
