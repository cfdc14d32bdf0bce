package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
