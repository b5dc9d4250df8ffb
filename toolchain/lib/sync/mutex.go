package sync

import "sync/atomic"

// A Mutex is a mutual exclusion lock; the zero value is unlocked. A Mutex
// must not be copied after first use. Unlocking is not tied to the
// goroutine that locked it.
//
// state holds the locked bit and, above it, the number of goroutines asleep
// on sema. Taking a free lock is one compare-and-swap and releasing an
// uncontended one is one atomic add, with no runtime call either way.
type Mutex struct {
	state int32
	sema  uint32
}

const (
	mutexLocked     = 1
	mutexWaiterUnit = 2 // state counts sleeping waiters in units of this
)

// Lock locks m, waiting until it is free if it is held.
func (m *Mutex) Lock() {
	if atomic.CompareAndSwapInt32(&(*m).state, 0, mutexLocked) {
		return
	}
	m.lockSlow()
}

// TryLock locks m if it is free and reports whether it did.
func (m *Mutex) TryLock() bool {
	for {
		old := atomic.LoadInt32(&(*m).state)
		if old&mutexLocked != 0 {
			return false
		}
		if atomic.CompareAndSwapInt32(&(*m).state, old, old|mutexLocked) {
			return true
		}
	}
}

func (m *Mutex) lockSlow() {
	for {
		old := atomic.LoadInt32(&(*m).state)
		if old&mutexLocked == 0 {
			if atomic.CompareAndSwapInt32(&(*m).state, old, old|mutexLocked) {
				return
			}
			continue
		}
		// Held: register as a waiter and sleep. Unlock removes one waiter
		// from the count before it wakes it, so after waking we compete for
		// the lock afresh.
		if atomic.CompareAndSwapInt32(&(*m).state, old, old+mutexWaiterUnit) {
			semacquire(&(*m).sema)
		}
	}
}

// Unlock unlocks m. It is a fatal error if m is not locked.
func (m *Mutex) Unlock() {
	s := atomic.AddInt32(&(*m).state, -mutexLocked)
	if s == 0 {
		return
	}
	m.unlockSlow(s)
}

func (m *Mutex) unlockSlow(s int32) {
	if (s+mutexLocked)&mutexLocked == 0 {
		throw("sync: unlock of unlocked mutex")
	}
	for {
		// Nobody to wake, or someone took the lock already: that holder
		// wakes a waiter when it unlocks.
		if s < mutexWaiterUnit || s&mutexLocked != 0 {
			return
		}
		if atomic.CompareAndSwapInt32(&(*m).state, s, s-mutexWaiterUnit) {
			semrelease(&(*m).sema, false)
			return
		}
		s = atomic.LoadInt32(&(*m).state)
	}
}
