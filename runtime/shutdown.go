package runtime

import (
	"fmt"
	"strings"
)

// The end of a run, as asyncio.run ends one: the main task's first done-callback
// stops the loop at the end of the iteration it runs in (the handles ready then still
// get their step); then every task still unfinished is cancelled, in creation order,
// and the loop runs on until they have all ended.

// mainDone is the main task's first done-callback (asyncio's _run_until_complete_cb).
func (s *Scheduler) mainDone() { s.mainStopped = true }

// endOfMain, at the start of an iteration, cancels the tasks the main task left
// running once the loop has stopped for it, and notes who they were and where they
// waited.
func (s *Scheduler) endOfMain() {
	if !s.mainStopped {
		return
	}
	s.mainStopped = false
	if s.interrupted != nil || s.killing || s.live == 0 {
		return
	}
	left := s.Tasks()
	for _, t := range left {
		s.leftovers = append(s.leftovers, t.Info())
	}
	for _, t := range left {
		t.Cancel("")
	}
}

// Leftovers lists the tasks that were still running when the main task returned
// and were cancelled for it, as they were then; nil if there were none.
func (s *Scheduler) Leftovers() []TaskInfo { return s.leftovers }

// LeftoversNote is the note that says which tasks the main task left running and
// where each waited; "" if it left none.
func LeftoversNote(left []TaskInfo) string {
	if len(left) == 0 {
		return ""
	}
	var b strings.Builder
	if len(left) == 1 {
		b.WriteString("the main chunk returned while 1 task was still running; it was cancelled, as asyncio.run does: ")
	} else {
		fmt.Fprintf(&b, "the main chunk returned while %d tasks were still running; they were cancelled, as asyncio.run does: ", len(left))
	}
	for i, t := range left {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(t.Name)
		switch {
		case t.State == Pending:
			b.WriteString(" (not started)")
		case t.WaitOp != "" && t.State == Waiting:
			fmt.Fprintf(&b, " (waiting on %s", t.WaitOp)
			if t.Where != "" {
				fmt.Fprintf(&b, ", at %s", t.Where)
			}
			b.WriteString(")")
		default:
			fmt.Fprintf(&b, " (%s", t.State)
			if t.Where != "" {
				fmt.Fprintf(&b, ", at %s", t.Where)
			}
			b.WriteString(")")
		}
	}
	return b.String()
}
