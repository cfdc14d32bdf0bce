package cli

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// What the commands' reports share: words in the plural, indented blocks, lines cut
// to a size, quoted paths and shell words.

// Plural is one if n is 1, else many.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Indent indents each line of s by four spaces.
func Indent(s string) string {
	if s == "" {
		return ""
	}
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}

// FirstLines is the first n lines of s, each cut at maxShownLine bytes.
func FirstLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append(lines[:n], fmt.Sprintf("... (%d more lines)", len(lines)-n))
	}
	for i, l := range lines {
		lines[i] = CutLine(l)
	}
	return strings.Join(lines, "\n")
}

// maxShownLine caps a line of a child's output or of a diff in a report.
const maxShownLine = 500

// CutLine cuts a line longer than maxShownLine bytes, saying how much is left out.
func CutLine(l string) string {
	if len(l) <= maxShownLine {
		return l
	}
	return fmt.Sprintf("%s... (%d bytes more)", l[:maxShownLine], len(l)-maxShownLine)
}

// ShownPath is a path as a report shows it: quoted if it has a control character
// (a newline in a folder's name must not start a line of the report), a quote, a
// backslash or bytes that are not UTF-8.
func ShownPath(p string) string {
	if strings.ContainsAny(p, "\"\\") || !utf8.ValidString(p) || strings.IndexFunc(p, unicode.IsControl) >= 0 {
		return strconv.Quote(p)
	}
	return p
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_./=:,+@%-]+$`)

// ShellCommand is words as a POSIX shell command line: each quoted unless it needs
// no quotes.
func ShellCommand(words []string) string {
	quoted := make([]string, len(words))
	for i, s := range words {
		quoted[i] = s
		if !shellSafe.MatchString(s) {
			quoted[i] = "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
	}
	return strings.Join(quoted, " ")
}
