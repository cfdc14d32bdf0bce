package bindings

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// The searches that took minutes with gopher-lua's matcher end with the budget error
// once they have taken the budget's steps. (The full budget is a Lua-level case of
// TestPatternLinear; a smaller one here keeps the test quick under the race detector.)
func TestPatternBudget(t *testing.T) {
	for _, c := range []struct {
		subject, pattern string
		budget           int64
	}{
		{strings.Repeat("a", 1<<17), ".-b", 1 << 22},
		{strings.Repeat("a", 1<<18), "(.*)b", 1 << 22},
		{strings.Repeat("a", 1<<17), "(.-)b", 1 << 22},
		{strings.Repeat("a", 1<<12), "a-a-a-a-b", 1 << 22},
		// Each back reference compares up to 2 MiB: the comparisons count.
		{strings.Repeat("a", 1<<22), "(.*)%1b", 1 << 24},
	} {
		budget := c.budget
		pat, err := compilePattern(c.pattern, false)
		if err != nil {
			t.Fatal(err)
		}
		search := newPatternSearch(pat, c.subject, budget, nil)
		_, _, err = search.find(0)
		var exceeded *PatternBudgetError
		if !errors.As(err, &exceeded) || search.steps < budget {
			t.Errorf("%q on %d bytes: error %v after %d steps, want the budget error after %d", c.pattern, len(c.subject), err, search.steps, budget)
		} else if want := fmt.Sprintf("pattern too complex for the input (more than %d steps)", budget); err.Error() != want {
			t.Errorf("message %q, want %q", err, want)
		}
	}
}

// A search stops when the run does, with the stop's error.
func TestPatternStop(t *testing.T) {
	errStop := errors.New("stopping")
	calls := 0
	stop := func() error {
		if calls++; calls == 3 {
			return errStop
		}
		return nil
	}
	pat, _ := compilePattern(".-b", false)
	search := newPatternSearch(pat, strings.Repeat("a", 1<<16), searchBudget(1<<16), stop)
	if _, _, err := search.find(0); err != errStop || search.steps != 3*stepsPerCheck {
		t.Fatalf("error %v after %d steps, want %v after %d", err, search.steps, errStop, 3*stepsPerCheck)
	}
}

// gsub, find and gmatch on large subjects are linear: these took minutes.
func TestPatternLinear(t *testing.T) {
	checkSnippets(t, []snippet{
		{"gsub of each byte of 1 MiB",
			`local r, n = string.rep("x", 2^20):gsub(".", "y") print(#r, n, r == string.rep("y", 2^20))`,
			"1048576\t1048576\ttrue\n", ""},
		{"an empty pattern's gsub on 512 KiB",
			`local r, n = string.rep("a", 2^19):gsub("", "-") print(#r, n, r:sub(1, 5), r:sub(-3))`,
			"1048577\t524289\t-a-a-\t-a-\n", ""},
		{"gmatch over 1 MiB",
			`local n = 0 for w in string.rep("ab ", 2^18):gmatch("%a+") do n = n + 1 end print(n)`,
			"262144\n", ""},
		{"the budget error names the function",
			`print(pcall(string.find, string.rep("a", 2^17), ".-b"))`,
			fmt.Sprintf("false\tt.lua:1: string.find: pattern too complex for the input (more than %d steps)\n", searchBudget(1<<17)), ""},
		{"a gsub's result is capped",
			`print(pcall(string.gsub, string.rep("x", 2^20), ".", string.rep("y", 100)))`,
			"false\tt.lua:1: string.gsub: the result would be more than 64 MiB; the limit is 64 MiB\n", ""},
	})
}

// gopherDiffers says whether gopher-lua's own string library is known to give another
// answer than Lua 5.1 (which luasync follows) for this call, so that FuzzPattern does
// not compare them:
//   - [a-%d], [%a-z], [a-c-e], [0--]: gopher-lua makes a range of a class, chains
//     two ranges, or takes a '-' after a range's '-' literally; Lua 5.1 takes the
//     '-' or the class literally, and [0--] is the (empty) range from '0' to '-';
//   - a back reference to a position capture ("()%1") matches the empty string there;
//     in Lua 5.1 it never matches;
//   - %0 in a pattern: gopher-lua refuses it at once, Lua 5.1 when the matcher
//     reaches it (never, if what comes before does not match);
//   - more than 32 captures: Lua 5.1 refuses them;
//   - a pattern ending in '%', or %b without its two bytes: Lua 5.1 refuses it,
//     gopher-lua matches nothing;
//   - find with a pattern without special characters: Lua 5.1 searches for it as
//     plain text, gopher-lua refuses an unmatched ')';
//   - gmatch with a leading '^': an anchor in gopher-lua, an ordinary byte in Lua 5.1;
//   - find with an empty pattern ignores init in gopher-lua;
//   - init past the end: Lua 5.1 starts at the end (an empty match can be found there);
//   - gsub's n of 0 or less: gopher-lua replaces every match, Lua 5.1 none;
//   - '%' before anything but a digit or '%' in a replacement: gopher-lua keeps it.
func gopherDiffers(fn, subject, pattern, repl string, init, n int) bool {
	p := pattern
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '%':
			if i+1 == len(p) || p[i+1] == 'b' && i+3 >= len(p) || p[i+1] == '0' {
				return true
			}
			if p[i+1] == 'b' {
				i += 2 // its two bytes are not pattern syntax
			}
			i++
		case '[':
			j := i + 1
			if j < len(p) && p[j] == '^' {
				j++
			}
			for k := j; k < len(p) && !(p[k] == ']' && k > j); k++ {
				if p[k] == '-' && k > j && (p[k-1] == '%' || p[k-1] == '-' || k >= 2 && p[k-2] == '%' || k+1 < len(p) && p[k+1] == '%' || k >= 2 && p[k-2] == '-') {
					return true
				}
				if p[k] == '%' {
					k++
				}
			}
		}
	}
	if strings.Contains(p, "()") && strings.ContainsAny(p, "123456789") {
		return true
	}
	if strings.Count(p, "(") > maxCaptures {
		return true
	}
	switch fn {
	case "gmatch":
		return strings.HasPrefix(p, "^")
	case "find", "match":
		plain := !strings.ContainsAny(p, patternSpecials)
		return fn == "find" && (p == "" || plain && strings.Contains(p, ")")) || init > len(subject)+1
	case "gsub":
		if n <= 0 {
			return true
		}
		for i := 0; i < len(repl); i++ {
			if repl[i] == '%' {
				if i+1 == len(repl) || !(repl[i+1] == '%' || repl[i+1] >= '0' && repl[i+1] <= '9') {
					return true
				}
				i++
			}
		}
	}
	return false
}

// patternOracle holds a plain gopher-lua state with its own string library, and
// luasync's functions beside it, and calls both the same way.
type patternOracle struct {
	L *lua.LState
}

const oracleHelpers = `
function pack(...)
  local out = {tostring(select('#', ...))}
  for i = 1, select('#', ...) do local v = select(i, ...) out[#out + 1] = type(v) .. ":" .. tostring(v) end
  return table.concat(out, " ")
end
function collect(gmatch, s, p)
  local f, st = gmatch(s, p)
  local out = {}
  for i = 1, 1000 do
    local r = pack(f(st))
    if r == "0" then break end
    out[#out + 1] = r
  end
  return table.concat(out, "; ")
end
function each(...) return "<" .. select('#', ...) .. ":" .. tostring((...)) .. ">" end
`

func newPatternOracle(t testing.TB) *patternOracle {
	L := lua.NewState()
	if err := L.DoString(oracleHelpers); err != nil {
		t.Fatal(err)
	}
	ours := L.NewTable()
	L.SetFuncs(ours, matchFunctions())
	L.SetGlobal("ours", ours)
	return &patternOracle{L: L}
}

// call runs expr (a Lua expression over s, p, r, i, n and lib, the string library
// under test) and returns its packed results, or "error" if it raised one.
func (o *patternOracle) call(lib, expr, s, p, r string, i, n int) string {
	L := o.L
	fn, err := L.LoadString("local lib, s, p, r, i, n = ... return pack(" + expr + ")")
	if err != nil {
		panic(err)
	}
	libValue := L.GetGlobal("string")
	if lib == "ours" {
		libValue = L.GetGlobal("ours")
	}
	L.Push(fn)
	for _, v := range []lua.LValue{libValue, lua.LString(s), lua.LString(p), lua.LString(r), lua.LNumber(i), lua.LNumber(n)} {
		L.Push(v)
	}
	if err := L.PCall(6, 1, nil); err != nil {
		return "error"
	}
	defer L.Pop(1)
	return L.Get(-1).String()
}

func (o *patternOracle) compare(t *testing.T, subject, pattern, repl string, init, n int) {
	// Bound the work: gopher-lua's matcher has no budget.
	if pat, err := compilePattern(pattern, false); err == nil {
		search := newPatternSearch(pat, subject, 1<<18, nil)
		for at := 0; at <= len(subject); at++ {
			if _, err := search.matchAt(at); err != nil {
				return
			}
		}
	}
	for _, c := range []struct{ fn, expr string }{
		{"find", "lib.find(s, p)"},
		{"find", "lib.find(s, p, i)"},
		{"match", "lib.match(s, p)"},
		{"match", "lib.match(s, p, i)"},
		{"gmatch", "collect(lib.gmatch, s, p)"},
		{"gsub", "lib.gsub(s, p, r)"},
		{"gsub", "lib.gsub(s, p, r, n)"},
		{"gsub", "lib.gsub(s, p, each)"},
		{"gsub", "lib.gsub(s, p, {a = 'A', b = false, ['1'] = 'one'})"},
	} {
		if gopherDiffers(c.fn, subject, pattern, repl, init, n) {
			continue
		}
		want := o.call("string", c.expr, subject, pattern, repl, init, n)
		got := o.call("ours", c.expr, subject, pattern, repl, init, n)
		if c.fn == "match" && want == "0" {
			want = "1 nil:nil" // gopher-lua's match returns nothing instead of nil
		}
		if got != want {
			t.Errorf("%s with s=%q p=%q r=%q i=%d n=%d:\n got %s\nwant %s", c.expr, subject, pattern, repl, init, n, got, want)
		}
	}
}

var patternSeeds = []struct {
	s, p, r string
	i, n    int
}{
	{"hello world", "o", "0", 1, 1},
	{"hello world", "(o)(.)", "%2%1", 5, 2},
	{"hello world", "%w+", "<%0>", -5, 1},
	{"  trim me  ", "^%s*(.-)%s*$", "%1", 1, 1},
	{"key = value", "(%w+)%s*=%s*(%w+)", "%2=%1", 1, 1},
	{"f(a(b)c)d", "%b()", "[]", 1, 1},
	{"abc", "", "-", 2, 2},
	{"abc", "()", "%1", 1, 5},
	{"aaa", "a-", "x", 1, 3},
	{"aaab", "a*b", "x", 1, 1},
	{"aaab", "a+?", "x", 1, 1},
	{"x=1, y=2", "(%a)=(%d)", "%1%2%%", 1, 1},
	{"THE (quick) fox", "%((%a+)%)", "%1", 1, 1},
	{"abcabc", "(a)(b)%2", "", 1, 1},
	{"abab", "(ab)%1", "%0!", 1, 1},
	{"a.b.c", "%.", "%%", 1, 9},
	{"[[x]]", "[]]", "r", 1, 1},
	{"a-b", "[a-]", "r", 1, 1},
	{"a^b", "[^%a]", "r", 1, 1},
	{"^ab", "^^", "r", 1, 1},
	{"a$b", "$b", "r", 1, 1},
	{"ab", "b$", "r", 1, 1},
	{"a\x00b", "%z", "0", 1, 1},
	{"abc", "[", "r", 1, 1},
	{"abc", "(a", "r", 1, 1},
	{"abc", "a)", "r", 1, 1},
	{"abc", "%", "r", 1, 1},
	{"abc", "%1", "r", 1, 1},
	{"abc", "(a)%2", "r", 1, 1},
	{"abc", ".", "%2", 1, 1},
	{"hello", "l", "L", -2, 1},
	{"hello", "l", "L", -100, 1},
	{"hello", "l", "L", 0, 1},
	{"one two", "%f", "r", 1, 1},
	{"x", "x*", "%1", 1, 1},
	{"Hello, World!", "%p", "", 1, 1},
	{"a1 B2\tc3", "%u%d", "", 1, 1},
	{"0xFF 12", "%x+", "", 1, 1},
}

// FuzzPattern compares luasync's find, match, gmatch and gsub with gopher-lua's own
// on random subjects and patterns, where gopher-lua follows Lua 5.1 (gopherDiffers).
//
//	go test -run - -fuzz FuzzPattern -fuzztime 5m ./bindings/
func FuzzPattern(f *testing.F) {
	for _, c := range patternSeeds {
		f.Add(c.s, c.p, c.r, c.i, c.n)
	}
	var o *patternOracle
	f.Cleanup(func() {
		if o != nil {
			o.L.Close()
		}
	})
	f.Fuzz(func(t *testing.T, subject, pattern, repl string, init, n int) {
		if len(subject) > 64 || len(pattern) > 24 || len(repl) > 16 {
			return
		}
		if o == nil {
			o = newPatternOracle(t)
		}
		o.compare(t, subject, pattern, repl, init, n)
	})
}
