package runtime

import "unsafe"

// The profiles runtime/pprof reads, kept by rt-core (crate::profile):
// memory, blocking, mutexes, goroutines, threads and the CPU, and the
// goroutine labels their records carry.

// MemProfile returns a profile of memory allocated and freed per
// allocation site, as of the last collection: n records, written to p
// when it has room for all of them (ok). Without inuseZero only the sites
// with memory in use are reported.
func MemProfile(p []MemProfileRecord, inuseZero bool) (n int, ok bool) {
	n = memProfile(p, inuseZero)
	return n, n <= len(p)
}

//rgo:runtime rgo_mem_profile
func memProfile(p []MemProfileRecord, inuseZero bool) int

// BlockProfile returns a profile of goroutine blocking events (channel
// operations, select, semaphores, sync.Cond.Wait) sampled at
// SetBlockProfileRate's rate.
func BlockProfile(p []BlockProfileRecord) (n int, ok bool) {
	n = blockProfile(false, p)
	return n, n <= len(p)
}

// MutexProfile returns a profile of contended mutexes: the waits of
// goroutines that blocked on a sync.Mutex or RWMutex, at the stack that
// released it, sampled at SetMutexProfileFraction's fraction.
func MutexProfile(p []BlockProfileRecord) (n int, ok bool) {
	n = blockProfile(true, p)
	return n, n <= len(p)
}

//rgo:runtime rgo_block_profile
func blockProfile(mutex bool, p []BlockProfileRecord) int

// SetBlockProfileRate controls the fraction of goroutine blocking events
// that are reported in the blocking profile: on average one blocking event
// per rate nanoseconds spent blocked (every event at 1, none at 0 or
// below).
//
//rgo:runtime rgo_set_block_profile_rate
func SetBlockProfileRate(rate int)

// blockevent records a wait of cycles nanoseconds in the block profile if
// it is sampled, with the stack from the caller's skip-th caller
// (runtime/pprof's tests take it by //go:linkname).
//
//rgo:runtime rgo_block_event
func blockevent(cycles int64, skip int)

// SetMutexProfileFraction controls the fraction of mutex contention events
// that are reported in the mutex profile (on average 1/rate; none at 0),
// and returns the previous fraction; a negative rate only reads it.
//
//rgo:runtime rgo_set_mutex_profile_fraction
func SetMutexProfileFraction(rate int) int

// GoroutineProfile returns a profile of the active goroutine stacks: n
// records (NumGoroutine's count, the caller's first), written to p when it
// has room for all of them (ok).
func GoroutineProfile(p []StackRecord) (n int, ok bool) {
	n = goroutineProfile(p, nil)
	return n, n <= len(p)
}

//rgo:runtime rgo_goroutine_profile
func goroutineProfile(p []StackRecord, labels []unsafe.Pointer) int

//go:linkname pprof_goroutineProfileWithLabels runtime/pprof.runtime_goroutineProfileWithLabels
func pprof_goroutineProfileWithLabels(p []StackRecord, labels []unsafe.Pointer) (n int, ok bool) {
	n = goroutineProfile(p, labels)
	return n, n <= len(p)
}

// ThreadCreateProfile returns a profile of operating system thread
// creation: a record per thread that runs for Go. The runtime starts them
// itself (the main thread, the monitor, the threads that take over from a
// blocking system call: docs/goroutines.md), never at a Go statement, so
// their records hold no stack.
func ThreadCreateProfile(p []StackRecord) (n int, ok bool) {
	n = threadCount()
	if n > len(p) {
		return n, false
	}
	for i := range p[:n] {
		p[i] = StackRecord{}
	}
	return n, true
}

//rgo:runtime rgo_thread_count
func threadCount() int

// SetCPUProfileRate sets the CPU profiling rate to hz samples per second;
// 0 stops profiling. Most programs use runtime/pprof instead.
//
//rgo:runtime rgo_set_cpu_profile_rate
func SetCPUProfileRate(hz int)

//go:linkname pprof_readProfile runtime/pprof.readProfile
func pprof_readProfile() (data []uint64, tags []unsafe.Pointer, eof bool) {
	for {
		words := cpuProfileWords()
		if words < 0 {
			return nil, nil, true
		}
		if words > 0 {
			data = make([]uint64, words)
			tags = make([]unsafe.Pointer, cpuProfileRecords())
			records := cpuProfileTake(data, tags)
			tags = tags[:records]
			used := 0
			for i := 0; i < records; i++ {
				used += int(data[used])
			}
			return data[:used], tags, false
		}
		// Nothing yet: samples are taken at the tick's rate.
		sleep(10 * 1000 * 1000)
	}
}

//rgo:runtime rgo_cpu_profile_words
func cpuProfileWords() int

//rgo:runtime rgo_cpu_profile_records
func cpuProfileRecords() int

//rgo:runtime rgo_cpu_profile_take
func cpuProfileTake(data []uint64, tags []unsafe.Pointer) int

// The profiles' cycles are nanoseconds.
//
//go:linkname pprof_cyclesPerSecond runtime/pprof.runtime_cyclesPerSecond
func pprof_cyclesPerSecond() int64 {
	return 1000 * 1000 * 1000
}

// A profile's stacks have a code address per logical frame (inlined calls
// included, as Callers gives them); one cut off at its depth limit right
// after an inlined call's address gets its caller's, which runtime/pprof
// needs to put the two in one location.
//
//go:linkname pprof_expandFinalInlineFrame runtime/pprof.runtime_expandFinalInlineFrame
func pprof_expandFinalInlineFrame(stk []uintptr) []uintptr {
	if len(stk) > 0 {
		if parent := inlineParent(stk[len(stk)-1]); parent != 0 {
			return append(stk, parent)
		}
	}
	return stk
}

//rgo:runtime rgo_inline_parent
func inlineParent(pc uintptr) uintptr

//go:linkname pprof_setProfLabel runtime/pprof.runtime_setProfLabel
//rgo:runtime rgo_set_prof_label
func pprof_setProfLabel(labels unsafe.Pointer)

//go:linkname pprof_getProfLabel runtime/pprof.runtime_getProfLabel
//rgo:runtime rgo_get_prof_label
func pprof_getProfLabel() unsafe.Pointer
