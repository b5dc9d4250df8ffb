package sync

import "sync/atomic"

// A Once runs one function exactly once.
type Once struct {
	done uint32
	m    Mutex
}

// Do calls f if and only if Do is being called for the first time on this
// Once. Every call returns only after that first f has returned; if f
// panics, Do considers it done all the same.
func (o *Once) Do(f func()) {
	if atomic.LoadUint32(&(*o).done) != 0 {
		return
	}
	o.doSlow(f)
}

func (o *Once) doSlow(f func()) {
	o.m.Lock()
	defer o.m.Unlock()
	if o.done == 0 {
		defer atomic.StoreUint32(&(*o).done, 1)
		f()
	}
}
