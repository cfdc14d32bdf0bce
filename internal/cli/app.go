package cli

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

// Version is luasync's.
const Version = "0.1.0"

// A Command is one of luasync's commands, made for an environment: its Action
// sets *status, the exit status of the command line.
type Command func(e *Env, status *int) *cli.Command

// Main is the whole command line with the given commands: it returns the exit
// status. With $LUASYNC_CPUPROFILE set, it writes a CPU profile there.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer, commands []Command) int {
	return profiled(stderr, func() int {
		return Run(args, &Env{Stdin: stdin, Stdout: stdout, Stderr: stderr, ExitNow: os.Exit}, commands)
	})
}

// Run is the whole command line in the environment e.
func Run(args []string, e *Env, commands []Command) int {
	status := ExitOK
	app := newApp(e, &status, commands)
	if err := app.Run(withImplicitRun(app, args)); err != nil {
		var coder cli.ExitCoder
		if errors.As(err, &coder) {
			if msg := err.Error(); msg != "" {
				fmt.Fprintln(e.Stderr, "luasync: "+msg)
			}
			return coder.ExitCode()
		}
		fmt.Fprintf(e.Stderr, "luasync: %v\nRun 'luasync --help' for usage.\n", err)
		return ExitUsage
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

func newApp(e *Env, status *int, commands []Command) *cli.App {
	app := &cli.App{
		Name:    "luasync",
		Usage:   "run Lua scripts with asyncio-style tasks, locks and queues",
		Version: Version,
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
		Writer:          e.Stdout,
		ErrWriter:       e.Stderr,
		HideHelpCommand: true,                         // helpCommand is ours: urfave/cli's would add one to every command
		Flags:           []cli.Flag{cli.HelpFlag},     // which urfave/cli adds only without a help command
		ExitErrHandler:  func(*cli.Context, error) {}, // Run reports errors; never os.Exit here
		OnUsageError:    UsageError,
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return cli.Exit(fmt.Sprintf("unknown command %q\nRun 'luasync --help' for usage.", c.Args().First()), ExitUsage)
			}
			return cli.ShowAppHelp(c)
		},
	}
	for _, c := range commands {
		app.Commands = append(app.Commands, c(e, status))
	}
	app.Commands = append(app.Commands, versionCommand(e), helpCommand())
	return app
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
				return cli.Exit("help: one command at a time (luasync help COMMAND)", ExitUsage)
			case name == "":
				return cli.ShowAppHelp(c)
			case c.App.Command(name) == nil:
				return cli.Exit(fmt.Sprintf("help: unknown command %q\nRun 'luasync help' for the commands.", name), ExitUsage)
			default:
				return cli.ShowCommandHelp(c.Lineage()[1], name) // from the app's context, which has the commands
			}
		},
	}
}

func versionCommand(e *Env) *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print luasync's version",
		Action: func(*cli.Context) error {
			fmt.Fprintf(e.Stdout, "luasync %s (Lua 5.1 by gopher-lua v1.1.2)\n", Version)
			return nil
		},
	}
}

// UsageError reports a bad flag in one line, not with the whole help.
func UsageError(c *cli.Context, err error, _ bool) error {
	return cli.Exit(fmt.Sprintf("%v\nRun '%s --help' for usage.", explainFlagError(c, err), c.Command.HelpName), ExitUsage)
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
