package runtime

import "unsafe"

// The runtime's half of runtime/metrics: package metrics (GOROOT's) names
// and describes the metrics and pulls their values from here by
// //go:linkname. Every metric Go 1.19 describes has a value: the heap's
// from ReadMemStats and rt-core's size-class counts, the pause and
// scheduling latency histograms from rt-core (crate::metrics).

// metricSample and metricValue are runtime/metrics.Sample and Value, field
// for field.
type metricSample struct {
	name  string
	value metricValue
}

type metricValue struct {
	kind    metricKind
	scalar  uint64
	pointer unsafe.Pointer
}

// metricKind is runtime/metrics.ValueKind.
type metricKind int

const (
	metricKindBad metricKind = iota
	metricKindUint64
	metricKindFloat64
	metricKindFloat64Histogram
)

// metricHistogram is runtime/metrics.Float64Histogram.
type metricHistogram struct {
	counts  []uint64
	buckets []float64
}

// metricsSnapshot is rt-core's metrics::Snapshot, field for field.
type metricsSnapshot struct {
	classSizes [67]uint64
	allocs     [68]uint64
	frees      [68]uint64
	timeBounds [161]uint64
	pauses     [161]uint64
	latencies  [161]uint64
	osStacks   uint64
	stackStart uint64
}

//rgo:runtime rgo_read_metrics
func readMetricsSnapshot(s *metricsSnapshot)

// numGoroutine is NumGoroutine, which the compiler lowers only where
// another package calls it.
//
//rgo:runtime rgo_numgoroutine
func numGoroutine() int

// gomaxprocs is GOMAXPROCS, which the compiler lowers only where another
// package calls it.
//
//rgo:runtime rgo_gomaxprocs
func gomaxprocs(n int) int

// The histograms' bucket boundaries, made once (runtime/metrics says
// readers must not change them, so every histogram shares them).
var sizeClassBuckets, timeBuckets []float64

func float64Inf() float64 {
	bits := uint64(0x7ff0000000000000)
	return *(*float64)(unsafe.Pointer(&bits))
}

func metricBuckets(s *metricsSnapshot) {
	if sizeClassBuckets != nil {
		return
	}
	// A size class holds sizes above the class before it up to its own:
	// bucket [previous+1, size+1), large objects in the last one.
	sizeClassBuckets = make([]float64, 0, len(s.classSizes)+2)
	sizeClassBuckets = append(sizeClassBuckets, 1)
	for _, size := range s.classSizes {
		sizeClassBuckets = append(sizeClassBuckets, float64(size+1))
	}
	sizeClassBuckets = append(sizeClassBuckets, float64Inf())
	timeBuckets = make([]float64, 0, len(s.timeBounds)+1)
	for _, ns := range s.timeBounds {
		timeBuckets = append(timeBuckets, float64(ns)/1e9)
	}
	timeBuckets = append(timeBuckets, float64Inf())
}

// setHistogram gives v a histogram over buckets with these counts, reusing
// the one v holds when it has the same buckets (as gc does, so a program
// that reads in a loop does not allocate).
func (v *metricValue) setHistogram(buckets []float64, counts []uint64) {
	h := (*metricHistogram)(v.pointer)
	if h == nil || len(h.buckets) != len(buckets) || cap(h.counts) < len(counts) {
		h = &metricHistogram{counts: make([]uint64, len(counts))}
	}
	h.counts = h.counts[:len(counts)]
	copy(h.counts, counts)
	h.buckets = buckets
	v.kind = metricKindFloat64Histogram
	v.pointer = unsafe.Pointer(h)
}

func (v *metricValue) setUint64(x uint64) {
	v.kind = metricKindUint64
	v.scalar = x
}

// subOrZero is a-b, or 0 when b is larger.
func subOrZero(a, b uint64) uint64 {
	if a < b {
		return 0
	}
	return a - b
}

// The records readMetrics fills: package-level, so that reading does not
// allocate (readMetrics holds lockRuntime while it uses them, and never
// blocks).
var (
	metricsMemStats MemStats
	metricsSnap     metricsSnapshot
)

//go:linkname metrics_readMetrics runtime/metrics.runtime_readMetrics
func metrics_readMetrics(samplesp unsafe.Pointer, n int, c int) {
	samples := unsafe.Slice((*metricSample)(samplesp), n)
	// One read right after the other, no allocation between them (the
	// per-class counts add up to Mallocs and Frees).
	// The records are shared: other threads may read metrics at once.
	lockRuntime()
	defer unlockRuntime()
	ms, s := &metricsMemStats, &metricsSnap
	readMemStats(ms)
	readMetricsSnapshot(s)
	metricBuckets(s)
	// The heap's memory: what objects use, what their spans hold beyond
	// them, free pages kept and free pages given back.
	heapObjects := ms.HeapAlloc
	heapUnused := subOrZero(ms.HeapInuse, ms.HeapAlloc)
	heapFree := subOrZero(ms.HeapIdle, ms.HeapReleased)
	goroutineStacks := subOrZero(ms.StackSys, s.osStacks)
	// The metrics of one number, by name.
	uints := [...]struct {
		name  string
		value uint64
	}{
		{"/cgo/go-to-c-calls:calls", uint64(NumCgoCall())},
		{"/gc/cycles/automatic:gc-cycles", uint64(ms.NumGC - ms.NumForcedGC)},
		{"/gc/cycles/forced:gc-cycles", uint64(ms.NumForcedGC)},
		{"/gc/cycles/total:gc-cycles", uint64(ms.NumGC)},
		{"/gc/heap/allocs:bytes", ms.TotalAlloc},
		{"/gc/heap/allocs:objects", ms.Mallocs},
		{"/gc/heap/frees:bytes", ms.TotalAlloc - ms.HeapAlloc},
		{"/gc/heap/frees:objects", ms.Frees},
		{"/gc/heap/goal:bytes", ms.NextGC},
		{"/gc/heap/objects:objects", ms.HeapObjects},
		// rgo has no tiny allocator: every object is counted in
		// /gc/heap/allocs:objects.
		{"/gc/heap/tiny/allocs:objects", 0},
		// rgo's collector has no CPU limiter: never enabled.
		{"/gc/limiter/last-enabled:gc-cycle", 0},
		{"/gc/stack/starting-size:bytes", s.stackStart},
		{"/memory/classes/heap/free:bytes", heapFree},
		{"/memory/classes/heap/objects:bytes", heapObjects},
		{"/memory/classes/heap/released:bytes", ms.HeapReleased},
		{"/memory/classes/heap/stacks:bytes", goroutineStacks},
		{"/memory/classes/heap/unused:bytes", heapUnused},
		// rgo's heap has no mcaches, and its span records are in the
		// metadata counted as other.
		{"/memory/classes/metadata/mcache/free:bytes", 0},
		{"/memory/classes/metadata/mcache/inuse:bytes", 0},
		{"/memory/classes/metadata/mspan/free:bytes", 0},
		{"/memory/classes/metadata/mspan/inuse:bytes", 0},
		{"/memory/classes/metadata/other:bytes", ms.GCSys},
		{"/memory/classes/os-stacks:bytes", s.osStacks},
		{"/memory/classes/other:bytes", ms.OtherSys},
		// The profiles' records are the runtime's own allocations, in
		// /memory/classes/other.
		{"/memory/classes/profiling/buckets:bytes", 0},
		{"/memory/classes/total:bytes", ms.Sys},
		{"/sched/gomaxprocs:threads", uint64(gomaxprocs(0))},
		{"/sched/goroutines:goroutines", uint64(numGoroutine())},
	}
	for i := range samples {
		v := &samples[i].value
		switch samples[i].name {
		case "/gc/heap/allocs-by-size:bytes":
			v.setHistogram(sizeClassBuckets, s.allocs[:])
		case "/gc/heap/frees-by-size:bytes":
			v.setHistogram(sizeClassBuckets, s.frees[:])
		case "/gc/pauses:seconds":
			v.setHistogram(timeBuckets, s.pauses[:])
		case "/sched/latencies:seconds":
			v.setHistogram(timeBuckets, s.latencies[:])
		default:
			v.kind = metricKindBad
			for _, u := range uints {
				if u.name == samples[i].name {
					v.setUint64(u.value)
					break
				}
			}
		}
	}
}
