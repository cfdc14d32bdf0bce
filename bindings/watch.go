package bindings

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// asyncio's debug mode warns of a callback that keeps the event loop for more than
// 100 ms. Here the runtime's watchdog (runtime.Options.SlowHold) finds a task that
// keeps the baton too long when asked between Lua instructions, on the task's own
// goroutine, which alone may look at its Lua stack: at every backward jump and call
// (interrupt.go; gopher-lua's context loop, where luasync cannot replace it, calls
// the thread context's Done before every instruction instead) the scheduler is asked
// whether it NeedsAttention. That check is the price of every loop turn, so it is a
// count down until it says yes. Then the check warns if the hold is too long, and
// looks at the run's stop channel, closed once the run is stopping, which makes the
// VM raise an error. The check also lets the outside world in while a task keeps the baton
// (runtime's ServeOutside): Ctrl-C, or a REPL command, cancels a task in an endless
// loop there, and Done raises Cancelled in it at once.

// threadContext is the context of one Lua thread (a task's or a coroutine's): the
// run's stop context, plus the thread, so that the warning can name its line.
type threadContext struct {
	sched *runtime.Scheduler
	done  <-chan struct{}
	m     *Module
	L     *lua.LState
	stop  context.Context
}

// threadContext returns the context to give L (SetContext).
func (m *Module) threadContext(L *lua.LState) context.Context {
	stop := m.sched.Context()
	return &threadContext{sched: m.sched, done: stop.Done(), m: m, L: L, stop: stop}
}

func (c *threadContext) Done() <-chan struct{} {
	if !c.sched.NeedsAttention() {
		return nil
	}
	return c.attended()
}

// attended is Done once the scheduler has said that it NeedsAttention: the warning
// of a slow hold, the outside world's posts; it returns the run's stop channel.
func (c *threadContext) attended() <-chan struct{} {
	if c.sched.TakeSlowHold() {
		c.m.slowHold(c.L)
	}
	if t := c.sched.Current(); t != nil {
		if err := c.sched.ServeOutside(t); err != nil {
			c.m.raiseRunning(c.L, err)
		}
	}
	return c.done
}

// raiseRunning raises err (a Cancelled condition) in the Lua code L is running, at
// the instruction it is at.
func (m *Module) raiseRunning(L *lua.LState, err error) {
	var cond *runtime.Error
	if !errors.As(err, &cond) {
		L.RaiseError("%s", err.Error())
	}
	L.Error(m.errorObject(L, cond, whereRunning(L)), 0)
}

func (c *threadContext) Deadline() (time.Time, bool) { return c.stop.Deadline() }
func (c *threadContext) Err() error                  { return c.stop.Err() }
func (c *threadContext) Value(key any) any           { return c.stop.Value(key) }

// AfterFunc is how context.WithCancel registers a child: gopher-lua derives one for
// each coroutine, which bindings replaces at once; see runtime's stopContext.
func (c *threadContext) AfterFunc(func()) (stop func() bool) {
	return func() bool { return true }
}

// maxSlowWarnings bounds the warnings of one run about tasks keeping the baton.
const maxSlowWarnings = 10

// slowHold warns, once per hold, that the running task has kept the baton too long;
// L is the thread running.
func (m *Module) slowHold(L *lua.LState) {
	if m.sched.Current() == nil && m.callbacks.running == nil {
		return
	}
	m.warnSlow(fmt.Sprintf("%s has kept the baton for more than %v%s: a blocking call or an endless loop? No other task runs until it waits (sleep, get, acquire...)",
		m.runningName(), m.sched.SlowHold(), atLine(whereRunning(L))))
}

// warnBlock warns of a block(d) longer than the watchdog allows, at once: it keeps
// the baton on purpose.
func (m *Module) warnBlock(L *lua.LState, d time.Duration) {
	if limit := m.sched.SlowHold(); limit <= 0 || d <= limit {
		return
	}
	s := strconv.FormatFloat(d.Seconds(), 'g', -1, 64)
	m.warnSlow(fmt.Sprintf("%s blocks for %s s%s: block() keeps the baton on purpose, so no other task runs meanwhile (sleep(%s) would let them)",
		m.sched.Current().Name(), s, atLine(where(L)), s))
}

// watchRead watches a read of the input by the running task, called from L: if it
// lasts longer than the watchdog allows, it warns that every task waits for it, as
// asyncio's input() in a coroutine makes them. It returns the func that ends the
// watch, to call when the read has returned. The warning is written by a timer
// while the task is blocked in the read, and the task waits for that write before
// it goes on: the timer acts for the task, and touches no Lua value.
func (m *Module) watchRead(L *lua.LState) (done func()) {
	limit := m.sched.SlowHold()
	if limit <= 0 {
		return func() {}
	}
	name, at := "a callback", atLine(where(L))
	if t := m.sched.Current(); t != nil {
		name = t.Name()
	}
	warned := make(chan struct{})
	timer := time.AfterFunc(limit, func() {
		defer close(warned)
		m.warnSlow(fmt.Sprintf("%s is waiting for input in io.read()%s: no other task runs meanwhile (reading the input keeps the baton, as input() does in asyncio)", name, at))
	})
	return func() {
		if !timer.Stop() {
			<-warned
			m.sched.HoldAfresh() // the wait was the input's, not the code's
		}
	}
}

func (m *Module) warnSlow(msg string) {
	m.slowWarnings++
	switch {
	case m.slowWarnings <= maxSlowWarnings:
		fmt.Fprintf(m.opts.Stderr, "luasync: warning: %s\n", msg)
	case m.slowWarnings == maxSlowWarnings+1:
		fmt.Fprintln(m.opts.Stderr, "luasync: warning: (more warnings about tasks keeping the baton are not shown)")
	}
}

func atLine(where string) string {
	if where == "" {
		return ""
	}
	return ", at " + where
}

// whereRunning is the script position of the Lua function L is running: the
// innermost Lua frame, the current one included (where starts above it).
func whereRunning(L *lua.LState) string {
	if source, line, ok := innermostLine(L, 0); ok {
		return fmt.Sprintf("%s:%d", source, line)
	}
	return ""
}
