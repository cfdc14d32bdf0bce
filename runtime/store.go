package runtime

import "fmt"

// store is where a Queue keeps its items: FIFO, LIFO or by priority.
type store interface {
	len() int
	push(v any)
	pushFront(v any) // an item given back goes where the next get finds it first
	pop() any
	list() []any // in the order Python's list(queue._queue) shows
}

type fifoStore struct{ d deque[any] }

func (s *fifoStore) len() int        { return s.d.len() }
func (s *fifoStore) push(v any)      { s.d.pushBack(v) }
func (s *fifoStore) pushFront(v any) { s.d.pushFront(v) }
func (s *fifoStore) pop() any        { v, _ := s.d.popFront(); return v }
func (s *fifoStore) list() []any {
	l := make([]any, s.d.len())
	for i := range l {
		l[i] = s.d.at(i)
	}
	return l
}

type lifoStore struct{ items []any }

func (s *lifoStore) len() int        { return len(s.items) }
func (s *lifoStore) push(v any)      { s.items = append(s.items, v) }
func (s *lifoStore) pushFront(v any) { s.push(v) }
func (s *lifoStore) pop() any {
	v := s.items[len(s.items)-1]
	s.items[len(s.items)-1] = nil
	s.items = s.items[:len(s.items)-1]
	return v
}
func (s *lifoStore) list() []any { return append([]any(nil), s.items...) }

// Prioritized is a PriorityQueue item. Items compare as Python compares the tuple
// (priority, item): by Priority, then by Tie when both ties are numbers (float64) or
// both strings; any other pair compares equal, and equal items leave the heap in
// heapq's order, not in the order they were put.
type Prioritized struct {
	Value    any
	Priority float64
	Tie      any  // Value as a float64 or a string when it is one, else nil
	Explicit bool // the priority was given, not taken from the value
}

// less is Python's (a.Priority, a.Tie) < (b.Priority, b.Tie): the first pair that
// differs decides, so a NaN priority is never less than anything, as in Python.
func (a Prioritized) less(b Prioritized) bool {
	if a.Priority != b.Priority {
		return a.Priority < b.Priority
	}
	switch x := a.Tie.(type) {
	case float64:
		if y, ok := b.Tie.(float64); ok && x != y {
			return x < y
		}
	case string:
		if y, ok := b.Tie.(string); ok {
			return x < y // byte order, which is code point order for UTF-8
		}
	}
	return false
}

// priorityStore is a binary heap pushed and popped with Python's heapq algorithm,
// so that the items leave, and String shows _queue, as in asyncio.PriorityQueue.
type priorityStore struct {
	heap []Prioritized
}

func (s *priorityStore) len() int { return len(s.heap) }

func (s *priorityStore) push(v any) { heapqPush(&s.heap, v.(Prioritized), Prioritized.less, nil) }

// pushFront is push: where an item goes in a heap is decided by what it is.
func (s *priorityStore) pushFront(v any) { s.push(v) }

func (s *priorityStore) pop() any { return heapqPop(&s.heap, Prioritized.less, nil) }

// heapqPush and heapqPop are Python's heapq.heappush and heapq.heappop on *h, with
// less as Python's <. moved, if not nil, is told each item's new position.
func heapqPush[T any](h *[]T, x T, less func(a, b T) bool, moved func(T, int)) {
	*h = append(*h, x)
	heapqSiftDown(*h, 0, len(*h)-1, less, moved)
}

func heapqPop[T any](h *[]T, less func(a, b T) bool, moved func(T, int)) T {
	items := *h
	last := items[len(items)-1]
	var zero T
	items[len(items)-1] = zero
	items = items[:len(items)-1]
	*h = items
	if len(items) == 0 {
		return last
	}
	top := items[0]
	items[0] = last
	heapqSiftUp(items, 0, less, moved)
	return top
}

// heapqHeapify is heapq.heapify.
func heapqHeapify[T any](h []T, less func(a, b T) bool, moved func(T, int)) {
	for i := len(h)/2 - 1; i >= 0; i-- {
		heapqSiftUp(h, i, less, moved)
	}
}

// heapqSiftDown and heapqSiftUp are heapq's _siftdown and _siftup: the first moves
// the item at pos up towards start while it is less than its parent; the second
// moves the smaller child up all the way to a leaf, puts the item there and sifts
// it back.
func heapqSiftDown[T any](h []T, start, pos int, less func(a, b T) bool, moved func(T, int)) {
	item := h[pos]
	for pos > start {
		parent := (pos - 1) >> 1
		if !less(item, h[parent]) {
			break
		}
		heapqPlace(h, pos, h[parent], moved)
		pos = parent
	}
	heapqPlace(h, pos, item, moved)
}

func heapqSiftUp[T any](h []T, pos int, less func(a, b T) bool, moved func(T, int)) {
	end, start, item := len(h), pos, h[pos]
	child := 2*pos + 1
	for child < end {
		if right := child + 1; right < end && !less(h[child], h[right]) {
			child = right
		}
		heapqPlace(h, pos, h[child], moved)
		pos = child
		child = 2*pos + 1
	}
	heapqPlace(h, pos, item, moved)
	heapqSiftDown(h, start, pos, less, moved)
}

func heapqPlace[T any](h []T, i int, x T, moved func(T, int)) {
	h[i] = x
	if moved != nil {
		moved(x, i)
	}
}

func (s *priorityStore) list() []any {
	l := make([]any, len(s.heap))
	for i, p := range s.heap {
		l[i] = p
	}
	return l
}

func defaultRepr(v any) string {
	if p, ok := v.(Prioritized); ok {
		if p.Explicit {
			return fmt.Sprintf("(%v, %v)", p.Priority, p.Value)
		}
		return fmt.Sprint(p.Value)
	}
	return fmt.Sprint(v)
}
