// Package clitest is what the tests of luasync's command packages share: the hook
// that makes a test binary act as luasync for the children check starts, and the
// command line run in process.
package clitest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"luasync/internal/cli"
	"luasync/internal/leaktest"
)

// ChildEnvVar makes the test binary act as luasync: check runs it as its child.
const ChildEnvVar = "LUASYNC_TEST_CHILD"

// Main is the TestMain of a package whose tests run the command line with the
// given commands. As a child of check (ChildEnvVar set) the test binary is luasync
// with those commands; otherwise it runs the tests from the module's root folder
// (where scripts/ is), then fails if any goroutine is left.
func Main(m *testing.M, commands []cli.Command) {
	if os.Getenv(ChildEnvVar) == "1" {
		os.Exit(cli.Main(os.Args, os.Stdin, os.Stdout, os.Stderr, commands))
	}
	if root, err := moduleRoot(); err == nil {
		os.Chdir(root)
	}
	leaktest.VerifyTestMain(m)
}

// moduleRoot is the folder of go.mod, above the working folder.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	for err == nil {
		if _, statErr := os.Stat(filepath.Join(dir, "go.mod")); statErr == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
	return "", err
}

// Result is what one in-process run of the command line produced.
type Result struct {
	Status         int
	Stdout, Stderr string
}

// Run runs the command line with commands in process, luasync args..., with stdin
// as its input; check's children are this test binary (see Main).
func Run(t *testing.T, commands []cli.Command, stdin string, args ...string) Result {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	status := cli.Run(append([]string{"luasync"}, args...), &cli.Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut,
		ExitNow:  func(code int) { t.Errorf("ExitNow(%d) called", code) },
		SelfPath: exe, ChildEnv: []string{ChildEnvVar + "=1"},
	}, commands)
	return Result{status, out.String(), errOut.String()}
}
