package runtime

// The runtime package's own shared state in Go (the network poller's
// descriptors and counts, the timers' and finalizers' start flags, the
// metrics records) was written for one thread running Go code. With
// several processors (GOMAXPROCS above 1) Go code runs on several threads
// at once, so that state is read and changed between lockRuntime and
// unlockRuntime, which hold rt-core's runtime lock until undone
// (docs/goroutines.md, "Several processors"). With one thread they only
// count. Nothing between the two may park (a channel operation, a
// semacquire, a sleep): the lock would go with the goroutine. Runtime
// calls that never park (semrelease without a hand-off, the timer table,
// allocation) are fine; they nest.

//rgo:runtime rgo_lock_runtime
func lockRuntime()

//rgo:runtime rgo_unlock_runtime
func unlockRuntime()

// spinLock is a lock for a few instructions' worth of state (a poller
// descriptor's fields) that several processors' goroutines change without
// the runtime lock. Its holder is pinned (procPin: no preemption, no
// collection), so a goroutine that finds it held spins only while the
// holder runs on another thread. Nothing under it may park; runtime calls
// that never park are fine, and so is lockRuntime inside it (never the
// other way round).
type spinLock uint32

func (l *spinLock) lock() {
	procPin()
	for !casUint32((*uint32)(l), 0, 1) {
	}
}

func (l *spinLock) unlock() {
	storeUint32((*uint32)(l), 0)
	procUnpin()
}

// The atomic operations the runtime package's own Go code uses.

//rgo:atomic cas
func casUint32(addr *uint32, old, new uint32) bool

//rgo:atomic load
func loadUint32(addr *uint32) uint32

//rgo:atomic store
func storeUint32(addr *uint32, val uint32)

//rgo:atomic add
func addInt32(addr *int32, delta int32) int32

//rgo:atomic load
func loadInt32(addr *int32) int32
