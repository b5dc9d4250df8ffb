package reflect

import "unsafe"

// reflectcall calls the func value fn of type ftyp with argument i the
// value of args[i] (of the parameter's type) and sets rets[i] to a Value
// of result i (rt-core's reflectrt).
//
//rgo:runtime rgo_reflect_call
func reflectcall(ftyp *rtype, fn unsafe.Pointer, args *Value, nargs int, rets *Value, nrets int)

// reflectcallvalue is Value.Call of the Value {typ, ptr, fl}, a func or
// a method value of a concrete type, when each of the nargs Values at
// args is a plain value of exactly its parameter's type and the func is
// not variadic: the runtime checks and calls, and returns its results as
// n Values at p, of type vt (Value). It returns n < 0, having done
// nothing, otherwise: the Go side then makes Go's checks, conversions and
// panics.
//
//rgo:runtime rgo_reflect_call_value
func reflectcallvalue(typ *rtype, ptr unsafe.Pointer, fl flag, args *Value, nargs int, vt *rtype) (p unsafe.Pointer, n int)

// Call calls the function v with the arguments in, as Go would (a
// variadic function gets the trailing arguments as a slice), and returns
// its results.
func (v Value) Call(in []Value) []Value {
	if v.flag&(flagRO|flagKindMask) == flag(Func) {
		var argp *Value
		if len(in) > 0 {
			argp = &in[0]
		}
		if p, n := reflectcallvalue(v.typ, v.ptr, v.flag, argp, len(in), valueRType); n >= 0 {
			if n == 0 {
				return nil
			}
			return (*[maxResults]Value)(p)[:n:n]
		}
	}
	v.mustBe("reflect.Value.Call", Func)
	v.mustBeExported("reflect.Value.Call")
	return v.call("Call", in)
}

// maxResults bounds the results of a func type (Go's own limit on a
// frame's size keeps far below it).
const maxResults = 1 << 20

// CallSlice calls the variadic function v with its variadic argument as
// the slice in[len(in)-1].
func (v Value) CallSlice(in []Value) []Value {
	v.mustBe("reflect.Value.CallSlice", Func)
	v.mustBeExported("reflect.Value.CallSlice")
	return v.call("CallSlice", in)
}

// call is Call or CallSlice (op).
func (v Value) call(op string, in []Value) []Value {
	var (
		t     *funcType
		fn    unsafe.Pointer
		recv  *rtype
		rword unsafe.Pointer
		m     *method
	)
	if v.flag&flagMethod != 0 {
		recv, rword, m = v.methodReceiver(op)
		t = (*funcType)(unsafe.Pointer(m.mtyp))
	} else {
		t = (*funcType)(unsafe.Pointer(v.typ))
		fn = v.pointer()
		if fn == nil {
			panic("reflect.Value." + op + ": call of nil function")
		}
	}
	isSlice := op == "CallSlice"
	n := t.ins.n
	isVariadic := t.variadic
	if isSlice {
		if !isVariadic {
			panic("reflect: CallSlice of non-variadic function")
		}
		if len(in) < n {
			panic("reflect: CallSlice with too few input arguments")
		}
		if len(in) > n {
			panic("reflect: CallSlice with too many input arguments")
		}
	} else {
		if isVariadic {
			n--
		}
		if len(in) < n {
			panic("reflect: Call with too few input arguments")
		}
		if !isVariadic && len(in) > n {
			panic("reflect: Call with too many input arguments")
		}
	}
	for _, x := range in {
		if x.Kind() == Invalid {
			panic("reflect: " + op + " using zero Value argument")
		}
	}
	for i := 0; i < n; i++ {
		if xt, targ := in[i].Type(), t.in(i); !xt.AssignableTo(targ) {
			panic("reflect: " + op + " using " + xt.String() + " as type " + targ.String())
		}
	}
	if !isSlice && isVariadic {
		// The trailing arguments become the variadic slice.
		m := len(in) - n
		st := t.in(n)
		slice := MakeSlice(st, m, m)
		elem := st.Elem()
		for i := 0; i < m; i++ {
			x := in[n+i]
			if xt := x.Type(); !xt.AssignableTo(elem) {
				panic("reflect: cannot use " + xt.String() + " as type " + elem.String() + " in " + op)
			}
			slice.Index(i).Set(x)
		}
		all := make([]Value, n+1)
		copy(all, in[:n])
		all[n] = slice
		in = all
	}
	// The arguments as Values of exactly the parameter types; in itself
	// when it holds them already. A method's receiver goes first, as its
	// interface data word held in the Value.
	extra := 0
	if m != nil {
		extra = 1
	}
	args := in
	if m != nil || !exactly(t, in) {
		args = make([]Value, extra+len(in))
		if m != nil {
			args[0] = Value{recv, rword, 0}
		}
		for i, x := range in {
			args[extra+i] = x.assignTo("reflect.Value.Call", t.in(i))
		}
	}
	// The runtime fills ret with the results, each in memory of its own;
	// no results are a nil slice, as in Go.
	nout := t.outs.n
	var ret []Value
	var argp, retp *Value
	if len(args) > 0 {
		argp = &args[0]
	}
	if nout > 0 {
		ret = make([]Value, nout)
		retp = &ret[0]
	}
	if m != nil {
		reflectcallmethod(recv, m, argp, len(args), retp, nout)
	} else {
		reflectcall(v.typ, fn, argp, len(args), retp, nout)
	}
	return ret
}

// exactly reports whether each of in is a plain value of t's parameter
// type at its place (nothing for assignTo to do).
func exactly(t *funcType, in []Value) bool {
	for i, x := range in {
		if x.typ != t.in(i) || x.flag&flagMethod != 0 {
			return false
		}
	}
	return true
}
