package engine

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"luasync/runtime"
)

// NewScheduleFile makes a new, empty file in the temporary folder for a schedule of
// script and returns its name, or "" if it cannot. The name has the script's folder
// and name, what (may be ""), and a random part, so that no two runs share a file,
// even of scripts named alike (every exercise is an exercise.lua).
func NewScheduleFile(script, what string) string {
	parts := []string{strings.TrimSuffix(filepath.Base(script), ".lua")}
	if abs, err := filepath.Abs(script); err == nil {
		if dir := filepath.Base(filepath.Dir(abs)); dir != string(filepath.Separator) && dir != "." {
			parts = append([]string{dir}, parts...)
		}
	}
	if what != "" {
		parts = append(parts, what)
	}
	f, err := os.CreateTemp("", strings.Join(parts, "-")+"-*.schedule")
	if err != nil {
		return ""
	}
	f.Close()
	return f.Name()
}

// SaveSchedule writes the choices of a run of script to the file path, naming the
// script in a comment.
func SaveSchedule(path, script string, choices []string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = runtime.WriteSchedule(f, scheduleComments(script), choices)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// scriptComment starts the comment line of a schedule file that names the script
// it was recorded for, by its absolute path.
const scriptComment = "script: "

// scheduleComments are the comment lines of a schedule of script.
func scheduleComments(script string) []string {
	if abs, err := filepath.Abs(script); err == nil {
		script = abs
	}
	return []string{scriptComment + script}
}

// readScheduleFile reads the schedule file path: its choices, and the script it was
// recorded for ("" if it does not say).
func readScheduleFile(path string) (choices []string, script string, err error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", fmt.Errorf("cannot read the schedule: %w", err)
	}
	if choices, err = runtime.ReadSchedule(bytes.NewReader(b)); err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		comment, ok := strings.CutPrefix(strings.TrimSpace(line), "#")
		if name, found := strings.CutPrefix(strings.TrimSpace(comment), scriptComment); ok && found {
			return choices, strings.TrimSpace(name), nil
		}
	}
	return choices, "", nil
}

// warnIfScheduleOfAnother warns on w when the schedule file a run replays was
// recorded for another script: its choices may well not fit.
func warnIfScheduleOfAnother(w io.Writer, cfg Config) {
	if cfg.scheduleScript == "" || sameFile(cfg.scheduleScript, cfg.Script) {
		return
	}
	fmt.Fprintf(w, "luasync: warning: %s was recorded for %s, not %s: its choices may not fit this script\n",
		cfg.ScheduleFile, cfg.scheduleScript, cfg.Script)
}

// sameFile says whether the paths a and b name the same file: by the file itself if
// both exist, else by their absolute paths.
func sameFile(a, b string) bool {
	ai, aerr := os.Stat(a)
	bi, berr := os.Stat(b)
	if aerr == nil && berr == nil {
		return os.SameFile(ai, bi)
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}
