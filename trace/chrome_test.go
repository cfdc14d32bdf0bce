package trace

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"luasync/runtime"
)

type chromeFile struct {
	TraceEvents []struct {
		Name string         `json:"name"`
		Ph   string         `json:"ph"`
		Ts   float64        `json:"ts"`
		Dur  *float64       `json:"dur"`
		Pid  int            `json:"pid"`
		Tid  int            `json:"tid"`
		S    string         `json:"s"`
		Args map[string]any `json:"args"`
	} `json:"traceEvents"`
	DisplayTimeUnit string         `json:"displayTimeUnit"`
	OtherData       map[string]any `json:"otherData"`
}

// The trace of the lock tutorial is valid JSON in the Trace Event Format, with a
// track per task, the slices and instants of each, and the holds of the lock.
func TestChromeTraceOfTheLockTutorial(t *testing.T) {
	r, err := record(t, lockTutorial)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.WriteChrome(&b); err != nil {
		t.Fatal(err)
	}
	var f chromeFile
	if err := json.Unmarshal(b.Bytes(), &f); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b.String())
	}
	var got []string
	for _, e := range f.TraceEvents {
		line := fmt.Sprintf("%d/%d %s %s %g", e.Pid, e.Tid, e.Ph, e.Name, e.Ts)
		switch e.Ph {
		case "X":
			if e.Dur == nil {
				t.Errorf("an X event without dur: %+v", e)
				continue
			}
			line += fmt.Sprintf("+%g", *e.Dur)
		case "i":
			if e.S != "t" && e.S != "g" {
				t.Errorf("an instant without a scope: %+v", e)
			}
		case "M":
			line = fmt.Sprintf("%d/%d M %s %v", e.Pid, e.Tid, e.Name, e.Args["name"])
			if e.Name == "process_sort_index" || e.Name == "thread_sort_index" {
				continue
			}
		}
		got = append(got, line)
	}
	for _, want := range []string{
		"1/0 M process_name tasks of test.lua",
		"1/1 M thread_name Task-1",
		"1/2 M thread_name Task-2",
		"1/3 M thread_name Task-3",
		"1/1 X running 0+0",
		"1/1 X gather 0+4e+06",
		"1/1 i spawn 0",
		"1/1 i finish 4e+06",
		"1/2 X block() 0+2e+06",
		"1/2 i spawn 0",
		"1/2 i finish 2e+06",
		"1/3 X ready 0+2e+06",
		"1/3 X block() 2e+06+2e+06",
		"1/3 i finish 4e+06",
		"2/0 M process_name locks and semaphores held",
		"2/1 M thread_name Lock A",
		"2/1 X Task-2 0+2e+06",
		"2/1 X Task-3 2e+06+2e+06",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("no %q in the trace:\n%s", want, b.String())
		}
	}
	if f.DisplayTimeUnit != "ms" || f.OtherData["clock"] != "virtual" {
		t.Errorf("header: %q %v", f.DisplayTimeUnit, f.OtherData)
	}
}

// A wait names what it waits on; an error, a cancellation and a deadlock are
// instants.
func TestChromeTraceOfWaitsAndEnds(t *testing.T) {
	r, _ := record(t, func(s *runtime.Scheduler, m *runtime.Task) {
		q := runtime.NewQueue(0)
		c := s.Spawn(func(t *runtime.Task) (any, error) { return nil, t.Sleep(secs(5)) })
		m.Sleep(secs(1))
		c.Cancel("enough")
		m.Join(c)
		failing := s.Spawn(func(t *runtime.Task) (any, error) { return nil, errors.New("boom") })
		m.Join(failing)
		q.Get(m)
	})
	var b bytes.Buffer
	r.WriteChrome(&b)
	var f chromeFile
	if err := json.Unmarshal(b.Bytes(), &f); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range f.TraceEvents {
		if e.Ph == "M" {
			continue
		}
		got = append(got, fmt.Sprintf("%d %s %s %g %v", e.Tid, e.Ph, e.Name, e.Ts, e.Args))
	}
	for _, want := range []string{
		"1 X Queue.get 1e+06 map[waits on:Queue A]",
		"1 X Task.join 1e+06 map[waits on:Task-2]",
		"2 i cancel 1e+06 map[by:Task-1]",
		"2 i cancelled 1e+06 map[]",
		"3 i error 1e+06 map[error:boom]",
		"0 i deadlock 1e+06 map[]",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("no %q in:\n%s", want, strings.Join(got, "\n"))
		}
	}
}
