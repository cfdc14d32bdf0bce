// Package repl is luasync repl: live tasks at a prompt.
package repl

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/chzyer/readline"
	"github.com/urfave/cli/v2"
	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"

	"luasync/bindings"
	base "luasync/internal/cli"
	"luasync/internal/engine"
	"luasync/runtime"
	"luasync/trace"
)

// Command is luasync repl.
func Command(e *base.Env, status *int) *cli.Command {
	return &cli.Command{
		Name:  "repl",
		Usage: "experiment with live tasks at a prompt (also: luasync with no arguments)",
		Description: `Each line (or chunk, while it is incomplete) runs as a task of its own; an
expression prints its value. Tasks spawned at the prompt keep running in the
background, on the real clock, while you type; what they print appears above the
prompt. A blocking call blocks only that entry: Ctrl-C cancels it. Ctrl-D leaves,
cancelling the tasks left. Type :help for the commands (:tasks, :where N, ...).

With stdin not a terminal (a pipe, a file), there are no prompts, so a session can
be scripted: printf 'q=Queue()\nq:put(1)\nprint(q:get())\n' | luasync repl`,
		Flags:        engine.REPLFlags.Declare(),
		OnUsageError: base.UsageError,
		Action: func(c *cli.Context) error {
			cfg, err := engine.REPLFlags.Parse(c)
			if err != nil {
				return err
			}
			*status = runREPL(e, cfg)
			return nil
		},
	}
}

const replHelp = `Lua entries run as tasks; an expression prints its value.
  :tasks        every task: id, name, state, what it waits on, and where
  :where N      the Lua traceback of task N (its id, from :tasks)
  :timeline     what each task did so far, as text swimlanes (see --timeline -)
  :load FILE    run a script in this session; its tasks join the session
  :step         be the scheduler: while an entry runs, choose which task runs at
                each decision (:step again to stop)
  :reset        cancel everything and start a fresh session
  :quit         leave (or Ctrl-D); the tasks left are cancelled
  :help         this text
Ctrl-C cancels the entry that is running, and a task in an endless loop that
keeps the baton (which shuts everyone out: :tasks, the next entry, Ctrl-D); at the
prompt it also clears the line, and at an empty prompt it says how to leave.
=EXPR prints EXPR, as lua's prompt does; so does an entry that returns values.`

// errPromptInterrupted is what a line reader returns for Ctrl-C at the prompt.
var errPromptInterrupted = errors.New("interrupted at the prompt")

// lineReader is where the REPL's input comes from: a terminal with line editing and
// history, or a pipe.
type lineReader interface {
	readLine(prompt string) (string, error) // io.EOF at the end; errPromptInterrupted
	output() (stdout, stderr io.Writer)     // writers that keep the prompt intact
	interactive() bool
	close()
}

// runREPL runs sessions until the person leaves; :reset starts a new one.
func runREPL(e *base.Env, cfg engine.Config) int {
	in, err := newLineReader(e)
	if err != nil {
		fmt.Fprintf(e.Stderr, "luasync: %v\n", err)
		return base.ExitInternal
	}
	defer in.close()
	stdout, stderr := in.output()
	if in.interactive() {
		fmt.Fprintf(stdout, "luasync %s (Lua 5.1): tasks run in the background; :help for help, Ctrl-D to leave\n", base.Version)
	}
	interrupts := e.Interrupts
	if interrupts == nil {
		ch := make(chan os.Signal, 1)
		signal.Notify(ch, os.Interrupt)
		defer signal.Stop(ch)
		interrupts = ch
	}
	for {
		sess := newSession(cfg, stdout, stderr)
		switch sess.serve(in, interrupts) {
		case sessionReset:
			sess.leave(false, stderr)
			fmt.Fprintln(stderr, "a fresh session")
		default:
			sess.leave(true, e.Stderr) // the prompt is gone: write past readline
			return base.ExitOK
		}
	}
}

type sessionEnd int

const (
	sessionQuit sessionEnd = iota
	sessionReset
)

// session is one runtime and Lua state; the scheduler runs on its own goroutine with
// nil main, fed by Post. The fields below sched are the baton holder's.
type session struct {
	out, errOut io.Writer
	sched       *runtime.Scheduler
	mod         *bindings.Module
	ended       chan struct{} // closed when the scheduler's Run returns
	runErr      error
	timeline    func() string // what the tasks did so far, as text (:timeline)

	current *runtime.Task          // the entry running, if any
	entries map[*runtime.Task]bool // every entry task, so as not to report their errors twice
	stepper *base.Stepper          // :step is on: the person chooses while an entry runs

	questions chan stepQuestion // the stepper's questions, for the input side to ask
}

// stepQuestion is a line the stepper needs from the person; the input side reads it
// (with its own prompt) while the entry runs.
type stepQuestion struct {
	prompt string
	reply  chan stepAnswer
}

type stepAnswer struct {
	line string
	err  error
}

// Choose makes the session's scheduling decisions: first in line, unless :step is
// on and an entry is running; then the person chooses.
func (sess *session) Choose(n int, task func(int) *runtime.Task) int {
	if sess.stepper == nil || sess.current == nil || sess.current.Done() {
		return 0
	}
	return sess.stepper.Choose(n, task)
}

// toggleStep turns :step on or off; it runs with the baton.
func (sess *session) toggleStep() string {
	if sess.stepper != nil {
		sess.stepper = nil
		return "stepping is off"
	}
	var st *base.Stepper
	ask := func(prompt string) (string, error) {
		q := stepQuestion{prompt: prompt, reply: make(chan stepAnswer, 1)}
		sess.questions <- q
		a := <-q.reply
		if errors.Is(a.err, errPromptInterrupted) {
			return "q\n", nil // Ctrl-C at the step prompt: stop
		}
		return a.line + "\n", a.err
	}
	quit := func() {
		if sess.current != nil {
			sess.current.Cancel("stopped at a scheduling decision")
		}
		sess.stepper = nil
	}
	st = base.NewPromptStepper(sess.errOut, ask, quit)
	st.Attach(sess.sched, sess.mod)
	sess.stepper = st
	return "stepping is on: while an entry runs, you choose the task that runs at each decision (:step again to stop)"
}

// newSession makes a session's scheduler and Lua state from cfg, as a run's are
// made: the entries are its script, "stdin", and read no input.
func newSession(cfg engine.Config, out, errOut io.Writer) *session {
	sess := &session{out: out, errOut: errOut, ended: make(chan struct{}), entries: map[*runtime.Task]bool{},
		questions: make(chan stepQuestion)}
	cfg.Script, cfg.Args = "stdin", nil
	cfg.Stdin, cfg.Stdout, cfg.Stderr = strings.NewReader(""), out, errOut
	sess.sched, sess.mod = engine.NewLua(cfg, sess.observed(runtime.Options{Clock: cfg.NewClock(), OnDeadlock: sess.onDeadlock, OnFinish: sess.onFinish, Strategy: sess}))
	sess.sched.AddSource() // the person at the prompt
	go func() {
		sess.runErr = sess.sched.Run(nil)
		close(sess.ended)
	}()
	return sess
}

// serve reads entries and commands until the person leaves or resets.
func (sess *session) serve(in lineReader, interrupts <-chan os.Signal) sessionEnd {
	var chunk []string
	for {
		prompt := "> "
		if len(chunk) > 0 {
			prompt = ">> "
		}
		line, err := in.readLine(prompt)
		switch {
		case errors.Is(err, errPromptInterrupted):
			if !sess.interruptAtPrompt() && len(chunk) == 0 && line == "" {
				fmt.Fprintln(sess.errOut, "(to leave, press Ctrl-D or type :quit)")
			}
			chunk = nil
			continue
		case err != nil:
			return sessionQuit
		}
		if len(chunk) == 0 && strings.HasPrefix(strings.TrimSpace(line), ":") {
			if end, leave := sess.command(in, strings.Fields(strings.TrimSpace(line)), interrupts); leave {
				return end
			}
			continue
		}
		chunk = append(chunk, line)
		src := strings.Join(chunk, "\n")
		if incomplete(src) {
			continue
		}
		chunk = nil
		if strings.TrimSpace(src) != "" {
			sess.runEntry(in, "stdin", src, interrupts)
		}
		select {
		case <-sess.ended:
			fmt.Fprintf(sess.errOut, "luasync: the session ended: %v\n", sess.runErr)
			return sessionReset
		default:
		}
	}
}

// incomplete reports whether src is the start of a chunk, to be continued on the next
// line (a "for ... do" waiting for its "end").
func incomplete(src string) bool {
	src = expandEquals(src)
	if _, err := parse.Parse(strings.NewReader("return "+src), "stdin"); err == nil {
		return false
	}
	_, err := parse.Parse(strings.NewReader(src), "stdin")
	var perr *parse.Error
	return errors.As(err, &perr) && perr.Pos.Line == parse.EOF
}

// command runs a :command; leave is true when the session is over.
func (sess *session) command(in lineReader, words []string, interrupts <-chan os.Signal) (end sessionEnd, leave bool) {
	switch words[0] {
	case ":help", ":h", ":?":
		fmt.Fprintln(sess.out, replHelp)
	case ":quit", ":q", ":exit":
		return sessionQuit, true
	case ":step":
		fmt.Fprintln(sess.out, sess.ask(sess.toggleStep))
	case ":reset":
		return sessionReset, true
	case ":tasks":
		fmt.Fprint(sess.out, sess.ask(sess.taskList))
	case ":timeline":
		fmt.Fprint(sess.errOut, sess.ask(sess.timeline))
	case ":where":
		id := -1
		if len(words) == 2 {
			id, _ = strconv.Atoi(words[1])
		}
		fmt.Fprintln(sess.out, sess.ask(func() string { return sess.where(id) }))
	case ":load":
		if len(words) != 2 {
			fmt.Fprintln(sess.errOut, ":load needs a file: :load scripts/tutorial/lock.lua")
			break
		}
		src, err := os.ReadFile(words[1])
		if err != nil {
			fmt.Fprintf(sess.errOut, "cannot load: %v\n", err)
			break
		}
		sess.runEntry(in, words[1], string(src), interrupts)
	default:
		fmt.Fprintf(sess.errOut, "unknown command %s (:help lists them)\n", words[0])
	}
	return 0, false
}

// ask runs f with the baton and returns what it says.
func (sess *session) ask(f func() string) string {
	reply := make(chan string, 1)
	sess.sched.Post(func() { reply <- f() })
	select {
	case s := <-reply:
		return s
	case <-sess.ended:
		return "the session has ended\n"
	}
}

func (sess *session) taskList() string {
	var b strings.Builder
	tasks := sess.sched.Tasks()
	if len(tasks) == 0 {
		return "no tasks\n"
	}
	for _, t := range tasks {
		fmt.Fprintf(&b, "%4d  %s\n", t.ID(), t.Info())
	}
	return b.String()
}

func (sess *session) where(id int) string {
	for _, t := range sess.sched.Tasks() {
		if t.ID() == id {
			return sess.mod.Traceback(t)
		}
	}
	return "no unfinished task has that id: :where N, with N from :tasks"
}

// runEntry runs src as an entry task and waits for it to finish; Ctrl-C meanwhile
// cancels it.
func (sess *session) runEntry(in lineReader, name, src string, interrupts <-chan os.Signal) {
	finished := make(chan struct{})
	sess.sched.Post(func() {
		fn, echo, err := sess.compile(name, src)
		if err != nil {
			fmt.Fprintln(sess.errOut, err)
			close(finished)
			return
		}
		sess.sched.RemoveSource() // while an entry runs, the prompt cannot wake anyone
		t := sess.mod.SpawnEntry(fn, echo)
		sess.current, sess.entries[t] = t, true
		t.WhenDone(func(t *runtime.Task) {
			sess.current = nil
			sess.sched.AddSource()
			switch _, err := t.Result(); {
			case t.State() == runtime.Cancelled:
				fmt.Fprintf(sess.errOut, "(cancelled: %v)\n", err)
			case err != nil:
				fmt.Fprintln(sess.errOut, bindings.Report(err))
			}
			close(finished)
		})
	})
	for {
		select {
		case <-finished:
			return
		case <-sess.ended:
			return
		case q := <-sess.questions: // :step is on
			line, err := in.readLine(q.prompt)
			q.reply <- stepAnswer{line, err}
		case <-interrupts:
			sess.sched.Post(func() { sess.interrupt() })
		}
	}
}

// interrupt is Ctrl-C, with the baton: it cancels the entry running, if any, and a
// task that keeps the baton (an endless loop, found at its instruction check),
// which would otherwise shut the session out. It reports whether it cancelled any.
func (sess *session) interrupt() bool {
	cancelled := false
	if busy := sess.sched.Busy(); busy != nil && busy != sess.current {
		fmt.Fprintf(sess.errOut, "(cancelled %s: it kept the baton, as an endless loop does)\n", busy.Name())
		busy.Cancel("interrupted")
		cancelled = true
	}
	if sess.current != nil {
		sess.current.Cancel("interrupted")
		cancelled = true
	}
	return cancelled
}

// interruptAtPrompt is Ctrl-C at the prompt: it reports whether it cancelled a task
// that keeps the baton. It waits for the answer only a moment: a task inside a long
// Go call (block(), io.read()) answers when the call returns.
func (sess *session) interruptAtPrompt() bool {
	reply := make(chan bool, 1)
	sess.sched.Post(func() { reply <- sess.interrupt() })
	select {
	case cancelled := <-reply:
		return cancelled
	case <-sess.ended:
	case <-time.After(time.Second):
	}
	return false
}

// compile makes an entry's function: an expression, else a chunk. What a typed
// entry returns is echoed, as lua's prompt does (a statement returns nothing);
// =EXPR is lua's shorthand for return EXPR.
func (sess *session) compile(name, src string) (fn *lua.LFunction, echo bool, err error) {
	if name != "stdin" {
		fn, err = sess.mod.Load(name, []byte(src))
		return fn, false, err
	}
	src = expandEquals(src)
	if fn, err := sess.mod.Load(name, []byte("return "+src)); err == nil {
		return fn, true, nil
	}
	fn, err = sess.mod.Load(name, []byte(src))
	return fn, true, err
}

// expandEquals turns lua's "=EXPR" into "return EXPR".
func expandEquals(src string) string {
	if trimmed := strings.TrimLeft(src, " \t"); strings.HasPrefix(trimmed, "=") {
		return "return " + trimmed[1:]
	}
	return src
}

// onDeadlock reports a deadlock during an entry and cancels the entry, so that the
// session goes on.
func (sess *session) onDeadlock(dl *runtime.DeadlockError) bool {
	fmt.Fprintf(sess.errOut, "luasync: %v\n", dl)
	if sess.current == nil || sess.current.Done() {
		return false
	}
	sess.current.Cancel("deadlock")
	return true
}

// onFinish reports, at once, a background task that failed with nobody waiting for
// it: at the prompt there may be no later moment.
func (sess *session) onFinish(t *runtime.Task) {
	if sess.entries[t] {
		delete(sess.entries, t)
		return
	}
	if t.State() == runtime.Failed && !t.Awaited() {
		_, err := t.Result()
		fmt.Fprintf(sess.errOut, "%s failed: %s\n", t.Name(), bindings.Report(err))
	}
}

// cleanupLimit is how long the tasks left get for their cleanup when the session
// ends; stopLimit is how long they then get to stop, at their next instruction or
// wait, before the session is left without them.
var cleanupLimit, stopLimit = 5 * time.Second, time.Second

// leave cancels the tasks left, waits a little for their cleanup, and lists them on
// report. A task in an endless loop is cancelled too, at its next instruction.
func (sess *session) leave(quiet bool, report io.Writer) {
	listing := make(chan []string, 1)
	sess.sched.Post(func() {
		sess.sched.RemoveSource()
		var names []string
		for _, t := range sess.sched.Tasks() {
			names = append(names, t.Info().String())
			t.Cancel("the session is closing")
		}
		listing <- names
	})
	// The cleanup time counts from here, whatever the tasks do meanwhile (a Go call
	// such as block() answers the listing only when it returns). What happens is
	// reported once the tasks are done with the report's stream.
	var names []string
	timeUp, giveUp := time.After(cleanupLimit), (<-chan time.Time)(nil)
	stopped, ended, leftBehind := false, false, false
	for !ended && !leftBehind {
		select {
		case names = <-listing:
			listing = nil
		case <-sess.ended:
			ended = true
		case <-timeUp:
			stopped = true
			sess.sched.Abort(fmt.Errorf("the tasks did not finish their cleanup in %v", cleanupLimit))
			timeUp, giveUp = nil, time.After(stopLimit)
		case <-giveUp:
			leftBehind = true
		}
	}
	if stopped {
		fmt.Fprintf(report, "luasync: the tasks did not finish their cleanup in %v: stopped\n", cleanupLimit)
	}
	if !leftBehind {
		sess.mod.Close()
	} else {
		// A task that catches even the stop, and loops: leave it (the process is
		// ending), and its Lua state with it.
		fmt.Fprintln(report, "luasync: a task would not stop; leaving it behind")
	}
	if len(names) > 0 {
		fmt.Fprintf(report, "cancelled %d %s:\n  %s\n", len(names), base.Plural(len(names), "task", "tasks"), strings.Join(names, "\n  "))
	} else if !quiet {
		fmt.Fprintln(report, "no tasks were left")
	}
}

// newLineReader reads from a terminal with readline, or plainly from a pipe.
func newLineReader(e *base.Env) (lineReader, error) {
	if f, ok := e.Stdin.(*os.File); ok && readline.IsTerminal(int(f.Fd())) {
		rl, err := readline.NewEx(&readline.Config{
			Prompt:          "> ",
			HistoryFile:     historyFile(),
			InterruptPrompt: "^C",
			EOFPrompt:       "",
			Stdout:          e.Stdout,
			Stderr:          e.Stderr,
		})
		if err != nil {
			return nil, err
		}
		return &terminalReader{rl: rl, stdout: e.Stdout, stderr: e.Stderr}, nil
	}
	return &pipeReader{in: bufio.NewReader(e.Stdin), stdout: e.Stdout, stderr: e.Stderr}, nil
}

// historyFile is where the REPL keeps its history: luasync/history in the user's
// config folder (~/.config on Linux), or nowhere if there is none.
func historyFile() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	dir = filepath.Join(dir, "luasync")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return ""
	}
	return filepath.Join(dir, "history")
}

type terminalReader struct {
	rl             *readline.Instance
	stdout, stderr io.Writer
	reading        atomic.Bool // a prompt is on the screen (inside Readline)
}

func (r *terminalReader) readLine(prompt string) (string, error) {
	r.reading.Store(true)
	defer r.reading.Store(false)
	r.rl.SetPrompt(prompt)
	line, err := r.rl.Readline()
	if errors.Is(err, readline.ErrInterrupt) {
		return line, errPromptInterrupted
	}
	return line, err
}

func (r *terminalReader) output() (io.Writer, io.Writer) {
	return &promptWriter{r, r.rl.Stdout(), r.stdout}, &promptWriter{r, r.rl.Stderr(), r.stderr}
}

// promptWriter writes what tasks print: above the prompt, through readline, while
// a prompt is on the screen, else straight out (readline would otherwise draw a
// stray prompt after each write of an entry that is running).
type promptWriter struct {
	r        *terminalReader
	atPrompt io.Writer
	plain    io.Writer
}

func (w *promptWriter) Write(p []byte) (int, error) {
	if w.r.reading.Load() {
		return w.atPrompt.Write(p)
	}
	return w.plain.Write(p)
}
func (r *terminalReader) interactive() bool { return true }

// close closes readline, but waits for it at most a moment: its Close can hang while
// its reader is blocked on the terminal (chzyer/readline waits for that goroutine),
// and the history is already saved line by line.
func (r *terminalReader) close() {
	closed := make(chan struct{})
	go func() {
		r.rl.Close()
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(200 * time.Millisecond):
	}
}

type pipeReader struct {
	in             *bufio.Reader
	line           int // lines read so far
	stdout, stderr io.Writer
}

// maxPipedLine is the longest line a piped session takes; a longer one is skipped,
// with a message.
const maxPipedLine = 16 << 20

func (r *pipeReader) readLine(string) (string, error) {
	for {
		line, tooLong, err := r.next()
		if err != nil {
			return "", err
		}
		r.line++
		if tooLong {
			fmt.Fprintf(r.stderr, "luasync: stdin:%d: the line is longer than %d MiB: skipped\n", r.line, maxPipedLine>>20)
			continue
		}
		return line, nil
	}
}

// next reads one line of any length, without its line ending; past maxPipedLine it
// keeps only the fact that it was too long. The last line may lack its newline.
func (r *pipeReader) next() (line string, tooLong bool, err error) {
	var b []byte
	for {
		part, err := r.in.ReadSlice('\n')
		if !tooLong {
			if len(b)+len(part) > maxPipedLine+2 {
				tooLong, b = true, nil
			} else {
				b = append(b, part...)
			}
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err != nil && len(b) == 0 && !tooLong:
			return "", false, err
		}
		line = strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r")
		return line, tooLong || len(line) > maxPipedLine, nil
	}
}

func (r *pipeReader) output() (io.Writer, io.Writer) { return r.stdout, r.stderr }
func (r *pipeReader) interactive() bool              { return false }
func (r *pipeReader) close()                         {}

// observed adds a recorder (for :timeline) and the watchdog to the options of a
// session's scheduler.
func (sess *session) observed(opts runtime.Options) runtime.Options {
	rec := trace.New(trace.Options{Clock: opts.Clock, Script: "the session", Timeline: true, MaxSegments: 200_000})
	sess.timeline = func() string {
		var b strings.Builder
		rec.WriteText(&b, engine.TimelineWidth)
		return b.String()
	}
	opts.Observer, opts.SlowHold = rec, engine.SlowHold
	return opts
}
