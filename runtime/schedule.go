package runtime

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// A schedule is the list of scheduling decisions of a run: at each point where more
// than one task was ready, the name of the task that ran next. Recording keeps one;
// Replay plays one back, so that a run found by explore, or made step by step, can be
// repeated exactly.
//
// As a file it is one task name per line; blank lines and lines starting with # are
// comments:
//
//	# luasync schedule
//	Task-3
//	Task-2

// Recording is a Strategy that makes its choices with another one (nil: FIFO) and
// remembers them.
type Recording struct {
	inner   Strategy
	Choices []string // the task chosen at each decision, in order
}

// NewRecording records the choices of inner (nil: FIFO).
func NewRecording(inner Strategy) *Recording { return &Recording{inner: inner} }

func (r *Recording) Choose(n int, task func(int) *Task) int {
	i := 0
	if r.inner != nil {
		i = r.inner.Choose(n, task)
	}
	r.Choices = append(r.Choices, task(i).Name())
	return i
}

// Replay is a Strategy that follows a recorded schedule, then goes on in FIFO order
// once it runs out. If the run departs from it (the task named is not ready: the
// script changed), Err says where, and the rest is FIFO.
type Replay struct {
	choices []string
	next    int
	err     error
}

// NewReplay plays back choices.
func NewReplay(choices []string) *Replay { return &Replay{choices: choices} }

func (r *Replay) Choose(n int, task func(int) *Task) int {
	if r.next >= len(r.choices) {
		return 0
	}
	want := r.choices[r.next]
	r.next++
	ready := make([]string, n)
	for i := range ready {
		if ready[i] = task(i).Name(); ready[i] == want {
			return i
		}
	}
	r.err = fmt.Errorf("the schedule does not fit the run: at decision %d it picks %s, but the ready tasks are %s",
		r.next, want, strings.Join(ready, ", "))
	r.next = len(r.choices)
	return 0
}

// Err reports a departure from the schedule, or nil.
func (r *Replay) Err() error { return r.err }

// Used is how many of the schedule's decisions were made.
func (r *Replay) Used() int { return r.next }

// ReadSchedule parses a schedule file.
func ReadSchedule(in io.Reader) ([]string, error) {
	var choices []string
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.ContainsAny(line, " \t") {
			return nil, fmt.Errorf("a schedule line names one task, not %q", line)
		}
		choices = append(choices, line)
	}
	return choices, sc.Err()
}

// WriteSchedule writes choices as a schedule file, after the comment lines given.
func WriteSchedule(out io.Writer, comments []string, choices []string) error {
	w := bufio.NewWriter(out)
	fmt.Fprintln(w, "# luasync schedule: at each decision, the task that ran next")
	for _, c := range comments {
		fmt.Fprintln(w, "# "+c)
	}
	for _, c := range choices {
		fmt.Fprintln(w, c)
	}
	return w.Flush()
}
