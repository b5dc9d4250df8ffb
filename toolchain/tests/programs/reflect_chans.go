// reflect on channels: Send, Recv, TrySend, TryRecv, Close, Len/Cap, and
// Select with every kind of case (deterministic by construction), with
// goroutines on the other end and Go's misuse panics.
package main

import (
	"fmt"
	"reflect"
)

func try(what string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Printf("%s: panic: %v\n", what, r)
		}
	}()
	f()
	fmt.Printf("%s: ok\n", what)
}

type Msg struct {
	ID   int
	Body string
}

func main() {
	ch := make(chan Msg, 2)
	cv := reflect.ValueOf(ch)
	cv.Send(reflect.ValueOf(Msg{1, "one"}))
	fmt.Println(cv.TrySend(reflect.ValueOf(Msg{2, "two"})), cv.TrySend(reflect.ValueOf(Msg{3, "three"})), cv.Len(), cv.Cap())
	x, ok := cv.Recv()
	fmt.Println(x.Interface(), ok)
	x, ok = cv.TryRecv()
	fmt.Println(x.Field(1), ok)
	x, ok = cv.TryRecv()
	fmt.Println(x.IsValid(), ok)
	cv.Close()
	x, ok = cv.Recv()
	fmt.Println(x.Interface(), ok)
	x, ok = cv.TryRecv()
	fmt.Println(x.Interface(), ok)

	// Unbuffered, with a goroutine on the other side.
	pc := make(chan *Msg)
	done := make(chan bool)
	go func() {
		for m := range pc {
			fmt.Println("got", m.ID, m.Body)
		}
		done <- true
	}()
	pv := reflect.ValueOf(pc)
	for i := 0; i < 3; i++ {
		pv.Send(reflect.ValueOf(&Msg{i, "ptr"}))
	}
	pv.Close()
	<-done

	// Select.
	a := make(chan int, 1)
	b := make(chan string, 1)
	b <- "ready"
	cases := []reflect.SelectCase{
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(a)},
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(b)},
	}
	i, v, ok := reflect.Select(cases)
	fmt.Println(i, v, ok)
	i, v, ok = reflect.Select(append(cases, reflect.SelectCase{Dir: reflect.SelectDefault}))
	fmt.Println(i, v.IsValid(), ok)
	i, v, ok = reflect.Select([]reflect.SelectCase{
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(b)},
		{Dir: reflect.SelectSend, Chan: reflect.ValueOf(a), Send: reflect.ValueOf(42)},
	})
	fmt.Println(i, v.IsValid(), ok, <-a)
	close(b)
	i, v, ok = reflect.Select([]reflect.SelectCase{{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(b)}, {Dir: reflect.SelectRecv}})
	fmt.Println(i, v.Interface(), ok)
	// A goroutine sends later: Select blocks until then.
	late := make(chan float64)
	go func() { late <- 2.5 }()
	i, v, ok = reflect.Select([]reflect.SelectCase{{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(late)}, {Dir: reflect.SelectRecv, Chan: reflect.ValueOf((chan int)(nil))}})
	fmt.Println(i, v.Float(), ok)
	// Uniform among ready cases.
	c1, c2 := make(chan int, 1000), make(chan int, 1000)
	for k := 0; k < 1000; k++ {
		c1 <- k
		c2 <- k
	}
	counts := [2]int{}
	both := []reflect.SelectCase{{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(c1)}, {Dir: reflect.SelectRecv, Chan: reflect.ValueOf(c2)}}
	for k := 0; k < 1000; k++ {
		i, _, _ := reflect.Select(both)
		counts[i]++
	}
	fmt.Println(counts[0] > 350 && counts[1] > 350)

	ro := reflect.ValueOf((<-chan int)(a))
	so := reflect.ValueOf((chan<- int)(a))
	try("Send on recv-only", func() { ro.Send(reflect.ValueOf(1)) })
	try("Recv on send-only", func() { so.Recv() })
	try("Close of recv-only", func() { ro.Close() })
	try("Send wrong type", func() { reflect.ValueOf(a).Send(reflect.ValueOf("x")) })
	try("Send on closed", func() { cv.Send(reflect.ValueOf(Msg{})) })
	try("Close of closed", func() { cv.Close() })
	try("Recv of int", func() { reflect.ValueOf(1).Recv() })
	try("two defaults", func() {
		reflect.Select([]reflect.SelectCase{{Dir: reflect.SelectDefault}, {Dir: reflect.SelectDefault}})
	})
	try("default with Chan", func() { reflect.Select([]reflect.SelectCase{{Dir: reflect.SelectDefault, Chan: reflect.ValueOf(a)}}) })
	try("send case without value", func() { reflect.Select([]reflect.SelectCase{{Dir: reflect.SelectSend, Chan: reflect.ValueOf(a)}}) })
	try("recv case with value", func() {
		reflect.Select([]reflect.SelectCase{{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(a), Send: reflect.ValueOf(1)}})
	})
	try("send case on recv-only", func() {
		reflect.Select([]reflect.SelectCase{{Dir: reflect.SelectSend, Chan: ro, Send: reflect.ValueOf(1)}})
	})
	try("bad dir", func() { reflect.Select([]reflect.SelectCase{{Dir: 7}}) })
}
