package trace

import (
	"strings"
	"testing"

	"luasync/runtime"
)

func TestStatsOfTheLockSleepTutorial(t *testing.T) {
	r, _ := record(t, lockSleep)
	var b strings.Builder
	r.WriteStats(&b)
	want := `stats of test.lua (virtual clock, 4.000 s)
  primitive  use      count  waited  longest wait  mean wait  longest hold  hand-offs in arrival order
  Lock A     acquire      2       1         2.000      1.000         2.000  1 of 1
  task    running  block()  ready  waiting  sleeping  ended
  Task-1    0.000    0.000  0.000    4.000     0.000  done
  Task-2    0.000    0.000  0.000    0.000     2.000  done
  Task-3    0.000    0.000  0.000    2.000     2.000  done
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

// A getter woken for an item that get_nowait takes first waits again: its wait is
// one, from its get to the wake-up that gave it an item. A getter woken by the
// queue's close gets nothing: no get counts.
func TestStatsOfAWokenGetterThatWaitsAgain(t *testing.T) {
	r, _ := record(t, func(s *runtime.Scheduler, m *runtime.Task) {
		q := runtime.NewQueue(1)
		g := spawn(s, "x.lua:2", func(t *runtime.Task) { q.Get(t) })
		m.Sleep(0)
		q.Put(m, "x")
		q.GetNowait() // takes the item g was woken for
		m.Sleep(secs(1))
		q.Put(m, "y")
		m.Join(g)
		spawn(s, "x.lua:9", func(t *runtime.Task) { q.Get(t) })
		m.Sleep(secs(1))
		q.Close()
		m.Sleep(0)
	})
	var b strings.Builder
	r.WriteStats(&b)
	want := "  Queue A    get      1       1         1.000      1.000             -  1 of 1\n"
	if !strings.Contains(b.String(), want) {
		t.Errorf("no row %q in:\n%s", want, b.String())
	}
}

// Each primitive and use gets a row: queue gets and puts with their waits, event
// waits, notifies of a Condition, and the fairness of hand-offs.
func TestStatsRows(t *testing.T) {
	r, _ := record(t, func(s *runtime.Scheduler, m *runtime.Task) {
		q := runtime.NewQueue(1)
		e := runtime.NewEvent()
		c := runtime.NewCondition(nil)
		sem, _ := runtime.NewSemaphore(1)
		var ts []*runtime.Task
		for i := range 3 {
			ts = append(ts, spawn(s, "x.lua:3", func(t *runtime.Task) {
				t.Sleep(secs(float64(i)))
				q.Get(t)
				e.Wait(t)
				sem.Acquire(t)
				t.Sleep(secs(1))
				sem.Release()
			}))
		}
		for i := range 3 {
			q.Put(m, i)
		}
		m.Sleep(secs(3))
		e.Set()
		c.Acquire(m)
		c.Notify(1)
		c.Release()
		m.Gather(ts)
	})
	var b strings.Builder
	r.WriteStats(&b)
	for _, want := range []string{
		"  Queue A      put          3       2         1.000      0.333             -  2 of 2\n",
		"  Queue A      get          3       0         0.000      0.000             -  -\n",
		"  Event A      wait         3       3         4.000      3.000             -  -\n",
		"  Semaphore A  acquire      3       2         2.000      1.000         1.000  2 of 2\n",
		"  Condition A  acquire      1       0         0.000      0.000         0.000  -\n",
		"  Condition A  notify       1                                                 1 found nobody waiting\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no row %q in:\n%s", want, b.String())
		}
	}
}
