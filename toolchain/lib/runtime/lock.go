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
