package sync

import (
	"sync/atomic"
	"unsafe"
)

// A Cond is a condition variable: a point where goroutines wait for, or
// announce, an event. L is held while the condition is checked or changed.
// A Cond must not be copied after first use.
type Cond struct {
	L Locker

	notify  notifyList
	checker copyChecker
}

// NewCond returns a new Cond with Locker l.
func NewCond(l Locker) *Cond {
	return &Cond{L: l}
}

// Wait unlocks c.L, suspends the goroutine until Signal or Broadcast wakes
// it, and locks c.L again before returning. The ticket is taken before
// unlocking, so a wakeup sent in between is not lost.
func (c *Cond) Wait() {
	c.checker.check()
	t := notifyListAdd(&(*c).notify)
	c.L.Unlock()
	notifyListWait(&(*c).notify, t)
	c.L.Lock()
}

// Signal wakes one goroutine waiting on c, if there is any.
func (c *Cond) Signal() {
	c.checker.check()
	notifyListNotifyOne(&(*c).notify)
}

// Broadcast wakes all goroutines waiting on c.
func (c *Cond) Broadcast() {
	c.checker.check()
	notifyListNotifyAll(&(*c).notify)
}

// copyChecker remembers its own address on first use; a Cond that was
// copied afterwards finds a different address there.
type copyChecker uintptr

func (c *copyChecker) check() {
	self := uintptr(unsafe.Pointer(c))
	if atomic.LoadUintptr((*uintptr)(c)) == self {
		return
	}
	if atomic.CompareAndSwapUintptr((*uintptr)(c), 0, self) {
		return
	}
	if atomic.LoadUintptr((*uintptr)(c)) != self {
		panic("sync.Cond is copied")
	}
}
