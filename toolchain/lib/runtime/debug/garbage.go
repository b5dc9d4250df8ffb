// Package debug: the collector's controls of Go's runtime/debug.
package debug

// SetGCPercent sets the garbage collection target percentage (GOGC) and
// returns the previous setting. A negative percentage disables collection.
//
//rgo:runtime rgo_set_gc_percent
func SetGCPercent(percent int) int

// FreeOSMemory forces a garbage collection and returns as much memory to
// the operating system as possible.
//
//rgo:runtime rgo_free_os_memory
func FreeOSMemory()
