package runtime

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// scenario runs main as the task "main" on a virtual clock and returns Run's error
// and the log that the tasks wrote with logf.
type scenario struct {
	*Scheduler
	log []string
}

func newScenario() *scenario {
	return &scenario{Scheduler: New(Options{Clock: NewVirtualClock()})}
}

// logf records a line, prefixed with the virtual time in seconds.
func (sc *scenario) logf(format string, args ...any) {
	sc.log = append(sc.log, fmt.Sprintf("%g ", sc.Now().Seconds())+fmt.Sprintf(format, args...))
}

// spawn starts a task whose body cannot fail.
func (sc *scenario) spawn(body func(t *Task)) *Task {
	return sc.Spawn(func(t *Task) (any, error) {
		body(t)
		return nil, nil
	})
}

// outlive makes m wait until every other task has ended: the tests of the
// primitives that let tasks run past the main task's body use it, as the main task's
// return cancels the tasks left (see shutdown.go).
func (sc *scenario) outlive(m *Task) {
	for {
		var others []*Task
		for _, t := range sc.Tasks() {
			if t != m {
				others = append(others, t)
			}
		}
		if len(others) == 0 {
			return
		}
		left := len(others)
		allDone := NewFuture(m.sched)
		for _, o := range others {
			o.OnDone(func(*Task) {
				if left--; left == 0 {
					allDone.SetResult(nil)
				}
			})
		}
		if err := m.awaitFuture(allDone, Wait{Op: "the others"}); err != nil {
			return
		}
	}
}

func (sc *scenario) run(tb testing.TB, main func(t *Task)) error {
	tb.Helper()
	return sc.Run(func(t *Task) (any, error) {
		main(t)
		return nil, nil
	})
}

// expectLog compares the log with want, one line each.
func (sc *scenario) expectLog(tb testing.TB, want ...string) {
	tb.Helper()
	if got := strings.Join(sc.log, "\n"); got != strings.Join(want, "\n") {
		tb.Errorf("log:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
