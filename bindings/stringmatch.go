package bindings

import (
	"errors"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// string.find, match, gmatch and gsub, as Lua 5.1 defines them, on the matcher in
// pattern.go: each call has a budget of steps and stops when the run stops, and
// gsub builds its result in one pass.

// matchFunctions are the string library's matching functions, by name.
func matchFunctions() map[string]lua.LGFunction {
	return map[string]lua.LGFunction{
		"find":   strFind,
		"match":  strMatch,
		"gmatch": strGmatch,
		"gfind":  strGmatch, // Lua 5.1's old name for gmatch
		"gsub":   strGsub,
	}
}

// searchStop is what a search calls every few thousand steps: the error the
// interpreter itself raises between instructions once the run is stopping, or nil.
func searchStop(L *lua.LState) func() error {
	ctx := L.Context()
	if ctx == nil {
		return nil
	}
	return func() error {
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
			return nil
		}
	}
}

// raiseSearchError raises err, from compiling or running a pattern for what.
func raiseSearchError(L *lua.LState, what string, err error) {
	var budget *PatternBudgetError
	var mistake *PatternError
	if errors.As(err, &budget) || errors.As(err, &mistake) {
		L.RaiseError("%s: %s", what, err.Error())
	}
	L.RaiseError("%s", err.Error()) // the run is stopping: as the interpreter says it
}

// compileFor compiles the pattern argument of what (after the size checks), or raises.
func compileFor(L *lua.LState, what, subject, pattern string, gmatch bool) *luaPattern {
	checkPattern(L, what, subject, pattern)
	pat, err := compilePattern(pattern, gmatch)
	if err != nil {
		raiseSearchError(L, what, err)
	}
	return pat
}

// startIndex is where find and match start: init counted from 1, or from the end if
// negative, kept within the subject.
func startIndex(init, length int) int {
	if init < 0 {
		init += length + 1
	}
	return min(max(init-1, 0), length)
}

// strFind is string.find(s, pattern [, init [, plain]]).
func strFind(L *lua.LState) int {
	s, pattern := L.CheckString(1), L.CheckString(2)
	init := startIndex(L.OptInt(3, 1), len(s))
	if lua.LVAsBool(L.Get(4)) || !strings.ContainsAny(pattern, patternSpecials) {
		checkPattern(L, "string.find", s, pattern)
		i := strings.Index(s[init:], pattern)
		if i < 0 {
			L.Push(lua.LNil)
			return 1
		}
		L.Push(lua.LNumber(init + i + 1))
		L.Push(lua.LNumber(init + i + len(pattern)))
		return 2
	}
	search := newPatternSearch(compileFor(L, "string.find", s, pattern, false), s, searchBudget(len(s)), searchStop(L))
	start, end, err := search.find(init)
	if err != nil {
		raiseSearchError(L, "string.find", err)
	}
	if start < 0 {
		L.Push(lua.LNil)
		return 1
	}
	L.Push(lua.LNumber(start + 1))
	L.Push(lua.LNumber(end))
	for n := 0; n < search.pat.captures; n++ {
		L.Push(captureValue(search, n))
	}
	return 2 + search.pat.captures
}

// strMatch is string.match(s, pattern [, init]).
func strMatch(L *lua.LState) int {
	s, pattern := L.CheckString(1), L.CheckString(2)
	init := startIndex(L.OptInt(3, 1), len(s))
	search := newPatternSearch(compileFor(L, "string.match", s, pattern, false), s, searchBudget(len(s)), searchStop(L))
	start, end, err := search.find(init)
	if err != nil {
		raiseSearchError(L, "string.match", err)
	}
	if start < 0 {
		L.Push(lua.LNil)
		return 1
	}
	return pushCaptures(L, search, start, end)
}

// strGmatch is string.gmatch(s, pattern): an iterator over the matches, for a
// generic for. Each call looks for the next match, with its own budget.
func strGmatch(L *lua.LState) int {
	s, pattern := L.CheckString(1), L.CheckString(2)
	pat := compileFor(L, "string.gmatch", s, pattern, true)
	next := 0
	L.Push(L.NewFunction(func(L *lua.LState) int {
		search := newPatternSearch(pat, s, searchBudget(len(s)), searchStop(L))
		for ; next <= len(s); next++ {
			end, err := search.matchAt(next)
			if err != nil {
				raiseSearchError(L, "string.gmatch", err)
			}
			if end >= 0 {
				start := next
				next = end
				if end == start { // an empty match: go on one byte further
					next++
				}
				return pushCaptures(L, search, start, end)
			}
		}
		return 0
	}))
	return 1
}

// pushCaptures pushes the captures of the match s[start:end], or the match itself if
// the pattern has none.
func pushCaptures(L *lua.LState, search *patternSearch, start, end int) int {
	if search.pat.captures == 0 {
		L.Push(lua.LString(search.subject[start:end]))
		return 1
	}
	for n := 0; n < search.pat.captures; n++ {
		L.Push(captureValue(search, n))
	}
	return search.pat.captures
}

// captureValue is capture n as Lua sees it: a string, or a number for a position.
func captureValue(search *patternSearch, n int) lua.LValue {
	text, pos, isPos := search.captured(n)
	if isPos {
		return lua.LNumber(pos)
	}
	return lua.LString(text)
}

// replacementPart is a piece of gsub's replacement string: literal text, or a
// capture (0: the whole match).
type replacementPart struct {
	text    string
	capture int // -1 for text
}

// parseReplacement splits a replacement string: %0-%9 are captures, %% is "%",
// and % before any other byte stands for that byte.
func parseReplacement(repl string) []replacementPart {
	var parts []replacementPart
	var text strings.Builder
	for i := 0; i < len(repl); i++ {
		c := repl[i]
		if c != '%' || i+1 == len(repl) {
			text.WriteByte(c)
			continue
		}
		i++
		if d := repl[i]; d >= '0' && d <= '9' {
			if text.Len() > 0 {
				parts = append(parts, replacementPart{text: text.String(), capture: -1})
				text.Reset()
			}
			parts = append(parts, replacementPart{capture: int(d - '0')})
			continue
		}
		text.WriteByte(repl[i])
	}
	if text.Len() > 0 {
		parts = append(parts, replacementPart{text: text.String(), capture: -1})
	}
	return parts
}

// strGsub is string.gsub(s, pattern, repl [, n]): repl is a string (with %0-%9),
// a table (indexed by the first capture) or a function (called with the captures);
// a false or nil value keeps the match. The result is built in one pass, and may
// not pass maxStringResult.
func strGsub(L *lua.LState) int {
	const what = "string.gsub"
	s, pattern := L.CheckString(1), L.CheckString(2)
	repl := L.Get(3)
	var parts []replacementPart
	switch r := repl.(type) {
	case lua.LString:
		parts = parseReplacement(string(r))
	case lua.LNumber:
		parts = parseReplacement(r.String())
	case *lua.LTable, *lua.LFunction:
	default:
		L.RaiseError("bad argument #3 to 'gsub' (string/function/table expected, got %s)", repl.Type().String())
	}
	maxN := L.OptInt(4, len(s)+1)
	search := newPatternSearch(compileFor(L, what, s, pattern, false), s, searchBudget(len(s)), searchStop(L))
	var out strings.Builder
	write := func(text string) {
		if out.Len()+len(text) > maxStringResult {
			L.RaiseError("%s: the result would be more than %s; the limit is %s", what, size(maxStringResult), size(maxStringResult))
		}
		out.WriteString(text)
	}
	copied, at, n := 0, 0, 0 // s[:copied] is in out; the next match is tried at at
	for n < maxN {
		end, err := search.matchAt(at)
		if err != nil {
			raiseSearchError(L, what, err)
		}
		if end >= 0 {
			n++
			write(s[copied:at])
			if parts != nil || isString(repl) {
				expandReplacement(L, search, parts, at, end, write)
			} else {
				write(replacement(L, search, repl, at, end))
			}
			copied = end
		}
		switch {
		case end > at:
			at = end
		case at < len(s):
			at++
		default:
			at = len(s) + 1
		}
		if at > len(s) || search.pat.anchored {
			break
		}
	}
	if copied < len(s) {
		write(s[copied:])
	}
	L.Push(lua.LString(out.String()))
	L.Push(lua.LNumber(n))
	return 2
}

// replacement is what replaces the match s[start:end], for a table or a function.
func replacement(L *lua.LState, search *patternSearch, repl lua.LValue, start, end int) string {
	whole := search.subject[start:end]
	var value lua.LValue
	switch r := repl.(type) {
	case *lua.LTable:
		value = L.GetTable(r, captureOrMatch(search, 1, whole))
	case *lua.LFunction:
		L.Push(r)
		args := max(search.pat.captures, 1)
		for n := 1; n <= args; n++ {
			L.Push(captureOrMatch(search, n, whole))
		}
		L.Call(args, 1)
		value = L.Get(-1)
		L.Pop(1)
	}
	switch v := value.(type) {
	case lua.LString:
		return string(v)
	case lua.LNumber:
		return v.String()
	case *lua.LNilType:
		return whole
	case lua.LBool:
		if !v {
			return whole
		}
	}
	L.RaiseError("string.gsub: invalid replacement value (a %s)", value.Type().String())
	return ""
}

// captureOrMatch is capture n (from 1), or the whole match for 0 and for 1 when the
// pattern has no captures.
func captureOrMatch(search *patternSearch, n int, whole string) lua.LValue {
	if n == 0 || n == 1 && search.pat.captures == 0 {
		return lua.LString(whole)
	}
	return captureValue(search, n-1)
}

// expandReplacement writes a replacement string's parts for the match s[start:end].
func expandReplacement(L *lua.LState, search *patternSearch, parts []replacementPart, start, end int, write func(string)) {
	for _, p := range parts {
		switch {
		case p.capture < 0:
			write(p.text)
		case p.capture == 0 || p.capture == 1 && search.pat.captures == 0:
			write(search.subject[start:end])
		case p.capture > search.pat.captures:
			L.RaiseError("string.gsub: invalid capture index %%%d in the replacement string", p.capture)
		default:
			text, pos, isPos := search.captured(p.capture - 1)
			if isPos {
				text = strconv.Itoa(pos)
			}
			write(text)
		}
	}
}

func isString(v lua.LValue) bool {
	switch v.(type) {
	case lua.LString, lua.LNumber:
		return true
	}
	return false
}
