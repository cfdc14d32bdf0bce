package runtime

import (
	"sync"
	"sync/atomic"
	"time"
)

// stopContext is a context.Context that is done when the run is torn down. An embedded
// interpreter checks it between instructions (gopher-lua's SetContext), which is how a
// task stuck in an endless loop is stopped.
//
// Contexts derived from it never hear of its cancellation (AfterFunc never calls f):
// gopher-lua derives one for every coroutine it creates, bindings/ replaces it with this
// one right away, and this way the throwaway children cost neither a goroutine nor a
// place in a children list.
type stopContext struct {
	done    chan struct{}
	once    sync.Once
	stopped atomic.Bool // done is closed, or about to be
}

func newStopContext() *stopContext { return &stopContext{done: make(chan struct{})} }

func (c *stopContext) cancel() {
	c.once.Do(func() {
		c.stopped.Store(true)
		close(c.done)
	})
}

func (c *stopContext) Deadline() (time.Time, bool) { return time.Time{}, false }
func (c *stopContext) Done() <-chan struct{}       { return c.done }
func (c *stopContext) Value(any) any               { return nil }

func (c *stopContext) Err() error {
	select {
	case <-c.done:
		return ErrKilled
	default:
		return nil
	}
}

// AfterFunc is how context.WithCancel registers a child; see the type's comment.
func (c *stopContext) AfterFunc(func()) (stop func() bool) {
	return func() bool { return true }
}
