package reflect

import "unsafe"

// reflectcall calls the func value fn of type ftyp with argument i read
// from args[i] and result i written to rets[i] (rt-core's reflectrt).
//
//rgo:runtime rgo_reflect_call
func reflectcall(ftyp *rtype, fn unsafe.Pointer, args *unsafe.Pointer, nargs int, rets *unsafe.Pointer, nrets int)

// Call calls the function v with the arguments in, as Go would (a
// variadic function gets the trailing arguments as a slice), and returns
// its results.
func (v Value) Call(in []Value) []Value {
	v.mustBe("reflect.Value.Call", Func)
	v.mustBeExported("reflect.Value.Call")
	return v.call("Call", in)
}

// CallSlice calls the variadic function v with its variadic argument as
// the slice in[len(in)-1].
func (v Value) CallSlice(in []Value) []Value {
	v.mustBe("reflect.Value.CallSlice", Func)
	v.mustBeExported("reflect.Value.CallSlice")
	return v.call("CallSlice", in)
}

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
	// A method's receiver goes first, as its interface data word.
	extra := 0
	if m != nil {
		extra = 1
	}
	nin, nout := extra+len(in), t.outs.n
	// Where each argument's bytes are: the value's own memory, or a word
	// here for a pointer-shaped value held in the Value itself.
	args := make([]unsafe.Pointer, nin+nout)
	words := make([]unsafe.Pointer, nin)
	if m != nil {
		words[0] = rword
		args[0] = unsafe.Pointer(&words[0])
	}
	for i, x := range in {
		x = x.assignTo("reflect.Value.Call", t.in(i))
		if x.flag&flagIndir != 0 {
			args[extra+i] = x.ptr
		} else {
			words[extra+i] = x.ptr
			args[extra+i] = unsafe.Pointer(&words[extra+i])
		}
	}
	// Room for the results, typed so the collector sees their pointers.
	for i := 0; i < nout; i++ {
		rt := t.out(i)
		args[nin+i] = alloc(rt.size, rt)
	}
	var argp, retp *unsafe.Pointer
	if nin > 0 {
		argp = &args[0]
	}
	if nout > 0 {
		retp = &args[nin]
	}
	if m != nil {
		reflectcallmethod(recv, m, argp, nin, retp, nout)
	} else {
		reflectcall(v.typ, fn, argp, nin, retp, nout)
	}
	ret := make([]Value, nout)
	for i := 0; i < nout; i++ {
		ret[i] = stored(t.out(i), args[nin+i])
	}
	return ret
}
