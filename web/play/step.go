package play

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"luasync/internal/engine"
	"luasync/runtime"
)

// Step mode in the page, as luasync step: the run is made again from the start with
// the path of choices so far (task names, one per decision, as a schedule file
// holds them), and pauses at the next
// decision to show the ready tasks. Undo is the same with one choice fewer.

// StepRequest is a script and the path of choices to replay.
type StepRequest struct {
	Name, Source string
	Path         []string // the name of the task chosen at each decision
	// Continue runs on past the path without pausing, first in line from there.
	Continue bool
}

// Ready is a task that may run at a decision: the line it runs next.
type Ready struct {
	ID   int
	Name string
	Line int    // 0 if it has not started yet
	Text string // where it goes on: "at file:line" and the line's text
}

// StepState is where a stepped run is: paused at a decision (Ready), or over
// (Finished, with its status and report).
type StepState struct {
	Stdout   string
	Ready    []Ready
	Waiting  []string // what the other tasks wait on
	Decision int      // the decision's number, from 1
	Time     float64  // the virtual time, in seconds
	Finished bool
	Status   int
	Report   string
	Path     []string
}

// errPaused stops a replay at the decision it was made for.
var errPaused = errors.New("paused at a decision")

// pathStrategy replays a path of task ids, then pauses at the next decision.
type pathStrategy struct {
	path     []string
	cont     bool
	sched    *runtime.Scheduler
	lines    []string // the script's lines
	script   string
	decided  int
	paused   *StepState
	mismatch string
}

func (p *pathStrategy) Choose(n int, task func(int) *runtime.Task) int {
	if p.paused != nil {
		return 0 // the run is stopping
	}
	p.decided++
	if k := p.decided - 1; k < len(p.path) {
		for i := range n {
			if task(i).Name() == p.path[k] {
				return i
			}
		}
		p.mismatch = fmt.Sprintf("choice %d: %s is not ready (the script changed?)", p.decided, p.path[k])
		p.path = p.path[:k]
	}
	if p.cont {
		return 0
	}
	st := &StepState{Decision: p.decided, Time: p.sched.Now().Seconds()}
	ready := map[*runtime.Task]bool{}
	for i := range n {
		t := task(i)
		ready[t] = true
		r := Ready{ID: t.ID(), Name: t.Name(), Text: "(not started yet)"}
		if t.State() != runtime.Pending {
			r.Line, r.Text = p.lineOf(t.Info().Where)
		}
		st.Ready = append(st.Ready, r)
	}
	for _, t := range p.sched.Tasks() {
		if !ready[t] && t.State() == runtime.Waiting {
			st.Waiting = append(st.Waiting, t.Info().String())
		}
	}
	p.paused = st
	p.sched.Abort(errPaused)
	return 0
}

// lineOf is the line number and text of a position "file:line" in the script.
func (p *pathStrategy) lineOf(where string) (int, string) {
	i := strings.LastIndexByte(where, ':')
	if i < 0 || where[:i] != p.script {
		return 0, "at " + where
	}
	line, err := strconv.Atoi(where[i+1:])
	if err != nil || line < 1 || line > len(p.lines) {
		return 0, "at " + where
	}
	return line, fmt.Sprintf("at %s  %s", where, strings.TrimSpace(p.lines[line-1]))
}

// Step replays req's path and pauses at the next decision, or runs to the end.
func Step(req StepRequest) StepState {
	cfg := engine.Defaults()
	cfg.Script = req.Name
	if cfg.Script == "" {
		cfg.Script = "playground.lua"
	}
	cfg.Source, cfg.Clock = []byte(req.Source), "virtual"
	var stdout, stderr strings.Builder
	cfg.Stdin = strings.NewReader("")
	cfg.Stdout, cfg.Stderr = sink(func(s string) { stdout.WriteString(s) }), sink(func(s string) { stderr.WriteString(s) })
	p := &pathStrategy{path: req.Path, cont: req.Continue, script: cfg.Script, lines: strings.Split(req.Source, "\n")}
	cfg.Strategy = p
	r, err := engine.Start(cfg)
	if err != nil {
		o := engine.OutcomeOf(err)
		return StepState{Finished: true, Status: o.Status, Report: o.Report}
	}
	p.sched = r.Scheduler()
	o := r.Wait()
	if p.paused != nil {
		st := *p.paused
		st.Stdout, st.Path = stdout.String(), p.path
		return st
	}
	report := stderr.String() + o.Report
	if p.mismatch != "" {
		report = "luasync: warning: " + p.mismatch + "\n" + report
	}
	if o.Status != engine.ExitOK && len(p.path) > 0 {
		report += fmt.Sprintf("luasync: the path of choices: %s\n", strings.Join(p.path, ", "))
	}
	return StepState{Finished: true, Status: o.Status, Report: report, Stdout: stdout.String(), Path: p.path}
}
