// Package rgohost is the Go side of a Rust host's calls into a library
// built by `rgo build --lib` (docs/host.md). rgo builds it into every
// library; the table go.libexports starts with the closures of call,
// gosched, pin and unpin, which rt-core's host module calls with one
// pointer word each.
package rgohost

import (
	"fmt"
	"runtime"
	"unsafe"
)

// request mirrors rt-core's host::Request: the prepared call frame of an
// exported function (an rgo_call_frame) and what became of the call.
type request struct {
	frame    unsafe.Pointer
	returned bool
	text     string
}

// run makes the call r.frame describes on this goroutine's stack.
//
//rgo:runtime rgo_host_run
func run(frame unsafe.Pointer)

// cur is the request being run. The host makes one call at a time, from
// one thread, so one variable serves; a deferred call of a top-level
// function without arguments costs no allocation, unlike a closure.
var cur *request

// call makes the host's call; a panic that reaches it is recovered and
// reported in r with its text (the value as fmt.Sprint prints it: an
// error's Error(), a Stringer's String()).
func call(r *request) {
	cur = r
	defer recoverCall()
	run(r.frame)
	r.returned = true
}

// recoverCall recovers the panic that ended the current call, if any.
func recoverCall() {
	r := cur
	cur = nil
	if !r.returned {
		r.text = fmt.Sprint(recover())
	}
}

// gosched lets every runnable goroutine run once.
func gosched(_ unsafe.Pointer) {
	runtime.Gosched()
}

// pins holds the Go values a host keeps (func values it received), so
// that the collector keeps them; a count per value.
var pins = map[unsafe.Pointer]int{}

func pin(p unsafe.Pointer) {
	pins[p]++
}

func unpin(p unsafe.Pointer) {
	if pins[p] <= 1 {
		delete(pins, p)
		return
	}
	pins[p]--
}
