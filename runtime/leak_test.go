package runtime_test

import (
	"testing"

	"luasync/internal/leaktest"
)

// TestMain fails the package's tests if any goroutine outlives them: every task
// must end when its run does, and its worker then waits, idle, or ends. It lives in
// the external test package, which may import internal/leaktest (itself an importer
// of runtime); it is the TestMain of the whole test binary.
func TestMain(m *testing.M) {
	leaktest.VerifyTestMain(m)
}
