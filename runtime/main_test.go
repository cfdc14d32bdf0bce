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
