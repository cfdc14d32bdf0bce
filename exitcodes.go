package main

// Exit statuses (DESIGN.md, "Command line").
const (
	exitOK          = 0   // the script and every task finished
	exitFailed      = 1   // a script error, or a failed check
	exitUsage       = 2   // bad flags or arguments, a script that cannot be read
	exitDeadlock    = 3   // tasks remain and none can ever wake
	exitLimit       = 4   // a resource limit (memory, output size)
	exitInternal    = 70  // a bug in luasync
	exitTimeout     = 124 // --timeout passed
	exitInterrupted = 130 // Ctrl-C
)
