package main

import (
	"bufio"
	"bytes"
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
	term.expect("<Task pending name='Task-1' coro=<<lambda>() running at stdin:1>>")
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
	term.expect("<Task pending name='Task-2' coro=<<lambda>() running at stdin:1>>")
	term.prompt()
	term.send(":tasks\r")
	term.expect("2  Task-2 waiting on sleep, at stdin:1")

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
	term.expect("Task-2 waiting on sleep")
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
	term.expect("spinning\r\n") // printed by the task, not the line typed
	term.send(":tasks\r")
	term.expect("1  Task-1 running")
	term.prompt()
	term.send("\x03")
	term.expect("(cancelled Task-1: it kept the baton")
	term.expect("cleanup\tCancelled: interrupted")
	term.send("print('the prompt is free')\r")
	term.expect("the prompt is free\r\n")

	term.prompt()
	term.send("spawn(function() print('spinning again') while true do end end)\r")
	term.expect("spinning again\r\n") // printed by the task, not the line typed
	term.send("\x04")
	term.expect("cancelled 1 task:")
	term.expect("Task-2 running")
	term.waitExit()
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
	for _, want := range []string{"the tasks did not finish their cleanup in 5s: stopped", "cancelled 1 task:\n  Task-1 running"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut.String())
		}
	}
}
