package sync

// A Pool is a set of temporary objects that may be reused. Get hands out a
// previously Put object if there is one and otherwise calls New. A Pool
// must not be copied after first use.
//
// This Pool is one stack per Pool guarded by a Mutex; nothing is dropped
// behind the program's back.
type Pool struct {
	mu    Mutex
	items []any

	// New, if not nil, makes a value for Get when the pool is empty.
	New func() any
}

// Put adds x to the pool. A nil x is ignored.
func (p *Pool) Put(x any) {
	if x == nil {
		return
	}
	p.mu.Lock()
	p.items = append(p.items, x)
	p.mu.Unlock()
}

// Get removes an item from the pool and returns it. With the pool empty it
// returns the result of New, or nil if New is nil.
func (p *Pool) Get() any {
	p.mu.Lock()
	if n := len(p.items); n > 0 {
		x := p.items[n-1]
		p.items[n-1] = nil
		p.items = p.items[:n-1]
		p.mu.Unlock()
		return x
	}
	p.mu.Unlock()
	if p.New != nil {
		return p.New()
	}
	return nil
}
