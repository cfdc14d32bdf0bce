package bindings

import (
	"bufio"
	"bytes"
	"io"
	"math"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// stream is one of the script's standard streams: io.stdin, io.stdout, io.stderr.
type stream struct {
	name string
	w    *output
	r    *bufio.Reader
	// pending is a read that a stop or Ctrl-C cut short, still blocked on the
	// reader: the next read waits for it, so that two never share the reader (what
	// it gets is lost, as a line is that Ctrl-C cuts short in a terminal).
	pending <-chan readResult
}

func (s *stream) String() string { return "file (" + s.name + ")" }

// openIO makes the io library of the sandbox: io.write, io.read, io.lines, io.flush
// and io.type on the run's own stdin and stdout, and io.stdin, io.stdout, io.stderr
// with read, write, lines, flush and close. Files cannot be opened. Reading stdin
// holds the baton, like any blocking call made inside async code, but the run's stop
// (a timeout, a limit, os.exit) ends the wait.
func (m *Module) openIO() {
	L := m.L
	m.newType("file", "file", []builtin{
		{"write", func(c call) int { return m.write(c, receiver[*stream](c), 2) }},
		{"read", func(c call) int { return m.read(c, receiver[*stream](c), 2) }},
		{"lines", func(c call) int { return m.lines(c, receiver[*stream](c)) }},
		{"flush", func(c call) int { return pushBool(c.L, true) }},
		{"close", func(c call) int {
			c.L.Push(lua.LNil)
			c.L.Push(lua.LString("cannot close standard file"))
			return 2
		}},
		{"setvbuf", func(c call) int { return pushBool(c.L, true) }},
	})
	stdin := &stream{name: "stdin", r: bufio.NewReader(m.opts.Stdin)}
	m.stdin = stdin
	stdout := &stream{name: "stdout", w: m.stdout}
	stderr := &stream{name: "stderr", w: m.stderr}
	lib := L.NewTable()
	for _, s := range []*stream{stdin, stdout, stderr} {
		lib.RawSetString(s.name, m.newUserData(L, s, "file"))
	}
	L.SetGlobal("io", lib)
	m.setFuncs("io", []builtin{
		{"write", func(c call) int { return m.write(c, stdout, 1) }},
		{"read", func(c call) int { return m.read(c, stdin, 1) }},
		{"lines", func(c call) int {
			if c.L.GetTop() > 0 {
				c.argError(1, "files cannot be opened in the sandbox (--unsafe opens them)")
			}
			return m.lines(c, stdin)
		}},
		{"flush", func(c call) int { return pushBool(c.L, true) }},
		{"type", ioType},
	})
}

// ioType is io.type(v): "file" for one of the standard streams, else nil (the
// sandbox's files cannot be closed).
func ioType(c call) int {
	v := c.L.Get(1)
	if c.L.GetTop() == 0 {
		c.argError(1, "value expected")
	}
	if ud, ok := v.(*lua.LUserData); ok {
		if _, ok := ud.Value.(*stream); ok {
			c.L.Push(lua.LString("file"))
			return 1
		}
	}
	c.L.Push(lua.LNil)
	return 1
}

// write writes arguments from..top (strings or numbers) in one write, and returns
// the stream, as Lua's file:write does.
func (m *Module) write(c call, s *stream, from int) int {
	L := c.L
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
			c.argError(i-from+1, "string expected, got "+v.Type().String())
		}
	}
	s.w.write(L, b.String())
	L.Push(L.Get(from - 1))
	if from == 1 {
		L.Push(L.GetField(L.GetGlobal("io"), "stdout"))
	}
	return 1
}

// read reads from s in Lua 5.1's formats, one value for each format from argument
// from on ("*l" if there is none): "*l", "*n", "*a" (the star may be left out, and
// a word may follow: "*line"), or a number of bytes (a negative number reads
// everything, as Lua 5.1's cast to an unsigned size does; 0 reads nothing and gives
// "", or nil at the end of input). A format that finds nothing gives nil, and the
// formats after it are not read. What one read returns is capped (see
// allocationLimit): past the cap it is an error, not a Go out-of-memory.
func (m *Module) read(c call, s *stream, from int) int {
	L := c.L
	if s.r == nil {
		L.RaiseError("%s is not readable", s.name)
	}
	ops := []readOp{{kind: readLine}}
	if top := L.GetTop(); top >= from {
		ops = make([]readOp, top-from+1)
		for i := range ops {
			ops[i] = c.readFormat(L.Get(from+i), i+1)
		}
	}
	defer m.watchRead(L)()
	for i := range ops {
		ops[i].limit = readLimit{m: m}
		if !m.readOne(L, s, &ops[i]) {
			return i + 1
		}
	}
	return len(ops)
}

// readFormat reads argument n of io.read, the format v, as Lua 5.1 does.
func (c call) readFormat(v lua.LValue, n int) readOp {
	switch f := v.(type) {
	case lua.LNumber:
		switch n := float64(f); {
		case math.IsNaN(n) || n >= 0 && n < 1:
			return readOp{kind: readEnd}
		case n < 0:
			return readOp{kind: readRest}
		default:
			return readOp{kind: readBytes, n: int64(min(n, math.MaxInt64/2))}
		}
	case lua.LString:
		word := strings.TrimPrefix(string(f), "*")
		if word != "" {
			switch word[0] {
			case 'l':
				return readOp{kind: readLine}
			case 'a':
				return readOp{kind: readAll}
			case 'n':
				return readOp{kind: readNumber}
			}
		}
		if word != string(f) {
			c.argError(n, "invalid format")
		}
	}
	c.argError(n, "invalid option")
	return readOp{}
}

// readOne does op on s and pushes what it read, or nil if it found nothing; it
// tells whether it found something.
func (m *Module) readOne(L *lua.LState, s *stream, op *readOp) bool {
	res := m.await(L, s, op)
	switch {
	case res.over > maxStringResult:
		m.refuseAllocation(L, "io.read", float64(res.over), true)
	case res.over > 0: // the memory left was the limit (see readLimit)
		m.stopForMemory(L, "io.read", "more than "+size(float64(res.over-1)), m.memoryLeft())
	case !res.ok:
		L.Push(lua.LNil)
		return false
	case op.kind == readNumber:
		n, ok := parseNumeral(res.s)
		if !ok {
			L.Push(lua.LNil)
			return false
		}
		L.Push(n)
	default:
		L.Push(lua.LString(res.s))
	}
	return true
}

// lines returns an iterator over the lines of s.
func (m *Module) lines(c call, s *stream) int {
	c.L.Push(c.closure(func(c call) int {
		c.L.SetTop(0)
		return m.read(c, s, 1)
	}))
	return 1
}

// readResult is what one read got.
type readResult struct {
	s    string
	ok   bool  // false: nothing to return (the end of input, or not a numeral)
	over int64 // if not 0, the input went on past the limit: this many bytes at least
}

// readOp is one read: what it reads (the format) and how much it may return.
type readOp struct {
	kind  readKind
	n     int64 // readBytes: how many
	limit readLimit
}

type readKind int

const (
	readLine   readKind = iota // "*l"
	readAll                    // "*a": a string, even at the end of input
	readNumber                 // "*n"
	readBytes                  // a count
	readRest                   // a negative count: everything, nil at the end of input
	readEnd                    // 0: "" or nil at the end of input
)

// ready tells whether the bytes already buffered are enough for op.
func (op *readOp) ready(b []byte) bool {
	switch op.kind {
	case readLine:
		return bytes.IndexByte(b, '\n') >= 0
	case readNumber:
		return numeralBuffered(b)
	case readBytes:
		return int64(len(b)) >= op.n
	case readEnd:
		return len(b) > 0
	}
	return false
}

// do reads from r. It touches nothing of Lua: it may run on a helper goroutine.
func (op *readOp) do(r *bufio.Reader) readResult {
	switch op.kind {
	case readLine:
		return readLineFrom(r, &op.limit)
	case readAll:
		res := readUpTo(r, -1, &op.limit)
		res.ok = true
		return res
	case readNumber:
		return readNumeral(r)
	case readBytes:
		return readUpTo(r, op.n, &op.limit)
	case readRest:
		return readUpTo(r, -1, &op.limit)
	}
	_, err := r.Peek(1)
	return readResult{ok: err == nil}
}

// await does op on s's reader and returns what it got. When what is already
// buffered is enough, it reads at once; otherwise the read runs on a helper
// goroutine, which touches nothing of Lua, while the task (keeping the baton) waits
// for it, for the run's stop or for Ctrl-C (see awaitOutside). A read cut short
// stays pending on the reader until its input comes.
func (m *Module) await(L *lua.LState, s *stream, op *readOp) readResult {
	stop := m.sched.Stopping()
	if s.pending != nil {
		select {
		case <-s.pending:
			s.pending = nil
		case <-stop:
			L.RaiseError("%v", runtime.ErrKilled)
		}
	}
	if n := s.r.Buffered(); n > 0 {
		if b, _ := s.r.Peek(n); op.ready(b) {
			return op.do(s.r)
		}
	}
	helper, r := *op, s.r
	return awaitOutside(m, L, func() readResult { return helper.do(r) }, &s.pending)
}

// readLimit is how much one read may return: up to smallAllocation bytes without
// asking, then maxStringResult or half the memory left under the run's limit (the
// read holds its pieces and then the string they make), whichever is less. The
// memory in use is measured once, which is safe from any goroutine.
type readLimit struct {
	m     *Module
	asked bool
	at    int64
}

// allows tells whether a read may return n bytes.
func (l *readLimit) allows(n int64) bool {
	if n <= smallAllocation {
		return true
	}
	if !l.asked {
		l.at, l.asked = min(maxStringResult, max(0, l.m.memoryLeft())/2), true
	}
	return n <= l.at
}

// readUpTo reads n bytes (n < 0: up to the end of input), or fewer at the end of
// input, in pieces as the bytes come (so that a huge n allocates nothing until
// bytes arrive); past the limit it stops (over).
func readUpTo(r *bufio.Reader, n int64, limit *readLimit) readResult {
	var pieces [][]byte
	total := int64(0)
	for n < 0 || total < n {
		want := min(smallAllocation, max(4096, total))
		if n >= 0 {
			want = min(want, n-total)
		}
		piece := make([]byte, want)
		got, _ := io.ReadFull(r, piece)
		pieces = append(pieces, piece[:got])
		total += int64(got)
		if !limit.allows(total) {
			return readResult{over: limit.at + 1}
		}
		if int64(got) < want {
			break
		}
	}
	var b strings.Builder
	b.Grow(int(total))
	for _, p := range pieces {
		b.Write(p)
	}
	return readResult{s: b.String(), ok: total > 0}
}

// readLine reads a line and drops its "\n"; no more than the limit (over).
func readLineFrom(r *bufio.Reader, limit *readLimit) readResult {
	var line []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if !limit.allows(int64(len(line) + len(bytes.TrimSuffix(chunk, []byte{'\n'})))) {
			return readResult{over: limit.at + 1}
		}
		line = append(line, chunk...)
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err != nil && len(line) == 0:
			return readResult{}
		}
		return readResult{s: string(bytes.TrimSuffix(line, []byte{'\n'})), ok: true}
	}
}

// maxNumeral is the longest numeral io.read("*n") reads (Lua 5.2's limit); a longer
// one is read to its end and is not a number.
const maxNumeral = 200

// readNumeral skips white space and reads what could be a numeral, up to the first
// byte that cannot be part of one, which stays unread.
func readNumeral(r *bufio.Reader) readResult {
	var word []byte
	long := false
	for {
		c, err := r.ReadByte()
		if err != nil {
			break
		}
		if isSpace(c) && len(word) == 0 && !long {
			continue
		}
		if !isNumeralByte(c) || len(word) == 0 && !long && !startsNumeral(c) {
			r.UnreadByte()
			break
		}
		if len(word) < maxNumeral {
			word = append(word, c)
		} else {
			long = true
		}
	}
	return readResult{s: string(word), ok: len(word) > 0 && !long}
}

// numeralBuffered tells whether the buffered bytes hold a whole numeral (and what
// ends it), so that io.read("*n") need not wait for more input.
func numeralBuffered(b []byte) bool {
	i := 0
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	for ; i < len(b); i++ {
		if !isNumeralByte(b[i]) {
			return true
		}
	}
	return false
}

func startsNumeral(c byte) bool { return c >= '0' && c <= '9' || c == '.' || c == '+' || c == '-' }

func isSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

func isNumeralByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' ||
		c == '.' || c == '+' || c == '-' || c == 'x' || c == 'X'
}

// parseNumeral reads a decimal or hexadecimal numeral, as Lua 5.1's tonumber does.
func parseNumeral(word string) (lua.LNumber, bool) {
	if h := strings.TrimPrefix(strings.TrimPrefix(word, "0x"), "0X"); h != word && h != "" {
		if n, err := strconv.ParseUint(h, 16, 64); err == nil {
			return lua.LNumber(n), true
		}
		return 0, false
	}
	n, err := strconv.ParseFloat(word, 64)
	if err != nil && !isRangeError(err) {
		return 0, false
	}
	return lua.LNumber(n), true
}

func isRangeError(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// callWith calls fn with the arguments on L's stack and leaves its results above
// them; it returns how many. gopher-lua's io functions are closures (their upvalue
// is the default file): they must be called, not run as a Go function.
func callWith(L *lua.LState, fn *lua.LFunction) int {
	top := L.GetTop()
	L.Push(fn)
	for i := 1; i <= top; i++ {
		L.Push(L.Get(i))
	}
	L.Call(top, lua.MultRet)
	return L.GetTop() - top
}

// capUnsafeReads wraps the reads of gopher-lua's own io library (--unsafe): it
// allocates a count's bytes before reading any, so io.read(2^40) would end the
// process with Go's out-of-memory error, and a negative count is a Go panic. A
// negative count reads everything, as Lua 5.1's does; a huge one is checked as the
// sandbox's results are. The formats are checked and named as the sandbox's are
// ("*line" is "*l"), and a "*n" that finds no numeral gives nil, as in Lua 5.1.
// The writes' argument errors are named as the sandbox's are.
func (m *Module) capUnsafeReads() {
	L := m.L
	wrap := func(t *lua.LTable, from int, name string) {
		read, ok := t.RawGetString("read").(*lua.LFunction)
		if !ok {
			return
		}
		L.SetField(t, "read", m.newBuiltin(name, func(c call) int {
			L := c.L
			for i := from; i <= L.GetTop(); i++ {
				switch op := c.readFormat(L.Get(i), i-from+1); op.kind {
				case readRest:
					L.Replace(i, lua.LString("*a"))
				case readBytes:
					m.checkAllocation(L, "io.read", float64(op.n))
				case readLine, readAll, readNumber:
					L.Replace(i, lua.LString("*"+string(strings.TrimPrefix(L.ToString(i), "*")[0])))
				}
			}
			top := L.GetTop()
			n := callWith(L, read)
			// A failed read gives nil, a message and a code after the values read:
			// for a "*n" that found no numeral, Lua 5.1 gives nil alone.
			if failed := from + n - 3; n >= 3 && failed <= top && L.Get(-3) == lua.LNil &&
				L.Get(failed).String() == "*n" {
				L.Pop(2)
				n -= 2
			}
			return n
		}))
	}
	// write: its argument errors name it, as the sandbox's do.
	checkWrites := func(t *lua.LTable, from int, name string) {
		write, ok := t.RawGetString("write").(*lua.LFunction)
		if !ok {
			return
		}
		L.SetField(t, "write", m.newBuiltin(name, func(c call) int {
			for i := from; i <= c.L.GetTop(); i++ {
				switch v := c.L.Get(i); v.(type) {
				case lua.LString, lua.LNumber:
				default:
					c.argError(i-from+1, "string expected, got "+v.Type().String())
				}
			}
			return callWith(c.L, write)
		}))
	}
	if io, ok := L.GetGlobal("io").(*lua.LTable); ok {
		wrap(io, 1, "io.read()")
		checkWrites(io, 1, "io.write()")
	}
	if file, ok := L.GetTypeMetatable("FILE*").(*lua.LTable); ok {
		wrap(file, 2, "file:read()")
		checkWrites(file, 2, "file:write()")
	}
}
