package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// writeFiles makes a folder with the given files (name -> content) and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestCheckPassAndFail(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"good.lua":          "sleep(3600)\nprint('one')\nprint('two')\n",
		"good.expected":     "one\ntwo\n",
		"wrong.lua":         "print('one')\nprint('three')\n",
		"wrong.expected":    "one\ntwo\n",
		"stuck.lua":         "Queue():get()\n",
		"stuck.expected":    "",
		"args.lua":          "--! args: a b\nprint(...)\n",
		"args.expected":     "a\tb\n",
		"exit.lua":          "--! exit: 3\nprint('before')\nLock():acquire() Queue():get()\n",
		"exit.expected":     "before\n",
		"module.lua":        "return {}\n", // no expected output: not a check
		"sub/deep.lua":      "print(math.random(1, 10^6))\n",
		"sub/deep.expected": "",
	})
	r := runCLI(t, "", "check", "--update", filepath.Join(dir, "sub"))
	if r.status != 0 {
		t.Fatalf("update: %+v", r)
	}
	r = runCLI(t, "", "check", dir)
	if r.status != exitFailed {
		t.Errorf("status %d, want 1", r.status)
	}
	for _, want := range []string{
		"PASS " + filepath.Join(dir, "args.lua"),
		"PASS " + filepath.Join(dir, "exit.lua"),
		"PASS " + filepath.Join(dir, "good.lua"),
		"PASS " + filepath.Join(dir, "sub", "deep.lua"),
		"FAIL " + filepath.Join(dir, "stuck.lua"),
		"    exit status 3, want 0\n    luasync: deadlock: 1 task is waiting",
		"FAIL " + filepath.Join(dir, "wrong.lua"),
		"    --- " + filepath.Join(dir, "wrong.expected") + "\n    +++ stdout\n    @@ -1,2 +1,2 @@\n     one\n    -two\n    +three\n",
		"4 passed, 2 failed\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "module.lua") {
		t.Errorf("a script without an expected output was checked:\n%s", r.stdout)
	}
	// Another seed gives another number.
	if r := runCLI(t, "", "check", "--seed", "2", filepath.Join(dir, "sub")); r.status != exitFailed {
		t.Errorf("--seed 2 passed: %s", r.stdout)
	}
}

func TestCheckUsage(t *testing.T) {
	dir := writeFiles(t, map[string]string{"lonely.lua": "print(1)\n"})
	for _, c := range []struct {
		args   []string
		status int
		want   string
	}{
		{[]string{"check"}, exitUsage, "which scripts?"},
		{[]string{"check", "/no/such/place"}, exitUsage, "cannot check /no/such/place"},
		{[]string{"check", dir}, exitUsage, "no scripts with an expected output found"},
		{[]string{"check", filepath.Join(dir, "lonely.lua")}, exitFailed, "no expected-output file: write " + filepath.Join(dir, "lonely.expected")},
	} {
		r := runCLI(t, "", c.args...)
		if r.status != c.status || !strings.Contains(r.stdout+r.stderr, c.want) {
			t.Errorf("%v: status %d, output %q %q; want %d and %q", c.args, r.status, r.stdout, r.stderr, c.status, c.want)
		}
	}
}

// An exercise folder: check grades exercise.lua by default and solution.lua with
// --solutions; --update writes expected.txt from the solution only.
func TestCheckExerciseFolder(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"ex/README.md":    "# story\n",
		"ex/exercise.lua": "print('wrong')\n",
		"ex/solution.lua": "print('right')\n",
	})
	if r := runCLI(t, "", "check", "--update", filepath.Join(dir, "ex", "exercise.lua")); r.status != exitFailed || !strings.Contains(r.stdout, "not updated from a starter") {
		t.Errorf("update from starter: %+v", r)
	}
	if r := runCLI(t, "", "check", "--update", "--solutions", dir); r.status != 0 {
		t.Fatalf("update: %+v", r)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "ex", "expected.txt")); string(b) != "right\n" {
		t.Errorf("expected.txt: %q", b)
	}
	if r := runCLI(t, "", "check", dir); r.status != exitFailed || !strings.Contains(r.stdout, "FAIL "+filepath.Join(dir, "ex", "exercise.lua")) {
		t.Errorf("starter: %+v", r)
	}
	if r := runCLI(t, "", "check", "--solutions", dir); r.status != 0 || !strings.Contains(r.stdout, "PASS "+filepath.Join(dir, "ex", "solution.lua")) {
		t.Errorf("solution: %+v", r)
	}
}

// A script printing megabytes of one line fails with a report of a few lines, each
// cut, not with its whole output.
func TestCheckReportOfHugeOutput(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"loud.lua":      "for i = 1, 8 do io.write(string.rep('x', 2^20)) end\nerror(string.rep('e', 2^20))\n",
		"loud.expected": "quiet\n",
	})
	r := runCLI(t, "", "check", dir)
	if r.status != exitFailed || !strings.Contains(r.stdout, "FAIL "+filepath.Join(dir, "loud.lua")) {
		t.Fatalf("status %d:\n%.2000s", r.status, r.stdout)
	}
	if len(r.stdout) > 10000 || !strings.Contains(r.stdout, "+xxxxx") || !strings.Contains(r.stdout, "bytes more)") {
		t.Errorf("a report of %d bytes:\n%.3000s", len(r.stdout), r.stdout)
	}
}

// check reads only regular files, so that a FIFO cannot hang it and a symlink to
// /dev/zero cannot fill its memory; --update writes only into one.
func TestCheckRefusesFilesThatAreNotFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"zero/exercise.lua": "print('hi')\n",
		"fifo/exercise.lua": "print('hi')\n",
		"script.expected":   "hi\n",
		"fifo.expected":     "hi\n",
		"out.lua":           "print('hi')\n",
	})
	mustSymlink(t, "/dev/zero", filepath.Join(dir, "zero", "expected.txt"))
	mustSymlink(t, "/dev/zero", filepath.Join(dir, "script.lua"))
	for _, p := range []string{filepath.Join(dir, "fifo", "expected.txt"), filepath.Join(dir, "fifo.lua"), filepath.Join(dir, "out.expected")} {
		if err := unix.Mkfifo(p, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := runCLI(t, "", "check", filepath.Join(dir, "zero"), filepath.Join(dir, "fifo"), filepath.Join(dir, "script.lua"), filepath.Join(dir, "fifo.lua"))
	for _, want := range []string{
		"FAIL " + filepath.Join(dir, "zero", "exercise.lua"),
		"    " + filepath.Join(dir, "zero", "expected.txt") + ": not a regular file (a device); check reads only files",
		"FAIL " + filepath.Join(dir, "fifo", "exercise.lua"),
		"    " + filepath.Join(dir, "fifo", "expected.txt") + ": not a regular file (a FIFO); check reads only files",
		"FAIL " + filepath.Join(dir, "script.lua"),
		"    " + filepath.Join(dir, "script.lua") + ": not a regular file (a device); check reads only files",
		"    " + filepath.Join(dir, "fifo.lua") + ": not a regular file (a FIFO); check reads only files",
		"0 passed, 4 failed",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	r = runCLI(t, "", "check", "--update", filepath.Join(dir, "out.lua"))
	if want := filepath.Join(dir, "out.expected") + ": not a regular file (a FIFO); check writes only files"; r.status != exitFailed || !strings.Contains(r.stdout, want) {
		t.Errorf("update into a FIFO: status %d, output lacks %q:\n%s", r.status, want, r.stdout)
	}
}

func mustSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// A folder's name with a newline cannot forge a line of the report: such names are
// quoted.
func TestCheckQuotesStrangeNames(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"x\nPASS forged.lua (0.00s)\ny/bad.lua":      "print('wrong')\n",
		"x\nPASS forged.lua (0.00s)\ny/bad.expected": "right\n",
	})
	r := runCLI(t, "", "check", dir)
	if strings.Contains(r.stdout, "\nPASS") || !strings.Contains(r.stdout, `FAIL "`+dir+`/x\nPASS forged.lua (0.00s)\ny/bad.lua" (`) {
		t.Errorf("status %d:\n%s", r.status, r.stdout)
	}
}
