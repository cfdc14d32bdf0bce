package bindings

import "fmt"

// How deep a chunk makes the compiler recurse, measured before it is parsed.
//
// gopher-lua's parser keeps its stack on the heap, but the syntax tree it builds is
// then walked recursively (by the compiler, and by the repair pass in assign.go):
// one Go call level, and up to a few kilobytes of Go stack, for every level of the
// tree. A Go stack overflow is a fatal error that no recover can catch, so a chunk
// whose tree could be too deep is refused before it is parsed.
//
// The tree's depth is bounded from the tokens: each open bracket or block is a
// level; so is each elseif (the parser nests an elseif inside the else of the if
// before it); and inside one expression, each operator (binary or unary) and each
// suffix (.name, :name, [key], a call's arguments) may be one, since a chain of them
// (`not not x`, `1+1+1`, `t.a.a`, `f()()`) is a chain of nested nodes. An
// expression ends at `,`, `;`, `=`, a keyword that starts or ends a statement, or a
// name or number right after an operand (a new statement). This bound counts a long
// sum as deep as it is: the tree of `1+2+3` is ((1+2)+3).

// maxSyntaxLevels bounds the depth of the tree: brackets, blocks, elseifs and the
// operators and suffixes chained in an expression (maxNesting bounds brackets and
// blocks alone, as Lua 5.1 does). At a few kilobytes of Go stack a level at most,
// the compiler stays within a few megabytes.
const maxSyntaxLevels = 1000

// A depthFrame is an open bracket or block.
type depthFrame struct {
	chain    int  // the enclosing expression's levels when it opened
	elseifs  int  // elseifs seen in this block
	function bool // a function body: after its end, the expression goes on
}

// depthScan walks a chunk's tokens, roughly (it never fails: what it misreads, the
// parser refuses), and stops where the chunk gets too deep.
type depthScan struct {
	src    []byte
	i      int
	line   int
	frames []depthFrame
	// levels is the tree depth of the open frames: for each, one plus the chain
	// it opened in, plus its elseifs.
	levels int
	// chain counts the operators and suffixes of the expression being read in the
	// innermost frame.
	chain        int
	afterOperand bool // the last token ended an operand: a name, a literal, a closing bracket
}

// sourceTooDeep returns where src nests deeper than maxNesting brackets and blocks,
// or makes a tree deeper than maxSyntaxLevels: the line and what is too deep. It
// returns line 0 if src is within both limits.
func sourceTooDeep(src []byte) (line int, what string) {
	s := &depthScan{src: src, line: 1}
	for s.i < len(src) {
		s.token()
		switch {
		case len(s.frames) > maxNesting:
			return s.line, fmt.Sprintf("more than %d nested", maxNesting)
		case s.levels+s.chain > maxSyntaxLevels:
			return s.line, fmt.Sprintf("more than %d levels deep, counting brackets, blocks, elseifs, and operators, .field, [key] and calls in a chain", maxSyntaxLevels)
		}
	}
	return 0, ""
}

// token reads the next token (or skips a space or comment) and updates the counts.
func (s *depthScan) token() {
	src, c := s.src, s.src[s.i]
	switch {
	case c == '\n':
		s.line++
		s.i++
	case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
		s.i++
	case c == '-' && s.peek(1) == '-':
		s.i += 2
		if !s.longBracket() {
			for s.i < len(src) && src[s.i] != '\n' {
				s.i++
			}
		}
	case c == '[' && (s.peek(1) == '[' || s.peek(1) == '='):
		if s.longBracket() {
			s.suffixOrOperand()
		} else {
			s.i++
			s.open(false)
		}
	case c == '"' || c == '\'':
		for s.i++; s.i < len(src) && src[s.i] != c && src[s.i] != '\n'; s.i++ {
			if src[s.i] == '\\' && s.i+1 < len(src) {
				s.i++
				if src[s.i] == '\n' {
					s.line++
				}
			}
		}
		s.i++
		s.suffixOrOperand()
	case c >= '0' && c <= '9' || c == '.' && s.peek(1) >= '0' && s.peek(1) <= '9':
		for s.i++; s.i < len(src); s.i++ {
			d := src[s.i]
			if (d == '+' || d == '-') && (src[s.i-1] == 'e' || src[s.i-1] == 'E') {
				continue
			}
			if !isNameByte(d) && d != '.' {
				break
			}
		}
		s.operand()
	case isNameByte(c):
		j := s.i
		for j < len(src) && isNameByte(src[j]) {
			j++
		}
		s.word(string(src[s.i:j]))
		s.i = j
	case c == '(' || c == '{' || c == '[':
		s.i++
		s.open(false)
	case c == ')' || c == '}' || c == ']':
		s.i++
		s.close()
		s.afterOperand = true
	case c == '.' && s.peek(1) == '.' && s.peek(2) == '.':
		s.i += 3
		s.operand()
	case c == '.' && s.peek(1) == '.':
		s.i += 2
		s.operator()
	case c == '.' || c == ':' && s.peek(1) != ':':
		s.i++
		s.operator() // .name and :name are suffixes: one level each
	case c == ':': // a label, ::name::
		s.i += 2
		s.endExpression()
	case c == '=' && s.peek(1) == '=', c == '~' || c == '<' || c == '>':
		s.i++
		if s.peek(0) == '=' {
			s.i++
		}
		s.operator()
	case c == '=' || c == ',' || c == ';':
		s.i++
		s.endExpression()
	case c == '+' || c == '-' || c == '*' || c == '/' || c == '%' || c == '^' || c == '#':
		s.i++
		s.operator()
	default: // not Lua: the parser says so
		s.i++
	}
}

func (s *depthScan) peek(k int) byte {
	if s.i+k < len(s.src) {
		return s.src[s.i+k]
	}
	return 0
}

// longBracket skips a long string or comment, [[...]] or [==[...]==], if one starts
// at s.i, and reports whether it did.
func (s *depthScan) longBracket() bool {
	src := s.src
	j := s.i + 1
	for j < len(src) && src[j] == '=' {
		j++
	}
	if s.i >= len(src) || src[s.i] != '[' || j >= len(src) || src[j] != '[' {
		return false
	}
	level := j - s.i - 1
	for j++; j < len(src); j++ {
		switch src[j] {
		case '\n':
			s.line++
		case ']':
			k := j + 1
			for k < len(src) && src[k] == '=' {
				k++
			}
			if k-j-1 == level && k < len(src) && src[k] == ']' {
				s.i = k + 1
				return true
			}
		}
	}
	s.i = len(src) // unfinished: the parser says so
	return true
}

func (s *depthScan) word(w string) {
	switch w {
	case "and", "or", "not":
		s.operator()
	case "nil", "true", "false":
		s.operand()
	case "function":
		if s.afterOperand {
			s.endExpression() // a new statement
		}
		s.open(true)
	case "do", "if", "repeat":
		s.endExpression()
		s.open(false)
	case "end", "until":
		if function := s.close(); !function || w == "until" {
			s.endExpression() // the end of a statement
		}
	case "elseif":
		s.endExpression()
		if n := len(s.frames); n > 0 {
			s.frames[n-1].elseifs++
			s.levels++
		}
	case "then", "else", "local", "return", "while", "for", "in", "break", "goto":
		s.endExpression()
	default:
		s.operand()
	}
}

// operand is a name or literal: right after another operand it starts a statement.
func (s *depthScan) operand() {
	if s.afterOperand {
		s.chain = 0
	}
	s.afterOperand = true
}

// suffixOrOperand is a string: after an operand it is a call's argument (f "x").
func (s *depthScan) suffixOrOperand() {
	if s.afterOperand {
		s.chain++
	}
	s.afterOperand = true
}

func (s *depthScan) operator() {
	s.chain++
	s.afterOperand = false
}

func (s *depthScan) endExpression() {
	s.chain = 0
	s.afterOperand = false
}

// open starts a bracket or block; a bracket after an operand is a suffix (a call,
// an index, f{...}).
func (s *depthScan) open(function bool) {
	if s.afterOperand && !function {
		s.chain++
	}
	s.frames = append(s.frames, depthFrame{chain: s.chain, function: function})
	s.levels += s.chain + 1
	s.chain = 0
	s.afterOperand = false
}

// close ends the innermost bracket or block and goes back to the expression it
// opened in (what it closed is an operand there); it reports whether it closed a
// function body.
func (s *depthScan) close() (function bool) {
	n := len(s.frames)
	if n == 0 {
		return false
	}
	f := s.frames[n-1]
	s.frames = s.frames[:n-1]
	s.levels -= f.chain + 1 + f.elseifs
	s.chain = f.chain
	s.afterOperand = true
	return f.function
}

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
