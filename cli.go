package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"
)

const version = "0.1.0"

// env is what a command may touch of the process: tests run the whole CLI in process
// with their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// exitNow ends the process at once (a second Ctrl-C); tests replace it.
	exitNow func(code int)
	// interrupts delivers Ctrl-C; nil means the process's SIGINT.
	interrupts <-chan os.Signal
	// selfPath and childEnv say how to run luasync as a child process (check does);
	// empty means this executable. Tests run the test binary with an env var.
	selfPath string
	childEnv []string
}

// run is the whole command line: it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return profiled(stderr, func() int {
		return runWith(args, &env{stdin: stdin, stdout: stdout, stderr: stderr, exitNow: os.Exit})
	})
}

func runWith(args []string, e *env) int {
	status := exitOK
	app := newApp(e, &status)
	if err := app.Run(withImplicitRun(app, args)); err != nil {
		var coder cli.ExitCoder
		if errors.As(err, &coder) {
			if msg := err.Error(); msg != "" {
				fmt.Fprintln(e.stderr, "luasync: "+msg)
			}
			return coder.ExitCode()
		}
		fmt.Fprintf(e.stderr, "luasync: %v\nRun 'luasync --help' for usage.\n", err)
		return exitUsage
	}
	return status
}

// withImplicitRun turns `luasync x.lua ...` (and `luasync --seed 3 x.lua`) into
// `luasync run x.lua ...`, and a bare `luasync` into `luasync repl`: urfave/cli's
// DefaultCommand does not route arguments.
func withImplicitRun(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return append(args, "repl") // bare luasync: the REPL
	}
	first := args[1]
	switch {
	case app.Command(first) != nil:
		return args
	case first == "-h" || first == "--help" || first == "-v" || first == "--version":
		return args
	case strings.HasSuffix(first, ".lua") || strings.HasPrefix(first, "-"):
		return append([]string{args[0], "run"}, args[1:]...)
	}
	return args
}

func newApp(e *env, status *int) *cli.App {
	return &cli.App{
		Name:    "luasync",
		Usage:   "run Lua scripts with asyncio-style tasks, locks and queues",
		Version: version,
		Description: `luasync runs Lua 5.1 scripts in which tasks take turns, as coroutines do in
Python's asyncio: spawn(fn) starts a task, sleep(s) lets the others run, Lock() and
Queue() coordinate them. Exactly one task runs at a time and the order is fixed by
the rules in README.md, so a program prints the same thing every time.

Examples:
   luasync scripts/tutorial/lock.lua          run a script (same as: luasync run ...)
   luasync run --clock virtual queue.lua 6    sleep without waiting; pass 6 to the script
   luasync                                    a REPL to experiment in (luasync repl)
   luasync check scripts/exercises/01-counter check an exercise against its expected output
   luasync version

Exit status: 0 ok, 1 script error, 2 usage error, 3 deadlock, 4 resource limit,
70 internal error (a bug in luasync), 124 timeout, 130 interrupted (Ctrl-C).`,
		Writer:          e.stdout,
		ErrWriter:       e.stderr,
		HideHelpCommand: true,
		ExitErrHandler:  func(*cli.Context, error) {}, // runWith reports errors; never os.Exit here
		OnUsageError:    usageError,
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return cli.Exit(fmt.Sprintf("unknown command %q\nRun 'luasync --help' for usage.", c.Args().First()), exitUsage)
			}
			return cli.ShowAppHelp(c)
		},
		Commands: []*cli.Command{
			runCommand(e, status),
			checkCommand(e, status),
			exploreCommand(e, status),
			replCommand(e, status),
			stepCommand(e, status),
			versionCommand(e),
		},
	}
}

func versionCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print luasync's version",
		Action: func(*cli.Context) error {
			fmt.Fprintf(e.stdout, "luasync %s (Lua 5.1 by gopher-lua v1.1.2)\n", version)
			return nil
		},
	}
}

// usageError reports a bad flag in one line, not with the whole help.
func usageError(c *cli.Context, err error, _ bool) error {
	return cli.Exit(fmt.Sprintf("%v\nRun '%s --help' for usage.", err, c.Command.HelpName), exitUsage)
}
