package bindings

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"luasync/runtime"
)

// loadChunk compiles src as the chunk "t.lua" of a fresh module.
func loadChunk(src string) error {
	m := New(runtime.New(runtime.Options{Clock: runtime.NewVirtualClock()}), Options{Stdout: io.Discard, Stderr: io.Discard, Script: "t.lua"})
	defer m.Close()
	_, err := m.Load("t.lua", []byte(src))
	return err
}

// Chunks deep enough to overflow the Go stack in the compiler are refused before
// they are parsed, with the line; before the depth was counted beyond brackets and
// blocks, each of these was a fatal "stack overflow" with a goroutine dump.
func TestDeepChunksAreRefused(t *testing.T) {
	const levels = "chunk has too many syntax levels (more than 1000 levels deep"
	const nested = "chunk has too many syntax levels (more than 200 nested)"
	for _, c := range []struct {
		name, src, want string
	}{
		{"not chain", "return " + strings.Repeat("not ", 3000000) + "nil", "t.lua:1: " + levels},
		{"unary minus chain", "x = 1\nreturn " + strings.Repeat("- ", 100000) + "1", "t.lua:2: " + levels},
		{"length chain", "return " + strings.Repeat("#", 100000) + "'x'", "t.lua:1: " + levels},
		{"sum chain, a 6 MB script", "return 1" + strings.Repeat("+1", 3000000), "t.lua:1: " + levels},
		{"power chain", "return 2" + strings.Repeat("^1", 100000), "t.lua:1: " + levels},
		{"concatenation chain", "local a = 'x'\n\nreturn a" + strings.Repeat("..a", 100000), "t.lua:3: " + levels},
		{"and/or chain", "return x" + strings.Repeat(" and x or y", 50000), "t.lua:1: " + levels},
		{"comparison chain", "return x" + strings.Repeat(" == x", 100000), "t.lua:1: " + levels},
		{"field chain", "local t = {}\nreturn t" + strings.Repeat(".a", 1000000), "t.lua:2: " + levels},
		{"index chain", "return t" + strings.Repeat("[1]", 100000), "t.lua:1: " + levels},
		{"call chain", "return f" + strings.Repeat("()", 100000), "t.lua:1: " + levels},
		{"method chain", "return f" + strings.Repeat(":m()", 100000), "t.lua:1: " + levels},
		{"string call chain", "return f" + strings.Repeat("'x'", 100000), "t.lua:1: " + levels},
		{"table call chain", "return f" + strings.Repeat("{}", 100000), "t.lua:1: " + levels},
		{"elseif chain", "if x then\n" + strings.Repeat("elseif x then\n", 100000) + "end", "t.lua:1001: " + levels},
		{"not and brackets", "return " + strings.Repeat("not (", 150) + strings.Repeat("- ", 900) + "1" + strings.Repeat(")", 150), "t.lua:1: " + levels},
		{"brackets", "x = " + strings.Repeat("(", 5000) + "1" + strings.Repeat(")", 5000), "t.lua:1: " + nested},
		// The 200th function's parameter list is the 201st bracket.
		{"functions", strings.Repeat("local f = function()\n", 300) + strings.Repeat("end\n", 300), "t.lua:200: " + nested},
		{"blocks", strings.Repeat("do ", 300) + strings.Repeat("end ", 300), "t.lua:1: " + nested},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := loadChunk(c.src)
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
}

// Long scripts that are not deep still compile: statements, commas and keywords end
// an expression's chain, and strings and comments are not read as code.
func TestLongChunksCompile(t *testing.T) {
	var long strings.Builder
	long.WriteString("x = {y = {z = {function(a) return a end}}}\n")
	for i := 0; i < 10000; i++ {
		fmt.Fprintf(&long, "g%d = %d + %d * 2 .. 's' -- line %d\n", i%150, i%100, i%50, i)
		if i%10 == 0 {
			long.WriteString("if x then v = x.y.z[1](2) elseif y then f() elseif z then g() else v = -#'abc' end\n")
		}
	}
	// Few distinct constants: gopher-lua's compiler interns each constant by a
	// linear search, so 100,000 distinct ones take minutes, deep or not.
	items := make([]string, 100000)
	for i := range items {
		items[i] = fmt.Sprint(i % 100)
	}
	for _, c := range []struct{ name, src string }{
		{"a 10,000-line script", long.String()},
		{"a table constructor of 100,000 items", "local t = {" + strings.Join(items, ", ") + "}"},
		// gopher-lua puts a chain's terms in registers: about 198 at most.
		{"a 150-term concatenation", "local a = 'x'\nreturn a" + strings.Repeat("..a", 149)},
		{"a 500-term concatenation in groups", "local a = 'x'\nreturn (a" + strings.Repeat("..a", 99) + ")" + strings.Repeat(" .. (a"+strings.Repeat("..a", 99)+")", 4)},
		{"a sum of 1000 terms, the limit", "return 1" + strings.Repeat("+1", 1000)},
		{"200 brackets, the limit", "return " + strings.Repeat("(", 200) + "1" + strings.Repeat(")", 200)},
		{"brackets in strings and comments", strings.Repeat("s = '(((((' .. \"[[[\" .. [==[ ((( ]] ]==]\n--[[ ((((( ]] -- ((((\n", 500)},
		{"a chain in every statement", strings.Repeat("x = t.a.b.c.d[1]:m(1)('s'){} + 1 - 2 * 3 .. 'x' == y and not z or w\n", 2000)},
		{"1000 elseifs", "if x then\n" + strings.Repeat("elseif x then\n", 999) + "end"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := loadChunk(c.src); err != nil {
				t.Errorf("does not compile: %.300v", err)
			}
		})
	}
	scripts, _ := filepath.Glob(filepath.Join("..", "scripts", "*", "*.lua"))
	exercises, _ := filepath.Glob(filepath.Join("..", "scripts", "exercises", "*", "*.lua"))
	for _, p := range append(scripts, exercises...) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if line, what := sourceTooDeep(src); line > 0 {
			t.Errorf("%s:%d: %s", p, line, what)
		}
	}
}

// depthConstructs are what FuzzParserDepth nests: each wraps what is inside it in a
// prefix and a suffix, repeated.
var depthConstructs = []struct{ prefix, repeated, suffix string }{
	{"not ", "", ""},
	{"- ", "", ""},
	{"#", "", ""},
	{"(", "", ")"},
	{"{", "", "}"},
	{"f(", "", ")"},
	{"t[", "", "]"},
	{"{a = ", "", "}"},
	{"1 + ", "", ""},
	{"'x' .. ", "", ""},
	{"2 ^ ", "", ""},
	{"x and ", "", ""},
	{"(function() return ", "", " end)()"},
	{"(function() do return ", "", " end end)()"},
	{"(function() while x do return ", "", " end end)()"},
	{"(function() repeat return ", "", " until x end)()"},
	{"(function() if x then ", "elseif y then ", "return "},
	{"", "", ".a"},
	{"", "", "[1]"},
	{"", "", "()"},
	{"", "", ":m()"},
	{"", "", "'s'"},
	{"", "", " + 1"},
	{"", "", " .. 'x'"},
	{"", "", " or y"},
	{"", "", " == z"},
	{"", "", " < z"},
}

// depthChunk turns fuzz bytes into a chunk: each pair of bytes nests one construct,
// repeated up to about 16,000 times, around what the pairs after it make.
func depthChunk(b []byte) string {
	var prefix, suffix strings.Builder
	var suffixes []string
	for i := 0; i+1 < len(b) && prefix.Len() < 1<<20; i += 2 {
		c := depthConstructs[int(b[i])%len(depthConstructs)]
		n := int(b[i+1])*int(b[i+1])/4 + 1
		prefix.WriteString(strings.Repeat(c.prefix, n))
		if c.repeated != "" {
			prefix.WriteString(strings.Repeat(c.repeated, n))
			prefix.WriteString(c.suffix)
			suffixes = append(suffixes, " end end)()")
			continue
		}
		suffixes = append(suffixes, strings.Repeat(c.suffix, n))
	}
	for i := len(suffixes) - 1; i >= 0; i-- {
		suffix.WriteString(suffixes[i])
	}
	return "return " + prefix.String() + "x" + suffix.String()
}

// FuzzParserDepth nests random constructs to random depths: whatever the chunk, it
// compiles or is refused with a syntax error, and compiling never needs more than
// 16 MiB of Go stack (past it, the Go runtime stops the test with a fatal error):
// a construct the depth count missed would crash here.
//
//	go test -run - -fuzz FuzzParserDepth -fuzztime 30s ./bindings/
func FuzzParserDepth(f *testing.F) {
	old := debug.SetMaxStack(16 << 20)
	f.Cleanup(func() { debug.SetMaxStack(old) })
	for i := range depthConstructs {
		f.Add([]byte{byte(i), 255})
		f.Add([]byte{byte(i), 60, byte(i + 7), 60})
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		err := loadChunk(depthChunk(b))
		if err != nil && !strings.HasPrefix(err.Error(), "t.lua:") {
			t.Errorf("an error without the chunk's name: %.300v", err)
		}
	})
}
