package runtime

import (
	"fmt"
	"testing"
	"time"
)

func TestSmoke(t *testing.T) {
	s := New(Options{Clock: NewVirtualClock()})
	var log []string
	l := NewLock()
	err := s.Run(func(m *Task) (any, error) {
		for i := 0; i < 3; i++ {
			i := i
			s.Spawn(func(t *Task) (any, error) {
				log = append(log, fmt.Sprint("try ", i))
				l.Acquire(t)
				log = append(log, fmt.Sprint("got ", i, " ", l))
				t.Sleep(time.Second)
				l.Release()
				return nil, nil
			})
		}
		m.Sleep(10 * time.Second)
		log = append(log, fmt.Sprint("now ", s.Now()))
		return nil, nil
	})
	t.Log(err, log)
}
