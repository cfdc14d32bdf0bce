package engine

import (
	"errors"
	"fmt"
	"io"
	"time"

	"luasync/bindings"
	"luasync/runtime"
)

// ErrInterruptedTwice is the Abort reason after a second Ctrl-C.
var ErrInterruptedTwice = errors.New("interrupted twice")

// ErrQuit is the Abort reason when the person stepping through a run quits.
var ErrQuit = errors.New("quit at a scheduling decision")

// errTimeout is the Abort reason when --timeout passes.
type errTimeout struct{ after time.Duration }

func (e errTimeout) Error() string { return fmt.Sprintf("timed out after %v", e.after) }

// writeReport writes what went wrong in a finished run to w, and returns the exit
// status: every task error nobody retrieved (with its traceback), every future's,
// then the reason
// the run stopped, if it did not end by itself.
func writeReport(stderr io.Writer, s *runtime.Scheduler, m *bindings.Module, runErr error) int {
	if exit := m.Exit(); exit != nil {
		return exit.Code
	}
	status := ExitOK
	if note := s.EndingNote(); note != "" {
		fmt.Fprintf(stderr, "luasync: note: %s\n", note)
	}
	w := newReportWriter(stderr)
	for _, t := range s.Failed() {
		_, err := t.Result()
		var panicked *runtime.PanicError
		if errors.As(err, &panicked) {
			fmt.Fprintf(w, "luasync: %s crashed the Lua interpreter: %v\n"+
				"Runaway recursion (such as a vararg tail call) can do this; if that is not it, it is a bug: please report it, with the script.\n",
				t.Name(), panicked.Value)
			status = ExitInternal
			continue
		}
		prefix := ""
		if t != s.Main() {
			prefix = t.Name() + " failed: "
		}
		w.line(prefix, err.Error())
		var script *bindings.ScriptError
		if errors.As(err, &script) && script.Traceback != "" {
			w.line("", script.Traceback)
		}
		if status == ExitOK {
			status = ExitFailed
		}
	}
	for _, err := range m.UnretrievedFutureErrors() {
		w.line("Future exception was never retrieved: ", err.Error())
		if status == ExitOK {
			status = ExitFailed
		}
	}
	w.finish()
	var deadlock *runtime.DeadlockError
	var interrupted *runtime.InterruptedError
	var timeout errTimeout
	var limit *bindings.LimitError
	switch {
	case runErr == nil:
	case errors.As(runErr, &limit):
		fmt.Fprintf(stderr, "luasync: %v\n", limit)
		return ExitLimit
	case errors.As(runErr, &deadlock):
		fmt.Fprintf(stderr, "luasync: %v\n", deadlock)
		return ExitDeadlock
	case errors.Is(runErr, ErrInterruptedTwice):
		return ExitInterrupted
	case errors.Is(runErr, ErrQuit):
		fmt.Fprintln(stderr, "luasync: stopped: you quit")
		return ExitInterrupted
	case errors.As(runErr, &interrupted):
		fmt.Fprintf(stderr, "\nluasync: %v\n", interrupted)
		return ExitInterrupted
	case errors.As(runErr, &timeout):
		fmt.Fprintf(stderr, "luasync: %v", timeout)
		if where := m.StoppedIn(); where != "" {
			fmt.Fprintf(stderr, "; %s", where)
		}
		fmt.Fprintln(stderr)
		return ExitTimeout
	default:
		fmt.Fprintf(stderr, "luasync: internal error: %v\nThis is a bug in luasync: please report it, with the script.\n", runErr)
		return ExitInternal
	}
	return status
}
