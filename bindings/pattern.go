package bindings

import (
	"fmt"
	"strings"
)

// Lua 5.1 patterns, as Lua 5.1's reference manual describes them, matched
// by backtracking with a budget of steps: a pattern such as ".-b" or "(.*)b" can try
// every split of a long subject, and a Go builtin cannot be stopped between Lua
// instructions, so the matcher counts its steps, gives up past the budget, and every
// few thousand steps asks whether the run is stopping.
//
// A pattern is compiled once into items; each item matches one thing (a byte from a
// set, with or without a repetition; a capture's start or end; %b; a back reference;
// the end anchor), and the matcher tries them left to right, backtracking through
// repetitions. The recursion is at most one level per item, so its depth is bounded
// by the pattern's length.

// A search (one call of string.find, match or gsub, or one iteration of a gmatch
// loop) may take patternBudget steps plus budgetPerByte for each byte of its
// subject: a fraction of a second of matching for a small subject, and room for
// linear work (a few steps a byte) on the largest one allowed.
const (
	patternBudget = 1 << 26
	budgetPerByte = 16
)

// searchBudget is the budget of steps of a search in a subject of n bytes.
func searchBudget(n int) int64 { return patternBudget + budgetPerByte*int64(n) }

// stepsPerCheck is how many steps pass between two looks at the budget and the stop.
const stepsPerCheck = 1 << 12

// maxCaptures is Lua 5.1's limit on captures in one pattern.
const maxCaptures = 32

// patternSpecials are the bytes that make a pattern more than a plain string.
const patternSpecials = "^$*+?.([%-"

// PatternBudgetError is a search that took more than its budget of steps.
type PatternBudgetError struct{ Steps int64 }

func (e *PatternBudgetError) Error() string {
	return fmt.Sprintf("pattern too complex for the input (more than %d steps)", e.Steps)
}

// PatternError is a mistake in a pattern: in its text, or a back reference to a
// capture that does not exist where the matcher meets it.
type PatternError struct{ Message string }

func (e *PatternError) Error() string { return e.Message }

func malformed(why string) error { return &PatternError{"malformed pattern (" + why + ")"} }

// byteSet is a set of bytes, one bit each.
type byteSet [4]uint64

func (s *byteSet) add(c byte)      { s[c>>6] |= 1 << (c & 63) }
func (s *byteSet) has(c byte) bool { return s[c>>6]&(1<<(c&63)) != 0 }
func (s *byteSet) addSet(o *byteSet) {
	s[0], s[1], s[2], s[3] = s[0]|o[0], s[1]|o[1], s[2]|o[2], s[3]|o[3]
}
func (s *byteSet) complement() *byteSet { return &byteSet{^s[0], ^s[1], ^s[2], ^s[3]} }

func (s *byteSet) addRange(lo, hi byte) {
	for c := int(lo); c <= int(hi); c++ {
		s.add(byte(c))
	}
}

// classSets maps the letter after % to its set (%a, %d...; the upper-case letter is
// the complement), in the C locale. A byte that is not a class letter stands for
// itself.
var classSets = func() [256]*byteSet {
	var sets [256]*byteSet
	in := func(test func(c byte) bool) *byteSet {
		var s byteSet
		for c := 0; c < 256; c++ {
			if test(byte(c)) {
				s.add(byte(c))
			}
		}
		return &s
	}
	lower := func(c byte) bool { return c >= 'a' && c <= 'z' }
	upper := func(c byte) bool { return c >= 'A' && c <= 'Z' }
	digit := func(c byte) bool { return c >= '0' && c <= '9' }
	letter := func(c byte) bool { return lower(c) || upper(c) }
	for letterOf, set := range map[byte]*byteSet{
		'a': in(letter),
		'c': in(func(c byte) bool { return c < 32 || c == 127 }),
		'd': in(digit),
		'l': in(lower),
		'p': in(func(c byte) bool { return c > 32 && c < 127 && !letter(c) && !digit(c) }),
		's': in(func(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }),
		'u': in(upper),
		'w': in(func(c byte) bool { return letter(c) || digit(c) }),
		'x': in(func(c byte) bool { return digit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }),
		'z': in(func(c byte) bool { return c == 0 }),
	} {
		sets[letterOf] = set
		sets[letterOf-'a'+'A'] = set.complement()
	}
	return sets
}()

// escapedSet is the set that %c stands for: a class, or c itself.
func escapedSet(c byte) *byteSet {
	if s := classSets[c]; s != nil {
		return s
	}
	return literalSet(c)
}

// literalSet is the set of c alone.
func literalSet(c byte) *byteSet {
	var s byteSet
	s.add(c)
	return &s
}

var anyByte = (&byteSet{}).complement()

type itemKind uint8

const (
	itemBytes    itemKind = iota // one byte of set, repeated as rep says
	itemOpen                     // "(": capture starts
	itemPosition                 // "()": the position is captured
	itemClose                    // ")": capture ends
	itemBalanced                 // %bxy
	itemBackRef                  // %1-%9: the text of an earlier capture again
	itemEnd                      // "$" at the pattern's end
)

// patternItem is one element of a compiled pattern.
type patternItem struct {
	kind    itemKind
	rep     byte // for itemBytes: 0 (once), '*', '+', '-' or '?'
	set     *byteSet
	capture int  // the capture an itemOpen, itemPosition, itemClose or itemBackRef is about
	open    byte // itemBalanced's brackets
	close   byte
	invalid bool // itemBackRef to a capture not closed at this point: an error if reached
}

// luaPattern is a compiled pattern.
type luaPattern struct {
	items    []patternItem
	anchored bool // "^" at the start (not in gmatch, where it is an ordinary byte)
	captures int
}

// compilePattern compiles a Lua pattern. In gmatch a leading "^" is not an anchor
// (it would stop the iteration): there it is an ordinary byte.
func compilePattern(p string, gmatch bool) (*luaPattern, error) {
	pat := &luaPattern{}
	i := 0
	if !gmatch && strings.HasPrefix(p, "^") {
		pat.anchored = true
		i = 1
	}
	var open []int // captures started and not yet closed
	closed := make([]bool, 0, 4)
	for i < len(p) {
		c := p[i]
		switch {
		case c == '(':
			if pat.captures == maxCaptures {
				return nil, &PatternError{"too many captures"}
			}
			if i+1 < len(p) && p[i+1] == ')' {
				pat.items = append(pat.items, patternItem{kind: itemPosition, capture: pat.captures})
				closed = append(closed, true)
				pat.captures++
				i += 2
				continue
			}
			pat.items = append(pat.items, patternItem{kind: itemOpen, capture: pat.captures})
			open = append(open, pat.captures)
			closed = append(closed, false)
			pat.captures++
			i++
			continue
		case c == ')':
			if len(open) == 0 {
				return nil, &PatternError{"invalid pattern capture (a ')' closes nothing)"}
			}
			n := open[len(open)-1]
			open = open[:len(open)-1]
			closed[n] = true
			pat.items = append(pat.items, patternItem{kind: itemClose, capture: n})
			i++
			continue
		case c == '$' && i == len(p)-1:
			pat.items = append(pat.items, patternItem{kind: itemEnd})
			i++
			continue
		case c == '%' && i+1 == len(p):
			return nil, malformed("ends with '%'")
		case c == '%' && p[i+1] == 'b':
			if i+3 >= len(p) {
				return nil, malformed("missing arguments to '%b'")
			}
			pat.items = append(pat.items, patternItem{kind: itemBalanced, open: p[i+2], close: p[i+3]})
			i += 4
			continue
		case c == '%' && p[i+1] >= '0' && p[i+1] <= '9':
			n := int(p[i+1] - '1')
			pat.items = append(pat.items, patternItem{kind: itemBackRef, capture: n, invalid: n < 0 || n >= len(closed) || !closed[n]})
			i += 2
			continue
		}
		// One byte from a set, maybe repeated.
		var set *byteSet
		switch c {
		case '%':
			set = escapedSet(p[i+1])
			i += 2
		case '.':
			set = anyByte
			i++
		case '[':
			s, end, err := compileBracket(p, i)
			if err != nil {
				return nil, err
			}
			set = s
			i = end
		default:
			set = literalSet(c)
			i++
		}
		item := patternItem{kind: itemBytes, set: set}
		if i < len(p) && strings.IndexByte("*+-?", p[i]) >= 0 {
			item.rep = p[i]
			i++
		}
		pat.items = append(pat.items, item)
	}
	if len(open) > 0 {
		return nil, &PatternError{"unfinished capture"}
	}
	return pat, nil
}

// compileBracket compiles the set [...] that starts at p[start], and returns the
// index after its "]". A "]" right after "[" or "[^" belongs to the set, "%" escapes
// the next byte (or names a class), and x-y is a range when y is not the closing "]".
func compileBracket(p string, start int) (*byteSet, int, error) {
	i := start + 1
	negate := i < len(p) && p[i] == '^'
	if negate {
		i++
	}
	body := i
	// Find the closing ']': the first byte of the body never closes it.
	end := -1
	for j := body; j < len(p); j++ {
		if p[j] == '%' {
			j++
			continue
		}
		if p[j] == ']' && j > body {
			end = j
			break
		}
	}
	if end < 0 {
		return nil, 0, malformed("missing ']'")
	}
	var set byteSet
	for j := body; j < end; {
		switch {
		case p[j] == '%':
			set.addSet(escapedSet(p[j+1]))
			j += 2
		case j+2 < end && p[j+1] == '-':
			set.addRange(p[j], p[j+2])
			j += 3
		default:
			set.add(p[j])
			j++
		}
	}
	if negate {
		return set.complement(), end + 1, nil
	}
	return &set, end + 1, nil
}

// Where a capture ended: its length, or one of these.
const (
	captureUnfinished = -1
	capturePosition   = -2
)

type capture struct{ start, length int }

// patternSearch is one search of a compiled pattern in a subject: one call of find,
// match or gsub, or one iteration of gmatch. It counts steps against its budget and,
// every stepsPerCheck steps, calls stop, whose error (the run is stopping) ends it.
type patternSearch struct {
	pat       *luaPattern
	subject   string
	caps      []capture
	steps     int64
	budget    int64
	countdown int
	stop      func() error
}

// searchAbort carries an error out of the matcher's recursion to the search's entry.
type searchAbort struct{ err error }

func newPatternSearch(pat *luaPattern, subject string, budget int64, stop func() error) *patternSearch {
	return &patternSearch{pat: pat, subject: subject, caps: make([]capture, pat.captures), budget: budget, countdown: stepsPerCheck, stop: stop}
}

// find is the first match at or after init, honouring the anchor: its bounds, or
// start -1 for none.
func (s *patternSearch) find(init int) (start, end int, err error) {
	defer s.recoverAbort(&err)
	for start = init; start <= len(s.subject); start++ {
		if end = s.match(start, 0); end >= 0 {
			return start, end, nil
		}
		if s.pat.anchored {
			break
		}
	}
	return -1, -1, nil
}

// matchAt is the end of a match starting exactly at start, or -1.
func (s *patternSearch) matchAt(start int) (end int, err error) {
	defer s.recoverAbort(&err)
	return s.match(start, 0), nil
}

func (s *patternSearch) recoverAbort(err *error) {
	if r := recover(); r != nil {
		a, ok := r.(searchAbort)
		if !ok {
			panic(r)
		}
		*err = a.err
	}
}

// step counts one step, and every stepsPerCheck steps checks the budget and the stop.
func (s *patternSearch) step() { s.stepN(1) }

// stepN counts n steps at once.
func (s *patternSearch) stepN(n int) {
	s.countdown -= n
	if s.countdown > 0 {
		return
	}
	s.steps += int64(stepsPerCheck - s.countdown)
	s.countdown = stepsPerCheck
	if s.steps > s.budget {
		panic(searchAbort{&PatternBudgetError{Steps: s.budget}})
	}
	if s.stop != nil {
		if err := s.stop(); err != nil {
			panic(searchAbort{err})
		}
	}
}

// match tries items[i:] at subject position at; it returns where the match ends, or -1.
func (s *patternSearch) match(at, i int) int {
	items := s.pat.items
	for {
		s.step()
		if i == len(items) {
			return at
		}
		it := &items[i]
		switch it.kind {
		case itemBytes:
			switch it.rep {
			case 0:
				if at < len(s.subject) && it.set.has(s.subject[at]) {
					at++
					i++
					continue
				}
				return -1
			case '?':
				if at < len(s.subject) && it.set.has(s.subject[at]) {
					if end := s.match(at+1, i+1); end >= 0 {
						return end
					}
				}
				i++
				continue
			case '*':
				return s.longest(it.set, at, i+1)
			case '+':
				if at < len(s.subject) && it.set.has(s.subject[at]) {
					return s.longest(it.set, at+1, i+1)
				}
				return -1
			default: // '-'
				return s.shortest(it.set, at, i+1)
			}
		case itemOpen, itemPosition:
			saved := s.caps[it.capture]
			s.caps[it.capture] = capture{at, captureUnfinished}
			if it.kind == itemPosition {
				s.caps[it.capture].length = capturePosition
			}
			if end := s.match(at, i+1); end >= 0 {
				return end
			}
			s.caps[it.capture] = saved
			return -1
		case itemClose:
			c := &s.caps[it.capture]
			c.length = at - c.start
			if end := s.match(at, i+1); end >= 0 {
				return end
			}
			s.caps[it.capture].length = captureUnfinished
			return -1
		case itemEnd:
			if at != len(s.subject) {
				return -1
			}
			i++
		case itemBalanced:
			if at = s.balanced(it.open, it.close, at); at < 0 {
				return -1
			}
			i++
		case itemBackRef:
			if it.invalid {
				panic(searchAbort{&PatternError{fmt.Sprintf("invalid capture index %%%d", it.capture+1)}})
			}
			c := s.caps[it.capture]
			if c.length < 0 { // a position capture has no text to repeat
				return -1
			}
			text := s.subject[c.start : c.start+c.length]
			s.stepN(len(text) / 16) // comparing 16 bytes costs about a step
			if !strings.HasPrefix(s.subject[at:], text) {
				return -1
			}
			at += len(text)
			i++
		}
	}
}

// longest matches as many bytes of set as it can from at, then gives them back one by
// one until items[next:] matches.
func (s *patternSearch) longest(set *byteSet, at, next int) int {
	n := 0
	for at+n < len(s.subject) && set.has(s.subject[at+n]) {
		s.step()
		n++
	}
	for ; n >= 0; n-- {
		if end := s.match(at+n, next); end >= 0 {
			return end
		}
	}
	return -1
}

// shortest tries items[next:] after as few bytes of set as it can.
func (s *patternSearch) shortest(set *byteSet, at, next int) int {
	for {
		if end := s.match(at, next); end >= 0 {
			return end
		}
		if at < len(s.subject) && set.has(s.subject[at]) {
			at++
			continue
		}
		return -1
	}
}

// balanced matches %bxy at at: an x, then up to the y that balances it. It returns
// the position after that y, or -1.
func (s *patternSearch) balanced(open, close byte, at int) int {
	if at >= len(s.subject) || s.subject[at] != open {
		return -1
	}
	depth := 1
	for j := at + 1; j < len(s.subject); j++ {
		s.step()
		switch s.subject[j] {
		case close:
			if depth--; depth == 0 {
				return j + 1
			}
		case open:
			depth++
		}
	}
	return -1
}

// captured is capture n of the last match: its text, or for a position capture its
// position (counted from 1) and isPosition true.
func (s *patternSearch) captured(n int) (text string, position int, isPosition bool) {
	c := s.caps[n]
	if c.length == capturePosition {
		return "", c.start + 1, true
	}
	return s.subject[c.start : c.start+c.length], 0, false
}
