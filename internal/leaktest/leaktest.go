// Package leaktest is the TestMain of luasync's packages: it fails them if any
// goroutine outlives their tests.
package leaktest

import (
	"testing"

	"go.uber.org/goleak"

	"luasync/runtime"
)

// VerifyTestMain runs the tests, ends the idle task workers (which outlive a run on
// purpose, for the next one: runtime.StopIdleWorkers), then fails if any goroutine
// is left: a task that never ended, a watcher never stopped.
func VerifyTestMain(m *testing.M) {
	goleak.VerifyTestMain(workersStopped{m})
}

type workersStopped struct{ m *testing.M }

func (w workersStopped) Run() int {
	code := w.m.Run()
	runtime.StopIdleWorkers()
	return code
}
