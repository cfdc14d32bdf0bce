package engine

import (
	"fmt"
	"os"
	goruntime "runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"

	"luasync/bindings"
	"luasync/runtime"
)

// DefaultMaxMemoryMB is --max-memory's default.
const DefaultMaxMemoryMB = 1024

// memoryWatch stops a run whose process uses more than its limit. It looks after
// every garbage collection (a finalizer on a throwaway object, re-armed each cycle),
// so it costs nothing while the script does not allocate, and it measures the
// resident set (what the process really uses), not the heap's reservations.
type memoryWatch struct {
	sched    *runtime.Scheduler
	limit    int64
	stopped  atomic.Bool
	oldLimit int64
}

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
	return func() {
		w.stopped.Store(true)
		debug.SetMemoryLimit(w.oldLimit)
	}
}

type gcSentinel struct{ _ [16]byte }

func (w *memoryWatch) arm() {
	goruntime.SetFinalizer(&gcSentinel{}, func(*gcSentinel) {
		if w.stopped.Load() {
			return
		}
		if used := residentBytes(); used > w.limit {
			w.sched.Abort(&bindings.LimitError{What: "memory", Limit: fmt.Sprintf("%d MiB, --max-memory", w.limit>>20)})
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
