package main

import (
	"fmt"
	"os"
	goruntime "runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"luasync/bindings"
	"luasync/runtime"
)

// defaultMaxMemoryMB is --max-memory's default.
const defaultMaxMemoryMB = 1024

// memoryWatch stops a run whose process uses more than its limit. It looks after
// every garbage collection (a finalizer on a throwaway object, re-armed each cycle)
// and every memorySample besides, since a script that keeps what it allocates may
// go a long way between two collections; it measures the resident set (what the
// process really uses), not the heap's reservations. Builtins that could allocate
// much at once check the size of their result first (bindings.Options.MaxMemory).
type memoryWatch struct {
	sched    *runtime.Scheduler
	limit    int64
	stopped  atomic.Bool
	oldLimit int64
	done     chan struct{} // closed to end the sampling goroutine
	sampling sync.WaitGroup
}

// memorySample is how often the watch measures the memory in use. Faulting in new
// memory goes at a few GB/s, so a script that keeps what it allocates passes the
// limit by a few MiB at most before a sample sees it (a single instruction that
// allocates more, such as one `..` of sixteen 64 MiB strings, cannot be stopped
// half-way). Each sample reads /proc: about 5 us, 0.1% of a core.
const memorySample = 5 * time.Millisecond

// softLimitPercent is where, in percent of the limit, the collector starts working
// harder (Go's soft memory limit). A script with many parked tasks makes garbage as
// it spawns them (gopher-lua's NewThread builds a global state it throws away, 7 KB
// a task): its peak memory is where the collector catches up. At 85% 100k parked
// tasks peaked at 870 MiB; at 80%, 823 MiB, for 5 to 10% more time.
const softLimitPercent = 80

// watchMemory starts watching; the returned func stops it.
func watchMemory(s *runtime.Scheduler, limitMB int) (stop func()) {
	if limitMB <= 0 {
		return func() {}
	}
	w := &memoryWatch{sched: s, limit: int64(limitMB) << 20}
	// Let the collector work harder as the heap nears the limit (from softLimitPercent
	// of it on), so that garbage does not count against a script: below that,
	// collecting more often would only cost time.
	w.oldLimit = debug.SetMemoryLimit(w.limit * softLimitPercent / 100)
	w.arm()
	w.done = make(chan struct{})
	w.sampling.Add(1)
	go w.sample()
	return func() {
		w.stopped.Store(true)
		close(w.done)
		w.sampling.Wait()
		debug.SetMemoryLimit(w.oldLimit)
	}
}

// sample checks the memory every memorySample until the watch stops or the limit
// is passed.
func (w *memoryWatch) sample() {
	defer w.sampling.Done()
	tick := time.NewTicker(memorySample)
	defer tick.Stop()
	for {
		select {
		case <-w.done:
			return
		case <-tick.C:
			if w.exceeded() {
				w.sched.Abort(memoryLimitError(w.limit))
				return
			}
		}
	}
}

// exceeded tells whether the process uses more than the limit, garbage aside: past
// the limit, it collects and returns the free memory to the system, and looks again.
func (w *memoryWatch) exceeded() bool {
	if residentBytes() <= w.limit {
		return false
	}
	debug.FreeOSMemory()
	return residentBytes() > w.limit
}

func memoryLimitError(limit int64) error {
	return &bindings.LimitError{What: "memory", Limit: fmt.Sprintf("%d MiB, --max-memory", limit>>20)}
}

// checkMemoryAtEnd is a run's outcome runErr, or, if the run otherwise ended well
// but the process now uses more than limitMB, the memory limit's error: a script can
// finish between two samples.
func checkMemoryAtEnd(limitMB int, runErr error) error {
	if runErr != nil || limitMB <= 0 {
		return runErr
	}
	w := &memoryWatch{limit: int64(limitMB) << 20}
	if w.exceeded() {
		return memoryLimitError(w.limit)
	}
	return nil
}

type gcSentinel struct{ _ [16]byte }

func (w *memoryWatch) arm() {
	goruntime.SetFinalizer(&gcSentinel{}, func(*gcSentinel) {
		if w.stopped.Load() {
			return
		}
		if used := residentBytes(); used > w.limit {
			w.sched.Abort(memoryLimitError(w.limit))
			return
		}
		w.arm()
	})
}

// residentBytes is the process's resident set size, from /proc; where there is no
// /proc, the memory the Go runtime holds from the system.
func residentBytes() int64 {
	if b, err := os.ReadFile("/proc/self/statm"); err == nil {
		if f := strings.Fields(string(b)); len(f) > 1 {
			if pages, err := strconv.ParseInt(f[1], 10, 64); err == nil {
				return pages * int64(os.Getpagesize())
			}
		}
	}
	var ms goruntime.MemStats
	goruntime.ReadMemStats(&ms)
	return int64(ms.Sys - ms.HeapReleased)
}
