package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"luasync/bindings"
	"luasync/internal/engine"
	"luasync/runtime"
)

// Stepper is a runtime.Strategy that asks a person at each decision. Choose runs
// with the baton, so it may look at the tasks and their Lua state.
type Stepper struct {
	ask     func(prompt string) (string, error) // a line from the person
	quit    func()                              // what q does
	out     io.Writer
	then    runtime.Strategy // after c (or at the end of input): nil is FIFO
	sched   *runtime.Scheduler
	mod     *bindings.Module
	sources map[string][]string // script lines by file name, to show them
	decided int                 // decisions made so far
	going   bool                // c: no more stopping
	quitAt  int                 // the decision at which q was answered; 0 before
}

// NewStepper asks its questions on out and reads the answers from in, a line each;
// q stops the run. Where <enter> goes on as then would.
func NewStepper(in io.Reader, out io.Writer, then runtime.Strategy) *Stepper {
	lines := bufio.NewReader(in)
	st := &Stepper{out: out, then: then, sources: map[string][]string{}}
	st.ask = func(prompt string) (string, error) {
		fmt.Fprint(out, prompt)
		return lines.ReadString('\n')
	}
	st.quit = func() { st.sched.Abort(engine.ErrQuit) }
	return st
}

// Attach gives the stepper the run it steps through.
func (st *Stepper) Attach(s *runtime.Scheduler, m *bindings.Module) { st.sched, st.mod = s, m }

func (st *Stepper) Choose(n int, task func(int) *runtime.Task) int {
	st.decided++
	return st.choose(n, task)
}

func (st *Stepper) choose(n int, task func(int) *runtime.Task) int {
	usual := st.otherwise(n, task) // what <enter> picks
	if st.going {
		return usual
	}
	ready := make([]*runtime.Task, n)
	for i := range ready {
		ready[i] = task(i)
	}
	st.show(ready, usual)
	for {
		line, err := st.ask("step> ")
		if err != nil && line == "" {
			fmt.Fprintln(st.out, "(end of input: continuing without stopping)")
			st.going = true
			return usual
		}
		words := strings.Fields(line)
		switch {
		case len(words) == 0:
			return usual
		case words[0] == "c":
			st.going = true
			return usual
		case words[0] == "q":
			st.quitAt = st.decided
			st.quit()
			st.going = true
			return usual
		case words[0] == "w" && len(words) == 2:
			st.traceback(words[1])
			continue
		}
		if id, err := strconv.Atoi(words[0]); err == nil && len(words) == 1 {
			for i, t := range ready {
				if t.ID() == id {
					return i
				}
			}
			fmt.Fprintf(st.out, "task %d is not ready now: choose one of the ready tasks\n", id)
			continue
		}
		fmt.Fprintln(st.out, "<enter> the task marked *, N the task with id N, c continue, w N traceback, q quit")
	}
}

// otherwise chooses without asking, as the run's own strategy would: FIFO, or the
// schedule file being stepped through.
func (st *Stepper) otherwise(n int, task func(int) *runtime.Task) int {
	if st.then == nil {
		return 0
	}
	return st.then.Choose(n, task)
}

// show prints a decision: the ready tasks with the line each runs next, and what the
// others wait on.
func (st *Stepper) show(ready []*runtime.Task, usual int) {
	fmt.Fprintf(st.out, "-- decision %d at t=%.3f: who runs next?\n", st.decided, st.sched.Now().Seconds())
	isReady := map[*runtime.Task]bool{}
	for i, t := range ready {
		isReady[t] = true
		first := " "
		if i == usual {
			first = "*" // what <enter> picks
		}
		info := t.Info()
		fmt.Fprintf(st.out, " %s%3d  %-10s %s\n", first, t.ID(), t.Name(), st.resumesAt(t, info.Where))
	}
	var waiting []string
	for _, t := range st.sched.Tasks() {
		if !isReady[t] && t.State() == runtime.Waiting {
			waiting = append(waiting, "       "+t.Info().String())
		}
	}
	if len(waiting) > 0 {
		fmt.Fprintf(st.out, "   waiting:\n%s\n", strings.Join(waiting, "\n"))
	}
}

// resumesAt says where t goes on: its script line, with the line's text.
func (st *Stepper) resumesAt(t *runtime.Task, where string) string {
	if t.State() == runtime.Pending {
		return "(not started yet)"
	}
	if where == "" {
		return ""
	}
	text := ""
	if i := strings.LastIndexByte(where, ':'); i > 0 {
		if line, err := strconv.Atoi(where[i+1:]); err == nil {
			text = st.sourceLine(where[:i], line)
		}
	}
	if text == "" {
		return "at " + where
	}
	return fmt.Sprintf("at %-24s %s", where, text)
}

func (st *Stepper) sourceLine(file string, line int) string {
	lines, ok := st.sources[file]
	if !ok {
		if b, err := os.ReadFile(file); err == nil {
			lines = strings.Split(string(b), "\n")
		}
		st.sources[file] = lines
	}
	if line < 1 || line > len(lines) {
		return ""
	}
	return strings.TrimSpace(lines[line-1])
}

func (st *Stepper) traceback(arg string) {
	id, err := strconv.Atoi(arg)
	if err == nil {
		for _, t := range st.sched.Tasks() {
			if t.ID() == id {
				fmt.Fprintln(st.out, st.mod.Traceback(t))
				return
			}
		}
	}
	fmt.Fprintf(st.out, "no unfinished task has id %s\n", arg)
}

// Made keeps, of the choices the run recorded, those made before q: the run goes on
// choosing until it stops, and those choices nobody made.
func (st *Stepper) Made(choices []string) []string {
	if st.quitAt == 0 {
		return choices
	}
	return choices[:min(st.quitAt-1, len(choices))]
}

// Finished reports the path of choices (the run's recorded schedule) when the run
// failed, and where they are saved.
func (st *Stepper) Finished(status int, choices []string, saved, script string) {
	if status != ExitOK && len(choices) > 0 {
		fmt.Fprintf(st.out, "luasync: the path of choices: %s\n", strings.Join(choices, ", "))
	}
	if saved != "" {
		fmt.Fprintf(st.out, "luasync: %d %s saved in %s; replay with:\n    luasync run --clock virtual --schedule-file %s %s\n",
			len(choices), Plural(len(choices), "choice", "choices"), saved, saved, script)
	}
}

// NewPromptStepper asks its questions through ask (a line each) and writes on out;
// q calls quit. The REPL's :step is one.
func NewPromptStepper(out io.Writer, ask func(prompt string) (string, error), quit func()) *Stepper {
	return &Stepper{out: out, ask: ask, quit: quit, sources: map[string][]string{}}
}
