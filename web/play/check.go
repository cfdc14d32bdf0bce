package play

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	base "luasync/internal/cli"
)

// An exercise's Check in the page: the verdict luasync check gives, from a run
// made as check makes it (the virtual clock, seed 1, the script's "--! args:" and
// "--! exit:" lines), without a child process.

// CheckRequest is a script and what it should print.
type CheckRequest struct {
	Name     string // the script's path, as check shows it
	Source   string
	Expected string // the expected output
	// ExpectedName is the expected file's path, as the diff names it.
	ExpectedName string
}

// Verdict is a check's outcome: Pass, and the text luasync check prints for it.
type Verdict struct {
	Pass bool
	Text string
}

var directiveLine = regexp.MustCompile(`(?m)^--! (\w+): (.*)$`)

// Check runs req's script and judges it as luasync check does.
func Check(req CheckRequest) Verdict {
	d := map[string]string{}
	for _, m := range directiveLine.FindAllStringSubmatch(req.Source, -1) {
		d[m[1]] = strings.TrimSpace(m[2])
	}
	start := time.Now()
	verdict := func(pass bool, details string) Verdict {
		word := "FAIL"
		if pass {
			word = "PASS"
		}
		text := fmt.Sprintf("%s %s (%.2fs)\n", word, base.ShownPath(req.Name), time.Since(start).Seconds())
		if details != "" {
			text += details + "\n"
		}
		return Verdict{Pass: pass, Text: text}
	}
	wantStatus := 0
	if s := d["exit"]; s != "" {
		var err error
		if wantStatus, err = strconv.Atoi(s); err != nil {
			return verdict(false, base.Indent(fmt.Sprintf("%s: bad directive --! exit: %s", req.Name, s)))
		}
	}
	var stdout, stderr strings.Builder
	res := Run(Request{Name: req.Name, Source: req.Source, Args: strings.Fields(d["args"]), Seed: 1, quiet: true},
		Sinks{Stdout: func(s string) { stdout.WriteString(s) }, Stderr: func(s string) { stderr.WriteString(s) }})
	stderr.WriteString(res.Report)
	var why []string
	if stdout.String() != req.Expected {
		why = append(why, base.UnifiedDiff(base.ShownPath(req.ExpectedName), "stdout", req.Expected, stdout.String(), 30))
	}
	if res.Status != wantStatus {
		why = append(why, fmt.Sprintf("exit status %d, want %d", res.Status, wantStatus))
		if stderr.Len() > 0 {
			why = append(why, base.FirstLines(stderr.String(), 30))
		}
	}
	return verdict(len(why) == 0, base.Indent(strings.Join(why, "\n")))
}
