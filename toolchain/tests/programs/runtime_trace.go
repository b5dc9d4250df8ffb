// The execution tracer: runtime/trace's Start and Stop around goroutines,
// channels, a sleep, a collection and user annotations; the trace is
// decoded here (Go 1.19's format, as internal/trace reads it) and what any
// Go runtime must record is printed: the header, the annotations in order,
// the footer's frequency and stacks, and that goroutines started, blocked
// and were unblocked. A second Start while tracing fails.
package main

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"runtime/trace"
	"sort"
	"sync"
	"time"
)

const (
	evBatch          = 1
	evFrequency      = 2
	evStack          = 3
	evGoCreate       = 13
	evGoStart        = 14
	evGoBlockRecv    = 23
	evGoUnblock      = 21
	evGoSleep        = 19
	evGCStart        = 7
	evString         = 37
	evUserTaskCreate = 45
	evUserTaskEnd    = 46
	evUserRegion     = 47
	evUserLog        = 48
)

type event struct {
	typ  byte
	args []uint64
	str  string // a log's message
	ts   uint64 // ticks: the batch's start plus the differences since
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.err = fmt.Errorf("truncated")
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) uvarint() uint64 {
	var v uint64
	for shift := 0; shift < 64 && d.err == nil; shift += 7 {
		c := d.byte()
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	d.err = fmt.Errorf("bad varint")
	return 0
}

func (d *decoder) bytes(n uint64) string {
	if uint64(len(d.b)) < n {
		d.err = fmt.Errorf("truncated string")
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// decode reads the events and the string table of a trace.
func decode(data []byte) (string, []event, map[uint64]string, error) {
	if len(data) < 16 {
		return "", nil, nil, fmt.Errorf("no header")
	}
	header := string(data[:16])
	d := &decoder{b: data[16:]}
	strs := map[uint64]string{}
	var evs []event
	var ticks uint64
	for len(d.b) > 0 && d.err == nil {
		c := d.byte()
		typ, narg := c&0x3f, int(c>>6)+1
		if typ == evString {
			id := d.uvarint()
			strs[id] = d.bytes(d.uvarint())
			continue
		}
		e := event{typ: typ}
		if narg < 4 {
			for i := 0; i < narg; i++ {
				e.args = append(e.args, d.uvarint())
			}
		} else {
			n := d.uvarint()
			end := len(d.b) - int(n)
			for len(d.b) > end && d.err == nil {
				e.args = append(e.args, d.uvarint())
			}
		}
		if typ == evUserLog {
			e.str = d.bytes(d.uvarint())
		}
		switch {
		case typ == evBatch && len(e.args) == 2:
			ticks = e.args[1]
		case typ != evFrequency && typ != evStack && len(e.args) > 0:
			ticks += e.args[0]
			e.ts = ticks
		}
		evs = append(evs, e)
	}
	return header, evs, strs, d.err
}

func main() {
	buf := new(bytes.Buffer)
	if err := trace.Start(buf); err != nil {
		fmt.Println("start:", err)
		return
	}
	fmt.Println("second start:", trace.Start(new(bytes.Buffer)))
	fmt.Println("enabled:", trace.IsEnabled())

	ctx, task := trace.NewTask(context.Background(), "task0")
	var wg sync.WaitGroup
	results := make(chan int)
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer task.End()
		trace.WithRegion(ctx, "region0", func() {
			trace.WithRegion(ctx, "region1", func() {
				trace.Log(ctx, "key0", "0123456789abcdef")
			})
			// Main blocks receiving whoever runs first (a preemption
			// between the go statement and the receive included).
			time.Sleep(time.Millisecond)
			results <- 42
		})
	}()
	fmt.Println("received", <-results)
	wg.Wait()
	time.Sleep(time.Millisecond)
	runtime.GC()
	trace.Stop()
	fmt.Println("enabled after stop:", trace.IsEnabled())

	header, evs, strs, err := decode(buf.Bytes())
	if err != nil {
		fmt.Println("decode:", err)
		return
	}
	fmt.Printf("header %q\n", header)
	// In time order: a runtime with several processors writes a batch
	// per processor.
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].ts < evs[j].ts })
	seen := map[byte]bool{}
	for _, e := range evs {
		seen[e.typ] = true
		// The argument values after the timestamp (and before the stack).
		switch e.typ {
		case evUserTaskCreate:
			fmt.Println("task create", strs[e.args[3]])
		case evUserTaskEnd:
			fmt.Println("task end")
		case evUserRegion:
			fmt.Println("region", strs[e.args[3]], []string{"start", "end"}[e.args[2]])
		case evUserLog:
			fmt.Println("log", strs[e.args[2]], e.str)
		}
	}
	var kinds []string
	for _, k := range []struct {
		typ  byte
		name string
	}{{evFrequency, "frequency"}, {evStack, "stacks"}, {evGoCreate, "creates"}, {evGoStart, "starts"},
		{evGoBlockRecv, "receives"}, {evGoUnblock, "unblocks"}, {evGoSleep, "sleeps"}, {evGCStart, "collections"}} {
		if seen[k.typ] {
			kinds = append(kinds, k.name)
		}
	}
	sort.Strings(kinds)
	fmt.Println("recorded:", kinds)
}
