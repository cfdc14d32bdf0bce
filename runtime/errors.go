package runtime

import (
	"errors"
	"fmt"
)

// Error is a condition a script may catch. Its Kind is one of the sentinels' kinds;
// compare with errors.Is(err, ErrCancelled) and so on.
type Error struct {
	Kind    string
	Message string
}

func (e *Error) Error() string {
	if e.Message == "" {
		return e.Kind
	}
	return e.Kind + ": " + e.Message
}

// Is makes errors.Is match any *Error of the same Kind.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Kind == e.Kind
}

// The conditions a script may catch.
var (
	ErrCancelled     = &Error{Kind: "Cancelled"} // no message, as asyncio's CancelledError()
	ErrTimeout       = &Error{Kind: "Timeout", Message: "timed out"}
	ErrQueueEmpty    = &Error{Kind: "QueueEmpty", Message: "the queue is empty"}
	ErrQueueFull     = &Error{Kind: "QueueFull", Message: "the queue is full"}
	ErrQueueClosed   = &Error{Kind: "QueueClosed", Message: "the queue is closed"}
	ErrQueueShutDown = &Error{Kind: "QueueShutDown", Message: "the queue is shut down"}
	ErrBrokenBarrier = &Error{Kind: "BrokenBarrier", Message: "the barrier is broken"}
)

// ErrKilled is what every blocking call returns while the scheduler tears the run
// down (after a deadlock, a timeout or os.exit): no script code should run any more.
var ErrKilled = errors.New("the run was stopped")

// The misuses of Join and Gather: a task cannot wait for its own end.
var (
	ErrJoinSelf   = errors.New("a task cannot join itself")
	ErrGatherSelf = errors.New("a task cannot gather itself")
)

// ErrInterrupted is returned by Run when Interrupt cancelled the tasks (Ctrl-C).
var ErrInterrupted = errors.New("interrupted")

func cancelled(msg string) *Error {
	if msg == "" {
		return ErrCancelled
	}
	return &Error{Kind: "Cancelled", Message: msg}
}

// PanicError is a task's Go panic, recovered at the task boundary so that the runtime
// stays alive. It is a bug, in luasync or in the Lua VM.
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string { return fmt.Sprintf("internal error: %v", e.Value) }

// ExceptionGroup is what a TaskGroup raises when children (or its body) failed:
// asyncio's BaseExceptionGroup("unhandled errors in a TaskGroup", errors). Errors
// are the children's, in the order they ended, then the body's. errors.Is matches it
// with ErrExceptionGroup.
type ExceptionGroup struct {
	Errors []error
}

// ErrExceptionGroup is the kind of every *ExceptionGroup, for errors.Is.
var ErrExceptionGroup = &Error{Kind: "ExceptionGroup", Message: "unhandled errors"}

// Message is Python's str() of the group: "unhandled errors in a TaskGroup (2
// sub-exceptions)".
func (e *ExceptionGroup) Message() string {
	plural := "s"
	if len(e.Errors) == 1 {
		plural = ""
	}
	return fmt.Sprintf("unhandled errors in a TaskGroup (%d sub-exception%s)", len(e.Errors), plural)
}

func (e *ExceptionGroup) Error() string { return ErrExceptionGroup.Kind + ": " + e.Message() }

// Is makes errors.Is(err, ErrExceptionGroup) true.
func (e *ExceptionGroup) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Kind == ErrExceptionGroup.Kind
}
