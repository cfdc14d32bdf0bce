package trace

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"luasync/runtime"
)

// The lints are warnings about mistakes a teacher wants pointed out. Each is defined
// on what the recording saw, so that a correct program never gets one:
//
//   - held at the end: a task finishes while it holds a Lock (or a Condition's
//     lock), and the run ends with that hold still open: no other task could take
//     it. The warning is given at the end of the run, not when the task finishes,
//     since a lock taken by a task on another's behalf is no mistake: wait_for(
//     lock.acquire, t, lock) takes it in a helper task that finishes at once, and its
//     caller releases it later. For a Semaphore made with at least one permit, the
//     warning comes if the task never gave its permit back and the semaphore still
//     lacks permits at the end (a Semaphore(0) used as a signal, released by one
//     task and acquired by another, is not a mistake).
//   - lost wakeup: a notify() or notify_all() of a Condition finds nobody waiting,
//     then a task calls that Condition's wait() (not wait_for(), which checks its
//     predicate first), and no notify ever wakes it: the run deadlocks with it still
//     waiting, or it is woken only by a cancellation (a timeout). Each notify that
//     found nobody pairs with the next wait() only.
//   - a join nobody serves: the run deadlocks while a task waits in Queue:join()
//     (items put have not all been marked task_done()) and, since no task can run
//     any more, no task will ever get from that queue. The warning says whether items
//     are still in the queue (no getter is left: nobody ever called get(), or its
//     getters are stuck elsewhere or have finished) or were all taken and some were
//     never marked task_done().

// Lint is one warning, found at Time.
type Lint struct {
	Time time.Duration
	text func(labels map[runtime.Primitive]string) string
}

// notifyNote is a notify() that found nobody waiting.
type notifyNote struct {
	task, where string
	at          time.Duration
}

// lostWakeup is a wait() begun after a notify nobody heard.
type lostWakeup struct {
	cond   *primTrack
	notify notifyNote
	where  string
	at     time.Duration
}

// orphan is a hold of a lock or a permit whose task finished without releasing it:
// a mistake if it is still open at the end of the run.
type orphan struct {
	p     *primTrack
	hold  Hold
	name  string
	endAt time.Duration
}

// Lints returns the warnings, in the order they arose, each a line (without the
// "warning:" prefix).
func (r *Recorder) Lints() []string {
	labels := r.labels()
	lints := slices.Clone(r.lints)
	slices.SortStableFunc(lints, func(a, b Lint) int { return cmp.Compare(a.Time, b.Time) })
	out := make([]string, len(lints))
	for i, l := range lints {
		out[i] = l.text(labels)
	}
	return out
}

func (r *Recorder) lint(at time.Duration, text func(labels map[runtime.Primitive]string) string) {
	r.lints = append(r.lints, Lint{Time: at, text: text})
}

// finishLints: tt has just finished; what does it still hold?
func (r *Recorder) finishLints(tt *taskTrack, now time.Duration) {
	name := tt.task.Name()
	for _, p := range slices.Compact(slices.Clone(tt.holding)) {
		i := slices.IndexFunc(p.open, func(h Hold) bool { return h.Task == tt.task })
		if i < 0 {
			continue
		}
		if s, ok := p.obj.(*runtime.Semaphore); ok && s.Initial() == 0 {
			continue // a signal: its permits are made by release()
		}
		r.orphans = append(r.orphans, orphan{p: p, hold: p.open[i], name: name, endAt: now})
	}
}

func acquiredAt(where string) string {
	if where == "" {
		return ""
	}
	return ", acquired at " + where
}

// condWait: a task begins waiting for a notify; N is 1 inside wait_for.
func (r *Recorder) condWait(e runtime.TraceEvent) {
	tt := r.track(e.Task, e.Time)
	p := r.prim(e.Object)
	tt.lost = nil
	if e.N == 0 && p.lastDeaf != nil {
		tt.lost = &lostWakeup{cond: p, notify: *p.lastDeaf, where: where(e.Task), at: e.Time}
		p.lastDeaf = nil
	}
}

// condWoken: a task's wait for a notify ended; N is 1 when a notify woke it.
func (r *Recorder) condWoken(e runtime.TraceEvent) {
	tt := r.byTask[e.Task]
	if tt == nil || tt.lost == nil {
		return
	}
	lost := tt.lost
	tt.lost = nil
	if lost.cond.obj != e.Object || e.N == 1 {
		return
	}
	r.lostWakeupLint(tt, lost, "it was woken only by a cancellation")
}

func (r *Recorder) lostWakeupLint(tt *taskTrack, lost *lostWakeup, ending string) {
	name := tt.task.Name()
	r.lint(lost.at, func(labels map[runtime.Primitive]string) string {
		return fmt.Sprintf("%s: %s began waiting%s (t=%s) after %s's notify()%s (t=%s) had found nobody waiting, and no notify came for it (%s): a lost wakeup? wait_for(predicate) checks before it waits",
			labels[lost.cond.obj], name, at(lost.where), seconds(lost.at),
			lost.notify.task, at(lost.notify.where), seconds(lost.notify.at), ending)
	})
}

func at(where string) string {
	if where == "" {
		return ""
	}
	return " at " + where
}

// deadlockLints: the run has deadlocked; look at what the tasks left wait for.
func (r *Recorder) deadlockLints(e runtime.TraceEvent) {
	for _, t := range e.Tasks {
		if t.State() != runtime.Waiting {
			continue
		}
		if tt := r.byTask[t]; tt != nil && tt.lost != nil {
			r.lostWakeupLint(tt, tt.lost, "the run deadlocked")
			tt.lost = nil
		}
		if w := t.WaitingOn(); w.Op == "Queue.join" {
			if q, ok := w.On.(*runtime.Queue); ok {
				r.joinLint(t, q, e.Time)
			}
		}
	}
}

func (r *Recorder) joinLint(t *runtime.Task, q *runtime.Queue, now time.Duration) {
	name, place := t.Name(), at(where(t))
	r.prim(q) // for its label: the lints alone are not told of puts and gets
	items, waiting, unfinished := q.Len(), q.Getters(), q.Unfinished()
	var getters []string
	for _, g := range q.Takers() {
		getters = append(getters, g.Name())
	}
	r.lint(now, func(labels map[runtime.Primitive]string) string {
		head := fmt.Sprintf("%s waits in Queue:join()%s for %s, which no task will ever get from", name, place, labels[q])
		switch {
		case items > 0 && len(getters) == 0:
			return fmt.Sprintf("%s: it holds %d %s and nobody ever called get() on it", head, items, plural(items, "item", "items"))
		case items > 0 && waiting == 0:
			return fmt.Sprintf("%s: it holds %d %s, and the tasks that got from it before (%s) will get no more", head, items, plural(items, "item", "items"), strings.Join(getters, ", "))
		default:
			by := ""
			if len(getters) > 0 {
				by = " (by " + strings.Join(getters, ", ") + ")"
			}
			return fmt.Sprintf("%s, and %d of the items taken from it%s %s never marked done: call task_done() once for each item got",
				head, unfinished, by, plural(unfinished, "was", "were"))
		}
	})
}

// endLints: the recording ends; which locks and permits of finished tasks were never
// given back?
func (r *Recorder) endLints() {
	for _, o := range r.orphans {
		still := slices.ContainsFunc(o.p.open, func(h Hold) bool { return h.Task == o.hold.Task && h.Start == o.hold.Start })
		if !still {
			continue // released since, by another task
		}
		s, isSem := o.p.obj.(*runtime.Semaphore)
		switch {
		case isSem && s.Value() >= s.Initial():
		case isSem:
			value, initial := s.Value(), s.Initial()
			r.lint(o.endAt, func(labels map[runtime.Primitive]string) string {
				return fmt.Sprintf("%s finished at t=%s holding a permit of %s%s and never gave it back: the run ended with %d of its %d permits free",
					o.name, seconds(o.endAt), labels[o.p.obj], acquiredAt(o.hold.Where), value, initial)
			})
		default:
			r.lint(o.endAt, func(labels map[runtime.Primitive]string) string {
				what := labels[o.p.obj]
				if _, cond := o.p.obj.(*runtime.Condition); cond {
					what += "'s lock"
				}
				return fmt.Sprintf("%s finished at t=%s while holding %s%s, and nobody released it: no other task could take it (%s:with(fn) releases it even when fn fails)",
					o.name, seconds(o.endAt), what, acquiredAt(o.hold.Where), strings.ToLower(o.p.obj.Kind()))
			})
		}
	}
	r.orphans = nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// seconds formats d as seconds with three decimals: "2.000".
func seconds(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }
