package runtime

// The runtime package's own shared state in Go (the network poller's
// descriptors and counts, the timers' and finalizers' start flags, the
// metrics records) was written for one thread running Go code. With
// several processors (GOMAXPROCS above 1) Go code runs on several threads
// at once, so that state is read and changed between lockRuntime and
// unlockRuntime: the pin of sync.runtime_procPin, which holds rt-core's
// runtime lock until it is undone (docs/goroutines.md, "Several
// processors"). With one thread it only counts. Nothing between the two
// may park (a channel operation, a semacquire, a sleep): the lock would go
// with the goroutine. Runtime calls that never park (semrelease without a
// hand-off, the timer table, allocation) are fine; they nest.

//rgo:runtime rgo_proc_pin
func lockRuntime() int

//rgo:runtime rgo_proc_unpin
func unlockRuntime()
