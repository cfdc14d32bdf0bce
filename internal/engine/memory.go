package engine

import (
	"fmt"
	"os"
	goruntime "runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"luasync/bindings"
	"luasync/runtime"
)

// DefaultMaxMemoryMB is --max-memory's default.
const DefaultMaxMemoryMB = 1024

// memoryWatch stops a run whose process uses more than its limit. It looks after
// every garbage collection (a finalizer on a throwaway object, re-armed each cycle)
// and every memorySample besides, since a script that keeps what it allocates may
// go a long way between two collections, and once more when the run has ended; it
// measures the resident set (what the process really uses, not the heap's
// reservations) at its peak since the run started, so that a spike between two
// looks counts. Builtins that could allocate
// much at once check the size of their result first (bindings.Options.MaxMemory).
//
// One watch may serve the runs of a Reuse one after the other (begin and end each
// run), so that those thousands of runs do not each start and stop it.
type memoryWatch struct {
	limit      int64
	current    atomic.Pointer[runtime.Scheduler] // the run watched now; nil between runs
	stoppedRun atomic.Pointer[runtime.Scheduler] // the last run it stopped
	stopped    atomic.Bool
	oldLimit   int64
	done       chan struct{} // closed to end the sampling goroutine
	sampling   sync.WaitGroup
	peak       atomic.Bool // the system keeps the peak of the run (see exceeded)
}

// memorySample is how often the watch measures the memory in use. Faulting in new
// memory goes at a few GB/s, so a script that keeps what it allocates passes the
// limit by a few MiB at most before a sample sees it (what could allocate more in
// one go, a builtin or a `..`, checks its result's size first: see bindings'
// allocation.go and concat.go). Each sample reads /proc: about 5 us, 0.1% of a core.
const memorySample = 5 * time.Millisecond

// softLimitPercent is where, in percent of the limit, the collector starts working
// harder (Go's soft memory limit). A script with many parked tasks makes garbage as
// it spawns them (gopher-lua's NewThread builds a global state it throws away, 7 KB
// a task): its peak memory is where the collector catches up. At 85% 100k parked
// tasks peaked at 870 MiB; at 80%, 823 MiB, for 5 to 10% more time.
const softLimitPercent = 80

// startMemoryWatch starts watching s's run; stop ends the watch, atEnd checks the
// run's peak when it has ended. With no limit it watches nothing.
func startMemoryWatch(s *runtime.Scheduler, limitMB int) *memoryWatch {
	w := newMemoryWatch(limitMB)
	w.begin(s)
	return w
}

// newMemoryWatch starts a watch of limitMB (none if it is 0) that watches no run yet.
func newMemoryWatch(limitMB int) *memoryWatch {
	w := &memoryWatch{limit: int64(limitMB) << 20}
	if limitMB <= 0 {
		return w
	}
	// Let the collector work harder as the heap nears the limit (from softLimitPercent
	// of it on), so that garbage does not count against a script: below that,
	// collecting more often would only cost time.
	w.oldLimit = debug.SetMemoryLimit(w.limit * softLimitPercent / 100)
	w.arm()
	w.done = make(chan struct{})
	w.sampling.Add(1)
	go w.sample()
	return w
}

// begin watches s's run, until end.
func (w *memoryWatch) begin(s *runtime.Scheduler) {
	if w.done == nil {
		return
	}
	if underLimitSurely(w.limit) {
		// The process has been under the limit all along: the peak the system
		// keeps, if it keeps one, is the run's, should the run pass the limit.
		w.peak.Store(systemKeepsPeak())
	} else {
		w.peak.Store(resetPeak())
	}
	w.current.Store(s)
}

// end stops watching the run, once atEnd has looked at it.
func (w *memoryWatch) end() { w.current.Store(nil) }

// stop ends the watch.
func (w *memoryWatch) stop() {
	w.end()
	if w.done == nil {
		return
	}
	w.stopped.Store(true)
	close(w.done)
	w.sampling.Wait()
	debug.SetMemoryLimit(w.oldLimit)
}

// atEnd is the run's outcome runErr, or, if the run otherwise ended well but used
// more than the limit at its peak, the memory limit's error: a script can pass the
// limit and end between two samples.
func (w *memoryWatch) atEnd(runErr error) error {
	if runErr != nil || w.done == nil {
		return runErr
	}
	if w.exceeded() {
		return memoryLimitError(w.limit)
	}
	return nil
}

// sample checks the memory every memorySample until the watch stops, and stops the
// run watched if the limit is passed.
func (w *memoryWatch) sample() {
	defer w.sampling.Done()
	tick := time.NewTicker(memorySample)
	defer tick.Stop()
	for {
		select {
		case <-w.done:
			return
		case <-tick.C:
			w.check()
		}
	}
}

// check stops the run watched, if any, if the limit has been passed.
func (w *memoryWatch) check() {
	if s := w.current.Load(); s != nil && w.stoppedRun.Load() != s && w.exceeded() {
		w.stopRun(s)
	}
}

// stopRun stops the run of s, once.
func (w *memoryWatch) stopRun(s *runtime.Scheduler) {
	if w.stoppedRun.Swap(s) != s {
		s.Abort(memoryLimitError(w.limit))
	}
}

// exceeded tells whether the run has used more than the limit: at its peak, where
// the system keeps one (VmHWM, reset when the watch started); elsewhere now, garbage
// aside (past the limit, it collects, returns the free memory to the system, and
// looks again).
func (w *memoryWatch) exceeded() bool {
	if underLimitSurely(w.limit) || w.used() <= w.limit {
		return false
	}
	if !w.peak.Load() {
		debug.FreeOSMemory()
	}
	return w.used() > w.limit
}

// used is the run's peak resident memory where the system keeps it, else the
// process's resident memory now.
func (w *memoryWatch) used() int64 {
	if w.peak.Load() {
		if peak, ok := peakResidentBytes(); ok {
			return peak
		}
	}
	return residentBytes()
}

func memoryLimitError(limit int64) error {
	return &bindings.LimitError{What: "memory", Limit: fmt.Sprintf("%d MiB, --max-memory", limit>>20)}
}

type gcSentinel struct{ _ [16]byte }

func (w *memoryWatch) arm() {
	goruntime.SetFinalizer(&gcSentinel{}, func(*gcSentinel) {
		if w.stopped.Load() {
			return
		}
		// (no collection from a finalizer: see exceeded)
		if s := w.current.Load(); s != nil && w.stoppedRun.Load() != s && !underLimitSurely(w.limit) && w.used() > w.limit {
			w.stopRun(s)
		}
		w.arm()
	})
}

// Reading /proc costs tens of microseconds, as much as a small script's run (explore
// makes thousands), so the watch first asks the Go runtime, at no cost, how much
// memory it has taken from the system in all: the heap, the stacks, its own. The
// resident memory of the process cannot be more than that plus what is outside Go
// (the program's code, the system's pages), and that total never shrinks (Go keeps
// what it has mapped, and only returns pages, which do not count then). So while
// the total plus outsideGo is under the limit, the process has never been over it,
// and /proc need not be read. The race detector's memory is outside Go's count.

// outsideGo bounds the resident memory of the process that the Go runtime does not
// count: the program's code and data, and the system's pages, a few MiB.
const outsideGo = 64 << 20

// goMappedSample is the Go runtime's total of the memory it has mapped.
var goMappedSample = sync.Pool{New: func() any {
	return []metrics.Sample{{Name: "/memory/classes/total:bytes"}}
}}

// underLimitSurely says whether the process cannot have used more than limit bytes
// so far, from the Go runtime's count alone; false means it may have.
func underLimitSurely(limit int64) bool {
	if raceDetector {
		return false
	}
	sample := goMappedSample.Get().([]metrics.Sample)
	metrics.Read(sample)
	mapped := sample[0].Value.Uint64()
	goMappedSample.Put(sample)
	return mapped+outsideGo <= uint64(limit)
}

// systemKeepsPeak says whether the system keeps the peak resident memory of the
// process (see resetPeak); it asks once.
var systemKeepsPeak = sync.OnceValue(resetPeak)

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

// resetPeak makes the process's peak resident memory (VmHWM) its current one, so
// that peakResidentBytes measures from now on. It reports whether the system could.
func resetPeak() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// peakResidentBytes is the process's peak resident memory since the last resetPeak.
func peakResidentBytes() (int64, bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	_, rest, ok := strings.Cut(string(b), "VmHWM:")
	if !ok {
		return 0, false
	}
	kb, err := strconv.ParseInt(strings.Fields(rest)[0], 10, 64)
	return kb << 10, err == nil
}
