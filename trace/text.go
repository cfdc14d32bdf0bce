package trace

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// The text timeline is the SVG's chart as swimlanes for a terminal: a row per task,
// one character per slice of time:
//
//	#  running      !  in block()    .  ready (waiting for its turn)
//	-  waiting      z  sleeping         (blank: not spawned yet, or finished)
//
// A column where the task ran at all shows it running, even for no time on the
// virtual clock; otherwise it shows what filled most of the column. Below the tasks,
// a row per Lock, Condition or Semaphore shows who held it: the holder's id (the
// number in its name: 1 for Task-1; 0-9, then a-z for 10-35, + beyond), * when several hold permits at once.

var textChars = [...]byte{Ready: '.', Running: '#', Blocking: '!', Waiting: '-', Sleeping: 'z'}

// WriteText writes the timeline in width columns of time (at least 20).
func (r *Recorder) WriteText(w io.Writer, width int) error {
	v := r.view()
	width = max(width, 20)
	span := chartSpan(v.end)
	col := niceStep(span, width) // a round slice of time: as many columns as fit
	width = int((span + col - 1) / col)
	var b strings.Builder
	fmt.Fprintf(&b, "timeline of %s (%s clock): 0 to %s s, one column = %s s\n", r.title(), r.clockName(), seconds(v.end), short(col))

	nameWidth := 6
	for _, tv := range v.tasks {
		nameWidth = max(nameWidth, min(len(tv.name), 20))
	}
	lanes := holdLanes(v)
	for _, l := range lanes {
		nameWidth = max(nameWidth, min(len(l.label), 20))
	}

	// The axis: a label every few columns.
	step := niceStep(span, width/10+1)
	axis := []byte(strings.Repeat(" ", width+12))
	for t := time.Duration(0); t <= span; t += step {
		c := int(t / col)
		label := short(t) + "s"
		if c+len(label) <= len(axis) {
			copy(axis[c:], label)
		}
	}
	fmt.Fprintf(&b, "%-*s %s\n", nameWidth, "", strings.TrimRight(string(axis), " "))

	cells := func(in func(from, to time.Duration) byte) string {
		row := make([]byte, width)
		for c := range row {
			from := time.Duration(c) * col
			to := from + col
			if c == width-1 {
				to = math.MaxInt64
			}
			row[c] = in(from, to)
		}
		return string(row)
	}
	for _, tv := range v.tasks {
		row := cells(func(from, to time.Duration) byte { return taskCell(tv.segs, from, to) })
		fmt.Fprintf(&b, "%-*s|%s| %s\n", nameWidth, clip(tv.name, 20), row, tv.final)
	}
	for _, l := range lanes {
		var holds []Hold
		for _, lane := range l.lanes {
			holds = append(holds, lane...)
		}
		row := cells(func(from, to time.Duration) byte { return holdCell(holds, from, to) })
		fmt.Fprintf(&b, "%-*s|%s|\n", nameWidth, clip(l.label, 20), row)
	}
	b.WriteString("# running  ! block()  . ready  - waiting  z sleeping")
	if len(lanes) > 0 {
		b.WriteString("  (lock rows: who holds it, by task id)")
	}
	b.WriteString("\n")
	if cut, at := r.Truncated(); cut {
		fmt.Fprintf(&b, "(the recording was cut at t=%s s: too many events)\n", seconds(at))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// touches reports whether [start, end] shows in the column [from, to): it overlaps
// it, or it is an instant inside it.
func touches(start, end, from, to time.Duration) bool {
	if end == start {
		return start >= from && start < to
	}
	return min(end, to) > max(start, from)
}

// taskCell is the character of the column [from, to) of a task's row.
func taskCell(segs []Segment, from, to time.Duration) byte {
	var filled [len(stateNames)]time.Duration
	alive, ran := false, false
	for _, s := range segs {
		if !touches(s.Start, s.End, from, to) {
			continue
		}
		alive = true
		switch s.State {
		case Blocking:
			if s.End > s.Start {
				return textChars[Blocking]
			}
			ran = true
		case Running:
			ran = true
		default:
			filled[s.State] += max(min(s.End, to)-max(s.Start, from), 0)
		}
	}
	switch {
	case !alive:
		return ' '
	case ran:
		return textChars[Running]
	}
	best := Ready
	for _, st := range []State{Waiting, Sleeping} {
		if filled[st] > filled[best] {
			best = st
		}
	}
	return textChars[best]
}

// holdCell is the character of the column [from, to) of a lock's row.
func holdCell(holds []Hold, from, to time.Duration) byte {
	c := byte(' ')
	for _, h := range holds {
		if !touches(h.Start, h.End, from, to) {
			continue
		}
		id := idChar(h.Task.ID())
		if c != ' ' && c != id {
			return '*'
		}
		c = id
	}
	return c
}

func idChar(id int) byte {
	switch {
	case id < 0:
		return '?'
	case id < 10:
		return byte('0' + id)
	case id < 36:
		return byte('a' + id - 10)
	}
	return '+'
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n-1] + "~"
}

// short writes d in seconds as briefly as it can: "0.5", "2", "0.00002".
func short(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) }

// chartSpan is the time a chart spans: the run's, or a second if it took no time.
func chartSpan(end time.Duration) time.Duration {
	if end <= 0 {
		return time.Second
	}
	return end
}

// niceStep is a round step (1, 2 or 5 times a power of ten) that cuts span into
// about n parts.
func niceStep(span time.Duration, n int) time.Duration {
	raw := float64(span) / float64(max(n, 1))
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*pow >= raw {
			return max(time.Duration(m*pow), 1)
		}
	}
	return max(time.Duration(10*pow), 1)
}
