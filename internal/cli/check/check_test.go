package check

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// exec copies a child's output with io.Copy, which would go around a Write cap
// through a ReadFrom: cappedBuffer keeps its limit whatever copies into it.
func TestCappedBufferThroughCopy(t *testing.T) {
	b := cappedBuffer{limit: 1000}
	if _, err := io.Copy(&b, strings.NewReader(strings.Repeat("x", 1<<20))); err != nil {
		t.Fatal(err)
	}
	b.Write([]byte("more"))
	if b.buf.Len() != 1000 || b.dropped != 1<<20-1000+4 {
		t.Errorf("kept %d bytes, dropped %d", b.buf.Len(), b.dropped)
	}
	if !strings.HasSuffix(b.String(), fmt.Sprintf("\n... (%d more bytes)\n", 1<<20-1000+4)) {
		t.Errorf("String() ends %q", b.String()[990:])
	}
}

// The CPU-time limit is a second past the wall-clock kill, soft and hard alike.
func TestCheckCPULimit(t *testing.T) {
	if l := cpuLimit(time.Minute + 10*time.Second); l.Cur != 71 || l.Max != 71 {
		t.Errorf("cpuLimit = %+v, want 71 s soft and hard", l)
	}
}
