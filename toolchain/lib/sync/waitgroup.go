package sync

import "sync/atomic"

// A WaitGroup waits for a collection of goroutines to finish: Add sets how
// many, each calls Done when finished, and Wait blocks until all have.
//
// state packs the counter (high 32 bits) and the number of goroutines
// blocked in Wait (low 32 bits) so both change in one atomic operation.
type WaitGroup struct {
	state uint64
	sema  uint32
}

// Add adds delta, which may be negative, to the counter. When the counter
// reaches zero every goroutine blocked in Wait is released. A negative
// counter panics.
func (wg *WaitGroup) Add(delta int) {
	s := atomic.AddUint64(&(*wg).state, uint64(delta)<<32)
	count := int32(s >> 32)
	waiters := uint32(s)
	if count < 0 {
		panic("sync: negative WaitGroup counter")
	}
	if waiters != 0 && delta > 0 && count == int32(delta) {
		// The first Add after zero raced with a Wait.
		panic("sync: WaitGroup misuse: Add called concurrently with Wait")
	}
	if count > 0 || waiters == 0 {
		return
	}
	// The counter reached zero with waiters: nobody may change the state
	// now but us; reset it and wake them all.
	if atomic.LoadUint64(&(*wg).state) != s {
		panic("sync: WaitGroup misuse: Add called concurrently with Wait")
	}
	atomic.StoreUint64(&(*wg).state, 0)
	for ; waiters != 0; waiters-- {
		semrelease(&(*wg).sema, false)
	}
}

// Done decrements the counter by one.
func (wg *WaitGroup) Done() {
	wg.Add(-1)
}

// Wait blocks until the counter is zero.
func (wg *WaitGroup) Wait() {
	for {
		s := atomic.LoadUint64(&(*wg).state)
		if s>>32 == 0 {
			return
		}
		if atomic.CompareAndSwapUint64(&(*wg).state, s, s+1) {
			semacquire(&(*wg).sema)
			if atomic.LoadUint64(&(*wg).state) != 0 {
				panic("sync: WaitGroup is reused before previous Wait has returned")
			}
			return
		}
	}
}
