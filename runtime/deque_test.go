package runtime

import (
	"fmt"
	"testing"
)

func TestDequeRemoveAt(t *testing.T) {
	var d deque[int]
	for i := 0; i < 5; i++ {
		d.pushBack(i)
	}
	d.popFront()
	d.pushBack(5) // wraps around the ring
	for _, i := range []int{2, 0, 2} {
		d.removeAt(i)
	}
	var got []int
	for d.len() > 0 {
		v, _ := d.popFront()
		got = append(got, v)
	}
	if fmt.Sprint(got) != "[2 4]" {
		t.Errorf("got %v", got)
	}
}
