package main

import (
	"bytes"
	"context"
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
	"unicode"
	"unicode/utf8"

	"github.com/urfave/cli/v2"
	"golang.org/x/sys/unix"
)

func checkCommand(e *env, status *int) *cli.Command {
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
		Flags: append(checkScriptFlags(),
			&cli.BoolFlag{Name: "update", Usage: "write the expected files instead of comparing"},
			&cli.BoolFlag{Name: "solutions", Usage: "in exercise folders, check solution.lua rather than exercise.lua"},
			&cli.IntFlag{Name: "explore", Usage: "also run each script under `N` random schedules (luasync explore); one that breaks it fails the check"},
		),
		OnUsageError: usageError,
		Action: func(c *cli.Context) error {
			if !c.Args().Present() {
				return cli.Exit("check: which scripts? (luasync check PATH...)", exitUsage)
			}
			if clock := c.String("clock"); clock != "real" && clock != "virtual" {
				return cli.Exit(fmt.Sprintf("--clock must be real or virtual, not %q", clock), exitUsage)
			}
			if err := checkFlagValues(c); err != nil {
				return err
			}
			checks, err := findChecks(c.Args().Slice(), c.Bool("solutions"), c.Bool("update"))
			if err != nil {
				return cli.Exit(err.Error(), exitUsage)
			}
			if c.Int("explore") < 0 {
				return cli.Exit(fmt.Sprintf("--explore must be 0 or more, not %d", c.Int("explore")), exitUsage)
			}
			cfg := checkConfig{update: c.Bool("update"), passOn: passOnFlags(c), wall: c.Duration("timeout") + 10*time.Second, explore: c.Int("explore")}
			*status = e.runChecks(checks, cfg)
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
	passOn []string // the script flags given, for each child's luasync run
	wall   time.Duration
	// explore, if positive, runs each script that passed under that many random
	// schedules too, in a second child: luasync explore
	explore int

	several bool // more than one script: each gets its own --trace and --timeline file
}

// checkScriptFlags are run's flags with check's defaults: the virtual clock, a
// timeout of a minute.
func checkScriptFlags() []cli.Flag {
	flags := scriptFlags("virtual")
	for _, f := range flags {
		if d, ok := f.(*cli.DurationFlag); ok && d.Name == "timeout" {
			copied := *d
			copied.Value = time.Minute
			flags = replaceFlag(flags, &copied)
		}
	}
	return flags
}

func replaceFlag(flags []cli.Flag, f cli.Flag) []cli.Flag {
	out := make([]cli.Flag, len(flags))
	for i, g := range flags {
		out[i] = g
		if g.Names()[0] == f.Names()[0] {
			out[i] = f
		}
	}
	return out
}

// passOnFlags turns the script flags check was given (or their check defaults) into
// the arguments of a child's luasync run.
func passOnFlags(c *cli.Context) []string {
	var args []string
	for _, f := range checkScriptFlags() {
		name := f.Names()[0]
		if v := c.Value(name); v != nil && (c.IsSet(name) || name == "clock" || name == "timeout" || name == "seed") {
			args = append(args, "--"+name+"="+fmt.Sprint(v))
		}
	}
	return args
}

// expectedFile is where a script's expected output lives: NAME.expected, or else
// expected.txt in an exercise folder. It returns "" if neither exists.
func expectedFile(script string) string {
	for _, p := range []string{strings.TrimSuffix(script, ".lua") + ".expected", filepath.Join(filepath.Dir(script), "expected.txt")} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// newExpectedFile is where --update writes a script's first expected output.
func newExpectedFile(script string) string {
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
			checks = append(checks, scriptCheck{p, expectedFile(p)})
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
			if exp := expectedFile(path); exp != "" || (update && filepath.Base(path) == "solution.lua") {
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

// scriptDirectives reads the "--! key: value" lines of a script.
func scriptDirectives(src []byte) map[string]string {
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
}

// runChecks runs the checks, a few at a time, and prints a line for each, in order.
func (e *env) runChecks(checks []scriptCheck, cfg checkConfig) int {
	results := make([]chan checkResult, len(checks))
	cfg.several = len(checks) > 1
	slots := make(chan struct{}, max(1, goruntime.NumCPU()))
	for i, c := range checks {
		results[i] = make(chan checkResult, 1)
		go func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			results[i] <- e.checkOne(c, cfg)
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
		fmt.Fprintf(e.stdout, "%s %s (%.2fs)\n", verdict, shownPath(c.script), r.took.Seconds())
		if r.details != "" {
			fmt.Fprintln(e.stdout, r.details)
		}
	}
	fmt.Fprintf(e.stdout, "%d passed, %d failed\n", len(checks)-failed, failed)
	if failed > 0 {
		return exitFailed
	}
	return exitOK
}

// checkOne runs one script in a child process and compares what it did with what
// was expected.
func (e *env) checkOne(c scriptCheck, cfg checkConfig) checkResult {
	src, err := readRegularFile(c.script, maxCheckedScript)
	if err != nil {
		return checkResult{details: indent(err.Error())}
	}
	d := scriptDirectives(src)
	wantStatus := 0
	if s := d["exit"]; s != "" {
		if wantStatus, err = strconv.Atoi(s); err != nil {
			return checkResult{details: indent(fmt.Sprintf("%s: bad directive --! exit: %s", c.script, s))}
		}
	}
	args := append(append([]string{"run"}, observeArgs(cfg.passOn, c.script, cfg.several)...), c.script)
	args = append(args, strings.Fields(d["args"])...)
	start := time.Now()
	out := e.runChild(args, cfg.wall)
	shown := observations(&out, cfg.passOn)
	r := checkResult{took: time.Since(start)}
	if cfg.update {
		return e.update(c, out, wantStatus, r)
	}
	if c.expected == "" {
		r.details = indent("no expected-output file: write " + shownPath(newExpectedFile(c.script)) + " (luasync check --update)")
		return r
	}
	want, err := readRegularFile(c.expected, maxChildOutput)
	if err != nil {
		r.details = indent(err.Error())
		return r
	}
	var why []string
	if out.stdout != string(want) {
		why = append(why, unifiedDiff(shownPath(c.expected), "stdout", string(want), out.stdout, 30))
	}
	if out.status != wantStatus {
		why = append(why, fmt.Sprintf("exit status %d, want %d%s", out.status, wantStatus, out.killed))
		if out.stderr != "" {
			why = append(why, firstLines(out.stderr, 30))
		}
	}
	if len(why) == 0 && cfg.explore > 0 {
		if failed := e.exploreChild(c, cfg, d, wantStatus); failed != "" {
			why = append(why, failed)
		}
	}
	r.took = time.Since(start)
	r.pass = len(why) == 0
	r.details = indent(strings.Join(append(why, shown...), "\n"))
	return r
}

// exploreChild runs the script under cfg.explore random schedules (luasync explore,
// in a child process, which gets the same time as a run) and returns why it failed,
// with the command that replays the failing run, or "" if every schedule passed.
func (e *env) exploreChild(c scriptCheck, cfg checkConfig, d map[string]string, wantStatus int) string {
	args := []string{"explore", "--runs=" + strconv.Itoa(cfg.explore), "--expect=" + c.expected, "--expect-exit=" + strconv.Itoa(wantStatus)}
	for _, a := range cfg.passOn {
		name, value, _ := strings.Cut(strings.TrimPrefix(a, "--"), "=")
		switch name {
		case "seed":
			args = append(args, "--math-seed="+value)
		case "timeout", "unsafe", "max-tasks", "max-memory", "timestamps":
			args = append(args, a)
		}
	}
	args = append(append(args, c.script), strings.Fields(d["args"])...)
	out := e.runChild(args, cfg.wall)
	if out.status == exitOK {
		return ""
	}
	msg := fmt.Sprintf("under %d random schedules (luasync explore): exit status %d%s", cfg.explore, out.status, out.killed)
	if out.stdout != "" {
		msg += "\n" + firstLines(out.stdout, 60)
	}
	if out.stderr != "" && out.status != exitFailed {
		msg += "\n" + firstLines(out.stderr, 30)
	}
	return msg
}

// update writes the expected file from a run that ended as its directives expect.
func (e *env) update(c scriptCheck, out childOutput, wantStatus int, r checkResult) checkResult {
	target := c.expected
	if target == "" {
		target = newExpectedFile(c.script)
	}
	switch {
	case filepath.Base(c.script) == "exercise.lua":
		r.details = indent("not updated from a starter: use --update --solutions")
	case out.status != wantStatus:
		r.details = indent(fmt.Sprintf("not updated: exit status %d, want %d\n%s", out.status, wantStatus, firstLines(out.stderr, 30)))
	default:
		if err := writeRegularFile(target, []byte(out.stdout)); err != nil {
			r.details = indent(err.Error())
			return r
		}
		r.pass = true
		r.details = indent("wrote " + shownPath(target))
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
func (e *env) runChild(args []string, wallClock time.Duration) childOutput {
	ctx, cancel := context.WithTimeout(context.Background(), wallClock)
	defer cancel()
	cmd := exec.CommandContext(ctx, e.self(), args...)
	cmd.Env = append(os.Environ(), e.childEnv...)
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
		out.status, out.killed = exitTimeout, fmt.Sprintf(" (killed after %v)", wallClock)
	case errors.As(err, &exitErr):
		out.status = exitErr.ExitCode()
		if out.status < 0 {
			out.status, out.killed = exitInternal, " (killed by "+exitErr.String()+")"
		}
	case err != nil:
		out.status, out.stderr = exitInternal, err.Error()
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

// self is the luasync executable to run children with.
func (e *env) self() string {
	if e.selfPath != "" {
		return e.selfPath
	}
	exe, err := os.Executable()
	if err != nil {
		return os.Args[0]
	}
	return exe
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

// firstLines is the first n lines of s, each cut at maxShownLine bytes.
func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append(lines[:n], fmt.Sprintf("... (%d more lines)", len(lines)-n))
	}
	for i, l := range lines {
		lines[i] = cutLine(l)
	}
	return strings.Join(lines, "\n")
}

// shownPath is a path as check's report shows it: quoted if it has a control
// character (a newline in a folder's name must not start a line of the report),
// a quote, a backslash or bytes that are not UTF-8.
func shownPath(p string) string {
	if strings.ContainsAny(p, "\"\\") || !utf8.ValidString(p) || strings.IndexFunc(p, unicode.IsControl) >= 0 {
		return strconv.Quote(p)
	}
	return p
}

// maxShownLine caps a line of a child's output or of a diff in check's report.
const maxShownLine = 500

// cutLine cuts a line longer than maxShownLine bytes, saying how much is left out.
func cutLine(l string) string {
	if len(l) <= maxShownLine {
		return l
	}
	return fmt.Sprintf("%s... (%d bytes more)", l[:maxShownLine], len(l)-maxShownLine)
}

func indent(s string) string {
	if s == "" {
		return ""
	}
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}
