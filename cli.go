package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
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

Examples (from the folder of README.md):
   luasync scripts/tutorial/lock.lua                         run a script (also: luasync run ...)
   luasync run --clock virtual scripts/tutorial/queue.lua 6  sleep without waiting; pass 6 to the script
   luasync                                                   a REPL to experiment in (luasync repl)
   luasync check scripts/exercises/01-lost-update            check your work on an exercise (it fails until solved)
   luasync help run                                          the flags of a command
   luasync version

Exit status: 0 ok, 1 script error, 2 usage error, 3 deadlock, 4 resource limit,
70 internal error (a bug in luasync), 124 timeout, 130 interrupted (Ctrl-C).`,
		Writer:          e.stdout,
		ErrWriter:       e.stderr,
		HideHelpCommand: true,                         // helpCommand is ours: urfave/cli's would add one to every command
		Flags:           []cli.Flag{cli.HelpFlag},     // which urfave/cli adds only without a help command
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
			helpCommand(),
		},
	}
}

// helpCommand is `luasync help` and `luasync help COMMAND`, as go help and git help
// are: the same as --help.
func helpCommand() *cli.Command {
	return &cli.Command{
		Name:      "help",
		Usage:     "show this help, or a command's (luasync help run)",
		ArgsUsage: "[COMMAND]",
		Action: func(c *cli.Context) error {
			switch name := c.Args().First(); {
			case c.Args().Len() > 1:
				return cli.Exit("help: one command at a time (luasync help COMMAND)", exitUsage)
			case name == "":
				return cli.ShowAppHelp(c)
			case c.App.Command(name) == nil:
				return cli.Exit(fmt.Sprintf("help: unknown command %q\nRun 'luasync help' for the commands.", name), exitUsage)
			default:
				return cli.ShowCommandHelp(c.Lineage()[1], name) // from the app's context, which has the commands
			}
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
	return cli.Exit(fmt.Sprintf("%v\nRun '%s --help' for usage.", explainFlagError(c, err), c.Command.HelpName), exitUsage)
}

// badValue is how the flag package reports a value it cannot parse.
var badValue = regexp.MustCompile(`^invalid value "(.*)" for flag -([a-z-]+): parse error$`)

// explainFlagError says what is wrong with a duration given without its unit (or
// otherwise malformed); the flag package says only "parse error".
func explainFlagError(c *cli.Context, err error) error {
	m := badValue.FindStringSubmatch(err.Error())
	if m == nil || !isDurationFlag(c.Command.Flags, m[2]) {
		return err
	}
	if _, numErr := strconv.ParseFloat(m[1], 64); numErr == nil {
		return fmt.Errorf("--%s %s: a duration needs a unit, such as %ss or 2m", m[2], m[1], m[1])
	}
	return fmt.Errorf("--%s %s: not a duration; write one as 5s, 2m or 1m30s", m[2], m[1])
}

func isDurationFlag(flags []cli.Flag, name string) bool {
	for _, f := range flags {
		if _, ok := f.(*cli.DurationFlag); ok && slices.Contains(f.Names(), name) {
			return true
		}
	}
	return false
}

// checkFlagValues refuses, before anything runs, flag values that parse but make no
// sense: a negative --timeout, --max-tasks or --max-memory, and a --trace or
// --timeline file that cannot be written (which would otherwise be found out only
// once the run is over). A command checks the flags it has.
func checkFlagValues(c *cli.Context) error {
	if d := c.Duration("timeout"); d < 0 {
		return cli.Exit(fmt.Sprintf("--timeout must be positive (or 0: no limit), not %v", d), exitUsage)
	}
	for _, name := range []string{"max-tasks", "max-memory"} {
		if n := c.Int(name); n < 0 {
			return cli.Exit(fmt.Sprintf("--%s must be 0 (no limit) or more, not %d", name, n), exitUsage)
		}
	}
	return checkOutputFiles(c)
}
