// Package play is one run of a script in the playground: the page's choices made
// into an engine run, its output handed on as it is printed, and Stop.
package play

import (
	"bytes"
	"strings"
	"sync"

	"luasync/internal/engine"
)

// Request is what the page asks for: a script and how to run it.
type Request struct {
	Name   string // the script's name in reports
	Source string
	Clock  string // "virtual" (the default) or "real"
	Seed   uint64 // math.random's; 0 means the command line's default
	Args   []string
	quiet  bool // no timeline (a check's run)
}

// Result is how a run ended: its exit status, its report and its SVG timeline.
type Result struct {
	Status int
	Report string
	SVG    string
}

// Sinks receive a run's output as it is printed. Each gets whole writes, in order.
type Sinks struct {
	Stdout, Stderr func(string)
}

// A Session is one run going on: Stop ends it early.
type Session struct {
	mu      sync.Mutex
	run     *engine.Run
	stopped int // how many times Stop was asked
}

// Stop interrupts the run as Ctrl-C does (the main task is cancelled, then the
// tasks left; their cleanup runs); asked again, it
// ends the run at once.
func (s *Session) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopped++
	if s.run == nil {
		return
	}
	if s.stopped == 1 {
		s.run.Interrupt()
	} else {
		s.run.Abort(engine.ErrInterruptedTwice)
	}
}

// Start begins req's run; done gets its result once it is over, on the run's own
// goroutine.
func Start(req Request, out Sinks, done func(Result)) *Session {
	s := &Session{}
	go func() { done(s.run1(req, out)) }()
	return s
}

// Run runs req to its end.
func Run(req Request, out Sinks) Result { return (&Session{}).run1(req, out) }

func (s *Session) run1(req Request, out Sinks) Result {
	cfg := engine.Defaults()
	cfg.Script = req.Name
	if cfg.Script == "" {
		cfg.Script = "playground.lua"
	}
	cfg.Source = []byte(req.Source)
	cfg.Clock = "virtual"
	if req.Clock == "real" {
		cfg.Clock = "real"
	}
	if req.Seed != 0 {
		cfg.Seed = req.Seed
	}
	cfg.Args = req.Args
	var svg bytes.Buffer
	if !req.quiet {
		cfg.Observe.TimelineSVG = &svg
	}
	cfg.Stdin = strings.NewReader("")
	cfg.Stdout, cfg.Stderr = sink(out.Stdout), sink(out.Stderr)
	r, err := engine.Start(cfg)
	if err != nil {
		o := engine.OutcomeOf(err)
		return Result{Status: o.Status, Report: o.Report}
	}
	s.mu.Lock()
	s.run = r
	stopped := s.stopped
	s.mu.Unlock()
	if stopped > 0 {
		r.Interrupt()
	}
	o := r.Wait()
	s.mu.Lock()
	s.run = nil
	s.mu.Unlock()
	return Result{Status: o.Status, Report: o.Report, SVG: svg.String()}
}

// sink is a writer that hands each write to f (nowhere if f is nil).
type sink func(string)

func (f sink) Write(p []byte) (int, error) {
	if f != nil {
		f(string(p))
	}
	return len(p), nil
}
