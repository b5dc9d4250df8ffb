package runtime

import "unsafe"

// What GOROOT's sync takes from the runtime by //go:linkname, given the
// way gc's runtime gives it: semaphores, the ticket lists under Cond, the
// pin that keeps a goroutine on its processor while a Pool is touched, and
// the cleanup that empties pools as a collection starts. The pin holds the
// runtime's lock, so a Pool has one per-processor slot (id 0) touched by
// one thread at a time, however many run Go code; spinning is not offered.

//go:linkname sync_runtime_Semacquire sync.runtime_Semacquire
//rgo:runtime rgo_semacquire
func sync_runtime_Semacquire(s *uint32)

//go:linkname sync_runtime_SemacquireMutex sync.runtime_SemacquireMutex
func sync_runtime_SemacquireMutex(s *uint32, lifo bool, skipframes int) {
	semacquireMutex(s, lifo)
}

//rgo:runtime rgo_semacquire_mutex
func semacquireMutex(s *uint32, lifo bool)

//go:linkname sync_runtime_Semrelease sync.runtime_Semrelease
func sync_runtime_Semrelease(s *uint32, handoff bool, skipframes int) {
	semrelease(s, handoff, 1+skipframes)
}

// notifyList is package sync's, as the runtime's lays it out: tickets
// handed out and served, a lock word the runtime does not need, and the
// waiting goroutines.
type notifyList struct {
	wait   uint32
	notify uint32
	lock   uintptr
	head   unsafe.Pointer
	tail   unsafe.Pointer
}

//go:linkname sync_runtime_notifyListAdd sync.runtime_notifyListAdd
//rgo:runtime rgo_notify_add
func sync_runtime_notifyListAdd(l *notifyList) uint32

//go:linkname sync_runtime_notifyListWait sync.runtime_notifyListWait
//rgo:runtime rgo_notify_wait
func sync_runtime_notifyListWait(l *notifyList, t uint32)

//go:linkname sync_runtime_notifyListNotifyAll sync.runtime_notifyListNotifyAll
//rgo:runtime rgo_notify_all
func sync_runtime_notifyListNotifyAll(l *notifyList)

//go:linkname sync_runtime_notifyListNotifyOne sync.runtime_notifyListNotifyOne
//rgo:runtime rgo_notify_one
func sync_runtime_notifyListNotifyOne(l *notifyList)

//go:linkname sync_runtime_notifyListCheck sync.runtime_notifyListCheck
//rgo:runtime rgo_notify_check
func sync_runtime_notifyListCheck(size uintptr)

// Spinning waits for a lock holder running on another processor; with one
// thread the holder cannot run while its waiter spins.
//
//go:linkname sync_runtime_canSpin sync.runtime_canSpin
func sync_runtime_canSpin(i int) bool {
	return false
}

//go:linkname sync_runtime_doSpin sync.runtime_doSpin
func sync_runtime_doSpin() {}

//go:linkname sync_runtime_nanotime sync.runtime_nanotime
func sync_runtime_nanotime() int64 {
	return nanotime()
}

//go:linkname sync_throw sync.throw
func sync_throw(s string) {
	throw(s)
}

//go:linkname sync_fatal sync.fatal
func sync_fatal(s string) {
	throw(s)
}

//go:linkname sync_runtime_procPin sync.runtime_procPin
func sync_runtime_procPin() int {
	return procPin() - 1
}

// procPin pins the running goroutine to its processor (no preemption, no
// collection) and returns the processor's id plus one: an id below
// GOMAXPROCS that no other pinned goroutine holds meanwhile.
//
//rgo:runtime rgo_proc_pin
func procPin() int

//go:linkname sync_runtime_procUnpin sync.runtime_procUnpin
func sync_runtime_procUnpin() {
	procUnpin()
}

// procUnpin undoes one procPin.
//
//rgo:runtime rgo_proc_unpin
func procUnpin()

//go:linkname sync_runtime_registerPoolCleanup sync.runtime_registerPoolCleanup
//rgo:runtime rgo_register_pool_cleanup
func sync_runtime_registerPoolCleanup(cleanup func())

// The acquire load and release store Pool's lock-free queue uses
// (runtime/internal/atomic's, which rgo does not compile); sync declares
// the store with a result, which is the stored value.
//
//go:linkname atomic_LoadAcquintptr runtime/internal/atomic.LoadAcquintptr
//rgo:atomic load
func atomic_LoadAcquintptr(ptr *uintptr) uintptr

//go:linkname atomic_StoreReluintptr runtime/internal/atomic.StoreReluintptr
func atomic_StoreReluintptr(ptr *uintptr, val uintptr) uintptr {
	atomicStoreUintptr(ptr, val)
	return val
}

//rgo:atomic store
func atomicStoreUintptr(ptr *uintptr, val uintptr)

// fastrandn is a pseudo-random number in [0, n) (Pool's choice of which
// Puts to drop under the race detector).
//
//go:linkname sync_fastrandn sync.fastrandn
func sync_fastrandn(n uint32) uint32 {
	return uint32(uint64(os_fastrand()) * uint64(n) >> 32)
}
