package playground

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	base "luasync/internal/cli"
	"luasync/internal/clitest"
)

func TestMain(m *testing.M) { clitest.Main(m, commands) }

var commands = []base.Command{Command}

// testCache is where the tests' browser build goes, kept from one test run to the
// next (one build per state of the sources; the Go build cache makes it quick).
var testCache = filepath.Join(os.TempDir(), "luasync-playground-test")

var (
	siteOnce sync.Once
	site     *Site
	siteErr  error
)

func testSite(t *testing.T) *Site {
	t.Helper()
	siteOnce.Do(func() { site, siteErr = NewSite("", testCache, io.Discard) })
	if siteErr != nil {
		t.Fatal(siteErr)
	}
	return site
}

// The server sends the page, the wasm as application/wasm, wasm_exec.js and the
// menus with the tutorial, the examples and the exercises with their READMEs.
func TestHandlerServesThePage(t *testing.T) {
	srv := httptest.NewServer(testSite(t).Handler())
	defer srv.Close()
	get := func(path string) (string, string) {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Fatalf("%s: %s", path, res.Status)
		}
		return string(b), res.Header.Get("Content-Type")
	}
	if page, _ := get("/"); !strings.Contains(page, `<script src="editor.js">`) {
		t.Errorf("index: %.200s", page)
	}
	if wasm, typ := get("/luasync.wasm"); typ != "application/wasm" || !strings.HasPrefix(wasm, "\x00asm") {
		t.Errorf("wasm: %s, %q", typ, wasm[:min(8, len(wasm))])
	}
	if js, _ := get("/wasm_exec.js"); !strings.Contains(js, "class Go") && !strings.Contains(js, "Go = class") {
		t.Errorf("wasm_exec.js: %.100s", js)
	}
	menus, _ := get("/scripts.json")
	for _, want := range []string{`"name":"lock"`, `"title":"examples"`, `"name":"01-lost-update"`, `"readme":"`} {
		if !strings.Contains(menus, want) {
			t.Errorf("scripts.json lacks %s", want)
		}
	}
}

// --export writes the same page as a static folder.
func TestExportWritesAStaticFolder(t *testing.T) {
	testSite(t) // the build, once
	dir := filepath.Join(t.TempDir(), "site")
	r := clitest.Run(t, commands, "", "playground", "--cache", testCache, "--export", dir)
	if r.Status != 0 {
		t.Fatalf("status %d: %s", r.Status, r.Stderr)
	}
	for _, name := range []string{"index.html", "app.js", "editor.js", "worker.js", "style.css", "luasync.wasm", "wasm_exec.js", "scripts.json"} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// A changed source gets another build: the cache is keyed by the sources.
func TestSourceHashFollowsTheSources(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module luasync\n")
	write("a/a.go", "package a\n")
	h1, _ := sourceHash(dir, []byte("go1"))
	write("a/a_test.go", "package a\n")
	write(".git/x.go", "package x\n")
	if h, _ := sourceHash(dir, []byte("go1")); h != h1 {
		t.Errorf("a test or .git changed the key")
	}
	write("a/a.go", "package a // changed\n")
	h2, _ := sourceHash(dir, []byte("go1"))
	h3, _ := sourceHash(dir, []byte("go2"))
	if h2 == h1 || h3 == h2 {
		t.Errorf("keys %s %s %s: a changed source or toolchain must change the key", h1, h2, h3)
	}
}

// Bad input: arguments, a folder that is not luasync's, an address in use.
func TestPlaygroundRefusesBadInput(t *testing.T) {
	ln, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"playground", "x.lua"}, "playground: no arguments"},
		{[]string{"playground", "--source", t.TempDir()}, "is not luasync's source folder"},
		{[]string{"playground", "--cache", testCache, "--listen", ln.Addr().String()}, "address already in use"},
	} {
		if c.args[1] == "--cache" {
			testSite(t)
		}
		r := clitest.Run(t, commands, "", c.args...)
		if r.Status != base.ExitUsage || !strings.Contains(r.Stderr, c.want) {
			t.Errorf("%v: status %d, stderr %q, want %q", c.args, r.Status, r.Stderr, c.want)
		}
	}
}

// luasync playground serves at the address it prints, until Ctrl-C.
func TestPlaygroundServesUntilInterrupted(t *testing.T) {
	testSite(t) // the build, once
	out, w := io.Pipe()
	interrupts := make(chan os.Signal, 1)
	var stderr strings.Builder
	done := make(chan int)
	go func() {
		defer w.Close()
		done <- base.Run([]string{"luasync", "playground", "--cache", testCache, "--listen", "127.0.0.1:0"}, &base.Env{
			Stdin: strings.NewReader(""), Stdout: w, Stderr: &stderr, Interrupts: interrupts,
			ExitNow: func(code int) { t.Errorf("ExitNow(%d)", code) },
		}, commands)
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	fields := strings.Fields(line)
	if len(fields) < 3 || !strings.HasPrefix(fields[2], "http://127.0.0.1:") {
		t.Fatalf("printed %q", line)
	}
	url := fields[2]
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("GET %s: %s", url, res.Status)
	}
	interrupts <- os.Interrupt
	go io.Copy(io.Discard, out)
	if status := <-done; status != 0 {
		t.Errorf("status %d after Ctrl-C: %s", status, stderr.String())
	}
}
