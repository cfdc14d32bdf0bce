// Package check is luasync check: run scripts, each in a child process, and
// compare what they print with what they should.
package check

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	goruntime "runtime"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"
	"golang.org/x/sys/unix"

	base "luasync/internal/cli"
	"luasync/internal/engine"
)

// Command is luasync check.
func Command(e *base.Env, status *int) *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "run scripts and compare what they print with their expected output",
		ArgsUsage: "PATH...",
		Description: `Each PATH is a script, or a folder searched for scripts. A script NAME.lua is
checked against NAME.expected beside it, or else against expected.txt in its folder
(an exercise folder: exercise.lua, solution.lua, expected.txt, README.md). It runs
in a child process, on the virtual clock with seed 1 unless told otherwise, and
passes when its stdout and exit status are the expected ones. Lines at the top of a
script starting with "--!" say how to run it: "--! args: 6" passes arguments,
"--! exit: 3" expects that exit status.

In a folder, exercise folders are checked through exercise.lua (the student's
work); --solutions checks their solution.lua instead. --update writes the expected
files from what the scripts print (for authors; with --solutions for exercises); a
new script gets its first NAME.expected when it is named on the command line.

--explore N also runs each script that passed under N random schedules (luasync
explore, in a second child): a schedule that breaks it fails the script, and the
report shows the command that replays it.

Exit status 0 if every script passed, 1 if any failed.`,
		Flags: append(engine.CheckFlags.Declare(),
			&cli.BoolFlag{Name: "update", Usage: "write the expected files instead of comparing"},
			&cli.BoolFlag{Name: "solutions", Usage: "in exercise folders, check solution.lua rather than exercise.lua"},
			&cli.IntFlag{Name: "explore", Usage: "also run each script under `N` random schedules (luasync explore); one that breaks it fails the check"},
			&cli.BoolFlag{Name: "verify", Usage: "also run each script under every schedule that fits --max-runs (luasync explore --verify): all of them, or all within as many deviations from asyncio's order as fit; a failure comes with a smallest counterexample"},
			&cli.IntFlag{Name: "max-runs", Value: defaultMaxRuns, Usage: "--verify runs at most this many schedules of each script"},
			&cli.BoolFlag{Name: "json", Usage: "print one line of JSON per script (path, pass, verdict, guarantee, schedules, counterexample) instead of the report, for autograders"},
		),
		OnUsageError: base.UsageError,
		Action: func(c *cli.Context) error {
			if !c.Args().Present() {
				return cli.Exit("check: which scripts? (luasync check PATH...)", base.ExitUsage)
			}
			run, err := engine.CheckFlags.Parse(c)
			if err != nil {
				return err
			}
			checks, err := findChecks(c.Args().Slice(), c.Bool("solutions"), c.Bool("update"))
			if err != nil {
				return cli.Exit(err.Error(), base.ExitUsage)
			}
			if c.Int("explore") < 0 {
				return cli.Exit(fmt.Sprintf("--explore must be 0 or more, not %d", c.Int("explore")), base.ExitUsage)
			}
			switch {
			case c.Bool("verify") && c.IsSet("explore"):
				return cli.Exit("--verify and --explore are two searches: choose one", base.ExitUsage)
			case c.IsSet("max-runs") && !c.Bool("verify"):
				return cli.Exit("--max-runs bounds --verify's search", base.ExitUsage)
			case c.Int("max-runs") < 1:
				return cli.Exit(fmt.Sprintf("--max-runs must be at least 1, not %d", c.Int("max-runs")), base.ExitUsage)
			case c.Bool("json") && c.Bool("update"):
				return cli.Exit("--json reports checks; --update writes expected files: choose one", base.ExitUsage)
			}
			cfg := checkConfig{update: c.Bool("update"), run: run, wall: run.Timeout + 10*time.Second, explore: c.Int("explore"),
				json: c.Bool("json")}
			if c.Bool("verify") {
				cfg.verify = c.Int("max-runs")
			}
			*status = runChecks(e, checks, cfg)
			return nil
		},
	}
}

// A scriptCheck is one script to check and what it is checked against.
type scriptCheck struct {
	script   string
	expected string // the expected-output file; "" if there is none yet
}

type checkConfig struct {
	update bool
	run    engine.Config // what the script flags say, for each child's luasync run
	wall   time.Duration
	// explore, if positive, runs each script that passed under that many random
	// schedules too, in a second child: luasync explore
	explore int

	// verify, if positive, runs each script that passed under every schedule that
	// fits this many runs, in a second child: luasync explore --verify
	verify int
	json   bool // one line of JSON per script, not the report

	several bool // more than one script: each gets its own --trace and --timeline file
}

// defaultMaxRuns is --max-runs unless told: the schedules --verify runs at most.
const defaultMaxRuns = 20000

// ExpectedFile is where a script's expected output lives: NAME.expected, or else
// expected.txt in an exercise folder. It returns "" if neither exists.
func ExpectedFile(script string) string {
	for _, p := range []string{strings.TrimSuffix(script, ".lua") + ".expected", filepath.Join(filepath.Dir(script), "expected.txt")} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// NewExpectedFile is where --update writes a script's first expected output.
func NewExpectedFile(script string) string {
	if base := filepath.Base(script); base == "exercise.lua" || base == "solution.lua" {
		return filepath.Join(filepath.Dir(script), "expected.txt")
	}
	return strings.TrimSuffix(script, ".lua") + ".expected"
}

// findChecks lists the scripts the paths name, in order: a file as it is, a folder's
// scripts that have an expected output, sorted. In an exercise folder only one of
// exercise.lua and solution.lua counts; when updating, a solution.lua counts even
// before it has an expected output.
func findChecks(paths []string, solutions, update bool) ([]scriptCheck, error) {
	var checks []scriptCheck
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("cannot check %s: %v", p, errors.Unwrap(err))
		}
		if !info.IsDir() {
			checks = append(checks, scriptCheck{p, ExpectedFile(p)})
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".lua") {
				return err
			}
			switch filepath.Base(path) {
			case "program.lua":
				if _, err := os.Stat(filepath.Join(filepath.Dir(path), "breaking.schedule")); solutions && err == nil {
					return nil // a find-the-schedule exercise: some schedule breaks it on purpose
				}
			case "solution.lua":
				if !solutions {
					return nil
				}
			case "exercise.lua":
				if _, err := os.Stat(filepath.Join(filepath.Dir(path), "solution.lua")); solutions && err == nil {
					return nil
				}
			}
			if exp := ExpectedFile(path); exp != "" || (update && filepath.Base(path) == "solution.lua") {
				checks = append(checks, scriptCheck{path, exp})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if len(checks) == 0 {
		return nil, errors.New("no scripts with an expected output found in " + strings.Join(paths, " "))
	}
	return checks, nil
}

// Directives reads the "--! key: value" lines of a script.
func Directives(src []byte) map[string]string {
	d := map[string]string{}
	for _, m := range directiveLine.FindAllSubmatch(src, -1) {
		d[string(m[1])] = strings.TrimSpace(string(m[2]))
	}
	return d
}

var directiveLine = regexp.MustCompile(`(?m)^--! (\w+): (.*)$`)

// checkResult is the outcome of one check.
type checkResult struct {
	pass    bool
	took    time.Duration
	details string // why it failed, indented, or what --update did
	// verdict is what --json prints: the search's, or that of the one run
	verdict engine.Verdict
}

// jsonRecord is the line --json prints for a script.
type jsonRecord struct {
	engine.Verdict
	Seconds float64 `json:"seconds"`
	Details string  `json:"details,omitempty"` // what the report says under the PASS or FAIL line
}

// runChecks runs the checks, a few at a time, and prints a line for each, in order.
func runChecks(e *base.Env, checks []scriptCheck, cfg checkConfig) int {
	results := make([]chan checkResult, len(checks))
	cfg.several = len(checks) > 1
	slots := make(chan struct{}, max(1, goruntime.NumCPU()))
	for i, c := range checks {
		results[i] = make(chan checkResult, 1)
		go func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			results[i] <- checkOne(e, c, cfg)
		}()
	}
	failed := 0
	for i, c := range checks {
		r := <-results[i]
		verdict := "PASS"
		if !r.pass {
			verdict = "FAIL"
			failed++
		}
		if cfg.json {
			r.verdict.Path, r.verdict.Pass = c.script, r.pass
			b, _ := json.Marshal(jsonRecord{Verdict: r.verdict, Seconds: r.took.Seconds(), Details: unindent(r.details)})
			fmt.Fprintf(e.Stdout, "%s\n", b)
			continue
		}
		fmt.Fprintf(e.Stdout, "%s %s (%.2fs)\n", verdict, base.ShownPath(c.script), r.took.Seconds())
		if r.details != "" {
			fmt.Fprintln(e.Stdout, r.details)
		}
	}
	if !cfg.json {
		fmt.Fprintf(e.Stdout, "%d passed, %d failed\n", len(checks)-failed, failed)
	}
	if failed > 0 {
		return base.ExitFailed
	}
	return base.ExitOK
}

// checkOne runs one script in a child process and compares what it did with what
// was expected.
func checkOne(e *base.Env, c scriptCheck, cfg checkConfig) checkResult {
	src, err := readRegularFile(c.script, maxCheckedScript)
	if err != nil {
		return checkResult{details: base.Indent(err.Error())}
	}
	d := Directives(src)
	wantStatus := 0
	if s := d["exit"]; s != "" {
		if wantStatus, err = strconv.Atoi(s); err != nil {
			return checkResult{details: base.Indent(fmt.Sprintf("%s: bad directive --! exit: %s", c.script, s))}
		}
	}
	run := cfg.run
	if cfg.several {
		run.Observe = filesOf(run.Observe, c.script)
	}
	args := append(append([]string{"run"}, engine.RunFlags.Args(run)...), c.script)
	args = append(args, strings.Fields(d["args"])...)
	start := time.Now()
	out := runChild(e, args, cfg.wall)
	shown := observations(&out, run.Observe)
	r := checkResult{took: time.Since(start)}
	if cfg.update {
		return update(c, out, wantStatus, r)
	}
	if c.expected == "" {
		r.details = base.Indent("no expected-output file: write " + base.ShownPath(NewExpectedFile(c.script)) + " (luasync check --update)")
		return r
	}
	want, err := readRegularFile(c.expected, maxChildOutput)
	if err != nil {
		r.details = base.Indent(err.Error())
		return r
	}
	// What the one run says, unless a search says more.
	r.verdict = engine.Verdict{Guarantee: engine.GuaranteeDefault, Deviations: -1, Schedules: 1}
	var why []string
	if out.stdout != string(want) {
		why = append(why, base.UnifiedDiff(base.ShownPath(c.expected), "stdout", string(want), out.stdout, 30))
	}
	if out.status != wantStatus {
		why = append(why, fmt.Sprintf("exit status %d, want %d%s", out.status, wantStatus, out.killed))
		if out.stderr != "" {
			why = append(why, base.FirstLines(out.stderr, 30))
		}
	}
	if len(why) > 0 {
		r.verdict.Verdict = "fails in asyncio's own order (0 deviations)"
		if cfg.verify > 0 {
			why = append(why, "it fails in asyncio's own order: that run, with 0 deviations, is a smallest counterexample")
		}
		r.verdict.Counterexample = &engine.Counterexample{Minimal: true, At: []engine.Deviation{}, Schedule: []string{},
			Replay: base.ShellCommand(append([]string{"luasync"}, args...)), Output: out.stdout, ExitStatus: out.status, Report: out.stderr}
	} else {
		r.verdict.Verdict = "passes in asyncio's own order"
	}
	switch {
	case len(why) > 0:
	case cfg.explore > 0:
		if failed := exploreChild(e, c, cfg, d, wantStatus); failed != "" {
			why = append(why, failed)
		}
	case cfg.verify > 0:
		v, text := verifyChild(e, c, cfg, d, wantStatus)
		r.verdict = v
		if v.Pass {
			shown = append([]string{text}, shown...)
		} else {
			why = append(why, text)
		}
	}
	r.took = time.Since(start)
	r.pass = len(why) == 0
	r.details = base.Indent(strings.Join(append(why, shown...), "\n"))
	return r
}

// exploreChild runs the script under cfg.explore random schedules (luasync explore,
// in a child process, which gets the same time as a run) and returns why it failed,
// with the command that replays the failing run, or "" if every schedule passed.
func exploreChild(e *base.Env, c scriptCheck, cfg checkConfig, d map[string]string, wantStatus int) string {
	args := []string{"explore", "--runs=" + strconv.Itoa(cfg.explore), "--expect=" + c.expected, "--expect-exit=" + strconv.Itoa(wantStatus)}
	args = append(args, exploreChildFlags.Args(cfg.run)...)
	args = append(append(args, c.script), strings.Fields(d["args"])...)
	out := runChild(e, args, cfg.wall)
	if out.status == base.ExitOK {
		return ""
	}
	msg := fmt.Sprintf("under %d random schedules (luasync explore): exit status %d%s", cfg.explore, out.status, out.killed)
	if out.stdout != "" {
		msg += "\n" + base.FirstLines(out.stdout, 60)
	}
	if out.stderr != "" && out.status != base.ExitFailed {
		msg += "\n" + base.FirstLines(out.stderr, 30)
	}
	return msg
}

// verifyChild runs the script under every schedule that fits cfg.verify runs
// (luasync explore --verify --json, in a child process) and returns its verdict,
// with what the report says of it: the guarantee, or the smallest counterexample
// found and how to replay it.
func verifyChild(e *base.Env, c scriptCheck, cfg checkConfig, d map[string]string, wantStatus int) (engine.Verdict, string) {
	args := []string{"explore", "--verify", "--json", "--max-runs=" + strconv.Itoa(cfg.verify), "--expect=" + c.expected, "--expect-exit=" + strconv.Itoa(wantStatus)}
	args = append(args, exploreChildFlags.Args(cfg.run)...)
	args = append(append(args, c.script), strings.Fields(d["args"])...)
	out := runChild(e, args, verifyWall(cfg))
	var v engine.Verdict
	if err := json.Unmarshal([]byte(strings.TrimSpace(out.stdout)), &v); err != nil || (out.status != base.ExitOK && out.status != base.ExitFailed) {
		msg := fmt.Sprintf("luasync explore --verify: exit status %d%s", out.status, out.killed)
		if out.stderr != "" {
			msg += "\n" + base.FirstLines(out.stderr, 30)
		}
		return engine.Verdict{Verdict: msg, Guarantee: engine.GuaranteeDefault, Deviations: -1}, msg
	}
	if v.Pass {
		return v, v.Verdict
	}
	text := v.Verdict
	if ce := v.Counterexample; ce != nil {
		if ce.Minimal {
			text += " (a smallest counterexample: every schedule with fewer deviations passes)"
		}
		if ce.Output != "" {
			text += "\noutput:\n" + base.Indent(base.FirstLines(ce.Output, 20))
		}
		if ce.ExitStatus != wantStatus {
			text += fmt.Sprintf("\nexit status %d, want %d", ce.ExitStatus, wantStatus)
			if ce.Report != "" {
				text += ":\n" + base.Indent(base.FirstLines(ce.Report, 20))
			}
		}
		if ce.Replay != "" {
			text += "\nreplay it with:\n    " + ce.Replay
		}
	}
	return v, text
}

// verifyWall is how long a --verify child may take: a run's time, and ten
// milliseconds (ten times what one costs) for each of the schedules it may run.
func verifyWall(cfg checkConfig) time.Duration {
	return cfg.wall + time.Duration(cfg.verify)*10*time.Millisecond
}

// unindent is the details of a check as they would be without the report's
// indentation.
func unindent(details string) string {
	lines := strings.Split(details, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "    ")
	}
	return strings.Join(lines, "\n")
}

// update writes the expected file from a run that ended as its directives expect.
func update(c scriptCheck, out childOutput, wantStatus int, r checkResult) checkResult {
	target := c.expected
	if target == "" {
		target = NewExpectedFile(c.script)
	}
	switch {
	case filepath.Base(c.script) == "exercise.lua":
		r.details = base.Indent("not updated from a starter: use --update --solutions")
	case out.status != wantStatus:
		r.details = base.Indent(fmt.Sprintf("not updated: exit status %d, want %d\n%s", out.status, wantStatus, base.FirstLines(out.stderr, 30)))
	default:
		if err := writeRegularFile(target, []byte(out.stdout)); err != nil {
			r.details = base.Indent(err.Error())
			return r
		}
		r.pass = true
		r.details = base.Indent("wrote " + base.ShownPath(target))
	}
	return r
}

// maxCheckedScript caps the size of a script check reads (for its directives): the
// size of a chunk luasync compiles at most.
const maxCheckedScript = 16 << 20

// readRegularFile reads a regular file of at most limit bytes. Anything else (a
// device such as /dev/zero, a FIFO, a folder, a symlink to one of these) is refused
// without blocking: a FIFO is opened without waiting for a writer, then checked.
func readRegularFile(path string, limit int64) ([]byte, error) {
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file (%s); check reads only files", path, fileKind(info.Mode()))
	}
	f, err := os.OpenFile(path, os.O_RDONLY|unix.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file (%s); check reads only files", path, fileKind(info.Mode()))
	}
	if info.Size() > limit {
		return nil, fmt.Errorf("%s: the file is %d bytes; check reads at most %d", path, info.Size(), limit)
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(b)) > limit {
		err = fmt.Errorf("%s: the file grew past %d bytes while check read it", path, limit)
	}
	return b, err
}

// writeRegularFile writes data to path, a regular file or none yet; it refuses to
// write into anything else (a FIFO would block, a device swallow the output).
func writeRegularFile(path string, data []byte) error {
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file (%s); check writes only files", path, fileKind(info.Mode()))
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|unix.O_NONBLOCK, 0o644)
	if err != nil {
		return err
	}
	info, err := f.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = fmt.Errorf("%s: not a regular file (%s); check writes only files", path, fileKind(info.Mode()))
	}
	if err == nil {
		err = f.Truncate(0)
	}
	if err == nil {
		_, err = f.Write(data)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// fileKind names what a file that is not a regular one is.
func fileKind(mode fs.FileMode) string {
	switch {
	case mode.IsDir():
		return "a folder"
	case mode&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0:
		return "a device"
	}
	return "mode " + mode.String()
}

// childOutput is what a child luasync did.
type childOutput struct {
	status         int
	stdout, stderr string
	killed         string // why it was killed, if it was
}

// maxChildOutput caps what is kept of a child's stdout and stderr.
const maxChildOutput = 1 << 20

// runChild runs luasync itself in a child process, so that a script that exhausts
// memory or crashes the Go runtime fails its check without taking the checker down.
func runChild(e *base.Env, args []string, wallClock time.Duration) childOutput {
	ctx, cancel := context.WithTimeout(context.Background(), wallClock)
	defer cancel()
	cmd := exec.CommandContext(ctx, e.Self(), args...)
	cmd.Env = append(os.Environ(), e.ChildEnv...)
	var stdout, stderr cappedBuffer
	stdout.limit, stderr.limit = maxChildOutput, maxChildOutput
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Start()
	if err == nil {
		limitCPU(cmd.Process.Pid, wallClock)
		err = cmd.Wait()
	}
	out := childOutput{stdout: stdout.String(), stderr: stderr.String()}
	var exitErr *exec.ExitError
	switch {
	case ctx.Err() != nil:
		out.status, out.killed = base.ExitTimeout, fmt.Sprintf(" (killed after %v)", wallClock)
	case errors.As(err, &exitErr):
		out.status = exitErr.ExitCode()
		if out.status < 0 {
			out.status, out.killed = base.ExitInternal, " (killed by "+exitErr.String()+")"
		}
	case err != nil:
		out.status, out.stderr = base.ExitInternal, err.Error()
	}
	return out
}

// limitCPU caps the CPU time of process pid (see cpuLimit).
func limitCPU(pid int, wallClock time.Duration) {
	limit := cpuLimit(wallClock)
	unix.Prlimit(pid, unix.RLIMIT_CPU, &limit, nil)
}

// cpuLimit is a child's CPU-time limit: a second past its wall-clock kill, so that
// its own --timeout (which says where the script was) and then the kill come
// first; it still ends a runaway child whose checker is gone. The soft and hard
// limits are the same: the kernel sends SIGKILL at the hard one, and the Go runtime
// ignores the SIGXCPU of a lower soft limit.
func cpuLimit(wallClock time.Duration) unix.Rlimit {
	secs := uint64(wallClock.Seconds()) + 1
	return unix.Rlimit{Cur: secs, Max: secs}
}

// cappedBuffer keeps the first limit bytes written to it and counts the rest. It has
// only Write, so that io.Copy (exec's copy of a child's output) cannot go around the
// cap through a ReadFrom.
type cappedBuffer struct {
	buf     bytes.Buffer
	limit   int
	dropped int
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	kept := p[:min(len(p), max(b.limit-b.buf.Len(), 0))]
	b.buf.Write(kept)
	b.dropped += len(p) - len(kept)
	return len(p), nil
}

func (b *cappedBuffer) String() string {
	if b.dropped > 0 {
		return b.buf.String() + fmt.Sprintf("\n... (%d more bytes)\n", b.dropped)
	}
	return b.buf.String()
}

// exploreChildFlags are the script flags check passes on to a child's luasync
// explore: math.random's seed and the limits.
var exploreChildFlags = engine.ExploreFlags.Only("seed", "timeout", "unsafe", "max-tasks", "max-memory", "timestamps")

// filesOf is what a child shows of its run when check has several scripts: each its
// own trace and timeline file, named after it: --trace t.json makes
// t.scripts-tutorial-lock.json for scripts/tutorial/lock.lua.
func filesOf(o engine.Observe, script string) engine.Observe {
	tag := strings.Trim(strings.NewReplacer("/", "-", `\`, "-", ":", "-").Replace(filepath.ToSlash(strings.TrimSuffix(filepath.Clean(script), ".lua"))), "-.")
	named := func(path string) string {
		if path == "" || path == "-" {
			return path
		}
		ext := filepath.Ext(path)
		return strings.TrimSuffix(path, ext) + "." + tag + ext
	}
	o.Trace, o.Timeline = named(o.Trace), named(o.Timeline)
	return o
}

// observations returns what check shows of a child's run under the observation
// flags: the lines as printed, with --timestamps (whose prefixes are taken out of
// out.stdout, which is compared with the expected output), and the child's stderr
// with --stats or --timeline -.
func observations(out *childOutput, o engine.Observe) []string {
	var shown []string
	stderr := func() {
		if out.stderr != "" {
			shown = append(shown, "stderr:\n"+strings.TrimRight(out.stderr, "\n"))
		}
	}
	if o.Timeline == "-" { // in the order of the flags: --timeline, --timestamps, --stats
		stderr()
	}
	if o.Timestamps {
		shown = append(shown, "printed:\n"+strings.TrimRight(out.stdout, "\n"))
		out.stdout = engine.WithoutTimestamps(out.stdout)
	}
	if o.Stats && o.Timeline != "-" {
		stderr()
	}
	return shown
}
