package reflect

import "unsafe"

// mustBeAssignable panics unless v can be set: valid, addressable, and
// not reached through an unexported field.
func (v Value) mustBeAssignable(method string) {
	if v.flag == 0 {
		panic(&ValueError{method, Invalid})
	}
	if v.flag&flagRO != 0 {
		panic("reflect: " + method + " using value obtained using unexported field")
	}
	if v.flag&flagAddr == 0 {
		panic("reflect: " + method + " using unaddressable value")
	}
}

// mustBeExported panics when v was reached through an unexported field.
func (v Value) mustBeExported(method string) {
	if v.flag == 0 {
		panic(&ValueError{method, Invalid})
	}
	if v.flag&flagRO != 0 {
		panic("reflect: " + method + " using value obtained using unexported field")
	}
}

// Set assigns x to v, as Go's assignment would (x's type assignable to
// v's).
func (v Value) Set(x Value) {
	v.mustBeAssignable("reflect.Value.Set")
	x.mustBeExported("reflect.Value.Set")
	v.store(x.assignTo("reflect.Set", v.typ))
}

// store writes x, a value of v's type, into v's memory.
func (v Value) store(x Value) {
	if x.flag&flagIndir != 0 {
		memmove(v.ptr, x.ptr, v.typ.size)
	} else {
		*(*unsafe.Pointer)(v.ptr) = x.ptr
	}
}

// SetPointer sets v, an assignable unsafe.Pointer, to x.
func (v Value) SetPointer(x unsafe.Pointer) {
	v.mustBeAssignable("reflect.Value.SetPointer")
	v.mustBe("reflect.Value.SetPointer", UnsafePointer)
	*(*unsafe.Pointer)(v.ptr) = x
}

// assignTo is x as a value of type dst, which it must be assignable to: the
// same value, or x boxed in dst's interface.
func (x Value) assignTo(context string, dst *rtype) Value {
	if x.flag&flagMethod != 0 {
		x = makeMethodValue(context, x)
	}
	switch {
	case directlyAssignable(dst, x.typ):
		fl := x.flag&(flagAddr|flagIndir) | x.flag.ro() | flag(dst.Kind())
		return Value{dst, x.ptr, fl}
	case dst.Kind() == Interface && implements(dst, x.typ):
		box := alloc(dst.size, dst)
		i := packEface(x)
		e := (*emptyInterface)(unsafe.Pointer(&i))
		w := (*[2]unsafe.Pointer)(box)
		if (*interfaceType)(unsafe.Pointer(dst)).methods.n == 0 {
			w[0] = unsafe.Pointer(e.typ)
		} else {
			w[0] = getitab(dst, e.typ, false)
		}
		w[1] = e.word
		return Value{dst, box, flagIndir | flag(Interface)}
	}
	panic(context + ": value of type " + x.typ.String() + " is not assignable to type " + dst.String())
}

// getitab is the itab pairing typ with the interface inter (nil when typ
// lacks a method and canfail).
//
//rgo:runtime rgo_getitab
func getitab(inter *rtype, typ *rtype, canfail bool) unsafe.Pointer

// directlyAssignable reports whether a value of type v can be assigned
// to one of type t without conversion: identical types, or identical
// underlying types with one of them unnamed (and channels whose element
// types agree, into a direction the value allows).
func directlyAssignable(t, v *rtype) bool {
	if t == v {
		return true
	}
	if t.tflag&tflagNamed != 0 && v.tflag&tflagNamed != 0 || t.Kind() != v.Kind() {
		return false
	}
	if t.Kind() == Chan {
		tc, vc := (*chanType)(unsafe.Pointer(t)), (*chanType)(unsafe.Pointer(v))
		if vc.dir == uint8(BothDir) && tc.elem == vc.elem {
			return true
		}
	}
	return identicalUnderlying(t, v, true)
}

// identicalUnderlying reports whether t and v, of one kind, have
// identical underlying types: their components are identical (the
// descriptors of one program are one per type, so identical components
// are the same descriptor); struct tags count when cmpTags (conversions
// ignore them).
func identicalUnderlying(t, v *rtype, cmpTags bool) bool {
	switch t.Kind() {
	case Array:
		a, b := (*arrayType)(unsafe.Pointer(t)), (*arrayType)(unsafe.Pointer(v))
		return a.len == b.len && a.elem == b.elem
	case Chan:
		a, b := (*chanType)(unsafe.Pointer(t)), (*chanType)(unsafe.Pointer(v))
		return a.dir == b.dir && a.elem == b.elem
	case Pointer, Slice:
		return (*ptrType)(unsafe.Pointer(t)).elem == (*ptrType)(unsafe.Pointer(v)).elem
	case Map:
		a, b := (*mapType)(unsafe.Pointer(t)), (*mapType)(unsafe.Pointer(v))
		return a.key == b.key && a.elem == b.elem
	case Func:
		a, b := (*funcType)(unsafe.Pointer(t)), (*funcType)(unsafe.Pointer(v))
		if a.variadic != b.variadic || a.ins.n != b.ins.n || a.outs.n != b.outs.n {
			return false
		}
		for i := 0; i < a.ins.n; i++ {
			if a.in(i) != b.in(i) {
				return false
			}
		}
		for i := 0; i < a.outs.n; i++ {
			if a.out(i) != b.out(i) {
				return false
			}
		}
		return true
	case Interface:
		a, b := (*interfaceType)(unsafe.Pointer(t)), (*interfaceType)(unsafe.Pointer(v))
		if a.methods.n != b.methods.n {
			return false
		}
		for i := 0; i < a.methods.n; i++ {
			ma, mb := a.imethod(i), b.imethod(i)
			if ma.name != mb.name || ma.typ != mb.typ {
				return false
			}
		}
		return true
	case Struct:
		a, b := (*structType)(unsafe.Pointer(t)), (*structType)(unsafe.Pointer(v))
		if a.fields.n != b.fields.n {
			return false
		}
		for i := 0; i < a.fields.n; i++ {
			fa, fb := a.field(i), b.field(i)
			if fa.name != fb.name || fa.typ != fb.typ || fa.offset != fb.offset || fa.embedded != fb.embedded {
				return false
			}
			if cmpTags && fa.tag != fb.tag {
				return false
			}
		}
		return a.pkgPath == b.pkgPath
	}
	// The basic kinds: one underlying type each.
	return true
}

// implements reports whether values of type v implement the interface
// type t.
func implements(t, v *rtype) bool {
	it := (*interfaceType)(unsafe.Pointer(t))
	if it.methods.n == 0 {
		return true
	}
	if v.Kind() == Interface {
		// Every method of t among v's (both sorted by name).
		vt := (*interfaceType)(unsafe.Pointer(v))
		j := 0
		for i := 0; i < it.methods.n; i++ {
			m := it.imethod(i)
			for j < vt.methods.n && vt.imethod(j).name != m.name {
				j++
			}
			if j == vt.methods.n || vt.imethod(j).typ != m.typ {
				return false
			}
		}
		return true
	}
	return getitab(t, v, true) != nil
}

// Implements reports whether the type implements the interface type u.
func (t *rtype) Implements(u Type) bool {
	if u == nil {
		panic("reflect: nil type passed to Type.Implements")
	}
	if u.Kind() != Interface {
		panic("reflect: non-interface type passed to Type.Implements")
	}
	return implements(u.common(), t)
}

// AssignableTo reports whether a value of the type is assignable to u.
func (t *rtype) AssignableTo(u Type) bool {
	if u == nil {
		panic("reflect: nil type passed to Type.AssignableTo")
	}
	uu := u.common()
	return directlyAssignable(uu, t) || uu.Kind() == Interface && implements(uu, t)
}

func (v Value) SetBool(x bool) {
	v.mustBeAssignable("reflect.Value.SetBool")
	v.mustBe("reflect.Value.SetBool", Bool)
	*(*bool)(v.ptr) = x
}

func (v Value) SetInt(x int64) {
	v.mustBeAssignable("reflect.Value.SetInt")
	switch p := v.ptr; v.kind() {
	case Int:
		*(*int)(p) = int(x)
	case Int8:
		*(*int8)(p) = int8(x)
	case Int16:
		*(*int16)(p) = int16(x)
	case Int32:
		*(*int32)(p) = int32(x)
	case Int64:
		*(*int64)(p) = x
	default:
		panic(&ValueError{"reflect.Value.SetInt", v.kind()})
	}
}

func (v Value) SetUint(x uint64) {
	v.mustBeAssignable("reflect.Value.SetUint")
	switch p := v.ptr; v.kind() {
	case Uint:
		*(*uint)(p) = uint(x)
	case Uint8:
		*(*uint8)(p) = uint8(x)
	case Uint16:
		*(*uint16)(p) = uint16(x)
	case Uint32:
		*(*uint32)(p) = uint32(x)
	case Uint64:
		*(*uint64)(p) = x
	case Uintptr:
		*(*uintptr)(p) = uintptr(x)
	default:
		panic(&ValueError{"reflect.Value.SetUint", v.kind()})
	}
}

func (v Value) SetFloat(x float64) {
	v.mustBeAssignable("reflect.Value.SetFloat")
	switch v.kind() {
	case Float32:
		*(*float32)(v.ptr) = float32(x)
	case Float64:
		*(*float64)(v.ptr) = x
	default:
		panic(&ValueError{"reflect.Value.SetFloat", v.kind()})
	}
}

func (v Value) SetComplex(x complex128) {
	v.mustBeAssignable("reflect.Value.SetComplex")
	switch v.kind() {
	case Complex64:
		*(*complex64)(v.ptr) = complex64(x)
	case Complex128:
		*(*complex128)(v.ptr) = x
	default:
		panic(&ValueError{"reflect.Value.SetComplex", v.kind()})
	}
}

func (v Value) SetString(x string) {
	v.mustBeAssignable("reflect.Value.SetString")
	v.mustBe("reflect.Value.SetString", String)
	*(*string)(v.ptr) = x
}

func (v Value) SetBytes(x []byte) {
	v.mustBeAssignable("reflect.Value.SetBytes")
	v.mustBe("reflect.Value.SetBytes", Slice)
	if v.typ.Elem().Kind() != Uint8 {
		panic("reflect.Value.SetBytes of non-byte slice")
	}
	*(*[]byte)(v.ptr) = x
}

func (v Value) SetLen(n int) {
	v.mustBeAssignable("reflect.Value.SetLen")
	v.mustBe("reflect.Value.SetLen", Slice)
	s := (*SliceHeader)(v.ptr)
	if uint(n) > uint(s.Cap) {
		panic("reflect: slice length out of range in SetLen")
	}
	s.Len = n
}

func (v Value) SetCap(n int) {
	v.mustBeAssignable("reflect.Value.SetCap")
	v.mustBe("reflect.Value.SetCap", Slice)
	s := (*SliceHeader)(v.ptr)
	if n < s.Len || n > s.Cap {
		panic("reflect: slice capacity out of range in SetCap")
	}
	s.Cap = n
}

// Zero returns a Value holding the zero value of typ (not addressable).
func Zero(typ Type) Value {
	if typ == nil {
		panic("reflect: Zero(nil)")
	}
	t := typ.common()
	fl := flag(t.Kind())
	if t.pointerShaped() {
		return Value{t, nil, fl}
	}
	return Value{t, alloc(t.size, t), fl | flagIndir}
}

// Copy copies the elements of src into dst (slices or, for dst, an
// addressable array) until either ends, and returns how many it copied.
func Copy(dst, src Value) int {
	dk := dst.kind()
	if dk != Array && dk != Slice {
		panic(&ValueError{"reflect.Copy", dk})
	}
	if dk == Array {
		dst.mustBeAssignable("reflect.Copy")
	}
	dst.mustBeExported("reflect.Copy")
	sk := src.kind()
	if sk != Array && sk != Slice && !(sk == String && dst.typ.Elem().Kind() == Uint8) {
		panic(&ValueError{"reflect.Copy", sk})
	}
	src.mustBeExported("reflect.Copy")
	de := dst.typ.Elem().common()
	if sk != String && src.typ.Elem().common() != de {
		panic("reflect.Copy: " + de.String() + " != " + src.typ.Elem().String())
	}
	n := dst.Len()
	if m := src.Len(); m < n {
		n = m
	}
	var dp, sp unsafe.Pointer
	if dk == Array {
		dp = dst.ptr
	} else {
		dp = unsafe.Pointer((*SliceHeader)(dst.ptr).Data)
	}
	switch sk {
	case Array:
		sp = src.addr()
	case Slice:
		sp = unsafe.Pointer((*SliceHeader)(src.ptr).Data)
	default:
		sp = unsafe.Pointer((*StringHeader)(src.ptr).Data)
	}
	memmove(dp, sp, uintptr(n)*de.size)
	return n
}
