package bindings

import (
	"errors"
	"io"
	"os"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// awaitOutside runs work, which waits for the outside world (input that may never
// come, a FIFO) and touches nothing of Lua, on a helper goroutine; the task keeps the
// baton, as a blocking call inside async code does, and waits for the work, for the
// run's stop, or for Ctrl-C (what the outside world posts is served meanwhile, as
// between instructions). At a stop it raises the stop's error in L, and at Ctrl-C
// the task's Cancelled error, after storing in abandoned (if not nil) the channel
// the work will still deliver to.
func awaitOutside[T any](m *Module, L *lua.LState, work func() T, abandoned *<-chan T) T {
	done := make(chan T, 1)
	go func() { done <- work() }()
	t := m.sched.Current()
	for {
		select {
		case res := <-done:
			return res
		case <-m.sched.Stopping():
			if abandoned != nil {
				*abandoned = done
			}
			L.RaiseError("%v", runtime.ErrKilled)
		case <-m.sched.Posted():
			if t == nil {
				continue
			}
			if err := m.sched.ServeOutside(t); err != nil {
				if abandoned != nil {
					*abandoned = done
				}
				m.raiseRunning(L, err)
			}
		}
	}
}

// errTooBig is readModule's error for a file past maxSource.
var errTooBig = errors.New("too big")

// readModule reads a module's file: at most maxSource bytes (a link to /dev/zero
// ends there), and off the task's goroutine (see awaitOutside), since opening a FIFO
// waits for a writer and reading it for input.
func (m *Module) readModule(L *lua.LState, path string) ([]byte, error) {
	type read struct {
		src []byte
		err error
	}
	r := awaitOutside(m, L, func() read {
		f, err := os.Open(path)
		if err != nil {
			return read{nil, err}
		}
		defer f.Close()
		src, err := io.ReadAll(io.LimitReader(f, maxSource+1))
		if err == nil && len(src) > maxSource {
			err = errTooBig
		}
		return read{src, err}
	}, nil)
	return r.src, r.err
}
