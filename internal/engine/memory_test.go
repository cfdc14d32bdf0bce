package engine

import "testing"

// The memory watch trusts the Go runtime's count of the memory it has mapped only
// to rule the limit out: far under it, it need not read /proc; near it, it must.
func TestUnderLimitSurely(t *testing.T) {
	if underLimitSurely(1 << 20) {
		t.Error("a process is surely under 1 MiB")
	}
	if got := underLimitSurely(1 << 40); got == raceDetector {
		t.Errorf("under 1 TiB surely: %v, with the race detector: %v", got, raceDetector)
	}
}
