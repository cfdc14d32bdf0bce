package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"luasync/bindings"
	"luasync/runtime"
)

func stepCommand(e *env, status *int) *cli.Command {
	return &cli.Command{
		Name:      "step",
		Usage:     "be the scheduler: choose which task runs at each switch",
		ArgsUsage: "SCRIPT [ARGS...]",
		Description: `Runs SCRIPT on the virtual clock and stops at every scheduling decision (a
moment when more than one task is ready) to show the ready tasks, each with the
line it will run next, and what the others wait on. You choose:

   <enter>   the task marked *: first in line (what luasync does by itself),
             or the next choice of the schedule given with --schedule-file
   N         the task with id N
   c         continue without stopping (first in line from now on)
   w N       the Lua traceback of task N
   q         quit (the choices made before it are saved)

What the script prints appears in between. A failed assert or a deadlock is
reported with the whole path of choices. The choices are saved as a schedule file
(--save FILE, or a new file in the temporary folder); "luasync run --schedule-file
FILE SCRIPT" replays them exactly. The file names the script it was made for: a
replay for another script warns.`,
		Flags: append(scriptFlags("virtual"),
			&cli.StringFlag{Name: "save", Usage: "save the choices in `FILE` (default: a temporary file)"}),
		OnUsageError: usageError,
		Action: func(c *cli.Context) error {
			if !c.Args().Present() {
				return cli.Exit("step: which script? (luasync step SCRIPT [ARGS...])", exitUsage)
			}
			cfg, err := scriptConfig(c)
			if err != nil {
				return err
			}
			cfg.stepper = newStepper(e.stdin, e.stderr, cfg.strategy())
			cfg.saveSchedule = c.String("save")
			if cfg.saveSchedule == "" {
				cfg.saveSchedule = newScheduleFile(cfg.path, "")
			}
			*status = e.runScript(cfg)
			return nil
		},
	}
}

// errStepQuit is the Abort reason when the person quits a step session.
var errStepQuit = errors.New("quit at a scheduling decision")

// stepper is a runtime.Strategy that asks a person at each decision. Choose runs
// with the baton, so it may look at the tasks and their Lua state.
type stepper struct {
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

// newStepper asks its questions on out and reads the answers from in, a line each; q
// stops the run.
func newStepper(in io.Reader, out io.Writer, then runtime.Strategy) *stepper {
	lines := bufio.NewReader(in)
	st := &stepper{out: out, then: then, sources: map[string][]string{}}
	st.ask = func(prompt string) (string, error) {
		fmt.Fprint(out, prompt)
		return lines.ReadString('\n')
	}
	st.quit = func() { st.sched.Abort(errStepQuit) }
	return st
}

// attach gives the stepper the run it steps through.
func (st *stepper) attach(s *runtime.Scheduler, m *bindings.Module) { st.sched, st.mod = s, m }

func (st *stepper) Choose(n int, task func(int) *runtime.Task) int {
	st.decided++
	return st.choose(n, task)
}

func (st *stepper) choose(n int, task func(int) *runtime.Task) int {
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
func (st *stepper) otherwise(n int, task func(int) *runtime.Task) int {
	if st.then == nil {
		return 0
	}
	return st.then.Choose(n, task)
}

// show prints a decision: the ready tasks with the line each runs next, and what the
// others wait on.
func (st *stepper) show(ready []*runtime.Task, usual int) {
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
func (st *stepper) resumesAt(t *runtime.Task, where string) string {
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

func (st *stepper) sourceLine(file string, line int) string {
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

func (st *stepper) traceback(arg string) {
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

// made keeps, of the choices the run recorded, those made before q: the run goes on
// choosing until it stops, and those choices nobody made.
func (st *stepper) made(choices []string) []string {
	if st.quitAt == 0 {
		return choices
	}
	return choices[:min(st.quitAt-1, len(choices))]
}

// finished reports the path of choices (the run's recorded schedule) when the run
// failed, and where they are saved.
func (st *stepper) finished(status int, choices []string, saved, script string) {
	if status != exitOK && len(choices) > 0 {
		fmt.Fprintf(st.out, "luasync: the path of choices: %s\n", strings.Join(choices, ", "))
	}
	if saved != "" {
		fmt.Fprintf(st.out, "luasync: %d %s saved in %s; replay with:\n    luasync run --clock virtual --schedule-file %s %s\n",
			len(choices), plural(len(choices), "choice", "choices"), saved, saved, script)
	}
}

// newScheduleFile makes a new, empty file in the temporary folder for a schedule of
// script and returns its name, or "" if it cannot. The name has the script's folder
// and name, what (may be ""), and a random part, so that no two runs share a file,
// even of scripts named alike (every exercise is an exercise.lua).
func newScheduleFile(script, what string) string {
	parts := []string{strings.TrimSuffix(filepath.Base(script), ".lua")}
	if abs, err := filepath.Abs(script); err == nil {
		if dir := filepath.Base(filepath.Dir(abs)); dir != string(filepath.Separator) && dir != "." {
			parts = append([]string{dir}, parts...)
		}
	}
	if what != "" {
		parts = append(parts, what)
	}
	f, err := os.CreateTemp("", strings.Join(parts, "-")+"-*.schedule")
	if err != nil {
		return ""
	}
	f.Close()
	return f.Name()
}

// scriptComment starts the comment line of a schedule file that names the script
// it was recorded for, by its absolute path.
const scriptComment = "script: "

// scheduleComments are the comment lines of a schedule of script.
func scheduleComments(script string) []string {
	if abs, err := filepath.Abs(script); err == nil {
		script = abs
	}
	return []string{scriptComment + script}
}

// readScheduleFile reads the schedule file path: its choices, and the script it was
// recorded for ("" if it does not say).
func readScheduleFile(path string) (choices []string, script string, err error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", fmt.Errorf("cannot read the schedule: %w", err)
	}
	if choices, err = runtime.ReadSchedule(bytes.NewReader(b)); err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		comment, ok := strings.CutPrefix(strings.TrimSpace(line), "#")
		if name, found := strings.CutPrefix(strings.TrimSpace(comment), scriptComment); ok && found {
			return choices, strings.TrimSpace(name), nil
		}
	}
	return choices, "", nil
}

// warnIfScheduleOfAnother warns when the schedule file a run replays was recorded for
// another script: its choices may well not fit.
func (e *env) warnIfScheduleOfAnother(cfg runConfig) {
	if cfg.scheduleScript == "" || sameFile(cfg.scheduleScript, cfg.path) {
		return
	}
	fmt.Fprintf(e.stderr, "luasync: warning: %s was recorded for %s, not %s: its choices may not fit this script\n",
		cfg.scheduleFile, cfg.scheduleScript, cfg.path)
}

// sameFile says whether the paths a and b name the same file: by the file itself if
// both exist, else by their absolute paths.
func sameFile(a, b string) bool {
	ai, aerr := os.Stat(a)
	bi, berr := os.Stat(b)
	if aerr == nil && berr == nil {
		return os.SameFile(ai, bi)
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}
