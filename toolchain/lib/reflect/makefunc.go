package reflect

import "unsafe"

// Func values made at run time: MakeFunc, the Interface of a method
// value, a method's Func. Each is a funcStub-headed object on the heap
// whose code is the runtime's rgo_reflect_gostub. A call of it goes to
// rt-core (reflectrt.rs), which reads the arguments by the func type's ABI
// layout and, by the stub's kind, calls a MakeFunc implementation with
// them boxed into a []Value (then callMakeFunc's checks on its results),
// or the method with its receiver, and puts the results where the caller
// expects them.

// funcStub is `reflect::types::GoFuncStub`, field for field; its kinds
// (stubMakeFunc, ...) are in zflags.go.
type funcStub struct {
	code   uintptr
	ftyp   *rtype
	kind   uintptr
	layout uintptr // the runtime's, set at the first call
}

// gostubCode is the code address every funcStub starts with.
//
//rgo:runtime rgo_reflect_gostub_code
func gostubCode() uintptr

// funcof is FuncOf on descriptors (rt-core's reflectrt).
//
//rgo:runtime rgo_reflect_funcof
func funcof(ins **rtype, nin int, outs **rtype, nout int, variadic bool) *rtype

// rtypeOf is the dynamic type of i.
func rtypeOf(i any) *rtype {
	return (*emptyInterface)(unsafe.Pointer(&i)).typ
}

var (
	valueRType = rtypeOf(Value{})
	implRType  = rtypeOf((func([]Value) []Value)(nil))
	checkRType = rtypeOf((func(*rtype, []Value) []Value)(nil))
)

// makeFuncImpl is `reflect::types::GoMakeFunc`: a func value made by
// MakeFunc.
type makeFuncImpl struct {
	funcStub
	vtyp     *rtype
	fn       func([]Value) []Value
	fntyp    *rtype
	check    func(*rtype, []Value) []Value
	checktyp *rtype
}

// MakeFunc returns a new function of type typ that wraps fn: a call of it
// converts its arguments to Values, calls fn with them, and returns fn's
// results, which must be as many as typ has, each assignable to its
// result type.
func MakeFunc(typ Type, fn func(args []Value) (results []Value)) Value {
	if typ.Kind() != Func {
		panic("reflect: call of MakeFunc with non-Func type")
	}
	t := typ.common()
	impl := &makeFuncImpl{funcStub{gostubCode(), t, stubMakeFunc, 0}, valueRType, fn, implRType, checkMakeFunc, checkRType}
	return Value{t, unsafe.Pointer(impl), flag(Func)}
}

// checkMakeFunc makes the results of a MakeFunc implementation exactly of
// the result types of ftyp, as Go's callReflect does, or panics.
func checkMakeFunc(ftyp *rtype, out []Value) []Value {
	ft := (*funcType)(unsafe.Pointer(ftyp))
	if len(out) != ft.outs.n {
		panic("reflect: wrong return count from function created by MakeFunc")
	}
	for i := range out {
		v := out[i]
		if v.typ == nil {
			panic("reflect: function created by MakeFunc using " + funcName() + " returned zero Value")
		}
		if v.flag&flagRO != 0 {
			panic("reflect: function created by MakeFunc using " + funcName() + " returned value obtained from unexported field")
		}
		out[i] = v.assignTo("reflect.MakeFunc", ft.out(i))
	}
	return out
}

// funcName names a MakeFunc implementation in its panics. Go asks
// runtime.FuncForPC and says "closure" when that finds nothing; rgo keeps
// no table of function names, so it is always "closure".
func funcName() string {
	return "closure"
}

// methodStub is `reflect::types::GoMethodFunc`: a method with its
// receiver bound, or a method's Func (receiver first).
type methodStub struct {
	funcStub
	recv *rtype
	word unsafe.Pointer
	m    *method
}

// makeMethodValue is the method value v as a func value of its type. The
// receiver is resolved now, as a compiled method value x.M evaluates x.
func makeMethodValue(op string, v Value) Value {
	if v.flag&flagMethod == 0 {
		panic("reflect: internal error: invalid use of makeMethodValue")
	}
	recv, word, m := v.methodReceiver(op)
	ft := v.methodType()
	s := &methodStub{funcStub{gostubCode(), ft, stubMethodValue, 0}, recv, word, m}
	return Value{ft, unsafe.Pointer(s), v.flag.ro() | flag(Func)}
}

// Method represents a single method.
type Method struct {
	// Name is the method name.
	Name string
	// PkgPath qualifies an unexported name; empty for exported ones.
	PkgPath string
	Type    Type  // method type
	Func    Value // func with receiver as first argument
	Index   int   // index for Type.Method
}

// IsExported reports whether the method is exported.
func (m Method) IsExported() bool {
	return m.PkgPath == ""
}

// Method is the i-th method of the type's method set: the exported ones of
// a concrete type, all of an interface type's, sorted by name.
func (t *rtype) Method(i int) Method {
	if t.Kind() == Interface {
		it := (*interfaceType)(unsafe.Pointer(t))
		if uint(i) >= uint(it.methods.n) {
			panic("reflect: Method index out of range")
		}
		im := it.imethod(i)
		m := Method{Name: im.name, Type: toType(im.typ), Index: i}
		if !isExported(im.name) {
			m.PkgPath = t.PkgPath()
		}
		return m
	}
	p := t.exportedMethod(i)
	if i < 0 || p == nil {
		panic("reflect: Method index out of range")
	}
	ft := (*funcType)(unsafe.Pointer(p.mtyp))
	ins := make([]*rtype, 0, 1+ft.ins.n)
	ins = append(ins, t)
	for j := 0; j < ft.ins.n; j++ {
		ins = append(ins, ft.in(j))
	}
	outs := make([]*rtype, ft.outs.n)
	for j := range outs {
		outs[j] = ft.out(j)
	}
	mt := funcOfRTypes(ins, outs, ft.variadic)
	s := &methodStub{funcStub{gostubCode(), mt, stubMethodExpr, 0}, t, nil, p}
	return Method{Name: p.name, Type: toType(mt), Func: Value{mt, unsafe.Pointer(s), flag(Func)}, Index: i}
}

// MethodByName is the method called name in the type's method set.
func (t *rtype) MethodByName(name string) (Method, bool) {
	for i, n := 0, t.NumMethod(); i < n; i++ {
		if m := t.Method(i); m.Name == name {
			return m, true
		}
	}
	return Method{}, false
}

// FuncOf returns the function type with the given parameter and result
// types; a variadic one's last parameter must be a slice.
func FuncOf(in, out []Type, variadic bool) Type {
	if variadic && (len(in) == 0 || in[len(in)-1].Kind() != Slice) {
		panic("reflect.FuncOf: last arg of variadic func must be slice")
	}
	ins := make([]*rtype, len(in))
	for i, x := range in {
		ins[i] = x.common()
	}
	outs := make([]*rtype, len(out))
	for i, x := range out {
		outs[i] = x.common()
	}
	return toType(funcOfRTypes(ins, outs, variadic))
}

func funcOfRTypes(ins, outs []*rtype, variadic bool) *rtype {
	var ip, op **rtype
	if len(ins) > 0 {
		ip = &ins[0]
	}
	if len(outs) > 0 {
		op = &outs[0]
	}
	return funcof(ip, len(ins), op, len(outs), variadic)
}
