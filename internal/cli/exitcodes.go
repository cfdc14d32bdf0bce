package cli

import "luasync/internal/engine"

// The exit statuses of the command line: a run's (engine's), and these.
const (
	ExitOK          = engine.ExitOK
	ExitFailed      = engine.ExitFailed
	ExitUsage       = engine.ExitUsage
	ExitInternal    = engine.ExitInternal
	ExitTimeout     = engine.ExitTimeout
	ExitInterrupted = engine.ExitInterrupted
)
