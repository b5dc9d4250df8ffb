// Go memory that only the runtime holds must survive collections: a
// dropped time.AfterFunc's closure (the timer heap), a goroutine's
// function before it first runs (its record), a deferred closure (the
// defer record), a runtime error value and a recovered panic's value (the
// panic record), finalizers' functions and objects. Run under
// RGO_GCSTRESS=1 by ci/test, where a missing root frees them at once.
package main

import (
	"fmt"
	"runtime"
	"strings"
	"time"
)

type payload struct {
	name  string
	items []int
	next  *payload
}

func newPayload(name string, n int) *payload {
	p := &payload{name: strings.Repeat(name, 2)}
	for i := 0; i < n; i++ {
		p.items = append(p.items, i*i)
	}
	p.next = &payload{name: name + "-next"}
	return p
}

func sum(p *payload) int {
	t := 0
	for _, v := range p.items {
		t += v
	}
	return t
}

func churn() {
	for i := 0; i < 200; i++ {
		_ = fmt.Sprint(i, newPayload("x", 8))
	}
	runtime.GC()
}

func main() {
	// A timer's closure is referenced only by the runtime's timer heap.
	done := make(chan string)
	func() {
		p := newPayload("timer", 50)
		time.AfterFunc(5*time.Millisecond, func() { done <- fmt.Sprint(p.name, " ", sum(p), " ", p.next.name) })
	}()
	churn()
	fmt.Println(<-done)

	// A new goroutine's closure before it runs.
	res := make(chan int)
	func() {
		p := newPayload("go", 20)
		go func() { res <- sum(p) }()
	}()
	churn()
	fmt.Println("goroutine", <-res)

	// A deferred closure, and a runtime error as the panic value.
	func() {
		defer func() {
			r := recover()
			churn()
			fmt.Println("recovered:", r)
		}()
		func() {
			p := newPayload("defer", 10)
			defer func() { fmt.Println("deferred", p.name, sum(p)) }()
			churn()
		}()
		var s []int
		i := 5
		churn()
		_ = s[i]
	}()

	// A panic value built at run time, recovered after collections.
	func() {
		defer func() {
			churn()
			e := recover().(error)
			churn()
			fmt.Println("error:", e.Error())
		}()
		panic(fmt.Errorf("wrapped %w", fmt.Errorf("inner %d", 42)))
	}()

	// Finalizers: the object lives until its finalizer ran.
	fin := make(chan string, 1)
	func() {
		p := newPayload("fin", 30)
		runtime.SetFinalizer(p, func(q *payload) { fin <- fmt.Sprint(q.name, " ", sum(q), " ", q.next.name) })
	}()
	for i := 0; i < 20; i++ {
		churn()
		select {
		case s := <-fin:
			fmt.Println("finalized", s)
			i = 20
		default:
			time.Sleep(time.Millisecond)
		}
	}
	fmt.Println("goroutines", runtime.NumGoroutine())
}
