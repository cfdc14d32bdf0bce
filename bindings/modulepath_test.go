package bindings

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"

	"luasync/runtime"
)

// require follows symlinks only within the script's folder: a link to a folder or
// file outside it, or to a device, is refused; a FIFO is not read (it would block).
func TestRequireStaysInTheScriptsFolder(t *testing.T) {
	top, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(top, "script")
	for path, content := range map[string]string{
		"script/util.lua":      "return 'util'",
		"script/sub/real.lua":  "return 'real'",
		"elsewhere/secret.lua": "return 'secret'",
		"elsewhere/leaked.lua": "return 'leaked'",
	} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(top, path)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(top, path), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		"lib":        "../elsewhere",
		"inside.lua": "sub/real.lua",
		"leak.lua":   filepath.Join(top, "elsewhere", "leaked.lua"),
		"zero.lua":   "/dev/zero",
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	if err := unix.Mkfifo(filepath.Join(dir, "fifo.lua"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	s := runtime.New(runtime.Options{Clock: runtime.NewVirtualClock()})
	m := New(s, Options{Stdout: &out, Stderr: &out, Script: filepath.Join(dir, "main.lua")})
	defer m.Close()
	chunk, err := m.Load("main.lua", []byte(`
		for _, name in ipairs({"util", "sub.real", "inside", "lib.secret", "leak", "zero", "fifo"}) do
			print(pcall(require, name))
		end`))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Run(m.MainTask(chunk)); err != nil {
		t.Fatal(err)
	}
	want := "true\tutil\ntrue\treal\ntrue\treal\n" +
		"false\tmain.lua:3: module 'lib.secret' not found: " + filepath.Join(dir, "lib", "secret.lua") + " leads to " + filepath.Join(top, "elsewhere", "secret.lua") + ", outside the script's folder (modules come from the script's folder)\n" +
		"false\tmain.lua:3: module 'leak' not found: " + filepath.Join(dir, "leak.lua") + " leads to " + filepath.Join(top, "elsewhere", "leaked.lua") + ", outside the script's folder (modules come from the script's folder)\n" +
		"false\tmain.lua:3: module 'zero' not found: " + filepath.Join(dir, "zero.lua") + " leads to /dev/zero, outside the script's folder (modules come from the script's folder)\n" +
		"false\tmain.lua:3: module 'fifo' not found: " + filepath.Join(dir, "fifo.lua") + " is not a regular file (modules come from the script's folder)\n"
	if out.String() != want {
		t.Errorf("printed:\n%s\nwant:\n%s", out.String(), want)
	}
}
