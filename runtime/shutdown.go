package runtime

import (
	"fmt"
	"strings"
)

// The end of a run, as asyncio.run ends one: the main task's first done-callback
// stops the loop at the end of the iteration it runs in (the handles ready then still
// get their step); then every task still unfinished is cancelled, in creation order,
// and the loop runs on until they have all ended, as asyncio runs it until a gather of
// them is done. Then asyncio runs two more coroutines to completion (the shutdown of
// async generators and of the default executor) and closes the loop: a task spawned
// during that cleanup runs only until then, and is dropped unfinished.

// closingHops is how many handles, one an iteration, the loop still runs after the
// last cancelled task's done-callback: the gather's outer future completing, then a
// step and a done-callback for each of the two shutdown coroutines.
const closingHops = 5

// mainDone is the main task's first done-callback (asyncio's _run_until_complete_cb).
func (s *Scheduler) mainDone(*Task) { s.mainStopped = true }

// endOfMain, at the start of an iteration, cancels the tasks the main task left
// running once the loop has stopped for it, and notes who they were and where they
// waited.
func (s *Scheduler) endOfMain() {
	if !s.mainStopped {
		return
	}
	s.mainStopped = false
	if s.killing || s.live == 0 {
		return
	}
	left := s.Tasks()
	for _, t := range left {
		s.leftovers = append(s.leftovers, t.Info())
	}
	for _, t := range left {
		t.Cancel("")
	}
	s.leftoversRunning = len(left)
	for _, t := range left {
		t.addCallback(handle{fn: s.leftoverEnded}, "gather.<locals>._done_callback()")
	}
}

// leftoverEnded is the done-callback of each cancelled leftover (the gather's): after
// the last, the loop closes closingHops iterations later.
func (s *Scheduler) leftoverEnded(*Task) {
	s.leftoversRunning--
	if s.leftoversRunning == 0 {
		s.closingHopsLeft = closingHops
		s.callSoon(handle{fn: s.closingHop})
	}
}

// closingHop is one of the handles that asyncio.run's last steps put in the ready
// queue, one an iteration; the last closes the loop at the end of its iteration.
func (s *Scheduler) closingHop(*Task) {
	s.closingHopsLeft--
	if s.closingHopsLeft > 0 {
		s.callSoon(handle{fn: s.closingHop})
		return
	}
	s.closed = true
}

// closeLoop, once the loop is closed, notes the tasks still unfinished, which the run
// drops (their workers are killed). It reports whether the loop is closed.
func (s *Scheduler) closeLoop() bool {
	if !s.closed || s.killing {
		return false
	}
	if s.dropped == nil {
		s.dropped = []TaskInfo{}
		for _, t := range s.Tasks() {
			s.dropped = append(s.dropped, t.Info())
		}
	}
	return true
}

// Leftovers lists the tasks that were still running when the main task returned
// and were cancelled for it, as they were then; nil if there were none.
func (s *Scheduler) Leftovers() []TaskInfo { return s.leftovers }

// Dropped lists the tasks still unfinished when the loop closed after the cancelled
// leftovers had ended (tasks their cleanup spawned): asyncio destroys them pending.
func (s *Scheduler) Dropped() []TaskInfo { return s.dropped }

// EndingNote is the note on the end of the run: the leftovers (LeftoversNote), and
// the tasks dropped when the loop closed; "" if there were none.
func (s *Scheduler) EndingNote() string {
	note := LeftoversNote(s.leftovers)
	if s.interrupted != nil {
		note = "" // the report of the interrupt names them
	}
	if m := s.main; m != nil && m.state != Done && note != "" {
		note = "the main chunk ended with an error" + strings.TrimPrefix(note, "the main chunk returned")
	}
	if len(s.dropped) == 0 {
		return note
	}
	var b strings.Builder
	b.WriteString(note)
	if len(s.dropped) == 1 {
		b.WriteString("; 1 task their cleanup started was still running when they had ended, and was dropped, as asyncio.run drops it: ")
	} else {
		fmt.Fprintf(&b, "; %d tasks their cleanup started were still running when they had ended, and were dropped, as asyncio.run drops them: ", len(s.dropped))
	}
	writeTaskList(&b, s.dropped)
	return b.String()
}

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
	writeTaskList(&b, left)
	return b.String()
}

// writeTaskList writes each task's name and where it was: "Task-2 (waiting on sleep,
// at x.lua:4), Task-3 (not started)".
func writeTaskList(b *strings.Builder, tasks []TaskInfo) {
	for i, t := range tasks {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(t.Name)
		switch {
		case t.State == Pending:
			b.WriteString(" (not started)")
		case t.WaitOp != "" && t.State == Waiting:
			fmt.Fprintf(b, " (waiting on %s", t.WaitOp)
			if t.Where != "" {
				fmt.Fprintf(b, ", at %s", t.Where)
			}
			b.WriteString(")")
		default:
			fmt.Fprintf(b, " (%s", t.State)
			if t.Where != "" {
				fmt.Fprintf(b, ", at %s", t.Where)
			}
			b.WriteString(")")
		}
	}
}
