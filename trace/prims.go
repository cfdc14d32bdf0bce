package trace

import (
	"slices"
	"strings"
	"time"

	"luasync/runtime"
)

// primTrack is what is kept of one primitive: its holds, how it was used, and what
// the lints need.
type primTrack struct {
	obj      runtime.Primitive
	holds    []Hold // finished holds (kept with Options.Timeline only)
	open     []Hold // holds going on, oldest first
	holdMax  time.Duration
	uses     []*useStats // per use, in order of first use
	notifies int         // Condition: notify() and notify_all() calls
	unheard  int         // ... that found nobody waiting
	lastDeaf *notifyNote // the latest of those
}

// useStats counts one use of a primitive: "acquire" (a Lock, a Condition's lock, a
// Semaphore permit), "get" and "put" (a Queue), "wait" (an Event, a Barrier, a
// Condition's notify) or "join" (a Queue).
type useStats struct {
	use      string
	count    int           // acquisitions, items got or put, waits
	waited   int           // how many of them had to wait
	waitSum  time.Duration // over the waits, for the mean
	waitMax  time.Duration
	handoffs int // waits that ended by a hand-off (the lock, an item, a notify)
	inOrder  int // ... of them, those that went to the longest waiter

	arrivals []*taskTrack // the tasks waiting, in arrival order
}

// prim is the track of p, made at its first use.
func (r *Recorder) prim(p runtime.Primitive) *primTrack {
	if r.lastPrim != nil && r.lastPrim.obj == p {
		return r.lastPrim // the usual case: a primitive is used several times in a row
	}
	pt := r.byPrim[p]
	if pt == nil {
		pt = &primTrack{obj: p}
		r.byPrim[p] = pt
		r.prims = append(r.prims, pt)
	}
	r.lastPrim = pt
	return pt
}

func (p *primTrack) use(name string) *useStats {
	for _, u := range p.uses {
		if u.use == name {
			return u
		}
	}
	u := &useStats{use: name}
	p.uses = append(p.uses, u)
	return u
}

// useOf names the use a park is for: "Lock.acquire" is "acquire", "Queue.get" is
// "get". A Condition's wait is "wait" while it waits for a notify (On is not the
// Condition itself then) and "acquire" while it takes the lock back.
func useOf(w runtime.Wait) string {
	op := w.Op[strings.LastIndexByte(w.Op, '.')+1:]
	if _, direct := w.On.(runtime.Primitive); !direct {
		return "wait"
	}
	if _, cond := w.On.(*runtime.Condition); cond && op == "wait" {
		return "acquire"
	}
	return op
}

// arrive: tt started waiting on the primitive, for use.
func (p *primTrack) arrive(tt *taskTrack, use string) {
	tt.parkPrim, tt.parkUse = p, p.use(use)
	tt.parkUse.arrivals = append(tt.parkUse.arrivals, tt)
}

// woken: tt, waiting on the primitive since tt.parkAt, was woken at now; handed
// says whether it was woken for what it waited for. Only a lock, a permit, an item,
// a slot or a Condition's notify is handed to one waiter: an Event's set (a Queue's
// join, a Barrier's fill) wakes every waiter, and is no hand-off.
func (p *primTrack) woken(r *Recorder, tt *taskTrack, now time.Duration, handed bool) {
	u := tt.parkUse
	if _, cond := p.obj.(*runtime.Condition); u.use == "wait" && !cond || u.use == "join" {
		handed = false
	}
	first := len(u.arrivals) > 0 && u.arrivals[0] == tt
	if i := slices.Index(u.arrivals, tt); i >= 0 {
		u.arrivals = slices.Delete(u.arrivals, i, i+1)
	}
	switch u.use {
	case "acquire", "get", "put":
		if handed {
			// It counts when it takes the lock, the item or the slot (took): a task
			// may take it first, and then the woken one waits again.
			tt.woke = &wakeNote{use: u, since: tt.parkAt, at: now, first: first}
		}
		return // else cancelled, timed out: no acquisition
	}
	u.count++ // a wait counts when it ends
	u.waitedFor(now-tt.parkAt, handed, first)
}

// waitedFor counts a wait of d that ended; handed says whether the waiter was woken
// for what it waited for, first whether it had waited longest.
func (u *useStats) waitedFor(d time.Duration, handed, first bool) {
	u.waited++
	u.waitSum += d
	u.waitMax = max(u.waitMax, d)
	if handed {
		u.handoffs++
		if first {
			u.inOrder++
		}
	}
}

// wakeNote is a task woken for a lock, a permit, an item or a slot, that has not
// taken it yet: its wait counts when it does.
type wakeNote struct {
	use   *useStats
	since time.Duration // when it first asked
	at    time.Duration // when it was woken
	first bool          // it had waited longest
}

// took: tt took what it asked for with use u (an acquisition, a get, a put): a wait
// it was woken from ends here.
func (tt *taskTrack) took(u *useStats) {
	if w := tt.woke; w != nil && w.use == u {
		u.waitedFor(w.at-w.since, true, w.first)
	}
	tt.woke = nil
}

// acquired: e.Task took the lock or a permit.
func (p *primTrack) acquired(r *Recorder, e runtime.TraceEvent) {
	u := p.use("acquire")
	u.count++
	p.open = append(p.open, Hold{Task: e.Task, Start: e.Time, Where: where(e.Task)})
	tt := r.track(e.Task, e.Time)
	tt.holding = append(tt.holding, p)
	tt.took(u)
}

// released: e.Task gave the lock or a permit back. A lock's hold is its holder's; a
// permit released by a task that holds none ends the oldest hold (it was passed on).
func (p *primTrack) released(r *Recorder, e runtime.TraceEvent) {
	if len(p.open) == 0 {
		return // released before anything was recorded of it
	}
	i := slices.IndexFunc(p.open, func(h Hold) bool { return h.Task == e.Task })
	if i < 0 {
		i = 0
	}
	h := p.open[i]
	p.open = slices.Delete(p.open, i, i+1)
	h.End = e.Time
	p.holdMax = max(p.holdMax, h.End-h.Start)
	if r.opts.Timeline && r.keep(e.Time) {
		p.holds = append(p.holds, h)
	}
	if tt := r.byTask[h.Task]; tt != nil {
		if j := slices.Index(tt.holding, p); j >= 0 {
			tt.holding = slices.Delete(tt.holding, j, j+1)
		}
	}
}

// notified: e.Task notified the Condition, waking e.N waiters.
func (p *primTrack) notified(r *Recorder, e runtime.TraceEvent) {
	p.notifies++
	if e.N == 0 {
		p.unheard++
		p.lastDeaf = &notifyNote{task: nameOf(e.Task), where: where(e.Task), at: e.Time}
	}
}
