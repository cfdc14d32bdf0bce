package bindings

import "testing"

// Multiple assignment evaluates every right-hand side before assigning (Lua 5.1
// manual, 2.4.3); gopher-lua alone gets these wrong (upstream issues 440, 315).
func TestMultipleAssignment(t *testing.T) {
	checkSnippets(t, []snippet{
		{"swap locals", "local a, b = 5, 1\na, b = b, a\nprint(a, b)", "1\t5\n", ""},
		{"rotate three", "local c, d, e = 1, 2, 3\nc, d, e = e, c, d\nprint(c, d, e)", "3\t1\t2\n", ""},
		{"reads before writes", "local a, b = 0, 0\na, b = a + 1, a + b\nprint(a, b)", "1\t0\n", ""},
		{"a field and a local", "local t, d, f = {}, 'e', 1\nf, t.d = f, d\nprint(f, t.d)", "1\te\n", ""},
		{"the key is evaluated first", "local i, a = 1, {}\na[i], i = 20, 30\nprint(a[1], a[30], i)", "20\tnil\t30\n", ""},
		{"table swap", "local s = {1, 2, 3}\ns[1], s[2], s[3] = s[3], s[2], s[1]\nprint(s[1], s[2], s[3])", "3\t2\t1\n", ""},
		{"multiple results adjust", "local function two() return 7, 8 end\nlocal x, y, z\nx, y, z = two()\nprint(x, y, z)\nx, y = 1\nprint(x, y)", "7\t8\tnil\n1\tnil\n", ""},
		{"globals", "x, y = 1, 2\nx, y = y, x\nprint(x, y)", "2\t1\n", ""},
		{"inside functions and loadstring", "local function f(...) local u, v = ...; u, v = v, u; return u, v end\nprint(f(1, 2))\nprint(loadstring('local p, q = 1, 2; p, q = q, p; return p, q')())", "2\t1\n2\t1\n", ""},
		{"errors keep their line", "local a, b = 1, nil\nlocal t = nil\na, b = b, t.x", "", "t.lua:3: attempt to index a non-table object(nil) with key 'x'"},
	})
}

func TestFormatLimits(t *testing.T) {
	checkSnippets(t, []snippet{
		{"flags are not width digits", `print(("%015d|%-08.3f|%+5d|%%|% d"):format(42, 1.5, 7, 3))`, "000000000000042|1.500   |   +7|%| 3\n", ""},
		{"a three-digit width is refused", `print(pcall(string.format, "%100d", 1))`, "false\tt.lua:1: string.format: invalid format (width too long)\n", ""},
		{"a three-digit precision is refused", `print(pcall(string.format, "%.100f", 1))`, "false\tt.lua:1: string.format: invalid format (precision too long)\n", ""},
	})
}
