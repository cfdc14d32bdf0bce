package repl

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	base "luasync/internal/cli"
	"luasync/internal/clitest"
)

func TestMain(m *testing.M) { clitest.Main(m, commands) }

// commands is the command line these tests run: the REPL alone.
var commands = []base.Command{Command}

// cliResult is what one in-process run of the command line produced.
type cliResult struct {
	status         int
	stdout, stderr string
}

// runCLI runs luasync args... in process, with stdin as its input.
func runCLI(t *testing.T, stdin string, args ...string) cliResult {
	t.Helper()
	r := clitest.Run(t, commands, stdin, args...)
	return cliResult{r.Status, r.Stdout, r.Stderr}
}

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
			"<Task pending name='Task-1' coro=<<lambda>() running at stdin:1>>\nbackground\nentry\n", nil},
		{"an error is reported and the session goes on", "error('oops')\nprint('still here')\n", "still here\n",
			[]string{"stdin:1: oops\nstack traceback:"}},
		{"a deadlock names the tasks and cancels the entry", "q = Queue()\nq:get()\nprint('after')\n", "after\n",
			[]string{"luasync: deadlock: 1 task is waiting and nothing can wake it\n  repl waiting on Queue.get <Queue maxsize=0 _getters[1]>, at stdin:1", "(cancelled: stdin:1: Cancelled: deadlock)"}},
		{"tasks waiting on what the person may still do are not a deadlock", "q = Queue()\nt = spawn(function() print('got', q:get()) end)\nsleep(0)\n:tasks\nq:put('x')\nsleep(0)\n",
			"   1  Task-1 waiting on Queue.get <Queue maxsize=0 _getters[1]>, at stdin:1\ngot\tx\n", nil},
		{"a background failure is reported at once", "spawn(function() error('bg boom') end)\nsleep(0)\n", "<Task pending name='Task-1' coro=<<lambda>() running at stdin:1>>\n",
			[]string{"Task-1 failed: stdin:1: bg boom"}},
		{":where shows a waiting task's traceback", "e = Event()\nspawn(function()\n  local function wait_here() e:wait() end\n  wait_here()\nend)\nsleep(0)\n:where 1\n",
			"<Task pending name='Task-1' coro=<<lambda>() running at stdin:1>>\nTask-1, waiting on Event.wait <Event [unset, waiters:1]>, at stdin:2:\n\tstdin:2: in function 'wait_here'\n\tstdin:3: in function <stdin:1>\n", nil},
		{":load runs a script in the session", ":load scripts/tutorial/lock_sleep.lua\nprint(#all_tasks())\n",
			"Attempting to attain lock\nCurrently Locked\nAttempting to attain lock\nUnlocked Critical Section\nCurrently Locked\nUnlocked Critical Section\nAll Tasks Completed\n1\n", nil},
		{":reset starts afresh", "x = 5\n:reset\nprint(x)\n", "nil\n", []string{"a fresh session"}},
		{"leaving cancels the tasks left and lists them", "e = Event()\nspawn(function() local ok, err = pcall(e.wait, e) print('cleanup', err) end)\nsleep(0)\n",
			"<Task pending name='Task-1' coro=<<lambda>() running at stdin:1>>\ncleanup\tCancelled: the session is closing\n", []string{"cancelled 1 task:\n  Task-1 waiting on Event.wait <Event [unset, waiters:1]>, at stdin:1"}},
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
	for _, want := range []string{"   1  Task-1 waiting on Queue.join <Queue maxsize=0 _queue=[table: 0x", "] tasks=1>, at stdin:1\ntrue\t<Queue maxsize=0>\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	if r.stderr != "" {
		t.Errorf("stderr:\n%s", r.stderr)
	}
}

// A piped line longer than 64 KiB (bufio.Scanner's limit) is an entry like any
// other; one longer than the limit is skipped with a message, and the session goes on.
func TestREPLPipedLongLines(t *testing.T) {
	long := "x = '" + strings.Repeat("a", 100_000) + "'\nprint(#x)\n"
	r := runCLI(t, long, "repl", "--clock", "virtual")
	if r.status != base.ExitOK || r.stdout != "100000\n" {
		t.Errorf("status %d, stdout %q, stderr %q", r.status, r.stdout, r.stderr)
	}
	tooLong := "print(1)\n-- " + strings.Repeat("a", maxPipedLine) + "\nprint(2)\n"
	r = runCLI(t, tooLong, "repl", "--clock", "virtual")
	want := fmt.Sprintf("luasync: stdin:2: the line is longer than %d MiB: skipped\n", maxPipedLine>>20)
	if r.status != base.ExitOK || r.stdout != "1\n2\n" || r.stderr != want {
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
			"<Task pending name='Task-1' coro=<<lambda>() running at stdin:1>>\nspinning\ncleanup\tCancelled: the session is closing\n",
			[]string{"cancelled 1 task:\n  Task-1 running"}},
		{"the task loops on after its cleanup: stopped past the cleanup time",
			"pcall(function() print('spinning') while true do end end) print('cleanup') while true do end",
			"<Task pending name='Task-1' coro=<<lambda>() running at stdin:1>>\nspinning\ncleanup\n",
			[]string{"the tasks did not finish their cleanup in 50ms: stopped", "cancelled 1 task:\n  Task-1 running"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			defer func(limit time.Duration) { cleanupLimit = limit }(cleanupLimit)
			cleanupLimit = 50 * time.Millisecond
			stdin, input := io.Pipe()
			out := clitest.NewLineSignal("spinning")
			go func() {
				io.WriteString(input, "spawn(function() "+c.task+" end)\n")
				<-out.Ready
				input.Close()
			}()
			var errOut bytes.Buffer
			status := base.Run([]string{"luasync", "repl"}, &base.Env{Stdin: stdin, Stdout: out, Stderr: &errOut}, commands)
			if status != base.ExitOK {
				t.Errorf("status %d", status)
			}
			if got := out.String(); got != c.stdout {
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
