package sync

import (
	"sync/atomic"
	"unsafe"
)

// A Mutex is a mutual exclusion lock; the zero value is unlocked. A Mutex
// must not be copied after first use. Unlocking is not tied to the
// goroutine that locked it.
//
// Taking a free lock is one compare-and-swap and releasing an uncontended
// one is one atomic add, with no runtime call either way.
//
// Normally a goroutine woken by Unlock competes for the lock with the
// goroutines arriving at Lock, which usually win since they are already
// running. A waiter that has waited longer than starveAfter therefore
// switches the Mutex to starving mode: Unlock then passes the lock directly
// to the first waiter and arrivals queue behind it, until a waiter that got
// it quickly, or the last waiter, switches back.
type Mutex struct {
	state int32
	sema  uint32
}

const (
	mutexLocked      = 1 << iota // held
	mutexWoken                   // a waiter has been woken and is running towards the lock
	mutexStarving                // ownership passes from Unlock straight to a waiter
	mutexWaiterShift = iota      // state >> mutexWaiterShift counts goroutines asleep on sema

	starveAfter = 1000000 // nanoseconds
)

// Lock locks m, waiting until it is free if it is held.
func (m *Mutex) Lock() {
	// (*int32)(unsafe.Pointer(m)) is &m.state without the explicit nil
	// check of `&m.state`: state is the first field, so the atomic
	// operation faults on a nil m by itself, which is Go's nil-dereference
	// panic. (rgo does not inline calls: no helper method for it.)
	if atomic.CompareAndSwapInt32((*int32)(unsafe.Pointer(m)), 0, mutexLocked) {
		return
	}
	m.lockSlow()
}

// TryLock locks m if it is free and reports whether it did.
func (m *Mutex) TryLock() bool {
	for {
		old := atomic.LoadInt32(&(*m).state)
		if old&(mutexLocked|mutexStarving) != 0 {
			return false
		}
		if atomic.CompareAndSwapInt32(&(*m).state, old, old|mutexLocked) {
			return true
		}
	}
}

func (m *Mutex) lockSlow() {
	var since int64 // when this goroutine first went to sleep
	starving := false
	woken := false // this goroutine is the one mutexWoken stands for
	old := atomic.LoadInt32(&(*m).state)
	for {
		next := old
		if old&mutexStarving == 0 {
			// Normal mode: try to take it.
			next |= mutexLocked
		}
		if old&(mutexLocked|mutexStarving) != 0 {
			// Held, or owed to a waiter: queue up.
			next += 1 << mutexWaiterShift
		}
		if starving && old&mutexLocked != 0 {
			next |= mutexStarving
		}
		if woken {
			// Either we take the lock or we sleep again; both end our
			// turn as the woken waiter.
			next &^= mutexWoken
		}
		if !atomic.CompareAndSwapInt32(&(*m).state, old, next) {
			old = atomic.LoadInt32(&(*m).state)
			continue
		}
		if old&(mutexLocked|mutexStarving) == 0 {
			return
		}
		if since == 0 {
			since = nanotime()
		}
		semacquire(&(*m).sema)
		starving = starving || nanotime()-since > starveAfter
		old = atomic.LoadInt32(&(*m).state)
		if old&mutexStarving != 0 {
			// Unlock handed the lock to us: it is ours although the
			// locked bit is clear and we still count as a waiter.
			delta := int32(mutexLocked - 1<<mutexWaiterShift)
			if !starving || old>>mutexWaiterShift == 1 {
				delta -= mutexStarving
			}
			atomic.AddInt32(&(*m).state, delta)
			return
		}
		woken = true
	}
}

// Unlock unlocks m. It is a fatal error if m is not locked.
func (m *Mutex) Unlock() {
	s := atomic.AddInt32((*int32)(unsafe.Pointer(m)), -mutexLocked)
	if s != 0 {
		m.unlockSlow(s)
	}
}

func (m *Mutex) unlockSlow(s int32) {
	if (s+mutexLocked)&mutexLocked == 0 {
		throw("sync: unlock of unlocked mutex")
	}
	if s&mutexStarving != 0 {
		// The first waiter owns the lock from here.
		semrelease(&(*m).sema, true)
		return
	}
	for {
		// Nobody to wake, someone already woken, or the lock taken
		// again (its holder wakes a waiter when it unlocks).
		if s>>mutexWaiterShift == 0 || s&(mutexLocked|mutexWoken|mutexStarving) != 0 {
			return
		}
		if atomic.CompareAndSwapInt32(&(*m).state, s, (s-1<<mutexWaiterShift)|mutexWoken) {
			semrelease(&(*m).sema, false)
			return
		}
		s = atomic.LoadInt32(&(*m).state)
	}
}
