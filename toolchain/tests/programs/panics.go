// defer, panic and recover as Go runs them.
package main

type E struct{ msg string }

func (e *E) Error() string { return "E: " + e.msg }

func deferOrder() {
	for i := 0; i < 3; i++ {
		defer println("deferred", i)
	}
	println("body")
}

func named() (r int, s string) {
	defer func() {
		if v := recover(); v != nil {
			r, s = 7, v.(string)
		}
	}()
	r = 1
	panic("named")
}

func unnamed() int {
	defer func() { recover() }()
	panic(3)
}

func rethrow() (err string) {
	defer func() {
		err = recover().(string)
	}()
	defer func() {
		v := recover()
		panic(v.(string) + " again")
	}()
	panic("first")
}

func notDeferred() interface{} { return recover() }

func catch(f func()) (msg string) {
	defer func() {
		if v := recover(); v != nil {
			if e, ok := v.(error); ok {
				msg = e.Error()
			} else {
				msg = "not an error"
			}
		}
	}()
	f()
	return "no panic"
}

type I interface{ M() int }
type T int

func (t T) M() int { return int(t) }

func main() {
	deferOrder()
	println(named())
	println(unnamed())
	println(rethrow())
	println(notDeferred() == nil)
	var a []int
	i := 5
	println(catch(func() { _ = a[i] }))
	println(catch(func() { _ = a[1:i] }))
	var p *E
	println(catch(func() { println(p.msg) }))
	z := 0
	println(catch(func() { println(i / z) }))
	var x interface{} = "s"
	println(catch(func() { _ = x.(int) }))
	var f func()
	println(catch(func() { f() }))
	println(catch(func() { panic(&E{"custom"}) }))
	var in I = T(4)
	defer println("method defer", in.M())
	defer in.M()
	println("end")
}
