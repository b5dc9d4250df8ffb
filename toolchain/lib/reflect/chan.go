package reflect

import "unsafe"

// The runtime's channel entry points (rt-core chan.rs).

//rgo:runtime rgo_chansend
func chansend(c unsafe.Pointer, elem unsafe.Pointer)

//rgo:runtime rgo_chanrecv
func chanrecv(c unsafe.Pointer, elem unsafe.Pointer) bool

//rgo:runtime rgo_closechan
func closechan(c unsafe.Pointer)

// selectgo runs a select over cases (channel, value pointer) pairs: the
// nsend send cases, then the nrecv receive cases; block is false with a
// default case, which is chosen as -1. It returns whether a receive got a
// value, then the case.
//
//rgo:runtime rgo_selectgo
func selectgo(cases *[2]unsafe.Pointer, nsend, nrecv int, block bool) (bool, int)

// valueAt is where a value to send is: its memory, or for a
// pointer-shaped value held in the Value, a fresh word holding it.
func (x Value) valueAt() unsafe.Pointer {
	if x.flag&flagIndir != 0 {
		return x.ptr
	}
	w := new(unsafe.Pointer)
	*w = x.ptr
	return unsafe.Pointer(w)
}

// stored is the Value of the value of type t at p (memory of its own: a
// received element, a call's result).
func stored(t *rtype, p unsafe.Pointer) Value {
	if t.pointerShaped() {
		return Value{t, *(*unsafe.Pointer)(p), flag(t.Kind())}
	}
	return Value{t, p, flagIndir | flag(t.Kind())}
}

// Send sends x on the channel v, blocking until it can.
func (v Value) Send(x Value) {
	v.mustBe("reflect.Value.Send", Chan)
	v.mustBeExported("reflect.Value.Send")
	v.send(x, false)
}

// TrySend sends x on the channel v if that does not block, and reports
// whether it did.
func (v Value) TrySend(x Value) bool {
	v.mustBe("reflect.Value.TrySend", Chan)
	v.mustBeExported("reflect.Value.TrySend")
	return v.send(x, true)
}

func (v Value) send(x Value, nb bool) bool {
	tt := (*chanType)(unsafe.Pointer(v.typ))
	if ChanDir(tt.dir)&SendDir == 0 {
		panic("reflect: send on recv-only channel")
	}
	x.mustBeExported("reflect.Value.Send")
	x = x.assignTo("reflect.Value.Send", tt.elem)
	p := x.valueAt()
	if !nb {
		chansend(v.pointer(), p)
		return true
	}
	cases := [1][2]unsafe.Pointer{{v.pointer(), p}}
	_, i := selectgo(&cases[0], 1, 0, false)
	return i == 0
}

// Recv receives from the channel v, blocking until it can; ok is false
// when the channel is closed (and the value its element's zero value).
func (v Value) Recv() (x Value, ok bool) {
	v.mustBe("reflect.Value.Recv", Chan)
	v.mustBeExported("reflect.Value.Recv")
	return v.recv(false)
}

// TryRecv receives from the channel v if that does not block; otherwise
// it returns the zero Value and false.
func (v Value) TryRecv() (x Value, ok bool) {
	v.mustBe("reflect.Value.TryRecv", Chan)
	v.mustBeExported("reflect.Value.TryRecv")
	return v.recv(true)
}

func (v Value) recv(nb bool) (Value, bool) {
	tt := (*chanType)(unsafe.Pointer(v.typ))
	if ChanDir(tt.dir)&RecvDir == 0 {
		panic("reflect: recv on send-only channel")
	}
	t := tt.elem
	p := alloc(t.size, t)
	if !nb {
		ok := chanrecv(v.pointer(), p)
		return stored(t, p), ok
	}
	cases := [1][2]unsafe.Pointer{{v.pointer(), p}}
	ok, i := selectgo(&cases[0], 0, 1, false)
	if i < 0 {
		return Value{}, false
	}
	return stored(t, p), ok
}

// Close closes the channel v (Go 1.19 does not look at its direction).
func (v Value) Close() {
	v.mustBe("reflect.Value.Close", Chan)
	v.mustBeExported("reflect.Value.Close")
	closechan(v.pointer())
}

// A SelectDir describes the communication direction of a select case.
type SelectDir int

const (
	_ SelectDir = iota
	SelectSend
	SelectRecv
	SelectDefault
)

// A SelectCase describes a single case in a select operation.
type SelectCase struct {
	Dir  SelectDir
	Chan Value
	Send Value
}

// Select executes a select over cases, as Go's select statement does
// (uniformly random among the ready ones); it returns the chosen case and,
// for a receive, the value and whether it came from a send.
func Select(cases []SelectCase) (chosen int, recv Value, recvOK bool) {
	hasDefault := false
	var sends, recvs []int
	for i, c := range cases {
		switch c.Dir {
		case SelectDefault:
			if hasDefault {
				panic("reflect.Select: multiple default cases")
			}
			hasDefault = true
			if c.Chan.IsValid() {
				panic("reflect.Select: default case has Chan value")
			}
			if c.Send.IsValid() {
				panic("reflect.Select: default case has Send value")
			}
		case SelectSend:
			if c.Chan.IsValid() {
				c.Chan.mustBe("reflect.Select", Chan)
				c.Chan.mustBeExported("reflect.Select")
				if ChanDir((*chanType)(unsafe.Pointer(c.Chan.typ)).dir)&SendDir == 0 {
					panic("reflect.Select: SendDir case using recv-only channel")
				}
			}
			if !c.Send.IsValid() {
				panic("reflect.Select: SendDir case missing Send value")
			}
			sends = append(sends, i)
		case SelectRecv:
			if c.Send.IsValid() {
				panic("reflect.Select: RecvDir case has Send value")
			}
			if c.Chan.IsValid() {
				c.Chan.mustBe("reflect.Select", Chan)
				c.Chan.mustBeExported("reflect.Select")
				if ChanDir((*chanType)(unsafe.Pointer(c.Chan.typ)).dir)&RecvDir == 0 {
					panic("reflect.Select: RecvDir case using send-only channel")
				}
			}
			recvs = append(recvs, i)
		default:
			panic("reflect.Select: invalid Dir")
		}
	}
	// The runtime wants the sends first, then the receives; a case whose
	// Chan is the zero Value is a nil channel, never ready.
	order := append(sends, recvs...)
	rt := make([][2]unsafe.Pointer, len(order)+1)
	for j, i := range order {
		c := cases[i]
		var ch unsafe.Pointer
		if c.Chan.IsValid() {
			ch = c.Chan.pointer()
		}
		rt[j][0] = ch
		if c.Dir == SelectSend {
			var elem *rtype
			if c.Chan.IsValid() {
				elem = (*chanType)(unsafe.Pointer(c.Chan.typ)).elem
				x := c.Send
				x.mustBeExported("reflect.Select")
				rt[j][1] = x.assignTo("reflect.Select", elem).valueAt()
			}
		} else if c.Chan.IsValid() {
			t := (*chanType)(unsafe.Pointer(c.Chan.typ)).elem
			rt[j][1] = alloc(t.size, t)
		}
	}
	ok, j := selectgo(&rt[0], len(sends), len(recvs), !hasDefault)
	if j < 0 {
		for i, c := range cases {
			if c.Dir == SelectDefault {
				return i, Value{}, false
			}
		}
	}
	chosen = order[j]
	if cases[chosen].Dir == SelectRecv {
		t := (*chanType)(unsafe.Pointer(cases[chosen].Chan.typ)).elem
		return chosen, stored(t, rt[j][1]), ok
	}
	return chosen, Value{}, false
}
