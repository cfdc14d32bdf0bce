package runtime

// deque is a growable ring buffer: the ready queue and the FIFO/LIFO queue stores.
// Its size is a power of two, so that an index wraps with a mask, not a division.
type deque[T any] struct {
	buf  []T
	head int
	n    int
}

func (d *deque[T]) len() int { return d.n }

// wrap is index i of the ring as an index of buf (buf is not empty).
func (d *deque[T]) wrap(i int) int { return i & (len(d.buf) - 1) }

func (d *deque[T]) grow() {
	size := 2 * len(d.buf)
	if size == 0 {
		size = 8
	}
	buf := make([]T, size)
	for i := 0; i < d.n; i++ {
		buf[i] = d.buf[d.wrap(d.head+i)]
	}
	d.buf, d.head = buf, 0
}

func (d *deque[T]) pushBack(v T) {
	if d.n == len(d.buf) {
		d.grow()
	}
	d.buf[d.wrap(d.head+d.n)] = v
	d.n++
}

func (d *deque[T]) pushFront(v T) {
	if d.n == len(d.buf) {
		d.grow()
	}
	d.head = d.wrap(d.head - 1 + len(d.buf))
	d.buf[d.head] = v
	d.n++
}

func (d *deque[T]) popFront() (T, bool) {
	var zero T
	if d.n == 0 {
		return zero, false
	}
	v := d.buf[d.head]
	d.buf[d.head] = zero
	d.head = d.wrap(d.head + 1)
	d.n--
	return v, true
}

func (d *deque[T]) popBack() (T, bool) {
	var zero T
	if d.n == 0 {
		return zero, false
	}
	i := d.wrap(d.head + d.n - 1)
	v := d.buf[i]
	d.buf[i] = zero
	d.n--
	return v, true
}

// at returns the i-th element from the front.
func (d *deque[T]) at(i int) T { return d.buf[d.wrap(d.head+i)] }

// clear drops every element.
func (d *deque[T]) clear() { *d = deque[T]{} }

// removeAt takes out and returns the i-th element from the front.
func (d *deque[T]) removeAt(i int) T {
	v := d.at(i)
	for j := i; j > 0; j-- { // shift the ones before it back by one
		d.buf[d.wrap(d.head+j)] = d.buf[d.wrap(d.head+j-1)]
	}
	d.popFront()
	return v
}
