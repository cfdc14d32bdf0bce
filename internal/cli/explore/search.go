package explore

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	base "luasync/internal/cli"
	"luasync/internal/engine"
	"luasync/runtime"
)

// maxDecisions bounds the decisions of one run that a walk of the tree branches
// at: past it a run takes asyncio's order, so that a task spinning on sleep(0)
// cannot make the tree endless. A search whose runs go past it says so, and claims
// no proof.
const maxDecisions = 1000

// exploreTree walks the tree of schedules of cfg's script, depth first
// (--exhaustive) or fewest deviations first (--deviations, --verify), and prints
// its verdict, naming the guarantee it has; it returns the exit status.
func exploreTree(e *base.Env, cfg exploreConfig, want string, ctrlC *interruptible, stopListening func()) int {
	order, bound := runtime.DepthFirst, -1
	if cfg.search == searchDeviations {
		order, bound = runtime.FewestDeviations, cfg.deviations
	}
	search := runtime.NewSearch(order, cfg.maxRuns, bound, maxDecisions)
	cfg.run.Schedule = "fifo" // the strategy of each run is its path in the tree
	bar := newProgress(e.Stderr, cfg.maxRuns, "exploring "+cfg.run.Script)
	outcomes := outcomeTally{}
	level := 0 // the deviations of the last run
	for !ctrlC.interrupted.Load() {
		path, ok := search.Next()
		if !ok {
			break
		}
		run := cfg.run
		run.Strategy = path
		out := exploreRun(run, ctrlC)
		if ctrlC.interrupted.Load() {
			break // Ctrl-C: the run did not end by itself
		}
		search.Done(path)
		if path.Deviations() != level && cfg.search == searchDeviations {
			level = path.Deviations()
			bar.describe(fmt.Sprintf("exploring %s, %d %s", cfg.run.Script, level, base.Plural(level, "deviation", "deviations")))
		}
		printed := out.stdout
		if run.Observe.Timestamps {
			printed = engine.WithoutTimestamps(printed)
		}
		failed := cfg.failed(out.Status, printed, want)
		if failed && !cfg.outcomes {
			bar.clear()
			stopListening() // the replay listens for itself
			w := e.Stdout
			if cfg.json {
				w = io.Discard
			}
			v := engine.Verdict{Path: cfg.run.Script, Schedules: search.Runs(), Deviations: -1,
				Counterexample: reportTreeFailure(e, w, cfg, search.Runs(), run, path, out, printed, want)}
			v.Verdict = "fails " + describeDeviations(path.Decisions)
			if cfg.search == searchDeviations {
				// every schedule with fewer deviations passed
				v.Guarantee, v.Deviations = engine.GuaranteeDeviations, path.Deviations()-1
			}
			if cfg.json {
				writeJSON(e.Stdout, v)
			}
			return base.ExitFailed
		}
		outcomes.add(out.Status, printed, failed, search.Runs(), path, 0)
		bar.add()
	}
	bar.clear()
	runs := outcomes.runs
	if ctrlC.interrupted.Load() {
		fmt.Fprintf(e.Stdout, "interrupted: %d %s run (%s); %s\n", runs, base.Plural(runs, "schedule", "schedules"), cfg.describe(), outcomes.count())
		return base.ExitInterrupted
	}
	g := treeGuarantee(cfg, search, runs)
	switch {
	case cfg.outcomes:
		return outcomes.report(e.Stdout, cfg, g)
	case cfg.json:
		writeJSON(e.Stdout, engine.Verdict{Path: cfg.run.Script, Pass: true, Verdict: g.verdict, Guarantee: g.kind,
			Deviations: g.deviations, Schedules: runs, Notes: g.notes})
		return base.ExitOK
	}
	fmt.Fprintf(e.Stdout, "%s; %s\n", g.verdict, outcomes.count())
	if len(outcomes.order) > 1 {
		fmt.Fprintln(e.Stdout, "(--outcomes lists them, with a schedule for each)")
	}
	for _, note := range g.notes {
		fmt.Fprintln(e.Stdout, note)
	}
	return base.ExitOK
}

// writeJSON writes v as one line of JSON.
func writeJSON(w io.Writer, v engine.Verdict) {
	b, _ := json.Marshal(v) // a Verdict has nothing json cannot encode
	fmt.Fprintf(w, "%s\n", b)
}

// failed says whether a run that ended with status, having printed printed, fails.
func (cfg exploreConfig) failed(status int, printed, want string) bool {
	return status != cfg.expectExit || (cfg.expectPath != "" && printed != want)
}

// guarantee is what a search that found no failure can say: its verdict, which
// names the guarantee; what --outcomes says of its list; and why it is no more.
type guarantee struct {
	verdict    string // "verified: all 12 schedules", ...
	kind       string // engine.GuaranteeAll, ...
	deviations int    // with engine.GuaranteeDeviations: every schedule within it was run
	outcomes   string // "over all 12 schedules: the list is complete", ...
	notes      []string
}

// treeGuarantee is what a walk of the tree that made runs runs can say.
func treeGuarantee(cfg exploreConfig, search *runtime.Search, runs int) guarantee {
	g := guarantee{kind: engine.GuaranteeSample, deviations: -1}
	schedules := fmt.Sprintf("%d %s", runs, base.Plural(runs, "schedule", "schedules"))
	deviations := func(d int) string { return fmt.Sprintf("%d %s", d, base.Plural(d, "deviation", "deviations")) }
	covered := -1
	if cfg.search == searchDeviations {
		covered = search.CoveredDeviations()
	}
	switch {
	case search.Covered():
		g.kind = engine.GuaranteeAll
		g.verdict = fmt.Sprintf("verified: all %s pass", schedules)
		if runs == 1 {
			g.verdict = "verified: the only schedule passes (no two tasks are ever ready together)"
		}
		g.outcomes = fmt.Sprintf("over all %s: the list is complete", schedules)
	case covered >= 0 && (cfg.deviations < 0 || covered < cfg.deviations):
		// Fewest first, stopped by --max-runs: every schedule within covered passed.
		g.kind, g.deviations = engine.GuaranteeDeviations, covered
		g.verdict = fmt.Sprintf("no failure within %s (%s; --max-runs %d stopped the search among those with %d)",
			deviations(covered), schedules, cfg.maxRuns, covered+1)
		g.outcomes = fmt.Sprintf("over the %s, all those within %s (--max-runs stopped the search: there may be more)", schedules, deviations(covered))
	case covered >= 0:
		g.kind, g.deviations = engine.GuaranteeDeviations, cfg.deviations
		g.verdict = fmt.Sprintf("no failure within %s (%s)", deviations(cfg.deviations), schedules)
		g.outcomes = fmt.Sprintf("over the %s within %s: schedules with more may end otherwise", schedules, deviations(cfg.deviations))
	default:
		g.verdict = fmt.Sprintf("no failure in %s, depth first (not a proof: not every schedule was run)", schedules)
		if cfg.search == searchDeviations {
			g.verdict = fmt.Sprintf("no failure in %s, fewest deviations first (not a proof: not every schedule was run)", schedules)
		}
		g.outcomes = fmt.Sprintf("over %s (not every schedule was run: there may be more)", schedules)
		if search.Runs() >= cfg.maxRuns && cfg.search == searchExhaustive {
			g.notes = append(g.notes, fmt.Sprintf("the search stopped at --max-runs %d; --verify tries the schedules nearest asyncio's order first, and says within how many deviations none fails", cfg.maxRuns))
		}
	}
	if search.Cut() {
		g.notes = append(g.notes, fmt.Sprintf("some runs made more than %d decisions: past that, they took asyncio's order, and the schedules that depart there were not tried", maxDecisions))
	}
	if search.Diverged() {
		g.notes = append(g.notes, "a run did not repeat the decisions of the run it branched from: the script depends on more than its schedule (the real clock, os.time?), so schedules may have been missed")
	}
	return g
}

// reportTreeFailure shows on w the failing run i of a walk of the tree, which path
// steered: its deviations from asyncio's order (the fewest any failing schedule has,
// when the search goes fewest first), its output and report, and the schedule file
// and command that replay it; it returns the same as a Counterexample. The replay
// runs here too, from the schedule as the command reads it.
func reportTreeFailure(e *base.Env, w io.Writer, cfg exploreConfig, i int, run engine.Config, path *runtime.Path, out runOutcome, printed, want string) *engine.Counterexample {
	choices := path.Names()
	var replayOut, replayErr bytes.Buffer
	replayCfg := run
	replayCfg.Strategy = runtime.NewReplay(choices)
	replayCfg.Stdout, replayCfg.Stderr = &replayOut, &replayErr
	replayCfg.Reuse = nil // a state of its own, as luasync run makes it
	shown := maxShownLines
	if onTerminal(w) && replayCfg.Observe.Timeline == "" {
		// a person reads this: the replay's report ends with its timeline
		replayCfg.Observe.Timeline, shown = "-", 2*maxShownLines
	}
	replay := e.RunScript(replayCfg, nil)
	replay.WriteReport(&replayErr)
	saved := engine.NewScheduleFile(run.Script, fmt.Sprintf("%d-deviations", path.Deviations()))
	if saved != "" {
		if err := engine.SaveSchedule(saved, run.Script, choices); err != nil {
			fmt.Fprintf(&replayErr, "luasync: cannot save the schedule: %v\n", err)
			saved = ""
		}
	}
	c := &engine.Counterexample{Deviations: path.Deviations(), Minimal: cfg.search == searchDeviations, Schedule: choices, At: []engine.Deviation{},
		ScheduleFile: saved, Output: out.stdout, ExitStatus: out.Status, Report: out.Report}
	for j, d := range path.Decisions {
		if d.Deviation() {
			c.At = append(c.At, engine.Deviation{Decision: j + 1, Ran: d.Name, Instead: d.Default})
		}
	}

	fmt.Fprintf(w, "schedule %d failed, %s\n", i, describeDeviations(path.Decisions))
	if c.Minimal {
		fmt.Fprintln(w, "(no schedule with fewer deviations fails: they were all tried first)")
	}
	showRun(w, cfg, fmt.Sprintf("schedule %d", i), out, printed, want, replay, replayOut.String(), replayErr.String(), shown)
	if saved != "" {
		c.Replay = treeReplayCommand(run, saved, out.Status == base.ExitTimeout)
		fmt.Fprintf(w, "its choices are saved in %s; replay it with:\n    %s\nor step through it with:\n    %s\n", saved, c.Replay,
			base.ShellCommand(append([]string{"luasync", "step", "--schedule-file", saved, run.Script}, run.Args...)))
	}
	if replay.Status != out.Status || replayOut.String() != out.stdout {
		fmt.Fprintf(e.Stderr, "luasync: internal error: the replay of schedule %d ended otherwise (exit status %d, %d bytes of output, not %d and %d bytes)\n"+
			"This is a bug in luasync: please report it, with the script.\n", i, replay.Status, replayOut.Len(), out.Status, len(out.stdout))
	}
	return c
}

// describeDeviations says where a run departed from asyncio's order: "with 2
// deviations from asyncio's order: at decision 7 run Task-3 instead of Task-2, at
// decision 9 run Task-2 instead of Task-4".
func describeDeviations(decisions []runtime.Decision) string {
	var at []string
	for i, d := range decisions {
		if d.Deviation() {
			at = append(at, fmt.Sprintf("at decision %d run %s instead of %s", i+1, d.Name, d.Default))
		}
	}
	if len(at) == 0 {
		return "in asyncio's own order (0 deviations: luasync run fails the same way)"
	}
	return fmt.Sprintf("with %d %s from asyncio's order: %s", len(at), base.Plural(len(at), "deviation", "deviations"), strings.Join(at, ", "))
}

// treeReplayCommand is the luasync run command that replays the schedule saved in
// file of a run of explore.
func treeReplayCommand(run engine.Config, file string, timedOut bool) string {
	run.Schedule, run.ScheduleFile = "fifo", file
	return replayCommand(run, "", timedOut)
}

// outcomeTally counts the distinct outcomes (exit status and output) of the runs
// of a search, each with the simplest schedule that gives it.
type outcomeTally struct {
	runs  int
	seen  map[outcomeKey]*outcome
	order []*outcome
}

type outcomeKey struct {
	status int
	output string
}

// outcome is one distinct way a run ended.
type outcome struct {
	outcomeKey
	failed bool
	runs   int
	// the schedule with the fewest deviations that gives it: its run and choices,
	// or, for a random schedule, its seed
	first      int
	deviations int
	choices    []string
	seed       uint64
}

// add counts a run: run i of the search, which path steered (nil: a random
// schedule of seed seed).
func (t *outcomeTally) add(status int, printed string, failed bool, i int, path *runtime.Path, seed uint64) {
	if t.seen == nil {
		t.seen = map[outcomeKey]*outcome{}
	}
	key := outcomeKey{status, printed}
	o := t.seen[key]
	if o == nil {
		o = &outcome{outcomeKey: key, failed: failed, first: i, seed: seed, deviations: -1}
		t.seen[key] = o
		t.order = append(t.order, o)
	}
	if path != nil && (o.deviations < 0 || path.Deviations() < o.deviations) {
		o.first, o.deviations, o.choices = i, path.Deviations(), path.Names()
	}
	o.runs++
	t.runs++
}

func (t *outcomeTally) count() string {
	if len(t.order) == 1 {
		return "1 distinct output"
	}
	return fmt.Sprintf("%d distinct outputs", len(t.order))
}

// maxShownOutcomes bounds the outcomes --outcomes lists.
const maxShownOutcomes = 20

// report lists the outcomes, most frequent first, each with a schedule file that
// replays it, under what the search guarantees of the list; it returns explore's
// exit status: 1 if an outcome fails.
func (t *outcomeTally) report(w io.Writer, cfg exploreConfig, g guarantee) int {
	sorted := append([]*outcome(nil), t.order...)
	sortOutcomes(sorted)
	failed := 0
	for _, o := range sorted {
		if o.failed {
			failed++
		}
	}
	fmt.Fprintf(w, "the script can end in %d %s, %s\n", len(sorted), base.Plural(len(sorted), "way", "ways"), g.outcomes)
	for i, o := range sorted[:min(len(sorted), maxShownOutcomes)] {
		verdict := "passes"
		if o.failed {
			verdict = "FAILS"
		}
		fmt.Fprintf(w, "%d. %s: %d %s, exit status %d", i+1, verdict, o.runs, base.Plural(o.runs, "schedule", "schedules"), o.status)
		if o.deviations >= 0 {
			fmt.Fprintf(w, ", the first with %d %s", o.deviations, base.Plural(o.deviations, "deviation", "deviations"))
		}
		fmt.Fprintln(w, ":")
		if o.output == "" {
			fmt.Fprintln(w, "    (no output)")
		} else {
			fmt.Fprintln(w, base.Indent(base.FirstLines(o.output, 10)))
		}
		switch file := o.save(cfg); {
		case file != "":
			fmt.Fprintf(w, "   replay: %s\n", treeReplayCommand(cfg.run, file, o.status == base.ExitTimeout))
		case o.choices == nil:
			fmt.Fprintf(w, "   replay: %s\n", replayCommand(cfg.run, fmt.Sprint(o.seed), o.status == base.ExitTimeout))
		}
	}
	if len(sorted) > maxShownOutcomes {
		fmt.Fprintf(w, "and %d more\n", len(sorted)-maxShownOutcomes)
	}
	for _, note := range g.notes {
		fmt.Fprintln(w, note)
	}
	if failed > 0 {
		return base.ExitFailed
	}
	return base.ExitOK
}

// save writes the outcome's schedule in a new file and returns its name, or "".
func (o *outcome) save(cfg exploreConfig) string {
	if o.choices == nil {
		return ""
	}
	file := engine.NewScheduleFile(cfg.run.Script, fmt.Sprintf("outcome-%d", o.first))
	if file == "" || engine.SaveSchedule(file, cfg.run.Script, o.choices) != nil {
		return ""
	}
	return file
}

// sortOutcomes puts the passing outcomes first, then the most frequent, then the
// first found.
func sortOutcomes(outcomes []*outcome) {
	slices.SortStableFunc(outcomes, func(a, b *outcome) int {
		if a.failed != b.failed {
			if a.failed {
				return 1
			}
			return -1
		}
		return b.runs - a.runs
	})
}
