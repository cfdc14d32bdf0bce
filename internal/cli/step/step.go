// Package step is luasync step: a person is the scheduler, choosing the task that
// runs at each decision.
package step

import (
	"fmt"

	"github.com/urfave/cli/v2"

	base "luasync/internal/cli"
	"luasync/internal/engine"
)

// Command is luasync step.
func Command(e *base.Env, status *int) *cli.Command {
	return &cli.Command{
		Name:      "step",
		Usage:     "be the scheduler: choose which task runs at each switch",
		ArgsUsage: "SCRIPT [ARGS...]",
		Description: `Runs SCRIPT on the virtual clock and stops at every scheduling decision (a
moment when more than one task is ready) to show the ready tasks, each with the
line it will run next, and what the others wait on. You choose:

   <enter>   the task marked *: first in line (what luasync does by itself),
             or the next choice of the schedule given with --schedule-file
   N         the task with id N
   c         continue without stopping (first in line from now on)
   w N       the Lua traceback of task N
   q         quit (the choices made before it are saved)

What the script prints appears in between. A failed assert or a deadlock is
reported with the whole path of choices. The choices are saved as a schedule file
(--save FILE, or a new file in the temporary folder); "luasync run --schedule-file
FILE SCRIPT" replays them exactly. The file names the script it was made for: a
replay for another script warns.`,
		Flags: append(engine.StepFlags.Declare(),
			&cli.StringFlag{Name: "save", Usage: "save the choices in `FILE` (default: a temporary file)"}),
		OnUsageError: base.UsageError,
		Action: func(c *cli.Context) error {
			if !c.Args().Present() {
				return cli.Exit("step: which script? (luasync step SCRIPT [ARGS...])", base.ExitUsage)
			}
			cfg, err := engine.StepFlags.Parse(c)
			if err != nil {
				return err
			}
			save := c.String("save")
			if save == "" {
				save = engine.NewScheduleFile(cfg.Script, "")
			}
			*status = stepThrough(e, cfg, save)
			return nil
		},
	}
}

// stepThrough runs cfg's script with the person choosing, and saves the choices
// made in the file save. It returns the exit status.
func stepThrough(e *base.Env, cfg engine.Config, save string) int {
	st := base.NewStepper(e.Stdin, e.Stderr, cfg.ScheduleStrategy())
	cfg.Stdin, cfg.Stdout, cfg.Stderr = e.Stdin, e.Stdout, e.Stderr
	cfg.Strategy, cfg.Record = st, true
	out := e.RunScript(cfg, func(r *engine.Run) { st.Attach(r.Scheduler(), r.Module()) })
	out.WriteReport(e.Stderr)
	choices := st.Made(out.Choices)
	saved := ""
	if save != "" {
		if err := engine.SaveSchedule(save, cfg.Script, choices); err != nil {
			fmt.Fprintf(e.Stderr, "luasync: cannot save the schedule: %v\n", err)
		} else {
			saved = save
		}
	}
	st.Finished(out.Status, choices, saved, cfg.Script)
	return out.Status
}
