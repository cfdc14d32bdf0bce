package bindings

import (
	"slices"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// luasync explore runs one script thousands of times, and building a Lua state (the
// standard libraries, luasync's API, the metatables of its types) costs several
// times what a small script's run does. So a state that explore has used is put
// back as New built it and used again: every table, metatable and environment a
// script can reach is restored from the snapshot New took (snapshot.go), and every
// per-run piece of the Module below is made anew. The builtins reach the run's
// scheduler, streams and counters through the Module, never by a copy kept in a
// closure, so that they follow it to the next run. Runs share nothing else.

// Reusable says whether Reset can put m back for a new run: it was built with
// Options.Reusable (and without --unsafe), and nothing of its run was left in a
// state the snapshot cannot undo: a Lua thread broken by a Go panic, or a read of
// stdin still blocked.
func (m *Module) Reusable() bool {
	return m.fresh != nil && !m.broken && m.stdin.pending == nil
}

// Reset makes m, whose run has ended, the Lua state of a new run on s, with opts, as
// New(s, opts) would build it, and reports true; or, if it cannot (see Reusable,
// or opts would build another state: another script, other arguments, --unsafe),
// reports false and changes nothing.
func (m *Module) Reset(s *runtime.Scheduler, opts Options) bool {
	opts = opts.withDefaults()
	if !m.Reusable() || opts.Unsafe || opts.Script != m.opts.Script || !slices.Equal(opts.Args, m.opts.Args) {
		return false
	}
	m.fresh.restore(m.L, m.metatablesShown)
	m.metatablesShown = false
	m.L.SetTop(0)
	m.L.G.CurrentThread = m.L

	m.sched, m.opts = s, opts
	m.rand = newRand(opts.Seed)
	clear(m.inside)
	m.exit, m.stoppedIn = nil, ""
	m.stdout.reset(opts.Stdout)
	m.stderr.reset(opts.Stderr)
	m.stdin.r.Reset(opts.Stdin)
	m.written, m.slowWarnings, m.hubReprDepth = 0, 0, 0
	clear(m.addresses)
	m.callbacks.running, m.callbacks.depth = nil, 0
	clear(m.failedFutures)
	m.failedFutures = m.failedFutures[:0]
	// The restore wrote the method tables behind the cache's back; a setmetatable
	// that turned it off was undone too.
	m.methods.gen++
	m.methods.off = vm == nil
	if th := m.callbacks.thread; th != nil {
		th.Env, th.Parent = m.L.Env, nil
		m.rebindContext(th)
	}
	// The finished tasks' threads stay for the new run's tasks, stopped by its stop.
	for _, th := range m.idleThreads {
		m.rebindContext(th)
	}
	return true
}

// rebindContext makes th's context the new run's: it stops with that run.
func (m *Module) rebindContext(th *lua.LState) {
	c, ok := th.Context().(*threadContext)
	if !ok {
		m.watchThread(th)
		return
	}
	stop := m.sched.Context()
	c.sched, c.done, c.stop = m.sched, stop.Done(), stop
}
