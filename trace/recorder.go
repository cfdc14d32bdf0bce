// Package trace records what the tasks of a run did, through runtime's Observer hook,
// and shows it: a Chrome trace (chrome.go), an SVG timeline (svg.go), text swimlanes
// (text.go), statistics per primitive and per task (stats.go) and the warnings a
// teacher wants (lints.go). It is pure Go: it knows tasks and primitives, not Lua; the
// script lines it shows come from Task.Where, which bindings/ sets.
//
// A Recorder is fed with the baton (Observe); read it with the baton too, or once
// Run has returned.
package trace

import (
	"cmp"
	"slices"
	"time"

	"luasync/runtime"
)

// State is what a task is doing during a Segment.
type State uint8

const (
	Ready    State = iota // wants the baton (spawned, woken or yielding)
	Running               // holds the baton
	Blocking              // holds the baton inside block(): nothing else can run
	Waiting               // parked on a lock, a queue, a task...
	Sleeping              // parked in sleep()
)

var stateNames = [...]string{"ready", "running", "block()", "waiting", "sleeping"}

func (s State) String() string { return stateNames[s] }

// Segment is a stretch of time a task spent in one state.
type Segment struct {
	State      State
	Start, End time.Duration
	Op         string            // what it waits on: "Lock.acquire", "sleep", "gather"...
	On         runtime.Primitive // the primitive it waits on, if any
	OnText     string            // what else it waits on: "Task-3", "[Task-2, Task-3]"
}

// MarkKind is what an instant Mark records.
type MarkKind uint8

const (
	MarkSpawn MarkKind = iota
	MarkCancel
	MarkFinish
	MarkError
	MarkCancelled
)

var markNames = [...]string{"spawn", "cancel", "finish", "error", "cancelled"}

func (k MarkKind) String() string { return markNames[k] }

// Mark is an instant in a task's life: its spawn, a cancel request, its end.
type Mark struct {
	Kind MarkKind
	Time time.Duration
	Text string // who spawned or cancelled it, or its error
}

// Hold is a stretch of time a task held a Lock (or a Condition's lock) or a
// Semaphore permit.
type Hold struct {
	Task       *runtime.Task
	Start, End time.Duration
	Where      string // the line that acquired it
	Open       bool   // still held when the recording ended
}

// Options configure a Recorder.
type Options struct {
	// Clock is the run's clock: the end of the recording is read from it.
	Clock runtime.Clock
	// Script names the run in titles.
	Script string
	// Timeline keeps every segment, mark and hold, for the Chrome trace, the SVG and
	// the text timeline. Without it only what Stats and Lints need is kept.
	Timeline bool
	// Stats keeps each task's totals for Stats even without Timeline.
	Stats bool
	// MaxSegments bounds what Timeline keeps (0: DefaultMaxSegments); past it the
	// recording of segments stops and the outputs say it was cut.
	MaxSegments int
}

// DefaultMaxSegments bounds a recording: about a hundred bytes each.
const DefaultMaxSegments = 1 << 20

// Recorder is a runtime.Observer that keeps what the tasks did.
type Recorder struct {
	opts     Options
	tasks    []*taskTrack // in spawn order
	byTask   map[*runtime.Task]*taskTrack
	prims    []*primTrack // in order of first use
	byPrim   map[runtime.Primitive]*primTrack
	lastPrim *primTrack // the latest found in byPrim
	lints    []Lint
	orphans  []orphan
	dropped  int // finished tasks still in tasks, without Timeline or Stats
	segments int
	cut      time.Duration // when the segments stopped being kept, if they did
	isCut    bool

	deadlock bool          // the run ended in a deadlock
	ended    bool          // nothing more is recorded: the run stopped or End was called
	end      time.Duration // when it ended
}

// taskTrack is what is kept of one task.
type taskTrack struct {
	task     *runtime.Task
	id       int
	segs     []Segment
	marks    []Mark
	cur      Segment // the open segment
	alive    bool    // spawned, and neither finished nor stopped
	finished bool
	final    runtime.TaskState
	spawned  time.Duration
	total    [len(stateNames)]time.Duration // time in each state

	// Its latest park on a primitive, for waits, fairness and lints.
	parkPrim *primTrack
	parkUse  *useStats // its "acquire", "get", "put", "wait" or "join"
	parkAt   time.Duration
	woke     *wakeNote    // woken for what it waits for, not taken yet
	holding  []*primTrack // what it holds, once per hold
	lost     *lostWakeup  // a wait() begun after a notify nobody heard
}

// New returns a Recorder; attach it with runtime.Options.Observer.
func New(opts Options) *Recorder {
	if opts.MaxSegments <= 0 {
		opts.MaxSegments = DefaultMaxSegments
	}
	return &Recorder{opts: opts, byTask: map[*runtime.Task]*taskTrack{}, byPrim: map[runtime.Primitive]*primTrack{}}
}

// Observe records e; see runtime.Observer.
// TraceKinds says which events the recorder needs (runtime.TraceFilter): all of
// them for a timeline or stats. The lints alone need none of the events of a task
// switch (run, park, ready) nor those of a queue (put, get): a run that shows
// nothing pays for its lints only when it takes a lock, waits on a Condition or
// ends a task.
func (r *Recorder) TraceKinds() uint32 {
	if r.opts.Timeline || r.opts.Stats {
		return runtime.AllTraceKinds
	}
	var mask uint32
	for _, k := range []runtime.TraceKind{runtime.TraceFinish, runtime.TraceAcquire, runtime.TraceRelease,
		runtime.TraceNotify, runtime.TraceCondWait, runtime.TraceCondWoken, runtime.TraceDeadlock, runtime.TraceStop} {
		mask |= 1 << k
	}
	return mask
}

func (r *Recorder) Observe(e runtime.TraceEvent) {
	if r.ended {
		return
	}
	switch e.Kind {
	case runtime.TraceSpawn:
		r.spawned(e)
	case runtime.TraceRun:
		r.ran(e)
	case runtime.TracePark:
		r.parked(e)
	case runtime.TraceReady:
		r.readied(e)
	case runtime.TraceBlock:
		r.blocked(e)
	case runtime.TraceCancel:
		if tt := r.byTask[e.Task]; tt != nil {
			tt.mark(r, Mark{Kind: MarkCancel, Time: e.Time, Text: nameOf(e.By)})
		}
	case runtime.TraceFinish:
		r.finished(e)
	case runtime.TraceAcquire:
		r.prim(e.Object).acquired(r, e)
	case runtime.TraceRelease:
		r.prim(e.Object).released(r, e)
	case runtime.TraceNotify:
		r.prim(e.Object).notified(r, e)
	case runtime.TraceCondWait:
		r.condWait(e)
	case runtime.TraceCondWoken:
		r.condWoken(e)
	case runtime.TracePut, runtime.TraceGet:
		u := r.prim(e.Object).use(e.Kind.String())
		u.count++
		if tt := r.byTask[e.Task]; tt != nil {
			tt.took(u)
		}
	case runtime.TraceDeadlock:
		r.deadlock = true
		r.deadlockLints(e)
	case runtime.TraceStop:
		r.stop(e.Time)
	}
}

// End ends the recording, if the run's teardown did not, at the clock's time. Call
// it once Run has returned (or with the baton).
func (r *Recorder) End() {
	if !r.ended {
		r.stop(r.opts.Clock.Now())
	}
}

// stop closes every open segment and hold at now and takes the end-of-run lints.
func (r *Recorder) stop(now time.Duration) {
	r.endLints()
	for _, tt := range r.tasks {
		if tt.alive {
			tt.close(r, now)
		}
	}
	for _, p := range r.prims {
		for i := range p.open {
			p.open[i].End, p.open[i].Open = now, true
			p.holdMax = max(p.holdMax, now-p.open[i].Start)
		}
	}
	r.ended, r.end = true, now
}

func (r *Recorder) spawned(e runtime.TraceEvent) {
	tt := r.newTrack(e.Task, e.Time, Ready)
	tt.mark(r, Mark{Kind: MarkSpawn, Time: e.Time, Text: nameOf(e.By)})
}

// newTrack starts the record of t, in state since now.
func (r *Recorder) newTrack(t *runtime.Task, now time.Duration, state State) *taskTrack {
	tt := &taskTrack{task: t, id: t.ID(), alive: true, spawned: now, cur: Segment{State: state, Start: now}}
	r.tasks = append(r.tasks, tt)
	r.byTask[t] = tt
	return tt
}

// track is the record of t, which is running. For the lints alone no spawn is
// recorded (TraceKinds), so a task's record is made here, when it first takes a
// lock or waits on a Condition: the only tasks the lints need.
func (r *Recorder) track(t *runtime.Task, now time.Duration) *taskTrack {
	if tt := r.byTask[t]; tt != nil {
		return tt
	}
	return r.newTrack(t, now, Running)
}

func (r *Recorder) ran(e runtime.TraceEvent) {
	tt := r.byTask[e.Task]
	if tt == nil {
		return
	}
	tt.switchTo(r, Segment{State: Running, Start: e.Time})
}

func (r *Recorder) parked(e runtime.TraceEvent) {
	tt := r.byTask[e.Task]
	if tt == nil {
		return
	}
	seg := Segment{State: Waiting, Start: e.Time, Op: e.Wait.Op, On: runtime.PrimitiveOf(e.Wait.On)}
	if t, ok := e.Wait.On.(*runtime.Task); ok && r.opts.Timeline {
		seg.OnText = t.Name()
	} else if seg.On == nil && e.Wait.On != nil && r.opts.Timeline {
		seg.OnText = e.Wait.On.String() // a list of tasks: [Task-2, Task-3]
	}
	switch {
	case e.State == runtime.Ready:
		seg.State = Ready // a yield: it is back in the ready queue at once
	case e.Wait.Op == "sleep":
		seg.State = Sleeping
	}
	tt.switchTo(r, seg)
	tt.parkPrim, tt.parkUse, tt.parkAt = nil, nil, e.Time
	woke := tt.woke
	tt.woke = nil
	if seg.On != nil && seg.State == Waiting {
		p := r.prim(seg.On)
		p.arrive(tt, useOf(e.Wait))
		if woke != nil && woke.use == tt.parkUse {
			tt.parkAt = woke.since // woken, but another task took it: one wait goes on
		}
	}
}

// readied: a waiting task was woken; N is 1 when it was handed what it waited for.
func (r *Recorder) readied(e runtime.TraceEvent) {
	tt := r.byTask[e.Task]
	if tt == nil || (tt.cur.State != Waiting && tt.cur.State != Sleeping) {
		return // a running task about to yield, or one not started
	}
	if tt.parkPrim != nil {
		tt.parkPrim.woken(r, tt, e.Time, e.N == 1)
		tt.parkPrim = nil
	}
	tt.switchTo(r, Segment{State: Ready, Start: e.Time})
}

func (r *Recorder) blocked(e runtime.TraceEvent) {
	tt := r.byTask[e.Task]
	if tt == nil || tt.cur.State != Running {
		return
	}
	start := max(tt.cur.Start, e.Time-e.Dur)
	if start > tt.cur.Start {
		tt.switchTo(r, Segment{State: Blocking, Start: start})
	} else {
		tt.cur.State = Blocking // nothing ran before it: the running stretch is the block
	}
	tt.switchTo(r, Segment{State: Running, Start: e.Time})
}

func (r *Recorder) finished(e runtime.TraceEvent) {
	tt := r.byTask[e.Task]
	if tt == nil {
		return
	}
	tt.final, tt.finished = e.State, true
	m := Mark{Kind: MarkFinish, Time: e.Time}
	switch e.State {
	case runtime.Failed:
		m.Kind = MarkError
		if e.Err != nil {
			m.Text = e.Err.Error()
		}
	case runtime.Cancelled:
		m.Kind = MarkCancelled
	}
	tt.mark(r, m)
	tt.close(r, e.Time)
	r.finishLints(tt, e.Time)
	if !r.opts.Timeline && !r.opts.Stats {
		delete(r.byTask, e.Task) // nothing more is needed of it
		if r.dropped++; r.dropped > len(r.tasks)/2 {
			r.tasks = slices.DeleteFunc(r.tasks, func(tt *taskTrack) bool { return !tt.alive })
			r.dropped = 0
		}
	}
}

// switchTo ends the open segment at seg.Start and opens seg.
func (tt *taskTrack) switchTo(r *Recorder, seg Segment) {
	tt.closeSegment(r, seg.Start)
	tt.cur = seg
}

// close ends the task's recording at now.
func (tt *taskTrack) close(r *Recorder, now time.Duration) {
	tt.closeSegment(r, now)
	tt.alive = false
}

func (tt *taskTrack) closeSegment(r *Recorder, now time.Duration) {
	if !tt.alive {
		return
	}
	seg := tt.cur
	seg.End = max(now, seg.Start)
	tt.total[seg.State] += seg.End - seg.Start
	if r.opts.Timeline && r.keep(now) {
		tt.segs = append(tt.segs, seg)
	}
}

func (tt *taskTrack) mark(r *Recorder, m Mark) {
	if r.opts.Timeline && r.keep(m.Time) {
		tt.marks = append(tt.marks, m)
	}
}

// keep counts one more segment or mark and reports whether it may be kept.
func (r *Recorder) keep(now time.Duration) bool {
	if r.isCut {
		return false
	}
	r.segments++
	if r.segments > r.opts.MaxSegments {
		r.isCut, r.cut = true, now
		return false
	}
	return true
}

// Truncated reports whether the recording of segments stopped early (at the time
// returned) because there were too many.
func (r *Recorder) Truncated() (bool, time.Duration) { return r.isCut, r.cut }

func nameOf(t *runtime.Task) string {
	if t == nil {
		return ""
	}
	return t.Name()
}

// where is the script line t is at, if bindings told how to find it.
func where(t *runtime.Task) string {
	if t == nil {
		return ""
	}
	return t.Position()
}

// span is the time the recording covers: up to its end, or to now while the run
// goes on.
func (r *Recorder) span() time.Duration {
	if r.ended {
		return r.end
	}
	return r.opts.Clock.Now()
}

// view is a snapshot for the renderers: every task's segments, the open ones closed
// at the end of the span, and the primitives' labels.
type view struct {
	end    time.Duration
	tasks  []taskView
	prims  []*primTrack
	holds  [][]Hold // each primitive's holds, by start; the open ones end at end
	labels map[runtime.Primitive]string
}

type taskView struct {
	id    int
	name  string
	final string // how it ended, or "" while alive
	segs  []Segment
	marks []Mark
	holds []holdView
}

type holdView struct {
	Hold
	label string
	index int // the primitive's index in view.prims, for colours
}

func (r *Recorder) view() *view {
	v := &view{end: r.span(), prims: r.prims, labels: r.labels()}
	index := map[*taskTrack]int{}
	type key struct {
		id   int
		name string
	}
	rows := map[key]int{} // the row of each task, by id and name
	for _, tt := range r.tasks {
		tv := taskView{id: tt.id, name: tt.task.Name(), segs: slices.Clip(tt.segs), marks: slices.Clip(tt.marks)}
		if tt.finished {
			tv.final = tt.final.String()
		} else if tt.alive {
			open := tt.cur
			open.End = max(v.end, open.Start)
			tv.segs = append(tv.segs, open)
		}
		// The REPL's entries are all "repl", number 0, one after the other: one row.
		k := key{tt.id, tv.name}
		if i, ok := rows[k]; ok && v.tasks[i].final != "" && lastEnd(v.tasks[i].segs) <= tt.spawned {
			v.tasks[i].segs = append(v.tasks[i].segs, tv.segs...)
			v.tasks[i].marks = append(v.tasks[i].marks, tv.marks...)
			v.tasks[i].final = tv.final
			index[tt] = i
			continue
		}
		rows[k] = len(v.tasks)
		index[tt] = len(v.tasks)
		v.tasks = append(v.tasks, tv)
	}
	for pi, p := range r.prims {
		holds := slices.Concat(p.holds, p.open)
		for hi := len(p.holds); hi < len(holds) && !r.ended; hi++ {
			holds[hi].End, holds[hi].Open = v.end, true // still held
		}
		slices.SortStableFunc(holds, func(a, b Hold) int { return cmp.Compare(a.Start, b.Start) })
		v.holds = append(v.holds, holds)
		for _, h := range holds {
			tt := r.byTask[h.Task]
			if tt == nil {
				continue
			}
			i := index[tt]
			v.tasks[i].holds = append(v.tasks[i].holds, holdView{Hold: h, label: v.labels[p.obj], index: pi})
		}
	}
	return v
}

func lastEnd(segs []Segment) time.Duration {
	if len(segs) == 0 {
		return 0
	}
	return segs[len(segs)-1].End
}

// labels names the primitives seen: "Lock A", "Queue B"... (runtime.Labels).
func (r *Recorder) labels() map[runtime.Primitive]string {
	ps := make([]runtime.Primitive, len(r.prims))
	for i, p := range r.prims {
		ps[i] = p.obj
	}
	return runtime.Labels(ps)
}
