package engine

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// Caps on the report of a finished run's failed tasks: a task's error may carry
// megabytes, and thousands of tasks may fail.
const (
	maxReportMessage = 16 << 10 // one error message or traceback
	maxReport        = 1 << 20  // the reports of all the failed tasks together
)

// reportWriter is the writer the failed tasks are reported to: it cuts each write
// (one message, one traceback) at maxReportMessage bytes, saying how much it left
// out, and drops the writes that would take the report past maxReport.
type reportWriter struct {
	w       io.Writer
	written int
	dropped int // bytes of the writes dropped
}

func newReportWriter(w io.Writer) *reportWriter { return &reportWriter{w: w} }

func (r *reportWriter) Write(p []byte) (int, error) {
	n := len(p)
	if n > maxReportMessage {
		cut := maxReportMessage
		for cut > 0 && !utf8.RuneStart(p[cut]) {
			cut--
		}
		end := ""
		if p[n-1] == '\n' {
			end = "\n"
		}
		p = fmt.Appendf(p[:cut:cut], "... (%d bytes more)%s", n-cut-len(end), end)
	}
	return n, r.emit(p, n)
}

// emit writes p, already cut, unless the report is full (n: the bytes p stands for).
func (r *reportWriter) emit(p []byte, n int) error {
	if r.dropped > 0 || r.written+len(p) > maxReport {
		r.dropped += n
		return nil
	}
	r.written += len(p)
	_, err := r.w.Write(p)
	return err
}

// line writes prefix and text as one line, text cut first at maxReportMessage bytes:
// a message of megabytes is not copied whole to be cut afterwards.
func (r *reportWriter) line(prefix, text string) {
	n := len(prefix) + len(text) + 1
	if len(text) > maxReportMessage {
		cut := maxReportMessage
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = fmt.Sprintf("%s... (%d bytes more)", text[:cut], len(text)-cut)
	}
	r.emit([]byte(prefix+text+"\n"), n)
}

// finish says how much of the report was left out, if any was.
func (r *reportWriter) finish() {
	if r.dropped > 0 {
		fmt.Fprintf(r.w, "\nluasync: ... (%d bytes more of the failed tasks' report; it stops at %d KiB)\n", r.dropped, maxReport>>10)
	}
}
