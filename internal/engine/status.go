package engine

// Exit statuses: what a run's Outcome reports, and what the command line returns
// (README.md, "Exit status").
const (
	ExitOK          = 0   // the script and every task finished
	ExitFailed      = 1   // a script error, or a failed check
	ExitUsage       = 2   // bad flags or arguments, a script that cannot be read
	ExitDeadlock    = 3   // tasks remain and none can ever wake
	ExitLimit       = 4   // a resource limit (memory, output size)
	ExitInternal    = 70  // a bug in luasync
	ExitTimeout     = 124 // --timeout passed
	ExitInterrupted = 130 // Ctrl-C
)
