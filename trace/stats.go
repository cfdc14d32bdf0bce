package trace

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// WriteStats writes the statistics of the run as two tables.
//
// Per primitive and use (a Lock's "acquire", a Queue's "get" and "put", an Event's
// "wait", ...): count is the acquisitions, items got or put, or waits that ended;
// waited is how many of them had to wait; a wait lasts from the moment the task
// asked until it was woken for what it asked for (or woken otherwise), its turn in
// the ready queue not included, and the mean is over all of count (the ones that did not
// wait count as 0). The longest hold is the longest time a task kept the lock or a
// permit. Hand-offs are the waits that ended with the waiter woken for the thing
// asked for (a release, a put, a get, a notify wakes one waiter: rule 4 of the
// README); "in arrival order" counts those that went to the task that had waited
// longest. Condition rows add the notifies
// that found nobody waiting. get_nowait and put_nowait, which never wait, are not
// counted.
//
// Per task: the time it spent running, in block(), ready (waiting for its turn),
// waiting (on a primitive or a task) and sleeping, from its spawn to its end.
func (r *Recorder) WriteStats(w io.Writer) error {
	v := r.view()
	labels := v.labels
	var b strings.Builder
	fmt.Fprintf(&b, "stats of %s (%s clock, %s s)\n", r.title(), r.clockName(), seconds(v.end))

	rows := [][]string{{"primitive", "use", "count", "waited", "longest wait", "mean wait", "longest hold", "hand-offs in arrival order"}}
	for _, p := range r.prims {
		for _, u := range p.uses {
			if u.count == 0 && u.waited == 0 {
				continue
			}
			mean := "-"
			if u.count > 0 {
				mean = seconds(u.waitSum / time.Duration(u.count))
			}
			hold, order := "-", "-"
			if u.use == "acquire" {
				hold = seconds(p.holdMax)
			}
			if u.handoffs > 0 {
				order = fmt.Sprintf("%d of %d", u.inOrder, u.handoffs)
			}
			rows = append(rows, []string{labels[p.obj], u.use, itoa(u.count), itoa(u.waited), seconds(u.waitMax), mean, hold, order})
		}
		if p.notifies > 0 {
			rows = append(rows, []string{labels[p.obj], "notify", itoa(p.notifies), "", "", "", "", fmt.Sprintf("%d found nobody waiting", p.unheard)})
		}
	}
	if len(rows) == 1 {
		b.WriteString("  no primitive was used\n")
	} else {
		table(&b, rows, 2)
	}

	rows = [][]string{{"task", "running", "block()", "ready", "waiting", "sleeping", "ended"}}
	for _, tt := range r.tasks {
		final := "-"
		if tt.finished {
			final = tt.final.String()
		}
		total := tt.total
		if tt.alive { // count the open stretch up to the end
			total[tt.cur.State] += max(v.end-tt.cur.Start, 0)
		}
		rows = append(rows, []string{tt.task.Name(), seconds(total[Running]), seconds(total[Blocking]),
			seconds(total[Ready]), seconds(total[Waiting]), seconds(total[Sleeping]), final})
	}
	table(&b, rows, 1)
	_, err := io.WriteString(w, b.String())
	return err
}

// table writes rows as columns, indented by two spaces: the first left columns and
// the last left-aligned, the others right-aligned.
func table(b *strings.Builder, rows [][]string, left int) {
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], len(cell))
		}
	}
	for _, row := range rows {
		for i, cell := range row {
			b.WriteString("  ")
			switch {
			case i == len(row)-1:
				b.WriteString(cell)
			case i < left:
				b.WriteString(cell + strings.Repeat(" ", widths[i]-len(cell)))
			default:
				b.WriteString(strings.Repeat(" ", widths[i]-len(cell)) + cell)
			}
		}
		b.WriteString("\n")
	}
}

func itoa(n int) string { return fmt.Sprint(n) }

func (r *Recorder) title() string {
	if r.opts.Script != "" {
		return r.opts.Script
	}
	return "the run"
}

func (r *Recorder) clockName() string {
	if r.opts.Clock != nil && r.opts.Clock.Virtual() {
		return "virtual"
	}
	return "real"
}
