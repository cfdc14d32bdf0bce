package bindings

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"luasync/runtime"
)

func TestLibraries(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"arg and ... carry the script's arguments",
			`print(arg[0], arg[1], arg[2], #arg, ...)`,
			"t.lua\tone\ttwo\t2\tone\ttwo\n"},
		{"math.random repeats with the seed and randomseed restarts it",
			`local a = {math.random(1, 100), math.random(10), math.random()}
			 math.randomseed(7); local b = math.random(1, 1000)
			 math.randomseed(7); print(b == math.random(1, 1000), a[1] >= 1 and a[1] <= 100, a[3] < 1)
			 print(pcall(math.random, 0))`,
			"true\ttrue\ttrue\nfalse\tt.lua:4: bad argument #1 to 'random' (interval is empty)\n"},
		{"channel is not opened and collectgarbage is harmless",
			`print(channel, type(collectgarbage("count")), collectgarbage())`,
			"nil\tnumber\t0\n"},
		{"a task may block inside a coroutine, which keeps its identity",
			`local co = coroutine.create(function()
			   local me = coroutine.running()
			   sleep(1)
			   coroutine.yield(me == coroutine.running())
			   return "end"
			 end)
			 spawn(function() sleep(0.5) print("other task ran meanwhile") end)
			 print(coroutine.resume(co)); print(coroutine.resume(co)); print(coroutine.status(co))`,
			"other task ran meanwhile\ntrue\ttrue\ntrue\tend\ndead\n"},
		{"a coroutine another task is inside cannot be resumed",
			`local co = coroutine.create(function() sleep(1) return "done" end)
			 spawn(function() print(coroutine.resume(co)) end)
			 print(coroutine.resume(co))`,
			"false\tcannot resume a coroutine that Task-1 is running inside\ntrue\tdone\n"},
		{"coroutine.wrap raises the coroutine's error",
			`local gen = coroutine.wrap(function() coroutine.yield(1) error("inside") end)
			 print(gen()); print(pcall(gen))`,
			"1\nfalse\tt.lua:1: inside\n"},
		{"a dead coroutine cannot be resumed, in Lua 5.1's words",
			`local co = coroutine.create(function() return 1 end) print(coroutine.resume(co)) print(coroutine.resume(co))
			 local gen = coroutine.wrap(function() end) gen() print(pcall(gen))`,
			"true\t1\nfalse\tcannot resume dead coroutine\nfalse\tt.lua:2: cannot resume dead coroutine\n"},
		{"deeply nested coroutines are an error, not a crash",
			`local function nest(n) return coroutine.wrap(function() return nest(n + 1)() end) end
			 print(pcall(nest(1)))`,
			"false\tt.lua:1: coroutines nested too deeply\n"},
		{"a table.sort comparator cannot block",
			`print(pcall(table.sort, {3, 1, 2}, function(a, b) sleep(0) return a < b end))
			 local t = {3, 1, 2}; table.sort(t); print(t[1], t[3])`,
			"false\tt.lua:1: sleep(): cannot wait inside a table.sort comparator\n1\t3\n"},
		{"Lock:with releases on error and returns results",
			`local l = Lock()
			 print(l:with(function(a) return a, l:locked() end, 5)); print(l:locked())
			 print(pcall(l.with, l, function() error("oops") end)); print(l)
			 print(pcall(l.release, l))`,
			"5\ttrue\nfalse\nfalse\tt.lua:3: oops\n<Lock [unlocked]>\nfalse\tt.lua:4: Lock:release(): lock is not acquired\n"},
		{"queues: items, close, error objects, repr",
			`local q = Queue(2)
			 spawn(function() for i = 1, 3 do q:put(i) end q:close() end)
			 for item in q:items() do io.write(item, " ") end print()
			 print(q:get(), q:closed(), q:empty(), q:qsize(), q:maxsize())
			 local ok, err = pcall(q.put, q, 1); print(ok, err.kind, tostring(err))
			 local e = Queue()
			 ok, err = pcall(e.get_nowait, e); print(err.kind, err.message)
			 e:put_nowait("it's"); e:put_nowait(2.5); e:put_nowait(true); print(e)
			 print(pcall(e.put, e, nil))`,
			"1 2 3 \nnil\ttrue\ttrue\t0\t2\nfalse\tQueueClosed\tQueueClosed: the queue is closed\nQueueEmpty\tthe queue is empty\n" +
				`<Queue maxsize=0 _queue=["it's", 2.5, True] tasks=3>` + "\n" +
				"false\tt.lua:9: Queue:put(): cannot put nil (close() the queue to say there is no more)\n"},
		{"LifoQueue and PriorityQueue",
			`local l = LifoQueue(); l:put(1); l:put(2); print(l:get(), l)
			 local p = PriorityQueue()
			 p:put(2.5); p:put("low", 1); p:put("tie", 1)
			 print(p); print(p:get()); print(p:get()); print(p:get())
			 print(pcall(p.put, p, "x"))`,
			"2\t<LifoQueue maxsize=0 _queue=[1] tasks=2>\n<PriorityQueue maxsize=0 _queue=[(1, 'low'), 2.5, (1, 'tie')] tasks=3>\nlow\t1\ntie\t1\n2.5\t2.5\n" +
				"false\tt.lua:5: Queue:put(): give a priority (put(item, priority)) when the item is not a number\n"},
		{"PriorityQueue ties compare as Python's (priority, item) tuples",
			`local p = PriorityQueue()
			 for i = 1, 5 do p:put({n = i}, 0) end
			 print(p:get_nowait().n, p:get_nowait().n, p:get_nowait().n, p:get_nowait().n, p:get_nowait().n)
			 p:put("b", 1); p:put("a", 1); p:put(3, 0); p:put(2, 0)
			 print(p); print((p:get_nowait()), (p:get_nowait()), (p:get_nowait()), p:get_nowait())`,
			"1\t3\t5\t2\t4\n<PriorityQueue maxsize=0 _queue=[(0, 2), (0, 3), (1, 'a'), (1, 'b')] tasks=9>\n2\t3\ta\tb\t1\n"},
		{"a queue item's __tostring runs in the task that shows the queue, and may wait",
			`local function item(name) return setmetatable({}, {__tostring = function() sleep(0) return name end}) end
			 local a, b = Queue(), Queue()
			 a:put(item("a1")); a:put(item("a2")); b:put(item("b1"))
			 local function show(q) local me = coroutine.running(); print(tostring(q), coroutine.running() == me) end
			 local t = spawn(show, b)
			 show(a); t:join()`,
			"<Queue maxsize=0 _queue=[b1] tasks=1>\ttrue\n<Queue maxsize=0 _queue=[a1, a2] tasks=2>\ttrue\n"},
		{"os.exit ends the run",
			`spawn(function() print("never") end)
			 print("before"); os.exit(3); print("after")`,
			"before\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runSnippet(t, c.src, "one", "two")
			if r.out != c.want {
				t.Errorf("printed:\n%s\nwant:\n%s", r.out, c.want)
			}
			if f := r.failure(); f != "" {
				t.Errorf("a task failed: %s", f)
			}
		})
	}
}

func TestOsExitCode(t *testing.T) {
	r := runSnippet(t, `os.exit(3)`)
	if e := r.module.Exit(); e == nil || e.Code != 3 || r.err != e {
		t.Fatalf("exit %v, run error %v", e, r.err)
	}
}

// runLibrarySnippet runs src as "t.lua" with stdin and, if unsafe, the full libraries.
func runLibrarySnippet(t *testing.T, src, stdin string, unsafe bool) string {
	t.Helper()
	var out bytes.Buffer
	s := runtime.New(runtime.Options{Clock: runtime.NewVirtualClock()})
	m := New(s, Options{Stdout: &out, Stderr: &out, Stdin: strings.NewReader(stdin), Script: "t.lua", Seed: 1, Unsafe: unsafe})
	defer m.Close()
	chunk, err := m.Load("t.lua", []byte(src))
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if err := s.Run(m.MainTask(chunk)); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	return out.String()
}

// unsafeOutput, on the first line of a snippet run with --unsafe, collects what
// io.write and print write until flush() prints it.
const unsafeOutput = `local out, print0 = {}, print ` +
	`function io.write(...) for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end end ` +
	`function print(...) local t = {} for i = 1, select("#", ...) do t[i] = tostring((select(i, ...))) end io.write(table.concat(t, "\t"), "\n") end ` +
	`function flush() print0((table.concat(out):gsub("\n$", ""))) end `

// The string library's matching functions do what Lua 5.1's reference manual says,
// in the sandbox and with --unsafe, in the forms scripts use them:
// method and global form, captures, position captures, anchors, %b, init arguments,
// gsub's three kinds of replacement and its limit, gmatch in a generic for.
// (%f is not in Lua 5.1's manual: as in gopher-lua, it is the letter f.)
func TestStringMatching(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"find, method and global form",
			`print(("hello world"):find("wor")) print(string.find("hello world", "o w")) print(("hello"):find("xyz"))`,
			"7\t9\n5\t7\nnil\n"},
		{"find returns captures after the bounds",
			`print(string.find("key=val", "(%w+)=(%w+)")) print(("hello"):find("()ll()"))`,
			"1\t7\tkey\tval\n3\t4\t3\t5\n"},
		{"find's init: positive, negative, zero, out of range",
			`print(("hello"):find("l", 4)) print(("hello"):find("l", -2)) print(("hello"):find("h", 0))
			 print(("hello"):find("h", -100)) print(("hello"):find("l", 10)) print(("hello"):find("", 10)) print(("hello"):find("", 3))`,
			"4\t4\n4\t4\n1\t1\n1\t1\nnil\n6\t5\n3\t2\n"},
		{"find's plain flag",
			`print(("a.b"):find(".", 1, true)) print(("a+b"):find("+", 1, true)) print(("a.b"):find("%.", 1, false))`,
			"2\t2\n2\t2\n2\t2\n"},
		{"anchors, and ^ and $ elsewhere are ordinary bytes",
			`print(("hello"):find("^h")) print(("hello"):find("^e")) print(("hello"):find("o$")) print(("hello"):find("l$"))
			 print(("a$b"):find("$b")) print(("a^b"):find("a^")) print(("hello"):find("^l", 3))`,
			"1\t1\nnil\n5\t5\nnil\n2\t3\n1\t2\n3\t3\n"},
		{"match: captures, the whole match, init, no match",
			`print(("hello world"):match("^(%w+)")) print(string.match("2024-01-15", "(%d+)-(%d+)-(%d+)"))
			 print(("  x y  "):match("^%s*(.-)%s*$")) print(("hello"):match(".", -1)) print(("hello"):match("l+"))
			 print(select("#", ("hello"):match("z")), ("hello"):match("z")) print(("hello"):match("()ll()"))`,
			"hello\n2024\t01\t15\nx y\no\nll\n1\tnil\n3\t5\n"},
		{"%b and back references",
			`print(("f(a(b)c)d"):match("%b()")) print(("x = {1, {2}} y"):match("%b{}"))
			 print(("say 'hi' now"):match("([\"'])(.-)%1")) print(("abab"):find("(ab)%1"))`,
			"(a(b)c)\n{1, {2}}\n'\thi\n1\t4\tab\n"},
		{"repetitions: greedy, lazy, optional",
			`print(("<a><b>"):match("<(.-)>"), ("<a><b>"):match("<(.*)>"), ("aaa"):match("a-"), ("aaa"):match("a-$"))
			 print(("x"):match("xy?"), ("xy"):match("xy?"), ("aab"):match("a+b"), ("b"):match("a*b"), ("b"):match("a+b"))`,
			"a\ta><b\t\taaa\nx\txy\taab\tb\tnil\n"},
		{"character classes, their complements, and sets",
			`local s = "aZ9 \t\n!_\0\1"
			 for _, c in ipairs({"%a", "%d", "%l", "%u", "%s", "%w", "%p", "%c", "%x", "%z", "%A", "%S", "."}) do
			   io.write(c, "=", select(2, s:gsub(c, "")), " ") end print()
			 print(("a-b]c"):gsub("[%]-]", "")) print(("abc123"):gsub("[^%d]", "")) print(("abcxyz"):gsub("[a-c]", ""))
			 print(("a-z!"):gsub("[%a-z]", ".")) print(("a%b"):gsub("%%", "/")) print(("a.b"):gsub("%.", "/"))`,
			"%a=2 %d=1 %l=1 %u=1 %s=3 %w=3 %p=2 %c=4 %x=2 %z=1 %A=8 %S=7 .=10 \nabc\t2\n123\t3\nxyz\t3\n...!\t3\na/b\t1\na/b\t1\n"},
		{"%f is the letter f (Lua 5.1's manual has no frontier pattern)",
			`print(("the fox"):find("%f[%a]%a+"))`,
			"5\t7\n"},
		{"gsub with a string: %0-%9, %%, the limit",
			`print(("hello world"):gsub("o", "0")) print(("hello"):gsub("l+", "%0%0")) print(("hello world"):gsub("(%w+) (%w+)", "%2 %1"))
			 print(("abc"):gsub("%w", "%%")) print(("abc"):gsub("%w", "%1")) print(("abc"):gsub("", "-"))
			 print(("aaa"):gsub("a", "b", 2)) print(("aaa"):gsub("a", "b", 0)) print(("aaa"):gsub("a", "b", -1))
			 print(("aaa"):gsub("^a", "b")) print(("abc"):gsub("b", 5)) print(("abc"):gsub("()b", "%1"))`,
			"hell0 w0rld\t2\nhellllo\t1\nworld hello\t1\n%%%\t3\nabc\t3\n-a-b-c-\t4\nbba\t2\naaa\t0\naaa\t0\nbaa\t1\na5c\t1\na2c\t1\n"},
		{"gsub with a table and with a function; false or nil keeps the match",
			`print(("$name is $age, $x"):gsub("%$(%w+)", {name = "Ann", age = 30}))
			 print(("1 2 3"):gsub("%d", function(d) return d * 2 end))
			 print(("a b c"):gsub("%a", function(c) if c == "b" then return false end return c:upper() end))
			 print(("k=v"):gsub("(%w)=(%w)", function(k, v) return v .. "=" .. k end))
			 print(("abc"):gsub("%w", {a = "1"}))`,
			"Ann is 30, $x\t3\n2 4 6\t3\nA b C\t3\nv=k\t1\n1bc\t3\n"},
		{"gmatch in a generic for",
			`for c in ("abc"):gmatch(".") do io.write(c, ",") end print()
			 for w in string.gmatch("one two  three", "%a+") do io.write(w, ";") end print()
			 for k, v in ("a=1, b=2"):gmatch("(%w+)=(%w+)") do io.write(k, "->", v, " ") end print()
			 for p in ("abc"):gmatch("()") do io.write(p, " ") end print()
			 local n = 0 for e in ("abc"):gmatch("x*") do n = n + 1 end print(n)
			 for m in ("^a^a"):gmatch("^a") do io.write(m, " ") end print()
			 for w in string.gfind("x y", "%a") do io.write(w) end print()`,
			"a,b,c,\none;two;three;\na->1 b->2 \n1 2 3 4 \n4\n^a ^a \nxy\n"},
		{"errors in patterns and replacements",
			`print(pcall(string.find, "a", "[a")) print(pcall(string.match, "a", "%")) print(pcall(string.gsub, "a", "(", ""))
			 print(pcall(string.find, "a", "a)")) print(pcall(string.match, "a", "a)")) print(pcall(string.find, "a", "%1"))
			 print(pcall(string.gsub, "abc", "%w", "%2")) print(pcall(string.gsub, "abc", "%w", function() return {} end))
			 print(pcall(string.gsub, "abc", "%w", true))`,
			"false\tt.lua:1: string.find: malformed pattern (missing ']')\n" +
				"false\tt.lua:1: string.match: malformed pattern (ends with '%')\n" +
				"false\tt.lua:1: string.gsub: unfinished capture\n" +
				"true\tnil\n" +
				"false\tt.lua:2: string.match: invalid pattern capture (a ')' closes nothing)\n" +
				"false\tt.lua:2: string.find: invalid capture index %1\n" +
				"false\tt.lua:3: string.gsub: invalid capture index %2 in the replacement string\n" +
				"false\tt.lua:3: string.gsub: invalid replacement value (a table)\n" +
				"false\tt.lua:4: bad argument #3 to 'gsub' (string/function/table expected, got boolean)\n"},
		{"format: %q as Lua 5.1 quotes, read back the same",
			`print(string.format("%q", "a\r\tb\\x\n\0\"end"), string.format("%q", 12), string.format("%5q|", "a"))
			 local s = "a\nb\0c\\\"\r" print(loadstring("return " .. string.format("%q", s))() == s)`,
			"\"a\\r\tb\\\\x\\\n\\000\\\"end\"\t\"12\"\t\"a\"|\ntrue\n"},
		{"format: missing and mistyped arguments, unknown conversions, %u, numerals in strings",
			`print(pcall(string.format, "%d", "x")) print(pcall(string.format, "%5.1f")) print(pcall(string.format, "%s"))
			 print(pcall(string.format, "%y", 1)) print(pcall(string.format, "50%"))
			 print(string.format("%u|%d|%.1f|%x|%s %s|%c%%", 3, "10", "2.25", 255, nil, true, 65))`,
			"false\tt.lua:1: bad argument #2 to 'format' (number expected, got string)\n" +
				"false\tt.lua:1: bad argument #2 to 'format' (number expected, got no value)\n" +
				"false\tt.lua:1: bad argument #2 to 'format' (string expected, got no value)\n" +
				"false\tt.lua:2: invalid option '%y' to 'format'\nfalse\tt.lua:2: invalid option '%' to 'format'\n" +
				"3|10|2.2|ff|nil true|A%\n"},
		{"rep and format still work",
			`print(("ab"):rep(3), ("x"):rep(0), ("x"):rep(-1), string.rep("-", 3))
			 print(("%5.2f|%d|%s|%x"):format(3.14159, 42, "x", 255)) print(pcall(string.format, "%100d", 1))`,
			"ababab\t\t\t---\n 3.14|42|x|ff\nfalse\tt.lua:2: string.format: invalid format (width too long)\n"},
	}
	for _, unsafe := range []bool{false, true} {
		for _, c := range cases {
			t.Run(fmt.Sprintf("%s (unsafe %v)", c.name, unsafe), func(t *testing.T) {
				src := c.src
				if unsafe { // io.write writes to the process's stdout: collect it with print's output
					src = unsafeOutput + src + "\nflush()\n"
				}
				if got := runLibrarySnippet(t, src, "", unsafe); got != c.want {
					t.Errorf("printed:\n%s\nwant:\n%s", got, c.want)
				}
			})
		}
	}
}

// io (the sandbox's, on the run's own streams) and os do what Lua 5.1's manual says,
// in the forms scripts use them. os is gopher-lua's own, in the sandbox (time,
// clock, date, difftime) and with --unsafe.
func TestIOAndOS(t *testing.T) {
	const stdin = "line1\nline2\n42 7.5\nrest\nmore\nlast"
	io := []struct{ name, src, want string }{
		{"io.read: lines, numbers, counts, all, end of input",
			`print(io.read()) print(io.read("*l")) print(io.read("*n")) print(io.read("*number") + 1) print(io.read(3))
			 print(io.stdin:read("*l")) print(io.read("*a")) print(io.read(), io.read("*a"), io.read(5), io.read("*n"))`,
			"line1\nline2\n42\n8.5\n\nre\nst\nmore\nlast\nnil\t\tnil\tnil\n"},
		{"io.lines and io.stdin:lines in a generic for",
			`print(io.read()) for l in io.lines() do io.write("[", l, "]") end print() for l in io.stdin:lines() do print(l) end`,
			"line1\n[line2][42 7.5][rest][more][last]\n"},
		{"io.write: strings and numbers, chained, through io.stdout",
			`io.write("a", 1, " ", 2.5, "\n") io.write("x"):write("y\n") io.stdout:write("z", "\n")
			 print(io.write("") == io.stdout, io.stdout, io.stdin) print(io.stdin:close())`,
			"a1 2.5\nxy\nz\ntrue\tfile (stdout)\tfile (stdin)\nnil\tcannot close standard file\n"},
		{"io.write refuses what is not a string or number",
			`print((pcall(io.write, nil))) print((pcall(io.write, {}))) print((pcall(io.read, "*x")))`,
			"false\nfalse\nfalse\n"},
		{"io.read: one value for each format, nil for the first that fails and none after it",
			`print(io.read("*n", "*l")) print(io.read("*l", "*l")) print(io.read("*n", "*n", "*l")) print(io.read("*n", "*l"))
			 print(io.read("*l", 0, "*a")) print(io.read(0)) print(select("#", io.read("*a", "*l", "*l")))`,
			"nil\nline1\tline2\n42\t7.5\t\nnil\nrest\t\tmore\nlast\nnil\n2\n"},
		{"io.read: the long names of the formats, and counts with other formats",
			`print(io.read("*line", "*l")) print(io.read("*number", 2, "*all"))`,
			"line1\tline2\n42\t 7\t.5\nrest\nmore\nlast\n"},
		{"io.read(0): an empty string, or nil at the end of input",
			`print(io.read(0), io.read("*a"), io.read(0), io.read("*l", 0))`,
			"\tline1\nline2\n42 7.5\nrest\nmore\nlast\tnil\tnil\n"},
		{"io.type, io.flush and a file's flush",
			`print(io.type(io.stdin), io.type(io.stderr), io.type(42), io.type(nil), pcall(io.type))
			 print(io.flush(), io.stdout:flush(), io.stdout:setvbuf("no"))`,
			"file\tfile\tnil\tnil\tfalse\tt.lua:1: bad argument #1 to 'type' (value expected)\ntrue\ttrue\ttrue\n"},
		{"argument errors name the function, as Lua 5.1's do",
			`print(pcall(io.write, 1, {})) print(pcall(io.stdout.write, io.stdout, nil))
			 print(pcall(io.read, "*x")) print(pcall(io.read, "x")) print(pcall(io.stdin.read, io.stdin, {}))
			 print(pcall(io.lines, "data.txt"))`,
			"false\tt.lua:1: bad argument #2 to 'write' (string expected, got table)\n" +
				"false\tt.lua:1: bad argument #1 to 'write' (string expected, got nil)\n" +
				"false\tt.lua:2: bad argument #1 to 'read' (invalid format)\n" +
				"false\tt.lua:2: bad argument #1 to 'read' (invalid option)\n" +
				"false\tt.lua:2: bad argument #1 to 'read' (invalid option)\n" +
				"false\tt.lua:3: bad argument #1 to 'lines' (files cannot be opened in the sandbox (--unsafe opens them))\n"},
	}
	for _, c := range io {
		t.Run(c.name, func(t *testing.T) {
			if got := runLibrarySnippet(t, c.src, stdin, false); got != c.want {
				t.Errorf("printed:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
	// gopher-lua's own io (--unsafe) reads the process's stdin: what does not read is
	// the same in both modes.
	bothIO := []struct{ name, src, want string }{
		{"io.type",
			`print(io.type(io.stdin), io.type(io.stdout), io.type(42), io.type(nil))`,
			"file\tfile\tnil\tnil\n"},
		{"io.read's bad formats name the function",
			`print(pcall(io.read, "*x")) print(pcall(io.read, "x")) print(pcall(io.read, "*l", {}))
			 print(pcall(io.stdin.read, io.stdin, "*z"))`,
			"false\tt.lua:1: bad argument #1 to 'read' (invalid format)\n" +
				"false\tt.lua:1: bad argument #1 to 'read' (invalid option)\n" +
				"false\tt.lua:1: bad argument #2 to 'read' (invalid option)\n" +
				"false\tt.lua:2: bad argument #1 to 'read' (invalid format)\n"},
		{"io.write's bad arguments name the function",
			`print(pcall(io.write, 1, {})) print(pcall(io.stdout.write, io.stdout, nil))`,
			"false\tt.lua:1: bad argument #2 to 'write' (string expected, got table)\n" +
				"false\tt.lua:1: bad argument #1 to 'write' (string expected, got nil)\n"},
	}
	for _, unsafe := range []bool{false, true} {
		for _, c := range bothIO {
			t.Run(fmt.Sprintf("%s (unsafe %v)", c.name, unsafe), func(t *testing.T) {
				if got := runLibrarySnippet(t, c.src, "", unsafe); got != c.want {
					t.Errorf("printed:\n%s\nwant:\n%s", got, c.want)
				}
			})
		}
	}
	os := []struct{ name, src, want string }{
		{"os.time: now, and from a table",
			`print(type(os.time()), type(os.time(nil)))
			 print(os.time{year = 2000, month = 1, day = 2, hour = 0} - os.time{year = 2000, month = 1, day = 1, hour = 0})
			 print(os.time{year = 2000, month = 1, day = 1} - os.time{year = 2000, month = 1, day = 1, hour = 12, min = 0, sec = 0})
			 print(os.time(os.date("*t", 1e9)) == 1e9)`,
			"number\tnumber\n86400\n0\ntrue\n"},
		{"os.date: formats, UTC with !, and *t",
			`print(os.date("!%Y-%m-%d %H:%M:%S", 86400 + 3661)) print(os.date("!%A %B %d %p %y %%", 0)) print(type(os.date()))
			 local t = os.date("!*t", 86400) print(t.year, t.month, t.day, t.hour, t.min, t.sec, t.wday, t.isdst)`,
			"1970-01-02 01:01:01\nThursday January 01 AM 70 %\nstring\n1970\t1\t2\t0\t0\t0\t6\tfalse\n"},
		{"os.date: *t's yday, and C's conversions (%j, %c, %x, %U...)",
			`local t = os.date("!*t", 1e9) print(t.yday, t.wday, os.date("!%j", 1e9), os.date("!*t", 86400 * 59).yday)
			 print(os.date("!%a %b %c|%x|%X|%j|%U|%W|%e|%D|%T|%y %I %u %w %%|%", 0))
			 print(os.date("!%c|%r|%R|%F|%G %V %g %C|%U %W", 1e9)) print(os.date("!%Q"), os.date("!%Y", 2^60))`,
			"252\t1\t252\t60\nThu Jan Thu Jan  1 00:00:00 1970|01/01/70|00:00:00|001|00|00| 1|01/01/70|00:00:00|70 12 4 4 %|%\n" +
				"Sun Sep  9 01:46:40 2001|01:46:40 AM|01:46|2001-09-09|2001 36 01 20|36 36\n%Q\tnil\n"},
		{"os.time: a missing field is an error; numerals in strings; difftime's second time is 0",
			`print(pcall(os.time, {year = 2000})) print(pcall(os.time, {year = 2000, day = 1})) print(pcall(os.time, 5))
			 print(os.time{year = 2000, month = "1", day = 1, hour = 0} - os.time{year = 1999, month = 12, day = 31, hour = 0})
			 print(os.difftime(10), os.difftime(10.9, 1), pcall(os.difftime))`,
			"false\tt.lua:1: field 'day' missing in date table\nfalse\tt.lua:1: field 'month' missing in date table\n" +
				"false\tt.lua:1: bad argument #1 to 'time' (table expected, got number)\n86400\n" +
				"10\t9\tfalse\tt.lua:3: bad argument #1 to 'difftime' (number expected, got no value)\n"},
		{"os.clock and os.difftime",
			`local c = os.clock() print(type(c), c >= 0, os.clock() >= c, os.difftime(10, 4), os.difftime(c + 60, c))`,
			"number\ttrue\ttrue\t6\t60\n"},
	}
	for _, unsafe := range []bool{false, true} {
		for _, c := range os {
			t.Run(fmt.Sprintf("%s (unsafe %v)", c.name, unsafe), func(t *testing.T) {
				if got := runLibrarySnippet(t, c.src, "", unsafe); got != c.want {
					t.Errorf("printed:\n%s\nwant:\n%s", got, c.want)
				}
			})
		}
	}
}

// load and loadstring (luasync's, with the source checks) keep Lua 5.1's forms, and
// name their chunks in messages as Lua 5.1 does.
func TestLoadForms(t *testing.T) {
	const src = `print(loadstring("return 1 + 1")())
local f, err = loadstring("x =") print(f, err)
print(pcall(loadstring("error('e')", "chunk")))
local parts, i = {"return ", "'a'", " .. 'b'"}, 0
print(load(function() i = i + 1 return parts[i] end)())
print(load(function() return 1 end))
print(loadstring("local a, b = ... return b, a")(1, 2))
print(pcall(loadstring("error('e')", "=name"))) print(pcall(loadstring("error('e')", "@dir/file.lua")))
print(pcall(loadstring("error('e')"))) print(loadstring("x =", "=name")) local read print(pcall(load(function() if read then return nil end read = true return "error('e')" end)))
print(pcall(loadstring("\n\nerror('e')"))) print(pcall(loadstring("error('e')", "=" .. ("n"):rep(70))))
print(pcall(loadstring("error('e')", "@" .. ("d/"):rep(40)))) print(pcall(loadstring("error('e') -- " .. ("x"):rep(40))))
print(pcall(load, nil))`
	want := "2\nnil\t[string \"x =\"]:1: syntax error near <eof>\nfalse\t[string \"chunk\"]:1: e\nab\nnil\treader function must return a string\n2\t1\n" +
		"false\tname:1: e\nfalse\tdir/file.lua:1: e\nfalse\t[string \"error('e')\"]:1: e\nnil\tname:1: syntax error near <eof>\nfalse\t(load):1: e\n" +
		"false\t[string \"...\"]:3: e\nfalse\t" + strings.Repeat("n", 59) + ":1: e\n" +
		"false\t..." + strings.Repeat("d/", 26) + ":1: e\nfalse\t[string \"error('e') -- " + strings.Repeat("x", 29) + "...\"]:1: e\n" +
		"false\tt.lua:12: load(): argument 1 must be a function, got nil\n"
	for _, unsafe := range []bool{false, true} {
		if got := runLibrarySnippet(t, src, "", unsafe); got != want {
			t.Errorf("unsafe %v: printed:\n%s\nwant:\n%s", unsafe, got, want)
		}
	}
}

// Every builtin names itself in its messages by the name it was registered under:
// luasync's own as "name():" or "Family:method():", the standard library's argument
// errors as Lua 5.1's do ("bad argument #1 to 'read'").
func TestBuiltinsNameThemselves(t *testing.T) {
	const src = `local function try(f, ...) print(select(2, pcall(f, ...))) end
local w = spawn(sleep, 1)
try(spawn, 42) try(block, "x") try(sleep, -1) try(w.result, w) try(w.error, w) try(w.cancel, 42) try(w.set_name, 42, "x")
try(load, 42) try(math.random, 0) try(math.random, 3, 1) try(math.random, 1, 1/0) try(os.exit, 2.5) try(os.exit, "x")
try(io.read, "*x") try(io.stdin.read, io.stdin, "x") try(io.write, {}) try(os.time, 5) try(os.date, {}) try(os.difftime)
w:cancel()`
	want := strings.Join([]string{
		"t.lua:1: spawn(): argument 1 must be a function, got number",
		"t.lua:1: block(): seconds must be a number, got string",
		"t.lua:1: sleep(): seconds must not be negative, got -1",
		"t.lua:1: Task:result(): Task-2 has not finished yet",
		"t.lua:1: Task:error(): Task-2 has not finished yet",
		"t.lua:1: Task:cancel(): call it as a method, with a colon (x:cancel())",
		"t.lua:1: Task:set_name(): call it as a method, with a colon (x:set_name())",
		"t.lua:1: load(): argument 1 must be a function, got number",
		"t.lua:1: bad argument #1 to 'random' (interval is empty)",
		"t.lua:1: bad argument #2 to 'random' (interval is empty)",
		"t.lua:1: bad argument to 'random' (the interval is infinite)",
		"t.lua:1: bad argument #1 to 'exit' (the exit status must be an integer from 0 to 255, got 2.5)",
		"t.lua:1: bad argument #1 to 'exit' (number or boolean expected, got string)",
		"t.lua:1: bad argument #1 to 'read' (invalid format)",
		"t.lua:1: bad argument #1 to 'read' (invalid option)",
		"t.lua:1: bad argument #1 to 'write' (string expected, got table)",
		"t.lua:1: bad argument #1 to 'time' (table expected, got number)",
		"t.lua:1: bad argument #1 to 'date' (string expected, got table)",
		"t.lua:1: bad argument #1 to 'difftime' (number expected, got no value)",
	}, "\n") + "\n"
	if got := runLibrarySnippet(t, src, "", false); got != want {
		t.Errorf("printed:\n%s\nwant:\n%s", got, want)
	}
}
