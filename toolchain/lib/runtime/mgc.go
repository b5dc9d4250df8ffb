// The parts of package runtime written in Go: memory statistics and
// finalizers. The rest of the package (GOOS, Gosched, GC, ...) is lowered
// by the compiler itself.
package runtime

// MemStats records statistics about the memory allocator, with Go 1.19's
// fields in Go 1.19's order. rgo fills the heap's figures (see
// docs/gc.md), BySize's counts, the stacks' (goroutine stacks and the
// threads' own), GCSys (the heap's metadata) and OtherSys (the runtime's
// own allocations); Lookups, the MSpan, MCache and BuckHash figures and
// GCCPUFraction stay zero.
type MemStats struct {
	Alloc         uint64
	TotalAlloc    uint64
	Sys           uint64
	Lookups       uint64
	Mallocs       uint64
	Frees         uint64
	HeapAlloc     uint64
	HeapSys       uint64
	HeapIdle      uint64
	HeapInuse     uint64
	HeapReleased  uint64
	HeapObjects   uint64
	StackInuse    uint64
	StackSys      uint64
	MSpanInuse    uint64
	MSpanSys      uint64
	MCacheInuse   uint64
	MCacheSys     uint64
	BuckHashSys   uint64
	GCSys         uint64
	OtherSys      uint64
	NextGC        uint64
	LastGC        uint64
	PauseTotalNs  uint64
	PauseNs       [256]uint64
	PauseEnd      [256]uint64
	NumGC         uint32
	NumForcedGC   uint32
	GCCPUFraction float64
	EnableGC      bool
	DebugGC       bool
	BySize        [61]struct {
		Size    uint32
		Mallocs uint64
		Frees   uint64
	}
}

// ReadMemStats populates m with memory allocator statistics.
func ReadMemStats(m *MemStats) {
	readMemStats(m)
}

//rgo:runtime rgo_read_memstats
func readMemStats(m *MemStats)

// KeepAlive marks its argument as currently reachable: the call reads x,
// so the stack maps keep x live at every call before it.
func KeepAlive(x any) {}

// SetFinalizer sets the finalizer associated with obj to the provided
// finalizer function (or removes it when finalizer is nil). The runtime
// checks the arguments as gc does and panics with gc's messages.
func SetFinalizer(obj any, finalizer any) {
	if !setFinalizer(obj, finalizer) {
		return
	}
	lockRuntime()
	start := !finStarted
	finStarted = true
	unlockRuntime()
	if start {
		goSystem(runfinq)
	}
}

// goSystem starts a goroutine of the runtime's running f: one that
// NumGoroutine does not count and a deadlock report does not list.
//
//rgo:runtime rgo_newproc_system
func goSystem(f func())

// setFinalizer records (or clears) the finalizer; true when one was set.
//
//rgo:runtime rgo_set_finalizer
func setFinalizer(obj any, finalizer any) bool

// finStarted: the goroutine running finalizers exists.
var finStarted bool

// runFinalizer waits (wait reason "finalizer wait") until the collector
// queued a finalizer, then calls it.
//
//rgo:runtime rgo_run_finalizer
func runFinalizer()

// runfinq is the goroutine that runs finalizers one after another, as
// gc's does, under gc's name (tracebacks and profiles show it). It is not
// counted by NumGoroutine.
func runfinq() {
	for {
		runFinalizer()
	}
}

// MemProfileRate controls the fraction of memory allocations that are
// recorded in the memory profile: one in about MemProfileRate bytes (0:
// none, 1: every allocation). The runtime reads it at each allocation.
var MemProfileRate int = 512 * 1024

func init() {
	memProfileRateAt(&MemProfileRate)
}

// memProfileRateAt tells the runtime where MemProfileRate is.
//
//rgo:runtime rgo_mem_profile_rate_at
func memProfileRateAt(rate *int)
