package bindings

import (
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// prepareFormat checks string.format's arguments against its format (on c.L's
// stack: the format, then the arguments) as Lua 5.1 does, and rewrites what
// gopher-lua's format (Go's fmt underneath) would get wrong: a missing or mistyped
// argument is an error, not Go's "%!d(MISSING)"; a numeral in a string is a number;
// %u is %d; %q quotes as Lua 5.1 does (a newline as "\" and a newline, a zero byte
// as "\000") and takes no width; %s shows a table, function, coroutine or userdata
// as tostring does; an unknown conversion is an error.
func (m *Module) prepareFormat(c call) {
	L := c.L
	format := c.str(1, nil)
	var out strings.Builder
	arg := 1
	for i := 0; i < len(format); i++ {
		out.WriteByte(format[i])
		if format[i] != '%' {
			continue
		}
		if i+1 < len(format) && format[i+1] == '%' {
			out.WriteByte('%')
			i++
			continue
		}
		spec := i + 1
		for i+1 < len(format) && strings.IndexByte("-+ #0123456789.", format[i+1]) >= 0 {
			i++
		}
		if i+1 == len(format) {
			L.RaiseError("%s", "invalid option '%' to 'format'")
		}
		i++
		conv := format[i]
		arg++
		switch conv {
		case 'c', 'd', 'i', 'o', 'u', 'x', 'X', 'e', 'E', 'f', 'g', 'G':
			L.Replace(arg, lua.LNumber(c.number(arg, nil)))
			if conv == 'u' {
				conv = 'd'
			}
			out.WriteString(format[spec:i])
		case 's':
			if arg > L.GetTop() {
				c.argError(arg, "string expected, got no value")
			}
			if hasAddress(L.Get(arg)) {
				L.Replace(arg, m.toString(L, L.Get(arg))) // as tostring shows it
			}
			out.WriteString(format[spec:i])
		case 'q':
			s := c.str(arg, nil)
			m.checkAllocation(L, "string.format", float64(quotedLen(s)))
			L.Replace(arg, lua.LString(quoteString(s)))
			conv = 's'
		default:
			L.RaiseError("invalid option '%%%c' to 'format'", conv)
		}
		out.WriteByte(conv)
	}
	L.Replace(1, lua.LString(out.String()))
}

// quotedLen is the length of quoteString(s).
func quotedLen(s string) int {
	n := len(s) + 2
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"', '\\', '\n', '\r':
			n++
		case 0:
			n += 3
		}
	}
	return n
}

// quoteString is s between double quotes as Lua 5.1's %q writes it, so that Lua
// reads it back as s.
func quoteString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\\', '\n':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\r':
			b.WriteString(`\r`)
		case 0:
			b.WriteString(`\000`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
