package trace

import (
	"testing"
	"time"

	"luasync/runtime"
)

func TestTextTimelineOfTheLockTutorials(t *testing.T) {
	cases := []struct {
		name string
		main func(s *runtime.Scheduler, m *runtime.Task)
		want string
	}{
		{"block", lockTutorial, `timeline of test.lua (virtual clock): 0 to 4.000 s, one column = 0.1 s
       0s        1s        2s        3s        4s
Task-1|#--------------------------------------#| done
Task-2|!!!!!!!!!!!!!!!!!!!!#                   | done
Task-3|....................!!!!!!!!!!!!!!!!!!!!| done
Lock A|2222222222222222222233333333333333333333|
# running  ! block()  . ready  - waiting  z sleeping  (lock rows: who holds it, by task id)
`},
		{"sleep", lockSleep, `timeline of test.lua (virtual clock): 0 to 4.000 s, one column = 0.1 s
       0s        1s        2s        3s        4s
Task-1|#--------------------------------------#| done
Task-2|#zzzzzzzzzzzzzzzzzzz#                   | done
Task-3|#-------------------#zzzzzzzzzzzzzzzzzz#| done
Lock A|2222222222222222222233333333333333333333|
# running  ! block()  . ready  - waiting  z sleeping  (lock rows: who holds it, by task id)
`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, _ := record(t, c.main)
			if got := text(r, 40); got != c.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

func TestTextCells(t *testing.T) {
	segs := []Segment{
		{State: Ready, Start: 0, End: 0},
		{State: Running, Start: 0, End: 0},
		{State: Sleeping, Start: 0, End: 3 * time.Second},
		{State: Ready, Start: 3 * time.Second, End: 4 * time.Second},
		{State: Running, Start: 4 * time.Second, End: 4 * time.Second},
		{State: Waiting, Start: 4 * time.Second, End: 6 * time.Second},
	}
	var row []byte
	for c := time.Duration(0); c < 7; c++ {
		row = append(row, taskCell(segs, c*time.Second, (c+1)*time.Second))
	}
	if got, want := string(row), "#zz.#- "; got != want {
		t.Errorf("cells %q, want %q", got, want)
	}
	if got := niceStep(4*time.Second, 72); got != 100*time.Millisecond {
		t.Errorf("niceStep: %v", got)
	}
}
