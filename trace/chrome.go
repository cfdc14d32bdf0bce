package trace

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// Chrome trace: the JSON "Trace Event Format" that Perfetto (ui.perfetto.dev) and
// chrome://tracing load. Process 1 has one track (thread) per task, its tid the
// task's id: "X" slices for each stretch of running, block(), ready, waiting (named
// by what it waits on: "Lock.acquire", "Queue.get") and sleeping, and instant events
// for its spawn, cancel requests and end ("finish", "error", "cancelled").
// Process 2 has a track per Lock, Condition and Semaphore with an "X" slice for each
// hold, named by the holder; a Semaphore whose permits are held at once gets a track
// for each of them. Timestamps are microseconds of the run's clock.

type chromeEvent struct {
	Name string         `json:"name"`
	Cat  string         `json:"cat,omitempty"`
	Ph   string         `json:"ph"`
	Ts   float64        `json:"ts"`
	Dur  *float64       `json:"dur,omitempty"`
	Pid  int            `json:"pid"`
	Tid  int            `json:"tid"`
	S    string         `json:"s,omitempty"`
	Args map[string]any `json:"args,omitempty"`
}

type chromeTrace struct {
	TraceEvents     []chromeEvent  `json:"traceEvents"`
	DisplayTimeUnit string         `json:"displayTimeUnit"`
	OtherData       map[string]any `json:"otherData"`
}

const (
	tasksPid = 1
	locksPid = 2
)

func micros(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }

// WriteChrome writes the recording as a Chrome trace.
func (r *Recorder) WriteChrome(w io.Writer) error {
	v := r.view()
	out := chromeTrace{DisplayTimeUnit: "ms", OtherData: map[string]any{"script": r.title(), "clock": r.clockName()}}
	if cut, at := r.Truncated(); cut {
		out.OtherData["truncated_at_us"] = micros(at)
	}
	add := func(e chromeEvent) { out.TraceEvents = append(out.TraceEvents, e) }
	meta := func(pid, tid int, name string, args map[string]any) {
		add(chromeEvent{Name: name, Ph: "M", Pid: pid, Tid: tid, Args: args})
	}
	meta(tasksPid, 0, "process_name", map[string]any{"name": "tasks of " + r.title()})
	meta(tasksPid, 0, "process_sort_index", map[string]any{"sort_index": 1})
	for i, tv := range v.tasks {
		meta(tasksPid, tv.id, "thread_name", map[string]any{"name": tv.name})
		meta(tasksPid, tv.id, "thread_sort_index", map[string]any{"sort_index": i})
		for _, s := range tv.segs {
			if s.End == s.Start && s.State == Ready {
				continue // its turn came at once
			}
			dur := micros(s.End - s.Start)
			e := chromeEvent{Name: sliceName(s, v), Cat: s.State.String(), Ph: "X", Ts: micros(s.Start), Dur: &dur, Pid: tasksPid, Tid: tv.id}
			if on := waitText(s, v); on != s.Op && s.State != Ready {
				e.Args = map[string]any{"waits on": on}
			}
			add(e)
		}
		for _, m := range tv.marks {
			e := chromeEvent{Name: m.Kind.String(), Cat: "task", Ph: "i", S: "t", Ts: micros(m.Time), Pid: tasksPid, Tid: tv.id}
			if m.Text != "" {
				key := map[MarkKind]string{MarkSpawn: "by", MarkCancel: "by", MarkError: "error"}[m.Kind]
				e.Args = map[string]any{key: m.Text}
			}
			add(e)
		}
	}
	if r.deadlock {
		add(chromeEvent{Name: "deadlock", Cat: "run", Ph: "i", S: "g", Ts: micros(v.end), Pid: tasksPid, Tid: 0})
	}

	meta(locksPid, 0, "process_name", map[string]any{"name": "locks and semaphores held"})
	meta(locksPid, 0, "process_sort_index", map[string]any{"sort_index": 2})
	tid := 0
	for _, lanes := range holdLanes(v) {
		for lane, holds := range lanes.lanes {
			tid++
			name := lanes.label
			if len(lanes.lanes) > 1 {
				name += " #" + itoa(lane+1)
			}
			meta(locksPid, tid, "thread_name", map[string]any{"name": name})
			meta(locksPid, tid, "thread_sort_index", map[string]any{"sort_index": tid})
			for _, h := range holds {
				dur := micros(h.End - h.Start)
				args := map[string]any{"task": h.Task.Name()}
				if h.Where != "" {
					args["acquired at"] = h.Where
				}
				if h.Open {
					args["still held"] = true
				}
				add(chromeEvent{Name: h.Task.Name(), Cat: "hold", Ph: "X", Ts: micros(h.Start), Dur: &dur, Pid: locksPid, Tid: tid, Args: args})
			}
		}
	}
	// One event a line: readable, and far smaller than indented JSON.
	var b bytes.Buffer
	b.WriteString("{\"traceEvents\": [\n")
	for i, e := range out.TraceEvents {
		line, err := json.Marshal(e)
		if err != nil {
			return err
		}
		b.Write(line)
		if i < len(out.TraceEvents)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	other, err := json.Marshal(out.OtherData)
	if err != nil {
		return err
	}
	fmt.Fprintf(&b, "],\n\"displayTimeUnit\": %q,\n\"otherData\": %s}\n", out.DisplayTimeUnit, other)
	_, err = w.Write(b.Bytes())
	return err
}

// sliceName names a stretch: its state, or for a wait what it waits on.
func sliceName(s Segment, v *view) string {
	switch {
	case s.State == Waiting && s.Op != "":
		return s.Op
	case s.State == Sleeping:
		return "sleep"
	}
	return s.State.String()
}

// waitText is what a wait waits on: "Lock A", "Task-3", "[Task-2, Task-3]".
func waitText(s Segment, v *view) string {
	if s.On != nil {
		return v.labels[s.On]
	}
	if s.OnText != "" {
		return s.OnText
	}
	return s.Op
}

// primLanes are the holds of one primitive, spread over lanes so that the holds of
// a lane do not overlap (a Semaphore's permits are held at once).
type primLanes struct {
	label string
	lanes [][]Hold
}

// holdLanes lists the holds of each primitive that was held, in order of first use.
func holdLanes(v *view) []primLanes {
	var out []primLanes
	for pi, p := range v.prims {
		if len(v.holds[pi]) == 0 {
			continue
		}
		pl := primLanes{label: v.labels[p.obj]}
		for _, h := range v.holds[pi] {
			placed := false
			for i, lane := range pl.lanes {
				if last := lane[len(lane)-1]; last.End <= h.Start {
					pl.lanes[i] = append(lane, h)
					placed = true
					break
				}
			}
			if !placed {
				pl.lanes = append(pl.lanes, []Hold{h})
			}
		}
		out = append(out, pl)
	}
	return out
}
