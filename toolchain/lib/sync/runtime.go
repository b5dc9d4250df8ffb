// Package sync provides mutual exclusion locks, wait groups, one-time
// initialisation, condition variables, pools and a concurrent map.
package sync

import "unsafe"

// Fields are addressed as &(*p).f rather than &p.f throughout: rgo's escape
// analysis works by name and would move the pointer variable p itself to the
// heap for &p.f, costing an allocation per call on the fast paths.

// A Locker is anything that can be locked and unlocked.
type Locker interface {
	Lock()
	Unlock()
}

// The functions below have no Go body: rgo compiles each into one call of
// the runtime entry point its directive names.

// semacquire waits until *s > 0 and then decrements it.
//
//rgo:runtime rgo_semacquire
func semacquire(s *uint32)

// semrelease increments *s and wakes one goroutine waiting in semacquire.
//
//rgo:runtime rgo_semrelease
func semrelease(s *uint32, handoff bool)

// nanotime returns the monotonic clock in nanoseconds.
//
//rgo:runtime rgo_nanotime
func nanotime() int64

// throw ends the program with "fatal error: msg"; it cannot be recovered.
//
//rgo:runtime rgo_throw
func throw(msg string)

// notifyList is the runtime's ticket-based wait list behind Cond. The
// runtime owns head and tail.
type notifyList struct {
	wait   uint32
	notify uint32
	head   unsafe.Pointer
	tail   unsafe.Pointer
}

// notifyListAdd takes a ticket; the caller then waits for it with
// notifyListWait.
//
//rgo:runtime rgo_notify_add
func notifyListAdd(l *notifyList) uint32

// notifyListWait parks until the ticket has been notified (returns at once
// if it already was).
//
//rgo:runtime rgo_notify_wait
func notifyListWait(l *notifyList, ticket uint32)

// notifyListNotifyOne wakes the waiter holding the oldest unnotified ticket.
//
//rgo:runtime rgo_notify_one
func notifyListNotifyOne(l *notifyList)

// notifyListNotifyAll wakes every waiter.
//
//rgo:runtime rgo_notify_all
func notifyListNotifyAll(l *notifyList)
