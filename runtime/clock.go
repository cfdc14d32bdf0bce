package runtime

import "time"

// Clock is the scheduler's time source. Only the baton holder calls its methods.
type Clock interface {
	// Now is the time since the run started.
	Now() time.Duration
	// Virtual reports whether the clock jumps instead of sleeping.
	Virtual() bool
	// waitUntil returns once Now() >= deadline or wake has a value, whichever is first.
	waitUntil(deadline time.Duration, wake <-chan struct{})
	// pass lets d go by while the caller keeps the baton (block()); stop cuts it short.
	pass(d time.Duration, stop <-chan struct{})
}

// NewRealClock returns a clock that sleeps for real, counting from now.
func NewRealClock() Clock { return &realClock{start: time.Now()} }

// NewVirtualClock returns a clock that starts at zero and jumps to the next deadline
// whenever no task is ready, so a script that sleeps an hour finishes at once.
func NewVirtualClock() Clock { return &virtualClock{} }

type realClock struct {
	start time.Time
	timer *time.Timer
}

func (c *realClock) Now() time.Duration { return time.Since(c.start) }
func (c *realClock) Virtual() bool      { return false }

func (c *realClock) waitUntil(deadline time.Duration, wake <-chan struct{}) {
	d := deadline - c.Now()
	if d <= 0 {
		return
	}
	if c.timer == nil {
		c.timer = time.NewTimer(d)
	} else {
		c.timer.Reset(d)
	}
	select {
	case <-c.timer.C:
	case <-wake:
		c.timer.Stop()
	}
}

func (c *realClock) pass(d time.Duration, stop <-chan struct{}) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-stop:
	}
}

type virtualClock struct{ now time.Duration }

func (c *virtualClock) Now() time.Duration { return c.now }
func (c *virtualClock) Virtual() bool      { return true }

func (c *virtualClock) waitUntil(deadline time.Duration, _ <-chan struct{}) {
	if deadline > c.now {
		c.now = deadline
	}
}

func (c *virtualClock) pass(d time.Duration, _ <-chan struct{}) {
	if d > 0 {
		c.now += d
	}
}
