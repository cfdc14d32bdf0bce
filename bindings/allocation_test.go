package bindings

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"luasync/runtime"
)

// runWith runs src as "t.lua" on a virtual clock, with stdin and, if maxMemory is not
// 0, a memory limit with inUse bytes in use.
func runWith(t *testing.T, src string, stdin io.Reader, maxMemory, inUse int64) luaRun {
	t.Helper()
	opts := Options{Stdin: stdin}
	if maxMemory > 0 {
		opts.MaxMemory, opts.MemoryInUse = maxMemory, func() int64 { return inUse }
	}
	return runSnippetWith(t, src, opts)
}

// endless is an input that never ends: zeros, as fast as they are read.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// io.read in Lua 5.1's formats, reading what each returns from the input.
func TestRead(t *testing.T) {
	for _, c := range []struct{ name, stdin, src, want string }{
		{"a line, then the rest", "ab\ncd\n", "print(io.read()) print(io.read('*l')) print(io.read())", "ab\ncd\nnil\n"},
		{"a last line without a newline", "ab", "print(io.read(), io.read())", "ab\tnil\n"},
		{"counts", "abcdef", "print(io.read(2), io.read(0), io.read(10), io.read(0), io.read(1))", "ab\t\tcdef\tnil\tnil\n"},
		{"a fractional count is cut", "abc", "print(io.read(1.9))", "a\n"},
		{"a negative count reads everything", "ab\ncd", "print(io.read(-1)) print(io.read(-1))", "ab\ncd\nnil\n"},
		{"everything, then an empty string", "ab\ncd", "print(io.read('*a')) print(io.read('*a') == '')", "ab\ncd\ntrue\n"},
		{"numbers", " 12\n\t-3.5e1 0x1F x", "print(io.read('*n'), io.read('*n'), io.read('*n'), io.read('*n'), io.read(1))", "12\t-35\t31\tnil\tx\n"},
		{"a numeral of 200 digits", strings.Repeat("1", 200) + "\n", "print(io.read('*n') > 1e199)", "true\n"},
		{"300 KB of digits are not a number, and take no time", strings.Repeat("1", 300_000) + "\n5", "print(io.read('*n'), io.read('*n'))", "nil\t5\n"},
		{"lines", "a\nb\n\nc", "for l in io.lines() do io.write('[', l, ']') end print()", "[a][b][][c]\n"},
		{"methods", "ab\ncd", "print(io.stdin:read(), io.stdin:read('*a'))", "ab\tcd\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runWith(t, c.src, strings.NewReader(c.stdin), 0, 0)
			if r.err != nil || r.failure() != "" {
				t.Fatalf("run: %v %s", r.err, r.failure())
			}
			if r.out != c.want {
				t.Errorf("printed %q, want %q", r.out, c.want)
			}
		})
	}
}

// A read is capped: a huge count allocates only as the bytes come, and past 64 MiB
// (or what the memory limit leaves) it is an error, never Go's out-of-memory crash.
func TestReadCaps(t *testing.T) {
	r := runWith(t, "print(pcall(io.read, 2^40))\nprint(pcall(io.read, '*a'))\nprint(pcall(io.read))", endless{}, 0, 0)
	want := "false\tt.lua:1: io.read: the result would be more than 64 MiB; the limit is 64 MiB\n" +
		"false\tt.lua:2: io.read: the result would be more than 64 MiB; the limit is 64 MiB\n" +
		"false\tt.lua:3: io.read: the result would be more than 64 MiB; the limit is 64 MiB\n"
	if r.err != nil || r.out != want {
		t.Errorf("printed %q (%v), want %q", r.out, r.err, want)
	}
	r = runWith(t, "print(pcall(io.read, 2^40))", endless{}, 100<<20, 90<<20)
	var limit *LimitError
	if !errors.As(r.err, &limit) || !strings.Contains(limit.Error(), "memory limit exceeded (100 MiB, --max-memory; t.lua:1: io.read would need more than 5 MiB") {
		t.Errorf("under the memory limit: %v, printed %q", r.err, r.out)
	}
}

// Results past what the memory limit leaves stop the run, as passing the limit does;
// past 64 MiB they are a Lua error.
func TestAllocationCaps(t *testing.T) {
	for _, c := range []struct{ name, src, what string }{
		{"string.rep", "local s = ('x'):rep(3 * 2^20)", "string.rep would need 3 MiB, 2 MiB are left"},
		{"table.concat", "local s = ('x'):rep(2^20)\nlocal t = {s, s, s}\nlocal r = table.concat(t, ',')", "t.lua:4: table.concat would need 3 MiB, 2 MiB are left"},
		{"string.format", "local s = ('x'):rep(2^20)\nlocal r = ('%s%s%q'):format(s, s, s)", "t.lua:3: string.format would need 4 MiB, 2 MiB are left"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runWith(t, "print(pcall(function()\n"+c.src+"\nend))", strings.NewReader(""), 100<<20, 98<<20)
			var limit *LimitError
			if !errors.As(r.err, &limit) || !strings.Contains(limit.Error(), c.what) {
				t.Errorf("%v, printed %q; want a memory limit error with %q", r.err, r.out, c.what)
			}
		})
	}
	r := runWith(t, "local t = {}\nfor i = 1, 70 do t[i] = ('x'):rep(2^20) end\nprint(pcall(table.concat, t))\n"+
		"print(pcall(string.format, '%s%s', t[1]:rep(40), t[1]:rep(40)))\nprint(#table.concat(t, '', 1, 3), #('%s'):format(t[1]))", strings.NewReader(""), 0, 0)
	want := "false\tt.lua:3: table.concat: the result would be 70 MiB; the limit is 64 MiB\n" +
		"false\tt.lua:4: string.format: the result would be 80 MiB; the limit is 64 MiB\n3145728\t1048576\n"
	if r.err != nil || r.out != want {
		t.Errorf("printed %q (%v), want %q", r.out, r.err, want)
	}
}

// waitingReader is an input that never comes: Read says it started, then blocks
// until the reader is closed.
type waitingReader struct {
	reading chan struct{}
	closed  chan struct{}
}

func (w *waitingReader) Read([]byte) (int, error) {
	close(w.reading)
	<-w.closed
	return 0, io.EOF
}

// A task waiting for input that never comes is stopped with the run (a timeout, a
// limit, os.exit): the read waits on a helper goroutine, the task for it or the stop.
func TestReadHonoursTheStop(t *testing.T) {
	in := &waitingReader{reading: make(chan struct{}), closed: make(chan struct{})}
	defer close(in.closed)
	stopped := errors.New("stopped")
	s := runtime.New(runtime.Options{Clock: runtime.NewVirtualClock()})
	var out bytes.Buffer
	m := New(s, Options{Stdout: &out, Stderr: &out, Stdin: in, Script: "t.lua"})
	defer m.Close()
	chunk, err := m.Load("t.lua", []byte("print(io.read())\nprint('after')"))
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		<-in.reading
		s.Abort(stopped)
	}()
	if err := s.Run(m.MainTask(chunk)); err != stopped || out.String() != "" {
		t.Errorf("Run: %v, printed %q; want the stop and nothing printed", err, out.String())
	}
}

// load with a reader that never ends stops at 16 MiB; require reads no more of a
// file than that (it may be a link to /dev/zero).
func TestLoadAndRequireCaps(t *testing.T) {
	r := runWith(t, "local piece = ('x'):rep(2^20)\nprint(load(function() return piece end))", strings.NewReader(""), 0, 0)
	if want := "nil\t(load): the chunk is more than 16 MiB; the limit is 16 MiB\n"; r.err != nil || r.out != want {
		t.Errorf("load: printed %q (%v), want %q", r.out, r.err, want)
	}
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "zero.lua"))
	if err == nil {
		err = f.Truncate(maxSource + 1) // zeros, and a hole on the disk
		f.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	s := runtime.New(runtime.Options{Clock: runtime.NewVirtualClock()})
	m := New(s, Options{Stdout: &out, Stderr: &out, Script: filepath.Join(dir, "main.lua")})
	defer m.Close()
	chunk, err := m.Load("main.lua", []byte("print(pcall(require, 'zero'))"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Run(m.MainTask(chunk)); err != nil || !strings.Contains(out.String(), "zero.lua is more than 16 MiB; the limit is 16 MiB") {
		t.Errorf("require: %v, printed %q", err, out.String())
	}
}

// With --unsafe, gopher-lua's own file reads allocate a count before reading: a huge
// count is checked as the sandbox's are, a negative one reads everything.
func TestUnsafeReadCaps(t *testing.T) {
	path := filepath.Join(t.TempDir(), "in.txt")
	if err := os.WriteFile(path, []byte("abc\ndef"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	s := runtime.New(runtime.Options{Clock: runtime.NewVirtualClock()})
	m := New(s, Options{Stdout: &out, Stderr: &out, Script: "t.lua", Unsafe: true})
	defer m.Close()
	chunk, err := m.Load("t.lua", []byte("local f = io.open('"+path+"')\nprint(pcall(f.read, f, 2^40))\nprint(f:read(2), f:read(-1))\nf:close()"))
	if err != nil {
		t.Fatal(err)
	}
	want := "false\tt.lua:2: io.read: the result would be 1024.0 GiB; the limit is 64 MiB\nab\tc\ndef\n"
	if err := s.Run(m.MainTask(chunk)); err != nil || out.String() != want {
		t.Errorf("%v, printed %q, want %q", err, out.String(), want)
	}
}
