// runtime/metrics over rgo's runtime: every metric Go 1.19 describes has a
// value of its kind, and the values agree with each other and with
// runtime.MemStats as gc's do (the per-size-class counts add up to the
// allocation and free counts, the memory classes to the total, every
// collection's pause is in the pause histogram, woken goroutines are
// sampled in the latency histogram); reading again reuses the histograms
// and allocates nothing. Printed as checks, so the output is gc's.
package main

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"strings"
)

var sink [][]byte

func read(samples []metrics.Sample) map[string]metrics.Value {
	metrics.Read(samples)
	m := map[string]metrics.Value{}
	for _, s := range samples {
		m[s.Name] = s.Value
	}
	return m
}

func total(h *metrics.Float64Histogram) uint64 {
	var n uint64
	for _, c := range h.Counts {
		n += c
	}
	return n
}

func main() {
	descs := metrics.All()
	samples := make([]metrics.Sample, len(descs))
	for i := range samples {
		samples[i].Name = descs[i].Name
	}
	for i := 0; i < 10000; i++ {
		sink = append(sink, make([]byte, 100+i%5000))
	}
	sink = nil
	runtime.GC()
	runtime.GC()
	// 800 goroutines become runnable at least twice each: created, then
	// woken by the channel; gc samples one such change in eight.
	done := make(chan bool)
	start := make(chan bool)
	for i := 0; i < 800; i++ {
		go func() {
			<-start
			done <- true
		}()
	}
	for i := 0; i < 800; i++ {
		start <- true
		<-done
	}

	m := read(samples)
	kinds := true
	for _, d := range descs {
		if m[d.Name].Kind() != d.Kind {
			fmt.Println("wrong kind:", d.Name, m[d.Name].Kind())
			kinds = false
		}
	}
	fmt.Println("every metric of its kind:", len(descs) == 33, kinds)

	u := func(name string) uint64 { return m[name].Uint64() }
	h := func(name string) *metrics.Float64Histogram { return m[name].Float64Histogram() }

	cycles := u("/gc/cycles/total:gc-cycles")
	fmt.Println("cycles:", cycles >= 2, u("/gc/cycles/forced:gc-cycles") >= 2,
		u("/gc/cycles/automatic:gc-cycles")+u("/gc/cycles/forced:gc-cycles") == cycles)

	allocs, frees := h("/gc/heap/allocs-by-size:bytes"), h("/gc/heap/frees-by-size:bytes")
	fmt.Println("allocations by size:", total(allocs) == u("/gc/heap/allocs:objects")+u("/gc/heap/tiny/allocs:objects") ||
		total(allocs) == u("/gc/heap/allocs:objects"), total(allocs) >= 10000)
	fmt.Println("frees by size:", total(frees) == u("/gc/heap/frees:objects"), total(frees) >= 9000)
	fmt.Println("live objects:", u("/gc/heap/objects:objects") == u("/gc/heap/allocs:objects")-u("/gc/heap/frees:objects"))
	fmt.Println("freed bytes:", u("/gc/heap/frees:bytes") <= u("/gc/heap/allocs:bytes"),
		u("/gc/heap/allocs:bytes")-u("/gc/heap/frees:bytes") == u("/memory/classes/heap/objects:bytes"))
	// Size-class buckets: from 1 byte, each class's size + 1, then +Inf.
	b := allocs.Buckets
	fmt.Println("size buckets:", b[0], b[1], b[2], b[len(b)-2], b[len(b)-1], len(allocs.Counts) == len(b)-1)
	sizes := true
	for i := 1; i < len(b); i++ {
		sizes = sizes && b[i] > b[i-1]
	}
	fmt.Println("size buckets rise:", sizes)

	pauses := h("/gc/pauses:seconds")
	// (gc stops the world twice per cycle, rgo once.)
	fmt.Println("pauses:", total(pauses) >= cycles, len(pauses.Counts) == len(pauses.Buckets)-1)
	lat := h("/sched/latencies:seconds")
	fmt.Println("latencies sampled:", total(lat) >= 200)

	var sum uint64
	for _, d := range descs {
		if strings.HasPrefix(d.Name, "/memory/classes/") && d.Name != "/memory/classes/total:bytes" {
			sum += u(d.Name)
		}
	}
	fmt.Println("memory classes add up:", sum == u("/memory/classes/total:bytes"))
	fmt.Println("stacks:", u("/memory/classes/heap/stacks:bytes") > 0, u("/gc/stack/starting-size:bytes") >= 2048)
	// (The 800 goroutines may not all have ended yet.)
	fmt.Println("goroutines:", u("/sched/goroutines:goroutines") >= 1,
		u("/sched/gomaxprocs:threads") == uint64(runtime.GOMAXPROCS(0)))
	fmt.Println("heap goal:", u("/gc/heap/goal:bytes") > u("/memory/classes/heap/objects:bytes")/2)

	// Reading again reuses the histograms and allocates nothing.
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for i := 0; i < 10; i++ {
		metrics.Read(samples)
	}
	runtime.ReadMemStats(&after)
	same := true
	for _, s := range samples {
		if s.Value.Kind() == metrics.KindFloat64Histogram {
			same = same && s.Value.Float64Histogram() == h(s.Name)
		}
	}
	fmt.Println("read again:", after.Mallocs-before.Mallocs, same)

	// A name runtime/metrics does not describe reads as KindBad.
	bad := []metrics.Sample{{Name: "/no/such:metric"}}
	metrics.Read(bad)
	fmt.Println("unknown:", bad[0].Value.Kind() == metrics.KindBad)
}
