package bindings

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// stream is one of the script's standard streams: io.stdin, io.stdout, io.stderr.
type stream struct {
	name string
	w    *output
	r    *bufio.Reader
}

func (s *stream) String() string { return "file (" + s.name + ")" }

// openIO makes the io library of the sandbox: io.write, io.read and io.lines on the
// run's own stdin and stdout, and io.stdin, io.stdout, io.stderr with read, write,
// lines, flush and close. Files cannot be opened. Reading stdin holds the baton, like
// any blocking call made inside async code.
func (m *Module) openIO() {
	L := m.L
	m.newType("file", "file", []builtin{
		{"write", func(c call) int { return m.write(c.L, receiver[*stream](c), 2) }},
		{"read", func(c call) int { return m.read(c.L, receiver[*stream](c), 2) }},
		{"lines", func(c call) int { return m.lines(c.L, receiver[*stream](c)) }},
		{"flush", func(c call) int { return 0 }},
		{"close", func(c call) int {
			c.L.Push(lua.LNil)
			c.L.Push(lua.LString("cannot close a standard file"))
			return 2
		}},
		{"setvbuf", func(c call) int { c.L.Push(lua.LTrue); return 1 }},
	})
	stdin := &stream{name: "stdin", r: bufio.NewReader(m.opts.Stdin)}
	stdout := &stream{name: "stdout", w: m.stdout}
	stderr := &stream{name: "stderr", w: m.stderr}
	lib := L.NewTable()
	for _, s := range []*stream{stdin, stdout, stderr} {
		lib.RawSetString(s.name, m.newUserData(L, s, "file"))
	}
	L.SetFuncs(lib, map[string]lua.LGFunction{
		"write": func(L *lua.LState) int { return m.write(L, stdout, 1) },
		"read":  func(L *lua.LState) int { return m.read(L, stdin, 1) },
		"lines": func(L *lua.LState) int { return m.lines(L, stdin) },
	})
	L.SetGlobal("io", lib)
}

// write writes arguments from..top (strings or numbers) in one write, and returns
// the stream, as Lua's file:write does.
func (m *Module) write(L *lua.LState, s *stream, from int) int {
	if s.w == nil {
		L.RaiseError("%s is not writable", s.name)
	}
	var b strings.Builder
	for i := from; i <= L.GetTop(); i++ {
		switch v := L.Get(i).(type) {
		case lua.LString:
			b.WriteString(string(v))
		case lua.LNumber:
			b.WriteString(v.String())
		default:
			L.ArgError(i-from+1, "string expected, got "+v.Type().String())
		}
	}
	s.w.write(L, b.String())
	L.Push(L.Get(from - 1))
	if from == 1 {
		L.Push(L.GetField(L.GetGlobal("io"), "stdout"))
	}
	return 1
}

// read reads from s in Lua 5.1's formats: "*l" (the default), "*n", "*a", or a
// number of bytes. It returns nil at the end of input.
func (m *Module) read(L *lua.LState, s *stream, from int) int {
	if s.r == nil {
		L.RaiseError("%s is not readable", s.name)
	}
	defer m.watchRead(L)()
	format := L.Get(from)
	if format == lua.LNil {
		format = lua.LString("*l")
	}
	switch f := format.(type) {
	case lua.LNumber:
		buf := make([]byte, int(f))
		n, _ := io.ReadFull(s.r, buf)
		if n == 0 && f > 0 {
			L.Push(lua.LNil)
		} else {
			L.Push(lua.LString(buf[:n]))
		}
	case lua.LString:
		switch strings.TrimPrefix(string(f), "*") {
		case "l", "line":
			line, err := s.r.ReadString('\n')
			if err != nil && line == "" {
				L.Push(lua.LNil)
			} else {
				L.Push(lua.LString(strings.TrimSuffix(line, "\n")))
			}
		case "a", "all":
			all, _ := io.ReadAll(s.r)
			L.Push(lua.LString(all))
		case "n", "number":
			var word string
			for {
				c, err := s.r.ReadByte()
				if err != nil {
					break
				}
				if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
					if word == "" {
						continue
					}
					s.r.UnreadByte()
					break
				}
				word += string(c)
			}
			if n, err := strconv.ParseFloat(word, 64); err == nil {
				L.Push(lua.LNumber(n))
			} else {
				L.Push(lua.LNil)
			}
		default:
			L.ArgError(from, "invalid format")
		}
	default:
		L.ArgError(from, "invalid format")
	}
	return 1
}

// lines returns an iterator over the lines of s.
func (m *Module) lines(L *lua.LState, s *stream) int {
	L.Push(L.NewFunction(func(L *lua.LState) int {
		L.SetTop(0)
		return m.read(L, s, 1)
	}))
	return 1
}
