// defer and go of a method promoted through embedded fields: the receiver
// is evaluated at the statement, and a pointer method of an addressable
// value acts on that very variable (not a copy), as gc does.
package main

import (
	"fmt"
	"sync"
)

type M struct{ n int }

func (m *M) Inc()     { m.n++ }
func (m M) Show(s string) { fmt.Println(s, m.n) }

type W struct{ M }

type PW struct{ *M }

type Deep struct{ W }

type Shower interface{ Show(string) }

type IW struct{ Shower }

var w W

var handlers struct {
	sync.Mutex
	ref [65]int64
}

func locked() {
	handlers.Lock()
	defer handlers.Unlock()
	handlers.ref[3]++
}

func main() {
	func() { defer w.Inc() }()
	fmt.Println("package var", w.n)
	var lw W
	func() { defer lw.Inc() }()
	fmt.Println("local var", lw.n)
	var d Deep
	func() { defer d.Inc() }()
	fmt.Println("two levels", d.n)
	p := &W{}
	func() { defer p.Inc() }()
	fmt.Println("through pointer", p.n)
	pw := PW{&M{}}
	func() { defer pw.Inc() }()
	fmt.Println("embedded pointer", pw.n)

	// A value method's receiver is copied at the defer statement.
	func() {
		defer lw.Show("value receiver at defer:")
		lw.n = 100
	}()
	// An interface embedded in a struct is read at the defer statement.
	iw := IW{M{7}}
	func() {
		defer iw.Show("embedded interface:")
		iw.Shower = M{8}
	}()

	done := make(chan bool)
	var g W
	go func() {
		defer func() { done <- true }()
		g.Inc()
	}()
	<-done
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); defer g.Inc() }()
	wg.Wait()
	fmt.Println("goroutines", g.n)

	locked()
	fmt.Println("unlocked:", handlers.TryLock())
}
