package runtime

// Strategy chooses which ready task runs next. The scheduler asks it only when
// more than one task is ready; task(i) is the i-th ready task, front (longest ready)
// first, and Choose returns an index in [0, n). Timers that fall due together join
// the ready queue together, so a strategy also decides which of them goes first.
// A strategy makes every choice from its own seeded source, so that a run can be
// repeated exactly.
type Strategy interface {
	Choose(n int, task func(i int) *Task) int
}
