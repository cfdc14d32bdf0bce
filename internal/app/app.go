// Package app is luasync's command line assembled: the commands of internal/cli's
// packages, each on its own, in one app.
package app

import (
	"io"

	"luasync/internal/cli"
	"luasync/internal/cli/check"
	"luasync/internal/cli/explore"
	"luasync/internal/cli/playground"
	"luasync/internal/cli/repl"
	"luasync/internal/cli/run"
	"luasync/internal/cli/step"
)

// Commands are luasync's, in the order of the help.
var Commands = []cli.Command{run.Command, check.Command, explore.Command, repl.Command, step.Command, playground.Command}

// Main is the whole command line: it returns the exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return cli.Main(args, stdin, stdout, stderr, Commands)
}

// Run is the whole command line in the environment e (tests bring their own).
func Run(args []string, e *cli.Env) int {
	return cli.Run(args, e, Commands)
}
