package cli

import (
	"fmt"
	"io"
	"os"
	"os/signal"

	"luasync/internal/engine"
)

// Env is what a command may touch of the process: tests run the whole command line
// in process with their own.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// ExitNow ends the process at once (a second Ctrl-C); tests replace it.
	ExitNow func(code int)
	// Interrupts delivers Ctrl-C; nil means the process's SIGINT.
	Interrupts <-chan os.Signal
	// SelfPath and ChildEnv say how to run luasync as a child process (check does);
	// empty means this executable. Tests run the test binary with an env var.
	SelfPath string
	ChildEnv []string
}

// Self is the luasync executable to run children with.
func (e *Env) Self() string {
	if e.SelfPath != "" {
		return e.SelfPath
	}
	exe, err := os.Executable()
	if err != nil {
		return os.Args[0]
	}
	return exe
}

// ForwardInterrupts turns the first Ctrl-C into r.Interrupt() and a second one into
// an immediate exit. It returns the func that stops listening.
func (e *Env) ForwardInterrupts(r *engine.Run) (stop func()) {
	return e.OnInterrupts(r.Interrupt, func() { r.Abort(engine.ErrInterruptedTwice) })
}

// OnInterrupts calls first at the first Ctrl-C; at a second one it exits at once
// (then, in tests whose ExitNow returns, it calls twice). It returns the func that
// stops listening.
func (e *Env) OnInterrupts(first, twice func()) (stop func()) {
	signals := e.Interrupts
	var ch chan os.Signal
	if signals == nil {
		ch = make(chan os.Signal, 2)
		signal.Notify(ch, os.Interrupt)
		signals = ch
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for n := 0; ; n++ {
			select {
			case <-done:
				return
			case <-signals:
			}
			if n == 0 {
				first()
				continue
			}
			fmt.Fprintln(e.Stderr, "\nluasync: interrupted twice, exiting now")
			e.ExitNow(engine.ExitInterrupted)
			twice() // reached only when ExitNow returns, in tests
			return
		}
	}()
	return func() {
		if ch != nil {
			signal.Stop(ch)
		}
		close(done)
		<-finished
	}
}

// RunScript makes cfg's run, hands it to ready (if not nil: step attaches itself),
// runs it with Ctrl-C forwarded to it, and returns how it ended. A run that cannot
// start ends at once, with its reason as its report.
func (e *Env) RunScript(cfg engine.Config, ready func(*engine.Run)) engine.Outcome {
	r, err := engine.Start(cfg)
	if err != nil {
		return engine.OutcomeOf(err)
	}
	if ready != nil {
		ready(r)
	}
	defer e.ForwardInterrupts(r)()
	return r.Wait()
}
