// debug.WriteHeapDump writes gc's heap dump format: this program writes
// one and reads it back with a parser of that format, checking the records
// a reader needs (the objects with their contents and pointer fields, the
// goroutines and their frames, the roots in package-level variables, the
// finalizers, the memory statistics). Printed as checks, so the output is
// gc's.
package main

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"unsafe"
)

type node struct {
	val  int
	next *node
	tag  int
}

var global *node

type fin struct{ x, y int }

var finObj *fin

// dump is a frame the main goroutine's record should show.
//
//go:noinline
func dump(f *os.File) {
	debug.WriteHeapDump(f.Fd())
}

type reader struct {
	r   *bufio.Reader
	err error
}

func (r *reader) uint() uint64 {
	v, err := binary.ReadUvarint(r.r)
	if err != nil && r.err == nil {
		r.err = err
	}
	return v
}

func (r *reader) bytes() []byte {
	n := r.uint()
	if r.err != nil || n > 1<<30 {
		r.err = fmt.Errorf("bad length %d", n)
		return nil
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r.r, b); err != nil && r.err == nil {
		r.err = err
	}
	return b
}

// fields reads a list of pointer fields: their offsets.
func (r *reader) fields() []uint64 {
	var offs []uint64
	for r.err == nil {
		kind := r.uint()
		if kind == 0 {
			break
		}
		offs = append(offs, r.uint())
	}
	return offs
}

type object struct {
	contents []byte
	ptrs     []uint64
}

type frame struct {
	name string
}

type goroutine struct {
	status uint64
	reason string
	frames []frame
}

type region struct {
	addr     uint64
	contents []byte
	ptrs     []uint64
}

func has(offs []uint64, x uint64) bool {
	for _, o := range offs {
		if o == x {
			return true
		}
	}
	return false
}

func main() {
	runtime.MemProfileRate = 1
	global = &node{val: 42, next: &node{val: 7}, tag: 99}
	finObj = &fin{1, 2}
	runtime.SetFinalizer(finObj, func(*fin) {})
	block := make(chan int)
	go func() { <-block }()
	runtime.Gosched()
	runtime.GC()

	f, err := os.CreateTemp("", "heapdump")
	if err != nil {
		panic(err)
	}
	defer os.Remove(f.Name())
	dump(f)
	if _, err := f.Seek(0, 0); err != nil {
		panic(err)
	}
	r := &reader{r: bufio.NewReader(f)}
	hdr := make([]byte, 16)
	io.ReadFull(r.r, hdr)
	fmt.Printf("header: %q\n", hdr)

	objects := map[uint64]object{}
	var gs []*goroutine
	var roots []region
	finalizers := map[uint64]bool{}
	var ptrSize, numGC uint64
	var arch, version string
	counts := map[uint64]int{}
	mainBuckets := map[uint64]bool{}
	samples := map[uint64]uint64{}
	eof := false
	for r.err == nil && !eof {
		tag := r.uint()
		counts[tag]++
		switch tag {
		case 0:
			eof = true
		case 1:
			addr := r.uint()
			objects[addr] = object{r.bytes(), r.fields()}
		case 2:
			r.bytes()
			r.uint()
		case 3:
			r.uint()
			r.uint()
			r.bytes()
			r.uint()
		case 4:
			g := &goroutine{}
			for i := 0; i < 4; i++ {
				r.uint()
			}
			g.status = r.uint()
			r.uint()
			r.uint()
			r.uint()
			g.reason = string(r.bytes())
			for i := 0; i < 4; i++ {
				r.uint()
			}
			gs = append(gs, g)
		case 5:
			r.uint()
			r.uint()
			r.uint()
			r.bytes()
			r.uint()
			r.uint()
			r.uint()
			name := string(r.bytes())
			r.fields()
			if len(gs) > 0 {
				g := gs[len(gs)-1]
				g.frames = append(g.frames, frame{name})
			}
		case 6:
			r.uint()
			ptrSize = r.uint()
			r.uint()
			r.uint()
			arch = string(r.bytes())
			version = string(r.bytes())
			r.uint()
		case 7, 11:
			obj := r.uint()
			for i := 0; i < 4; i++ {
				r.uint()
			}
			if tag == 7 {
				finalizers[obj] = true
			}
		case 8:
			r.uint()
			r.uint()
		case 9:
			r.uint()
			r.uint()
			r.uint()
		case 10:
			for i := 0; i < 24+256; i++ {
				r.uint()
			}
			numGC = r.uint()
		case 12, 13:
			addr := r.uint()
			roots = append(roots, region{addr, r.bytes(), r.fields()})
		case 14:
			for i := 0; i < 7; i++ {
				r.uint()
			}
		case 15:
			for i := 0; i < 6; i++ {
				r.uint()
			}
		case 16:
			id := r.uint()
			r.uint()
			n := r.uint()
			for i := uint64(0); i < n && r.err == nil; i++ {
				if string(r.bytes()) == "main.main" {
					mainBuckets[id] = true
				}
				r.bytes()
				r.uint()
			}
			r.uint()
			r.uint()
		case 17:
			obj := r.uint()
			samples[obj] = r.uint()
		default:
			r.err = fmt.Errorf("unknown tag %d", tag)
		}
	}
	_, err = r.r.ReadByte()
	fmt.Println("read to the end:", r.err, eof, err == io.EOF)
	fmt.Println("params:", ptrSize, arch == runtime.GOARCH, version == runtime.Version())

	g := uint64(uintptr(unsafe.Pointer(global)))
	o, ok := objects[g]
	fmt.Println("object:", ok, len(o.contents) >= 24)
	if ok {
		fmt.Println("contents:", binary.LittleEndian.Uint64(o.contents[0:]), binary.LittleEndian.Uint64(o.contents[16:]),
			binary.LittleEndian.Uint64(o.contents[8:]) == uint64(uintptr(unsafe.Pointer(global.next))))
		fmt.Println("pointer fields:", has(o.ptrs, 8), has(o.ptrs, 0), has(o.ptrs, 16))
	}
	_, ok = objects[uint64(uintptr(unsafe.Pointer(global.next)))]
	fmt.Println("object it points to:", ok)

	// The variable global: in a root region, a pointer field at its offset.
	at := uint64(uintptr(unsafe.Pointer(&global)))
	root := false
	for _, reg := range roots {
		if at >= reg.addr && at < reg.addr+uint64(len(reg.contents)) {
			root = has(reg.ptrs, at-reg.addr) && binary.LittleEndian.Uint64(reg.contents[at-reg.addr:]) == g
		}
	}
	fmt.Println("root:", root)

	mainFrames, blocked := false, false
	for _, g := range gs {
		for i, fr := range g.frames {
			if fr.name == "main.dump" && i+1 < len(g.frames) && g.frames[i+1].name == "main.main" {
				mainFrames = true
			}
		}
		if g.status == 4 && g.reason == "chan receive" {
			blocked = true
		}
	}
	fmt.Println("goroutines:", len(gs) >= 2, mainFrames, blocked)
	fmt.Println("finalizer:", finalizers[uint64(uintptr(unsafe.Pointer(finObj)))])
	fmt.Println("memstats:", counts[10], numGC >= 1)
	// MemProfileRate 1: global's allocation is sampled, in a bucket
	// whose stack has main.main.
	b, sampled := samples[g]
	fmt.Println("memory profile:", sampled, mainBuckets[b])
	runtime.KeepAlive(global)
	runtime.KeepAlive(finObj)
}
