package main

import (
	"io"
	"os"

	"luasync/internal/app"
	"luasync/internal/cli"
	"luasync/internal/cli/check"
	"luasync/internal/clitest"
	"luasync/internal/engine"
)

// The command line as this package's end-to-end tests run it: in process, with an
// environment of their own.

// env is what a test gives the command line of the process (a cli.Env).
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	exitNow        func(code int)
	interrupts     <-chan os.Signal
	selfPath       string
	childEnv       []string
}

// runWith is the whole command line, luasync args[1:], in e.
func runWith(args []string, e *env) int {
	return app.Run(args, &cli.Env{
		Stdin: e.stdin, Stdout: e.stdout, Stderr: e.stderr, ExitNow: e.exitNow,
		Interrupts: e.interrupts, SelfPath: e.selfPath, ChildEnv: e.childEnv,
	})
}

// run is what main runs.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return app.Main(args, stdin, stdout, stderr)
}

const (
	exitOK          = engine.ExitOK
	exitFailed      = engine.ExitFailed
	exitUsage       = engine.ExitUsage
	exitDeadlock    = engine.ExitDeadlock
	exitLimit       = engine.ExitLimit
	exitTimeout     = engine.ExitTimeout
	exitInterrupted = engine.ExitInterrupted
)

const (
	version       = cli.Version
	cpuProfileEnv = cli.CPUProfileEnv
)

var (
	unifiedDiff = cli.UnifiedDiff
	plural      = cli.Plural
)

var (
	expectedFile     = check.ExpectedFile
	scriptDirectives = check.Directives
	newExpectedFile  = check.NewExpectedFile
)

// ctrlCAt returns the interrupts of an env that presses Ctrl-C times times once out
// has seen its line.
func ctrlCAt(out *clitest.LineSignal, times int) chan os.Signal {
	interrupts := make(chan os.Signal, times)
	go func() {
		<-out.Ready
		for range times {
			interrupts <- os.Interrupt
		}
	}()
	return interrupts
}
