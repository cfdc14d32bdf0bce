package trace

import (
	"encoding/json"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"luasync/runtime"
)

// Random programs over every primitive, with cancellations, timeouts and deadlocks:
// the recorder follows them without a panic, its outputs are well formed, and each
// task's segments tile its life without gaps or overlaps.
func TestRandomPrograms(t *testing.T) {
	for seed := range uint64(300) {
		rng := rand.New(rand.NewPCG(seed, 7))
		r, _ := record(t, func(s *runtime.Scheduler, m *runtime.Task) {
			lock := runtime.NewLock()
			sem, _ := runtime.NewSemaphore(2)
			q := runtime.NewQueue(2)
			cond := runtime.NewCondition(nil)
			ev := runtime.NewEvent()
			var tasks []*runtime.Task
			for range 4 {
				ops := make([]int, 12)
				for i := range ops {
					ops[i] = rng.IntN(14)
				}
				tasks = append(tasks, spawn(s, "r.lua:1", func(t *runtime.Task) {
					for _, op := range ops {
						switch op {
						case 0:
							if lock.Acquire(t) == nil {
								t.Sleep(secs(0.5))
								lock.Release()
							}
						case 1:
							lock.Acquire(t) // and maybe never released
						case 2:
							if sem.Acquire(t) == nil {
								t.Sleep(secs(0.3))
								sem.Release()
							}
						case 3:
							q.Put(t, op)
						case 4:
							q.Get(t)
						case 5:
							q.TaskDone()
						case 6:
							if cond.Acquire(t) == nil {
								cond.Notify(1)
								cond.Release()
							}
						case 7:
							if cond.Acquire(t) == nil {
								cond.Wait(t)
								cond.Release()
							}
						case 8:
							ev.Wait(t)
						case 9:
							ev.Set()
						case 10:
							t.Sleep(secs(0.25))
						case 11:
							t.Block(secs(0.1))
						case 12:
							if len(tasks) > 0 {
								tasks[rng.IntN(len(tasks))].Cancel("")
							}
						case 13:
							c := s.Spawn(func(c *runtime.Task) (any, error) { return nil, c.Sleep(secs(1)) })
							t.WaitFor(c, secs(0.5))
						}
					}
				}))
			}
			m.Wait(tasks, runtime.AllCompleted, secs(20))
		})
		if err := r.WriteChrome(io.Discard); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		r.WriteChrome(&b)
		if !json.Valid([]byte(b.String())) {
			t.Fatalf("seed %d: invalid JSON", seed)
		}
		r.WriteSVG(io.Discard)
		r.WriteStats(io.Discard)
		text(r, 60)
		r.Lints()
		for _, tv := range r.view().tasks {
			for i := 1; i < len(tv.segs); i++ {
				if tv.segs[i].Start != tv.segs[i-1].End || tv.segs[i].End < tv.segs[i].Start {
					t.Fatalf("seed %d: %s's segments do not tile: %+v then %+v", seed, tv.name, tv.segs[i-1], tv.segs[i])
				}
			}
		}
	}
}
