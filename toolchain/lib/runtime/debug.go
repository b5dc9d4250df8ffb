// What GOROOT's runtime/debug takes from the runtime by //go:linkname: its
// functions without bodies (stubs.go, garbage.go, mod.go), given here, in
// Go or bound to rt-core.
package runtime

// modinfo is the build information the go command records in a program
// (rgo's driver sets it, as gc's linker sets it from the go command's
// -X-like "modinfo" line): the lines of debug.BuildInfo.String without the
// go line, between 16-byte markers; empty when the build records none.
var modinfo string

//go:linkname debug_modinfo runtime/debug.modinfo
func debug_modinfo() string {
	return modinfo
}

// debug_readGCStats fills *pauses (whose capacity is at least 2*256+3) with
// the pauses of the latest collections, most recent first, then as many
// pause end times, then the last collection's time, the number of
// collections and the total pause, all in nanoseconds.
//
//go:linkname debug_readGCStats runtime/debug.readGCStats
func debug_readGCStats(pauses *[]uint64) {
	var m MemStats
	readMemStats(&m)
	n := int(m.NumGC)
	if n > len(m.PauseNs) {
		n = len(m.PauseNs)
	}
	p := (*pauses)[:cap(*pauses)]
	for i := 0; i < n; i++ {
		j := (int(m.NumGC) - 1 - i) % len(m.PauseNs)
		p[i] = m.PauseNs[j]
		p[n+i] = m.PauseEnd[j]
	}
	p[2*n] = m.LastGC
	p[2*n+1] = uint64(m.NumGC)
	p[2*n+2] = m.PauseTotalNs
	*pauses = p[:2*n+3]
}

//go:linkname debug_freeOSMemory runtime/debug.freeOSMemory
//rgo:runtime rgo_free_os_memory
func debug_freeOSMemory()

//go:linkname debug_setGCPercent runtime/debug.setGCPercent
func debug_setGCPercent(percent int32) int32 {
	return int32(setGCPercent(int(percent)))
}

//rgo:runtime rgo_set_gc_percent
func setGCPercent(percent int) int

//go:linkname debug_setMaxStack runtime/debug.setMaxStack
//rgo:runtime rgo_set_max_stack
func debug_setMaxStack(bytes int) int

//go:linkname debug_setMaxThreads runtime/debug.setMaxThreads
//rgo:runtime rgo_set_max_threads
func debug_setMaxThreads(threads int) int

//go:linkname debug_setMemoryLimit runtime/debug.setMemoryLimit
//rgo:runtime rgo_set_memory_limit
func debug_setMemoryLimit(limit int64) int64

//go:linkname debug_setPanicOnFault runtime/debug.setPanicOnFault
//rgo:runtime rgo_set_panic_on_fault
func debug_setPanicOnFault(enabled bool) bool

//go:linkname debug_SetTraceback runtime/debug.SetTraceback
//rgo:runtime rgo_set_traceback
func debug_SetTraceback(level string)

//go:linkname debug_WriteHeapDump runtime/debug.WriteHeapDump
func debug_WriteHeapDump(fd uintptr) {
	p := heapDumpParams{goarch: GOARCH, version: Version(), ncpu: NumCPU()}
	writeHeapDump(fd, &p)
}

// heapDumpParams is rt-core's heapdump::Params: what the dump's params
// record says that only package runtime knows.
type heapDumpParams struct {
	goarch  string
	version string
	ncpu    int
}

//rgo:runtime rgo_write_heap_dump
func writeHeapDump(fd uintptr, p *heapDumpParams)
