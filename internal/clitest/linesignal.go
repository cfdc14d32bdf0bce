package clitest

import (
	"bufio"
	"bytes"
	"sync"
)

// LineSignal is a writer that closes Ready once a line equal to its marker is
// written: a test waits on it to send an interrupt at the moment a script says it
// is ready, instead of sleeping.
type LineSignal struct {
	Ready  chan struct{}
	mu     sync.Mutex
	buf    bytes.Buffer
	marker string
	once   sync.Once
}

// NewLineSignal is a LineSignal waiting for the line marker.
func NewLineSignal(marker string) *LineSignal {
	return &LineSignal{Ready: make(chan struct{}), marker: marker}
}

func (w *LineSignal) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	sc := bufio.NewScanner(bytes.NewReader(w.buf.Bytes()))
	for sc.Scan() {
		if sc.Text() == w.marker {
			w.once.Do(func() { close(w.Ready) })
		}
	}
	return len(p), nil
}

// String is everything written so far.
func (w *LineSignal) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}
