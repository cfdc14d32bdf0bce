package trace

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// The SVG timeline: a self-contained chart (no script, no external style) with a
// row per task (a <g class="task"> each), a time axis in seconds of the run's clock,
// a colour per state, the holds of locks and semaphores as bands over the holder's
// row, a <title> (hover text) on every segment, band and mark, and a legend. Rows
// get thinner as tasks are added, so that 2 to 50 tasks fit a page.

const (
	svgWidth  = 1000
	svgLabelW = 140 // the task names' column
	svgRight  = 24
	svgTop    = 52 // title and axis labels
)

// The colours of the states, and of the holds (one per primitive, in turn).
var (
	stateColours = [...]string{Ready: "#f6c85f", Running: "#2e9d4a", Blocking: "#7b2d8e", Waiting: "#e8674a", Sleeping: "#9cc7e4"}
	stateLegend  = [...]string{Ready: "ready (its turn comes)", Running: "running", Blocking: "block(): running, nobody else can", Waiting: "waiting (lock, queue, task...)", Sleeping: "sleeping"}
	holdColours  = []string{"#1f5fa8", "#c2185b", "#00897b", "#6d4c41", "#5e35b1", "#9e9d24", "#546e7a", "#ef6c00"}
)

// WriteSVG writes the timeline as an SVG image.
func (r *Recorder) WriteSVG(w io.Writer) error {
	v := r.view()
	n := max(len(v.tasks), 1)
	rowH := min(30, max(14, 560/n))
	chartW := float64(svgWidth - svgLabelW - svgRight)
	span := chartSpan(v.end)
	x := func(t time.Duration) float64 { return svgLabelW + chartW*float64(t)/float64(span) }
	chartBottom := svgTop + n*rowH
	legendTop := chartBottom + 34

	var body strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&body, format, args...) }

	// Title and axis.
	p(`<text x="%d" y="20" font-size="15" font-weight="bold">%s</text>`+"\n", svgLabelW, esc("timeline of "+r.title()))
	p(`<text x="%d" y="20" font-size="12" text-anchor="end" fill="#555">%s</text>`+"\n", svgWidth-svgRight,
		esc(fmt.Sprintf("%s clock, 0 to %s s", r.clockName(), seconds(v.end))))
	step := niceStep(span, 10)
	p(`<g class="axis" font-size="11" fill="#555" text-anchor="middle">` + "\n")
	for t := time.Duration(0); t <= span; t += step {
		label := short(t) + " s"
		p(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#d8d8d8"/>`+"\n", x(t), svgTop-6, x(t), chartBottom+4)
		p(`<text x="%.1f" y="%d">%s</text>`+"\n", x(t), svgTop-10, label)
		p(`<text x="%.1f" y="%d">%s</text>`+"\n", x(t), chartBottom+18, label)
	}
	p("</g>\n")

	// The rows.
	pad := float64(rowH) * 0.18
	barH := float64(rowH) - 2*pad
	bandH := max(3, float64(rowH)/6)
	fontSize := min(12, rowH-3)
	for i, tv := range v.tasks {
		y0 := float64(svgTop + i*rowH)
		if i%2 == 1 {
			p(`<rect x="%d" y="%.1f" width="%.1f" height="%d" fill="#f3f3f3"/>`+"\n", svgLabelW, y0, chartW, rowH)
		}
		p(`<g class="task" data-task="%s">`+"\n", esc(tv.name))
		ended := "not finished when the recording ended"
		if tv.final != "" {
			ended = tv.final
		}
		p(`<text x="%d" y="%.1f" font-size="%d" text-anchor="end"><title>%s</title>%s</text>`+"\n",
			svgLabelW-8, y0+float64(rowH)/2+float64(fontSize)/2-1, fontSize,
			esc(fmt.Sprintf("%s (id %d): %s", tv.name, tv.id, ended)), esc(clip(tv.name, 18)))
		// The stretches of time, then on top the moments it ran for no time (on the
		// virtual clock), as ticks: they show when it did something.
		for _, ticks := range []bool{false, true} {
			for _, s := range tv.segs {
				if (s.End == s.Start) != ticks || ticks && s.State != Running && s.State != Blocking {
					continue
				}
				x1, width := x(s.Start), max(x(s.End)-x(s.Start), 0.6)
				if ticks {
					x1, width = x1-1.5, 3
				}
				p(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s</title></rect>`+"\n",
					x1, y0+pad, width, barH, stateColours[s.State], esc(segmentTitle(tv.name, s, v)))
			}
		}
		for _, h := range tv.holds {
			x1, x2 := x(h.Start), x(h.End)
			colour := holdColours[h.index%len(holdColours)]
			lane := float64(h.index % 3)
			p(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s" opacity="0.9"><title>%s</title></rect>`+"\n",
				x1, y0+pad+barH-bandH-lane*bandH, max(x2-x1, 2), bandH, colour, esc(holdTitle(tv.name, h)))
		}
		for _, m := range tv.marks {
			markSVG(p, m, tv.name, x(m.Time), y0+pad, barH)
		}
		p("</g>\n")
	}
	if r.deadlock {
		p(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#b00020" stroke-width="2" stroke-dasharray="4 3"><title>deadlock: the tasks left can never wake</title></line>`+"\n",
			x(v.end), svgTop-6, x(v.end), chartBottom+4)
	}
	if cut, at := r.Truncated(); cut {
		p(`<text x="%.1f" y="%d" font-size="11" fill="#b00020">recording cut here (too many events)</text>`+"\n", x(at), chartBottom+30)
	}

	// The legend.
	lx, ly := float64(svgLabelW), float64(legendTop)
	item := func(swatch, label string) {
		width := 26 + 6.4*float64(len(label))
		if lx+width > svgWidth-svgRight {
			lx, ly = svgLabelW, ly+20
		}
		p(`<g class="legend">%s<text x="%.1f" y="%.1f" font-size="11">%s</text></g>`+"\n", fmt.Sprintf(swatch, lx, ly-9), lx+18, ly, esc(label))
		lx += width
	}
	for _, st := range []State{Running, Blocking, Ready, Waiting, Sleeping} {
		item(`<rect x="%.1f" y="%.1f" width="13" height="10" fill="`+stateColours[st]+`"/>`, stateLegend[st])
	}
	for pi, holds := range v.holds {
		if len(holds) > 0 {
			item(`<rect x="%.1f" y="%.1f" width="13" height="4" fill="`+holdColours[pi%len(holdColours)]+`"/>`, v.labels[v.prims[pi].obj]+" held")
		}
	}
	item(`<rect x="%.1f" y="%.1f" width="2" height="10" fill="#222"/>`, "finished")
	item(`<text x="%.1f" y="%.1f" dy="10" font-size="12" fill="#b00020" font-weight="bold">x</text>`, "failed")
	item(`<text x="%.1f" y="%.1f" dy="10" font-size="12" fill="#777" font-weight="bold">x</text>`, "cancelled")
	height := int(ly) + 14

	var out strings.Builder
	fmt.Fprintf(&out, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="DejaVu Sans, Verdana, sans-serif" font-size="12">`+"\n",
		svgWidth, height, svgWidth, height)
	fmt.Fprintf(&out, "<title>%s</title>\n", esc("timeline of "+r.title()))
	out.WriteString(`<rect width="100%" height="100%" fill="#ffffff"/>` + "\n")
	out.WriteString(body.String())
	out.WriteString("</svg>\n")
	_, err := io.WriteString(w, out.String())
	return err
}

func markSVG(p func(string, ...any), m Mark, task string, x, y, h float64) {
	title := fmt.Sprintf("%s: %s at %s s", task, m.Kind, seconds(m.Time))
	if m.Text != "" {
		title += map[MarkKind]string{MarkSpawn: ", by ", MarkCancel: ", by ", MarkError: ": "}[m.Kind] + m.Text
	}
	switch m.Kind {
	case MarkFinish:
		p(`<rect x="%.1f" y="%.1f" width="2" height="%.1f" fill="#222"><title>%s</title></rect>`+"\n", x-1, y, h, esc(title))
	case MarkError, MarkCancelled:
		colour := "#b00020"
		if m.Kind == MarkCancelled {
			colour = "#777"
		}
		p(`<text x="%.1f" y="%.1f" font-size="%.0f" fill="%s" font-weight="bold" text-anchor="middle"><title>%s</title>x</text>`+"\n",
			x, y+h*0.8, max(h, 9), colour, esc(title))
	case MarkCancel:
		p(`<path d="M%.1f %.1f l4 -6 h-8 z" fill="#777"><title>%s</title></path>`+"\n", x, y, esc(title))
	}
}

func segmentTitle(task string, s Segment, v *view) string {
	what := s.State.String()
	if s.State == Waiting {
		what = "waiting in " + s.Op
		if on := waitText(s, v); on != s.Op {
			what += " on " + on
		}
	}
	if s.State == Ready && s.Op == "sleep" {
		what = "ready (it yielded with sleep(0))"
	}
	return fmt.Sprintf("%s: %s, %s to %s s (%s s)", task, what, seconds(s.Start), seconds(s.End), seconds(s.End-s.Start))
}

func holdTitle(task string, h holdView) string {
	s := fmt.Sprintf("%s holds %s, %s to %s s (%s s)", task, h.label, seconds(h.Start), seconds(h.End), seconds(h.End-h.Start))
	if h.Where != "" {
		s += ", acquired at " + h.Where
	}
	if h.Open {
		s += ", still held at the end"
	}
	return s
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
