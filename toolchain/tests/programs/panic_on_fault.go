// debug.SetPanicOnFault: a fault at a non-nil address panics with a
// runtime.Error that has the address, in the goroutine that asked for it;
// the previous setting is returned; goroutines it starts do not inherit it.
package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"syscall"
	"unsafe"
)

type addressable interface{ Addr() uintptr }

func write(m []byte, i int) (err error) {
	defer func() {
		r := recover()
		fmt.Printf("%T\n", r)
		if e, ok := r.(runtime.Error); ok {
			err = e
		}
		if a, ok := r.(addressable); ok {
			fmt.Println("address:", a.Addr() == uintptr(unsafe.Pointer(&m[i])))
		}
	}()
	m[i] = 1
	return nil
}

func main() {
	m, err := syscall.Mmap(-1, 0, 0x1000, syscall.PROT_READ, syscall.MAP_SHARED|syscall.MAP_ANON)
	if err != nil {
		panic(err)
	}
	fmt.Println(debug.SetPanicOnFault(true))
	fmt.Println(write(m, 0x3e7))
	fmt.Println(debug.SetPanicOnFault(true))
	done := make(chan bool)
	go func() {
		fmt.Println("new goroutine:", debug.SetPanicOnFault(false))
		done <- true
	}()
	<-done
	// A nil dereference is still the plain runtime error.
	var p *int
	func() {
		defer func() { fmt.Println(recover()) }()
		*p = 1
	}()
	// The fault ends a copying loop at the exact element, as gc's does
	// (test/recover4.go): the named result holds the count.
	two, err := syscall.Mmap(-1, 0, 0x2000, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		panic(err)
	}
	if err := syscall.Mprotect(two[0x1000:], syscall.PROT_READ); err != nil {
		panic(err)
	}
	debug.SetPanicOnFault(true)
	fmt.Println(copyInto(two[0x1000-2:], []byte("abcde")))
	fmt.Println(debug.SetPanicOnFault(false))
}

func copyInto(dst, src []byte) (n int, err error) {
	defer func() {
		if r, ok := recover().(error); ok {
			err = r
		}
	}()
	for i := 0; i < len(dst) && i < len(src); i++ {
		dst[i] = src[i]
		n++
	}
	return
}
