package cli

import (
	"fmt"
	"strings"
)

// UnifiedDiff shows where got differs from want as a unified diff of lines, with
// context lines around each change, at most maxLines lines of it.
func UnifiedDiff(wantName, gotName, want, got string, maxLines int) string {
	a, b := splitLines(want), splitLines(got)
	ops := diffLines(a, b)
	var out []string
	out = append(out, "--- "+wantName, "+++ "+gotName)
	const context = 2
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		// A hunk: from context lines before this change to context lines after the
		// last change that is near enough.
		start := max(0, i-context)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*context {
				end = min(len(ops), end+context)
				break
			}
			end = run
		}
		aStart, bStart, aLen, bLen := ops[start].a, ops[start].b, 0, 0
		var body []string
		for _, op := range ops[start:end] {
			switch op.kind {
			case ' ':
				aLen++
				bLen++
				body = append(body, " "+CutLine(a[op.a]))
			case '-':
				aLen++
				body = append(body, "-"+CutLine(a[op.a]))
			case '+':
				bLen++
				body = append(body, "+"+CutLine(b[op.b]))
			}
		}
		out = append(out, fmt.Sprintf("@@ -%s +%s @@", hunkRange(aStart, aLen), hunkRange(bStart, bLen)))
		out = append(out, body...)
		i = end
	}
	if len(out) > maxLines {
		out = append(out[:maxLines], fmt.Sprintf("... (%d more lines of diff)", len(out)-maxLines))
	}
	return strings.Join(out, "\n")
}

func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	if !strings.HasSuffix(s, "\n") {
		lines[len(lines)-1] += " (no newline at the end)"
	}
	return lines
}

// diffOp is one line of an edit script: kept (' '), removed from a ('-') or added
// from b ('+'), with its index in a and b.
type diffOp struct {
	kind byte
	a, b int
}

// diffLines is the longest-common-subsequence edit script from a to b. Outputs are
// small; past a few thousand lines the tail is compared as a whole.
func diffLines(a, b []string) []diffOp {
	const limit = 3000
	if len(a) > limit || len(b) > limit {
		n := min(len(a), len(b), limit)
		ops := diffLines(a[:n], b[:n])
		for i := n; i < len(a); i++ {
			ops = append(ops, diffOp{'-', i, len(b)})
		}
		for j := n; j < len(b); j++ {
			ops = append(ops, diffOp{'+', len(a), j})
		}
		return ops
	}
	// lcs[i][j] is the length of the LCS of a[i:] and b[j:].
	lcs := make([][]int32, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []diffOp
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			ops = append(ops, diffOp{' ', i, j})
			i++
			j++
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, diffOp{'-', i, j})
			i++
		default:
			ops = append(ops, diffOp{'+', i, j})
			j++
		}
	}
	return ops
}
