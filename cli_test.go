package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every example of luasync --help works from the folder of README.md, where the
// tests run. The runs go on the virtual clock (the real one only makes them slower);
// the exercise, not yet solved, fails its check, as the help says.
func TestHelpExamplesWork(t *testing.T) {
	help := runCLI(t, "", "--help")
	_, examples, ok := strings.Cut(help.stdout, "Examples (from the folder of README.md):\n")
	if !ok {
		t.Fatalf("--help has no examples:\n%s", help.stdout)
	}
	examples, _, _ = strings.Cut(examples, "\n\n")
	lines := strings.Split(examples, "\n")
	if len(lines) < 5 {
		t.Fatalf("only %d examples:\n%s", len(lines), examples)
	}
	for _, line := range lines {
		command, _, _ := strings.Cut(strings.TrimSpace(line), "  ") // then what it does
		args := strings.Fields(command)
		if args[0] != "luasync" {
			t.Fatalf("an example that is not a luasync command: %q", line)
		}
		args = args[1:]
		switch {
		case len(args) > 0 && strings.HasSuffix(args[0], ".lua"):
			args = append([]string{"--clock", "virtual"}, args...)
		case len(args) > 0 && args[0] == "run" && !strings.Contains(command, "--clock"):
			args = append([]string{"run", "--clock", "virtual"}, args[1:]...)
		}
		r := runCLI(t, "", args...)
		unsolved := len(args) > 0 && args[0] == "check" && r.status == exitFailed && strings.Contains(r.stdout, "FAIL scripts/exercises/")
		report := regexp.MustCompile(`(?m)^luasync: warning: .*\n`).ReplaceAllString(r.stderr, "") // lock.lua's block() is on purpose
		if (r.status != exitOK && !unsolved) || strings.Contains(report, "luasync:") {
			t.Errorf("%s: status %d, stdout:\n%s\nstderr:\n%s", command, r.status, r.stdout, r.stderr)
		}
	}
}

// luasync help is luasync --help, and luasync help run is luasync run --help, as go
// help and git help are.
func TestHelpCommand(t *testing.T) {
	for _, c := range []struct{ help, flag []string }{
		{[]string{"help"}, []string{"--help"}},
		{[]string{"help", "run"}, []string{"run", "--help"}},
		{[]string{"help", "explore"}, []string{"explore", "--help"}},
	} {
		got, want := runCLI(t, "", c.help...), runCLI(t, "", c.flag...)
		if got.status != exitOK || got.stdout != want.stdout || !strings.Contains(got.stdout, "USAGE:") {
			t.Errorf("luasync %s: status %d, stdout:\n%s\nwant luasync %s's:\n%s", strings.Join(c.help, " "), got.status, got.stdout, strings.Join(c.flag, " "), want.stdout)
		}
	}
	if r := runCLI(t, "", "help", "nope"); r.status != exitUsage || !strings.Contains(r.stderr, `luasync: help: unknown command "nope"`) {
		t.Errorf("help nope: %+v", r)
	}
}

// Flag values that parse but make no sense are refused before the script runs, by
// every command that has them: exit status 2, and a message naming the flag.
func TestFlagValuesRefusedBeforeTheRun(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "marker.lua")
	os.WriteFile(script, []byte("print('the script ran')\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "marker.expected"), []byte("the script ran\n"), 0o644)
	missing := filepath.Join(dir, "no", "such", "folder")
	for _, c := range []struct {
		flags    []string
		commands []string // "" is every one of run, check, explore, step
		stderr   string
	}{
		{[]string{"--timeout", "5"}, nil, "luasync: --timeout 5: a duration needs a unit, such as 5s or 2m\n"},
		{[]string{"--timeout", "1h5"}, nil, "luasync: --timeout 1h5: not a duration; write one as 5s, 2m or 1m30s\n"},
		{[]string{"--timeout", "-5s"}, nil, "luasync: --timeout must be positive (or 0: no limit), not -5s\n"},
		{[]string{"--max-tasks", "-1"}, nil, "luasync: --max-tasks must be 0 (no limit) or more, not -1\n"},
		{[]string{"--max-memory", "-3"}, nil, "luasync: --max-memory must be 0 (no limit) or more, not -3\n"},
		{[]string{"--trace", filepath.Join(missing, "t.json")}, nil, "luasync: --trace " + filepath.Join(missing, "t.json") + ": cannot write it: no such file or directory\n"},
		{[]string{"--timeline", filepath.Join(missing, "t.svg")}, nil, "luasync: --timeline " + filepath.Join(missing, "t.svg") + ": cannot write it: no such file or directory\n"},
		{[]string{"--trace", dir}, nil, "luasync: --trace " + dir + ": cannot write it: is a directory\n"},
	} {
		for _, command := range []string{"run", "check", "explore", "step"} {
			args := append(append([]string{command}, c.flags...), script)
			r := runCLI(t, "c\n", args...)
			if r.status != exitUsage || r.stdout != "" || !strings.HasPrefix(r.stderr, c.stderr) {
				t.Errorf("luasync %s: status %d, stdout %q, stderr:\n%s\nwant status 2, no output, and:\n%s", strings.Join(args, " "), r.status, r.stdout, r.stderr, c.stderr)
			}
		}
	}
	if r := runCLI(t, "", "repl", "--max-tasks", "-1"); r.status != exitUsage || !strings.Contains(r.stderr, "--max-tasks must be 0 (no limit) or more, not -1") {
		t.Errorf("repl --max-tasks -1: %+v", r)
	}
	// A file that can be written is left as it was; one that was not there is not made.
	existing := filepath.Join(dir, "existing.json")
	os.WriteFile(existing, []byte("keep me"), 0o644)
	made := filepath.Join(dir, "made.svg")
	if r := runCLI(t, "", "run", "--trace", existing, "--timeline", made, "--schedule", "nope", script); r.status != exitUsage || !strings.Contains(r.stderr, "--schedule must be") {
		t.Errorf("status %d: %s", r.status, r.stderr)
	}
	if b, _ := os.ReadFile(existing); string(b) != "keep me" {
		t.Errorf("the check changed %s: %q", existing, b)
	}
	if _, err := os.Stat(made); err == nil {
		t.Errorf("the check left %s behind", made)
	}
}

// The usage lines of --help and the README's command-line section agree on the
// commands.
func TestHelpListsEveryCommand(t *testing.T) {
	help := runCLI(t, "", "help").stdout
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, command := range regexp.MustCompile(`(?m)^   (\w+) +\S`).FindAllStringSubmatch(help[strings.Index(help, "COMMANDS:"):], -1) {
		if !strings.Contains(string(readme), "luasync "+command[1]) {
			t.Errorf("the README's command line does not mention luasync %s", command[1])
		}
	}
}
