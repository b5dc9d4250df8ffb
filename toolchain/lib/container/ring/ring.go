// Package ring is a circular list, as Go's container/ring: every element
// is a Ring, and a lone zero Ring is a ring of one element.
package ring

// A Ring is one element of a circular list. The zero value is a ring of
// one element whose Value is nil.
type Ring struct {
	next, prev *Ring
	// Value is the element's payload.
	Value any
}

// lazy makes a zero Ring point at itself.
func (r *Ring) lazy() *Ring {
	r.next = r
	r.prev = r
	return r
}

// Next returns the element after r; r must not be nil.
func (r *Ring) Next() *Ring {
	if r.next == nil {
		return r.lazy()
	}
	return r.next
}

// Prev returns the element before r; r must not be nil.
func (r *Ring) Prev() *Ring {
	if r.next == nil {
		return r.lazy()
	}
	return r.prev
}

// Move returns the element n steps from r: forwards for n > 0, backwards
// for n < 0 (modulo the ring's length).
func (r *Ring) Move(n int) *Ring {
	if r.next == nil {
		return r.lazy()
	}
	for ; n < 0; n++ {
		r = r.prev
	}
	for ; n > 0; n-- {
		r = r.next
	}
	return r
}

// New returns a ring of n elements with nil Values, or nil if n <= 0.
func New(n int) *Ring {
	if n <= 0 {
		return nil
	}
	first := &Ring{}
	last := first
	for i := 1; i < n; i++ {
		e := &Ring{prev: last}
		last.next = e
		last = e
	}
	last.next = first
	first.prev = last
	return first
}

// Link joins ring s after r and returns r's former successor. If r and s
// are the same ring, the elements between r and s are cut out and
// returned as a ring of their own (nil if none); otherwise s's elements
// come right after r.
func (r *Ring) Link(s *Ring) *Ring {
	after := r.Next()
	if s != nil {
		before := s.Prev()
		r.next = s
		s.prev = r
		after.prev = before
		before.next = after
	}
	return after
}

// Unlink removes the n % r.Len() elements after r and returns them as a
// ring, or nil if n <= 0 removes nothing.
func (r *Ring) Unlink(n int) *Ring {
	if n <= 0 {
		return nil
	}
	return r.Link(r.Move(n + 1))
}

// Len counts the elements of r in time proportional to it; 0 for nil.
func (r *Ring) Len() int {
	if r == nil {
		return 0
	}
	n := 1
	for e := r.Next(); e != r; e = e.next {
		n++
	}
	return n
}

// Do calls f with each element's Value, going forwards from r. f must not
// change the ring.
func (r *Ring) Do(f func(any)) {
	if r == nil {
		return
	}
	f(r.Value)
	for e := r.Next(); e != r; e = e.next {
		f(e.Value)
	}
}
