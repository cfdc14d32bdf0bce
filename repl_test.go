package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
)

// Piped stdin: no prompts, the same semantics, so sessions can be scripted.
func TestREPLPiped(t *testing.T) {
	cases := []struct {
		name, input, stdout string
		stderr              []string
	}{
		{"the issue's example", "q=Queue()\nq:put(1)\nprint(q:get())\n", "1\n", nil},
		{"expressions echo their values, tab-separated", "1+2\nq = Queue(10)\nq\n'a', 2, nil\n", "3\n<Queue maxsize=10>\na\t2\tnil\n", nil},
		{"multi-line chunks wait for their end", "for i = 1, 3 do\n  io.write(i, ' ')\nend\nprint()\n", "1 2 3 \n", nil},
		{"background tasks run between entries", "spawn(function() sleep(0.05) print('background') end)\nsleep(0.1)\nprint('entry')\n",
			"<Task task-1 pending>\nbackground\nentry\n", nil},
		{"an error is reported and the session goes on", "error('oops')\nprint('still here')\n", "still here\n",
			[]string{"stdin:1: oops\nstack traceback:"}},
		{"a deadlock names the tasks and cancels the entry", "q = Queue()\nq:get()\nprint('after')\n", "after\n",
			[]string{"luasync: deadlock: 1 task is waiting and nothing can wake it\n  repl waiting on Queue.get <Queue maxsize=0 _getters[1]>, at stdin:1", "(cancelled: stdin:1: Cancelled: deadlock)"}},
		{"tasks waiting on what the person may still do are not a deadlock", "q = Queue()\nt = spawn(function() print('got', q:get()) end)\nsleep(0)\n:tasks\nq:put('x')\nsleep(0)\n",
			"   1  task-1 waiting on Queue.get <Queue maxsize=0 _getters[1]>, at stdin:1\ngot\tx\n", nil},
		{"a background failure is reported at once", "spawn(function() error('bg boom') end)\nsleep(0)\n", "<Task task-1 pending>\n",
			[]string{"task-1 failed: stdin:1: bg boom"}},
		{":where shows a waiting task's traceback", "e = Event()\nspawn(function()\n  local function wait_here() e:wait() end\n  wait_here()\nend)\nsleep(0)\n:where 1\n",
			"<Task task-1 pending>\ntask-1, waiting on Event.wait <Event [unset, waiters:1]>, at stdin:2:\n\tstdin:2: in function 'wait_here'\n\tstdin:3: in function <stdin:1>\n", nil},
		{":load runs a script in the session", ":load scripts/tutorial/lock_sleep.lua\nprint(#all_tasks())\n",
			"Attempting to attain lock\nCurrently Locked\nAttempting to attain lock\nUnlocked Critical Section\nCurrently Locked\nUnlocked Critical Section\nAll Tasks Completed\n1\n", nil},
		{":reset starts afresh", "x = 5\n:reset\nprint(x)\n", "nil\n", []string{"a fresh session"}},
		{"leaving cancels the tasks left and lists them", "e = Event()\nspawn(function() local ok, err = pcall(e.wait, e) print('cleanup', err) end)\nsleep(0)\n",
			"<Task task-1 pending>\ncleanup\tCancelled: the session is closing\n", []string{"cancelled 1 task:\n  task-1 waiting on Event.wait <Event [unset, waiters:1]>, at stdin:1"}},
		{"commands", ":help\n:nope\n", replHelp + "\n", []string{"unknown command :nope"}},
		{"=EXPR prints, as lua's prompt does", "=1 + 1\n= 'a', nil\n=\n2\n", "2\na\tnil\n2\n", nil},
		{"an entry that returns values prints them", "return 1, 2\nx = 3\nif x then return x end\nlocal t = {} return #t\nreturn\n", "1\t2\n3\n0\n", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, c.input, "repl", "--clock", "virtual")
			if r.status != 0 {
				t.Errorf("status %d", r.status)
			}
			if r.stdout != c.stdout {
				t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, c.stdout)
			}
			for _, want := range c.stderr {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
				}
			}
		})
	}
}

// :tasks runs on the scheduler's hub, where no Lua code may run: a queue item whose
// __tostring waits is shown without calling it, and the session goes on unharmed.
func TestREPLTasksRunsNoLua(t *testing.T) {
	input := "q = Queue()\nq:put(setmetatable({}, {__tostring = function() sleep(0) return 'item' end}))\nt = spawn(function() q:join() end)\nsleep(0)\n:tasks\n" +
		"q:get(); q:task_done(); sleep(0)\nprint(t:done(), q)\n"
	r := runCLI(t, input, "repl", "--clock", "virtual")
	if r.status != 0 {
		t.Errorf("status %d", r.status)
	}
	for _, want := range []string{"   1  task-1 waiting on Queue.join <Queue maxsize=0 _queue=[table: 0x", "] tasks=1>, at stdin:1\ntrue\t<Queue maxsize=0>\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	if r.stderr != "" {
		t.Errorf("stderr:\n%s", r.stderr)
	}
}

// terminal is a luasync REPL running as a child process on a pseudo-terminal.
type terminal struct {
	t    *testing.T
	pty  *os.File
	cmd  *exec.Cmd
	mu   sync.Mutex
	out  bytes.Buffer
	seen int // how much of out expect has consumed
	more chan struct{}
	done chan struct{}
}

// startTerminal runs `luasync repl` (this test binary acting as luasync) on a pty,
// with HOME in a temporary folder so that the history file is the test's own.
func startTerminal(t *testing.T, home string) *terminal {
	t.Helper()
	term := startTerminalWith(t, home, "repl")
	term.expect("Ctrl-D to leave")
	return term
}

// startTerminalWith runs luasync with args on a pty.
func startTerminalWith(t *testing.T, home string, args ...string) *terminal {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), childEnvVar+"=1", "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "TERM=xterm")
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 120})
	if err != nil {
		t.Fatal(err)
	}
	term := &terminal{t: t, pty: f, cmd: cmd, more: make(chan struct{}, 1), done: make(chan struct{})}
	go func() {
		defer close(term.done)
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			term.mu.Lock()
			term.out.Write(buf[:n])
			term.mu.Unlock()
			select {
			case term.more <- struct{}{}:
			default:
			}
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		f.Close()
		<-term.done
	})
	return term
}

// waitExit waits for the REPL to end; if it does not, it asks the child for its Go
// stacks (SIGQUIT) so that the failure says where it hangs.
func (term *terminal) waitExit() {
	term.t.Helper()
	select {
	case <-term.done:
	case <-time.After(30 * time.Second):
		term.cmd.Process.Signal(syscall.SIGQUIT)
		select {
		case <-term.done:
		case <-time.After(5 * time.Second):
		}
		term.mu.Lock()
		defer term.mu.Unlock()
		term.t.Fatalf("the REPL did not exit; it shows:\n%s", term.out.String()[term.seen:])
	}
}

func (term *terminal) send(keys string) {
	term.t.Helper()
	if _, err := term.pty.Write([]byte(keys)); err != nil {
		term.t.Fatal(err)
	}
}

// expect waits until want appears in what the terminal shows after the last match;
// it returns what came before it. It waits for output, not for time: the deadline
// only turns a hang into a failure.
func (term *terminal) expect(want string) string {
	term.t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		term.mu.Lock()
		text := term.out.String()[term.seen:]
		if i := strings.Index(text, want); i >= 0 {
			term.seen += i + len(want)
			term.mu.Unlock()
			return text[:i]
		}
		term.mu.Unlock()
		select {
		case <-term.more:
		case <-term.done:
			term.t.Fatalf("the REPL ended before showing %q; it showed:\n%s", want, text)
		case <-deadline:
			term.t.Fatalf("waited 60s for %q; the terminal shows:\n%s", want, text)
		}
	}
}

func TestREPLTerminal(t *testing.T) {
	home := t.TempDir()
	term := startTerminal(t, home)

	// Multi-line input: the continuation prompt, then the loop runs.
	term.prompt()
	term.send("for i = 1, 3 do\r")
	term.expect(">> ")
	term.send("io.write(i, '-')\r")
	term.expect(">> ")
	term.send("end\r")
	term.expect("1-2-3-")

	// Background output appears above the prompt while the person types, and the
	// half-typed line survives it.
	term.prompt()
	term.send("spawn(function() sleep(0.5) print('tick from the background') end)\r")
	term.expect("<Task task-1 pending>")
	term.prompt()
	term.send("answer = 4")
	term.expect("tick from the background")
	term.send("2\r")
	term.prompt()
	term.send("print('answer is ' .. answer)\r")
	term.expect("answer is 42")

	// :tasks lists what waits on what.
	term.prompt()
	term.send("q = Queue()\r")
	term.prompt()
	term.send("spawn(function() sleep(100) q:put(1) end)\r")
	term.expect("<Task task-2 pending>")
	term.prompt()
	term.send(":tasks\r")
	term.expect("2  task-2 waiting on sleep, at stdin:1")

	// A blocked entry: Ctrl-C cancels it, and the prompt comes back.
	term.prompt()
	term.send("print('waiting for an item'); print('got', q:get())\r")
	term.expect("waiting for an item\r\n") // the entry runs: the terminal is no longer in raw mode
	term.send("\x03")
	term.expect("(cancelled: stdin:1: Cancelled: interrupted)")
	term.prompt()
	term.send("print(1 + 1)\r")
	term.expect("2\r\n")

	// Ctrl-C at an empty prompt says how to leave.
	term.prompt()
	term.send("\x03")
	term.expect("to leave, press Ctrl-D")

	// History: the up arrow recalls the last line.
	term.prompt()
	term.send("print('from history')\r")
	term.expect("from history\r\n")
	term.prompt()
	term.send("\x1b[A\r")
	term.expect("from history\r\n")

	// Ctrl-D leaves, cancelling the tasks left and listing them.
	term.prompt()
	term.send("\x04")
	term.expect("cancelled 1 task:")
	term.expect("task-2 waiting on sleep")
	term.waitExit()
	history, err := os.ReadFile(filepath.Join(home, ".config", "luasync", "history"))
	if err != nil || !strings.Contains(string(history), "print('from history')") {
		t.Errorf("history file: %q, %v", history, err)
	}
}

// prompt waits until readline shows an empty prompt: it is reading again, with the
// terminal in raw mode, so keys now go to it (a Ctrl-C sent earlier would be a
// signal).
func (term *terminal) prompt() {
	term.t.Helper()
	term.expect("\r> ")
}

// A piped line longer than 64 KiB (bufio.Scanner's limit) is an entry like any
// other; one longer than the limit is skipped with a message, and the session goes on.
func TestREPLPipedLongLines(t *testing.T) {
	long := "x = '" + strings.Repeat("a", 100_000) + "'\nprint(#x)\n"
	r := runCLI(t, long, "repl", "--clock", "virtual")
	if r.status != exitOK || r.stdout != "100000\n" {
		t.Errorf("status %d, stdout %q, stderr %q", r.status, r.stdout, r.stderr)
	}
	tooLong := "print(1)\n-- " + strings.Repeat("a", maxPipedLine) + "\nprint(2)\n"
	r = runCLI(t, tooLong, "repl", "--clock", "virtual")
	want := fmt.Sprintf("luasync: stdin:2: the line is longer than %d MiB: skipped\n", maxPipedLine>>20)
	if r.status != exitOK || r.stdout != "1\n2\n" || r.stderr != want {
		t.Errorf("status %d, stdout %q, stderr %q; want 0, \"1\\n2\\n\", %q", r.status, r.stdout, r.stderr, want)
	}
	r = runCLI(t, "print(1)\r\nprint(2)", "repl", "--clock", "virtual") // CRLF, and no newline at the end
	if r.stdout != "1\n2\n" {
		t.Errorf("stdout %q, stderr %q", r.stdout, r.stderr)
	}
}

// :help says what Ctrl-C does (TestREPLTerminal checks it does).
func TestREPLHelpSaysWhatCtrlCDoes(t *testing.T) {
	r := runCLI(t, ":help\n", "repl", "--clock", "virtual")
	for _, want := range []string{"Ctrl-C cancels the entry that is running", "at an empty prompt it says how to leave", "=EXPR prints EXPR"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf(":help lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "does nothing") {
		t.Errorf(":help says Ctrl-C does nothing:\n%s", r.stdout)
	}
}

// Code that loops without waiting keeps the baton; the REPL still gets control
// back: Ctrl-C cancels a looping entry, and a looping background task (at the
// prompt), whose cleanup runs; :tasks answers meanwhile; Ctrl-D leaves.
func TestREPLTerminalBusyLoops(t *testing.T) {
	term := startTerminal(t, t.TempDir())

	term.prompt()
	term.send("print('looping'); while true do end\r")
	term.expect("looping\r\n")
	term.send("\x03")
	term.expect("(cancelled: stdin:1: Cancelled: interrupted)")

	term.prompt()
	term.send("spawn(function() local ok, err = pcall(function() print('spinning') while true do end end) print('cleanup', err) end)\r")
	term.expect("spinning")
	term.send(":tasks\r")
	term.expect("1  task-1 running")
	term.prompt()
	term.send("\x03")
	term.expect("(cancelled task-1: it kept the baton")
	term.expect("cleanup\tCancelled: interrupted")
	term.send("print('the prompt is free')\r")
	term.expect("the prompt is free\r\n")

	term.prompt()
	term.send("spawn(function() print('spinning again') while true do end end)\r")
	term.expect("spinning again")
	term.send("\x04")
	term.expect("cancelled 1 task:")
	term.expect("task-2 running")
	term.waitExit()
}

// Piped input that ends while a task loops without waiting: the task is cancelled
// at its next instruction (its cleanup runs), the session lists it and ends. A task
// that goes on looping after its cleanup is stopped once the cleanup time is over.
func TestREPLPipedEndsWhileATaskLoops(t *testing.T) {
	for _, c := range []struct {
		name, task string
		stdout     string
		stderr     []string
	}{
		{"the task is cancelled and cleans up",
			"local ok, err = pcall(function() print('spinning') while true do end end) print('cleanup', err)",
			"<Task task-1 pending>\nspinning\ncleanup\tCancelled: the session is closing\n",
			[]string{"cancelled 1 task:\n  task-1 running"}},
		{"the task loops on after its cleanup: stopped past the cleanup time",
			"pcall(function() print('spinning') while true do end end) print('cleanup') while true do end",
			"<Task task-1 pending>\nspinning\ncleanup\n",
			[]string{"the tasks did not finish their cleanup in 50ms: stopped", "cancelled 1 task:\n  task-1 running"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			defer func(limit time.Duration) { cleanupLimit = limit }(cleanupLimit)
			cleanupLimit = 50 * time.Millisecond
			stdin, input := io.Pipe()
			out := &lineSignal{marker: "spinning", ready: make(chan struct{})}
			go func() {
				io.WriteString(input, "spawn(function() "+c.task+" end)\n")
				<-out.ready
				input.Close()
			}()
			var errOut bytes.Buffer
			status := runWith([]string{"luasync", "repl"}, testEnv(t, stdin, out, &errOut))
			if status != exitOK {
				t.Errorf("status %d", status)
			}
			if got := out.buf.String(); got != c.stdout {
				t.Errorf("stdout %q, want %q", got, c.stdout)
			}
			for _, want := range c.stderr {
				if !strings.Contains(errOut.String(), want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut.String())
				}
			}
		})
	}
}

// A task that catches even the stop, and loops on: the session still ends, the
// stop time after the cleanup time (a child process: the task is left behind).
func TestREPLPipedLeavesAStubbornLoopBehind(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "repl")
	cmd.Env = append(os.Environ(), childEnvVar+"=1")
	// The input ends once the task runs (were it still pending, it would just be
	// cancelled before it starts).
	input, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	output, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	io.WriteString(input, "spawn(function() print('spinning') while true do pcall(function() while true do end end) end end)\n")
	for lines := bufio.NewReader(output); ; { // the entry's value, then the task's line
		line, err := lines.ReadString('\n')
		if err != nil {
			input.Close()
			cmd.Wait()
			t.Fatalf("stdout ended before the task ran: %v; stderr:\n%s", err, errOut.String())
		}
		if line == "spinning\n" {
			break
		}
	}
	input.Close()
	io.Copy(io.Discard, output)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("%v; stderr:\n%s", err, errOut.String())
	}
	// (The stop itself ends the loop: the interpreter raises it at every instruction
	// from then on, and the outer loop is outside the pcall.)
	for _, want := range []string{"the tasks did not finish their cleanup in 5s: stopped", "cancelled 1 task:\n  task-1 running"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut.String())
		}
	}
}
