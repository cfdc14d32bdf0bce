// Package run is luasync run: one script, its report, its exit status.
package run

import (
	"github.com/urfave/cli/v2"

	base "luasync/internal/cli"
	"luasync/internal/engine"
)

// Command is luasync run.
func Command(e *base.Env, status *int) *cli.Command {
	return &cli.Command{
		Name:      "run",
		Usage:     "run a Lua script",
		ArgsUsage: "SCRIPT [ARGS...]",
		Description: `Runs SCRIPT as the task "Task-1"; when it returns, the tasks still running
are cancelled (as asyncio.run does) and the program ends once they have finished. The script gets its arguments as arg[1..n] and as ... .
Output is the script's; reports (errors, deadlocks, Ctrl-C) go to stderr.

Ctrl-C cancels every task (each gets a Cancelled error, so its cleanup runs), lists
the tasks, and exits with status 130; a second Ctrl-C exits at once.`,
		Flags:        engine.RunFlags.Declare(),
		OnUsageError: base.UsageError,
		Action: func(c *cli.Context) error {
			if !c.Args().Present() {
				return cli.Exit("run: which script? (luasync run SCRIPT [ARGS...])", base.ExitUsage)
			}
			cfg, err := engine.RunFlags.Parse(c)
			if err != nil {
				return err
			}
			cfg.Stdin, cfg.Stdout, cfg.Stderr = e.Stdin, e.Stdout, e.Stderr
			out := e.RunScript(cfg, nil)
			out.WriteReport(e.Stderr)
			*status = out.Status
			return nil
		},
	}
}
