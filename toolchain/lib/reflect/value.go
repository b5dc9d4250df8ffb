package reflect

import "unsafe"

// Value is the reflection interface to a Go value: its type, where it is,
// and what may be done with it (flag).
type Value struct {
	typ *rtype
	// ptr is the value's address (flagIndir), or the value itself for a
	// pointer-shaped type.
	ptr unsafe.Pointer
	flag
}

// flag holds the value's Kind in its low bits, then what reflect knows
// about where the value came from.
type flag uintptr

// The flag bits (flagKindWidth, flagIndir, ...) are in zflags.go, generated
// from the reflect crate's goflags module, which the runtime's fmt reads too.

// kind is the Kind the flag holds. rgo does not inline calls, so the
// hot getters (Int, Len, ...) read Kind(v.flag & flagKindMask) in place.
func (f flag) kind() Kind { return Kind(f & flagKindMask) }

func (f flag) ro() flag {
	if f&flagRO != 0 {
		return flagStickyRO
	}
	return 0
}

// A ValueError occurs when a Value method is called on a Value that does
// not support it.
type ValueError struct {
	Method string
	Kind   Kind
}

func (e *ValueError) Error() string {
	if e.Kind == 0 {
		return "reflect: call of " + e.Method + " on zero Value"
	}
	return "reflect: call of " + e.Method + " on " + e.Kind.String() + " Value"
}

// mustBe panics unless the value's kind is k.
func (f flag) mustBe(method string, k Kind) {
	if f.kind() != k {
		panic(&ValueError{method, f.kind()})
	}
}

// alloc is zeroed memory for a value of type typ (rgo_alloc).
//
//rgo:runtime rgo_alloc
func alloc(size uintptr, typ *rtype) unsafe.Pointer

// memmove copies n bytes (rgo_memmove).
//
//rgo:runtime rgo_memmove
func memmove(dst, src unsafe.Pointer, n uintptr)

// pointerShaped reports whether a value of type t is stored directly in an
// interface's data word (rather than pointed at).
func (t *rtype) pointerShaped() bool {
	switch Kind(t.kind) {
	case Pointer, UnsafePointer, Chan, Map, Func:
		return true
	case Struct:
		st := (*structType)(unsafe.Pointer(t))
		return st.fields.n == 1 && st.field(0).typ.pointerShaped()
	case Array:
		at := (*arrayType)(unsafe.Pointer(t))
		return at.len == 1 && at.elem.pointerShaped()
	}
	return false
}

// ValueOf returns a Value holding i's dynamic value (the zero Value for a
// nil interface).
func ValueOf(i any) Value {
	e := (*emptyInterface)(unsafe.Pointer(&i))
	t := e.typ
	if t == nil {
		return Value{}
	}
	f := flag(t.kind)
	// Only a type with pointers can be pointer-shaped: the test spares
	// scalars a call (rgo does not inline).
	if t.ptrdata == 0 || !t.pointerShaped() {
		f |= flagIndir
	}
	return Value{t, e.word, f}
}

// pointer is the value of a pointer-shaped Value.
func (v Value) pointer() unsafe.Pointer {
	if v.flag&flagIndir != 0 {
		return *(*unsafe.Pointer)(v.ptr)
	}
	return v.ptr
}

// addr is where the value's bytes are.
func (v Value) addr() unsafe.Pointer {
	if v.flag&flagIndir != 0 {
		return v.ptr
	}
	return unsafe.Pointer(&v.ptr)
}

func (v Value) IsValid() bool { return v.flag != 0 }

func (v Value) Kind() Kind { return v.kind() }

// Type returns the value's type.
func (v Value) Type() Type {
	if v.flag == 0 {
		panic(&ValueError{"reflect.Value.Type", Invalid})
	}
	if v.flag&flagMethod != 0 {
		return v.methodType()
	}
	return v.typ
}

func (v Value) CanAddr() bool { return v.flag&flagAddr != 0 }

func (v Value) CanSet() bool { return v.flag&(flagAddr|flagRO) == flagAddr }

// CanInterface reports whether Interface can be used without panicking.
func (v Value) CanInterface() bool {
	if v.flag == 0 {
		panic(&ValueError{"reflect.Value.CanInterface", Invalid})
	}
	return v.flag&flagRO == 0
}

// Interface returns the value as an interface{}.
func (v Value) Interface() any {
	if v.flag == 0 {
		panic(&ValueError{"reflect.Value.Interface", Invalid})
	}
	if v.flag&flagRO != 0 {
		panic("reflect.Value.Interface: cannot return value obtained from unexported field or method")
	}
	if v.flag&flagMethod != 0 {
		v = makeMethodValue("Interface", v)
	}
	return packEface(v)
}

// held is what the interface value of type t at p holds, as an any (nil
// for a nil interface). A non-empty interface is (itab, data), and an
// itab's second word is the dynamic type.
func held(t *rtype, p unsafe.Pointer) any {
	if (*interfaceType)(unsafe.Pointer(t)).methods.n == 0 {
		return *(*any)(p)
	}
	w := (*[2]unsafe.Pointer)(p)
	var i any
	if w[0] != nil {
		e := (*emptyInterface)(unsafe.Pointer(&i))
		e.typ = *(**rtype)(unsafe.Add(w[0], unsafe.Sizeof(w[0])))
		e.word = w[1]
	}
	return i
}

// packEface makes the interface holding v's value: the value itself for a
// pointer-shaped type, else a pointer to it (to a copy when v is
// addressable, since the original may change).
func packEface(v Value) any {
	t := v.typ
	if t.Kind() == Interface {
		// What the interface holds, not the interface itself.
		return held(t, v.ptr)
	}
	var i any
	e := (*emptyInterface)(unsafe.Pointer(&i))
	switch {
	case t.pointerShaped():
		e.word = v.pointer()
	case v.flag&flagAddr != 0:
		c := alloc(t.size, t)
		memmove(c, v.ptr, t.size)
		e.word = c
	default:
		e.word = v.ptr
	}
	e.typ = t
	return i
}

func (v Value) Bool() bool {
	v.mustBe("reflect.Value.Bool", Bool)
	return *(*bool)(v.ptr)
}

func (v Value) Int() int64 {
	p := v.ptr
	switch Kind(v.flag & flagKindMask) {
	case Int:
		return int64(*(*int)(p))
	case Int8:
		return int64(*(*int8)(p))
	case Int16:
		return int64(*(*int16)(p))
	case Int32:
		return int64(*(*int32)(p))
	case Int64:
		return *(*int64)(p)
	}
	panic(&ValueError{"reflect.Value.Int", v.kind()})
}

func (v Value) Uint() uint64 {
	p := v.ptr
	switch Kind(v.flag & flagKindMask) {
	case Uint:
		return uint64(*(*uint)(p))
	case Uint8:
		return uint64(*(*uint8)(p))
	case Uint16:
		return uint64(*(*uint16)(p))
	case Uint32:
		return uint64(*(*uint32)(p))
	case Uint64:
		return *(*uint64)(p)
	case Uintptr:
		return uint64(*(*uintptr)(p))
	}
	panic(&ValueError{"reflect.Value.Uint", v.kind()})
}

func (v Value) Float() float64 {
	switch Kind(v.flag & flagKindMask) {
	case Float32:
		return float64(*(*float32)(v.ptr))
	case Float64:
		return *(*float64)(v.ptr)
	}
	panic(&ValueError{"reflect.Value.Float", v.kind()})
}

func (v Value) Complex() complex128 {
	switch Kind(v.flag & flagKindMask) {
	case Complex64:
		return complex128(*(*complex64)(v.ptr))
	case Complex128:
		return *(*complex128)(v.ptr)
	}
	panic(&ValueError{"reflect.Value.Complex", v.kind()})
}

// CanInt reports whether Int can be used without panicking.
func (v Value) CanInt() bool {
	switch v.kind() {
	case Int, Int8, Int16, Int32, Int64:
		return true
	}
	return false
}

// CanUint reports whether Uint can be used without panicking.
func (v Value) CanUint() bool {
	switch v.kind() {
	case Uint, Uint8, Uint16, Uint32, Uint64, Uintptr:
		return true
	}
	return false
}

// CanFloat reports whether Float can be used without panicking.
func (v Value) CanFloat() bool {
	k := v.kind()
	return k == Float32 || k == Float64
}

// CanComplex reports whether Complex can be used without panicking.
func (v Value) CanComplex() bool {
	k := v.kind()
	return k == Complex64 || k == Complex128
}

// OverflowInt reports whether x cannot be represented by v's type (an
// integer kind).
func (v Value) OverflowInt(x int64) bool {
	if !v.CanInt() {
		panic(&ValueError{"reflect.Value.OverflowInt", v.kind()})
	}
	bits := v.typ.size * 8
	trunc := (x << (64 - bits)) >> (64 - bits)
	return x != trunc
}

// OverflowUint reports whether x cannot be represented by v's type (an
// unsigned integer kind).
func (v Value) OverflowUint(x uint64) bool {
	if !v.CanUint() {
		panic(&ValueError{"reflect.Value.OverflowUint", v.kind()})
	}
	bits := v.typ.size * 8
	trunc := (x << (64 - bits)) >> (64 - bits)
	return x != trunc
}

// OverflowFloat reports whether x cannot be represented by v's type (a
// float kind): only a float32 can overflow, past its largest finite value.
func (v Value) OverflowFloat(x float64) bool {
	switch v.kind() {
	case Float32:
		return overflowFloat32(x)
	case Float64:
		return false
	}
	panic(&ValueError{"reflect.Value.OverflowFloat", v.kind()})
}

// OverflowComplex reports whether x cannot be represented by v's type (a
// complex kind).
func (v Value) OverflowComplex(x complex128) bool {
	switch v.kind() {
	case Complex64:
		return overflowFloat32(real(x)) || overflowFloat32(imag(x))
	case Complex128:
		return false
	}
	panic(&ValueError{"reflect.Value.OverflowComplex", v.kind()})
}

// overflowFloat32 reports whether x is finite and beyond float32's range.
func overflowFloat32(x float64) bool {
	const maxFloat32 = 0x1p127 * (1 + (1 - 0x1p-23))
	if x < 0 {
		x = -x
	}
	return maxFloat32 < x && x <= 1.7976931348623157e308
}

// InterfaceData returns the two words of an interface value v.
//
// Deprecated: the memory representation of interface values is not
// compatible with InterfaceData (as in Go).
func (v Value) InterfaceData() [2]uintptr {
	v.mustBe("reflect.Value.InterfaceData", Interface)
	return *(*[2]uintptr)(v.ptr)
}

// String returns a string value as it is; for other kinds, "<T Value>"
// (Go's fmt prints Values by what they hold, not by this).
func (v Value) String() string {
	if Kind(v.flag&flagKindMask) == String {
		return *(*string)(v.ptr)
	}
	if v.flag == 0 {
		return "<invalid Value>"
	}
	return "<" + v.typ.String() + " Value>"
}

// Bytes returns a []byte value, or the bytes of an addressable [N]byte.
func (v Value) Bytes() []byte {
	switch Kind(v.flag & flagKindMask) {
	case Slice:
		if v.typ.Elem().Kind() != Uint8 {
			panic("reflect.Value.Bytes of non-byte slice")
		}
		return *(*[]byte)(v.ptr)
	case Array:
		if v.typ.Elem().Kind() != Uint8 {
			panic("reflect.Value.Bytes of non-byte array")
		}
		if !v.CanAddr() {
			panic("reflect.Value.Bytes of unaddressable byte array")
		}
		n := v.typ.Len()
		var b []byte
		h := (*SliceHeader)(unsafe.Pointer(&b))
		h.Data = uintptr(v.ptr)
		h.Len = n
		h.Cap = n
		return b
	}
	panic(&ValueError{"reflect.Value.Bytes", v.kind()})
}

// Pointer returns the value's pointer as a uintptr.
func (v Value) Pointer() uintptr {
	switch Kind(v.flag & flagKindMask) {
	case Pointer, Chan, Map, UnsafePointer:
		return uintptr(v.pointer())
	case Func:
		if v.flag&flagMethod != 0 {
			// A method value: the code of the method it calls.
			_, _, m := v.methodReceiver("Pointer")
			return uintptr(*(*unsafe.Pointer)(m.ifn))
		}
		// The code address: a func value points at its closure, whose
		// first word is the code.
		p := v.pointer()
		if p != nil {
			p = *(*unsafe.Pointer)(p)
		}
		return uintptr(p)
	case Slice:
		return (*SliceHeader)(v.ptr).Data
	}
	panic(&ValueError{"reflect.Value.Pointer", v.kind()})
}

// UnsafePointer returns the value's pointer, as Pointer does, as an
// unsafe.Pointer.
func (v Value) UnsafePointer() unsafe.Pointer {
	switch Kind(v.flag & flagKindMask) {
	case Pointer, Chan, Map, UnsafePointer, Func, Slice:
		return unsafe.Pointer(v.Pointer())
	}
	panic(&ValueError{"reflect.Value.UnsafePointer", v.kind()})
}

// IsNil reports whether a chan, func, interface, map, pointer or slice
// value is nil.
func (v Value) IsNil() bool {
	switch Kind(v.flag & flagKindMask) {
	case Chan, Func, Map, Pointer, UnsafePointer:
		if v.flag&flagMethod != 0 {
			return false
		}
		return v.pointer() == nil
	case Interface, Slice:
		return *(*unsafe.Pointer)(v.ptr) == nil
	}
	panic(&ValueError{"reflect.Value.IsNil", v.kind()})
}

// IsZero reports whether v is its type's zero value.
func (v Value) IsZero() bool {
	switch Kind(v.flag & flagKindMask) {
	case Invalid:
		panic(&ValueError{"reflect.Value.IsZero", Invalid})
	case Float32, Float64:
		f := v.Float()
		return f == 0 && 1/f > 0
	case Complex64, Complex128:
		c := v.Complex()
		return real(c) == 0 && 1/real(c) > 0 && imag(c) == 0 && 1/imag(c) > 0
	case Array:
		for i := 0; i < v.Len(); i++ {
			if !v.Index(i).IsZero() {
				return false
			}
		}
		return true
	case Struct:
		for i := 0; i < v.NumField(); i++ {
			if !v.Field(i).IsZero() {
				return false
			}
		}
		return true
	case Chan, Func, Map, Pointer, UnsafePointer, Interface, Slice:
		return v.IsNil()
	case String:
		return v.Len() == 0
	case Bool:
		return !v.Bool()
	}
	// The integers: every byte zero.
	p := (*[8]byte)(v.ptr)
	for i := uintptr(0); i < v.typ.size; i++ {
		if p[i] != 0 {
			return false
		}
	}
	return true
}

// Len returns the length of an array, chan, map, slice or string value.
func (v Value) Len() int {
	switch Kind(v.flag & flagKindMask) {
	case Array:
		return int((*arrayType)(unsafe.Pointer(v.typ)).len)
	case Slice:
		return (*SliceHeader)(v.ptr).Len
	case String:
		return (*StringHeader)(v.ptr).Len
	case Map, Chan:
		p := v.pointer()
		if p == nil {
			return 0
		}
		// Both start with their element count (rt-core's Map.count
		// and Chan.count).
		return *(*int)(p)
	}
	panic(&ValueError{"reflect.Value.Len", v.kind()})
}

// Cap returns the capacity of an array, chan or slice value.
func (v Value) Cap() int {
	switch Kind(v.flag & flagKindMask) {
	case Array:
		return v.Len()
	case Slice:
		return (*SliceHeader)(v.ptr).Cap
	case Chan:
		p := v.pointer()
		if p == nil {
			return 0
		}
		// rt-core's Chan: count, then cap.
		return *(*int)(unsafe.Add(p, unsafe.Sizeof(0)))
	}
	panic(&ValueError{"reflect.Value.Cap", v.kind()})
}

// Index returns element i of an array, slice or string value.
func (v Value) Index(i int) Value {
	switch Kind(v.flag & flagKindMask) {
	case Array:
		at := (*arrayType)(unsafe.Pointer(v.typ))
		if uint(i) >= uint(at.len) {
			panic("reflect: array index out of range")
		}
		e := at.elem
		fl := v.flag&(flagIndir|flagAddr) | v.flag.ro() | flag(e.Kind())
		if v.flag&flagIndir == 0 {
			// A pointer-shaped one-element array: its element is the
			// pointer itself.
			return Value{e, v.ptr, fl}
		}
		return Value{e, unsafe.Add(v.ptr, uintptr(i)*e.size), fl}
	case Slice:
		s := (*SliceHeader)(v.ptr)
		if uint(i) >= uint(s.Len) {
			panic("reflect: slice index out of range")
		}
		e := (*sliceType)(unsafe.Pointer(v.typ)).elem
		fl := flagAddr | flagIndir | v.flag.ro() | flag(e.Kind())
		return Value{e, unsafe.Pointer(s.Data + uintptr(i)*e.size), fl}
	case String:
		s := (*StringHeader)(v.ptr)
		if uint(i) >= uint(s.Len) {
			panic("reflect: string index out of range")
		}
		// The byte in the string itself (strings are immutable, so the
		// Value is not addressable).
		return Value{uint8Type(), unsafe.Pointer(s.Data + uintptr(i)), v.flag.ro() | flag(Uint8) | flagIndir}
	}
	panic(&ValueError{"reflect.Value.Index", v.kind()})
}

// uint8Type is the descriptor of uint8 (the elements of a string).
func uint8Type() *rtype {
	var b uint8
	var i any = b
	return (*emptyInterface)(unsafe.Pointer(&i)).typ
}

// NumField returns the number of fields of a struct value.
func (v Value) NumField() int {
	v.mustBe("reflect.Value.NumField", Struct)
	return (*structType)(unsafe.Pointer(v.typ)).fields.n
}

// Field returns field i of a struct value.
func (v Value) Field(i int) Value {
	if v.kind() != Struct {
		panic(&ValueError{"reflect.Value.Field", v.kind()})
	}
	st := (*structType)(unsafe.Pointer(v.typ))
	if uint(i) >= uint(st.fields.n) {
		panic("reflect: Field index out of range")
	}
	f := st.field(i)
	fl := v.flag&(flagStickyRO|flagIndir|flagAddr) | flag(f.typ.Kind())
	if !isExported(f.name) {
		if f.embedded {
			fl |= flagEmbedRO
		} else {
			fl |= flagStickyRO
		}
	}
	if v.flag&flagIndir == 0 {
		// A pointer-shaped one-field struct: its field is the pointer.
		return Value{f.typ, v.ptr, fl}
	}
	return Value{f.typ, unsafe.Add(v.ptr, f.offset), fl}
}

// FieldByIndex returns the nested field at index, through embedded
// pointers (panicking on a nil one, as Go).
func (v Value) FieldByIndex(index []int) Value {
	if len(index) == 1 {
		return v.Field(index[0])
	}
	v.mustBe("reflect.Value.FieldByIndex", Struct)
	for i, x := range index {
		if i > 0 && v.Kind() == Pointer && v.typ.Elem().Kind() == Struct {
			if v.IsNil() {
				panic("reflect: indirection through nil pointer to embedded struct")
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v
}

// errorString is errors.New's error, which reflect does not import (errors
// imports internal/reflectlite, which is this package underneath).
type errorString struct {
	s string
}

func (e *errorString) Error() string { return e.s }

// FieldByIndexErr returns the nested field at index, or an error when
// the way there goes through a nil pointer to an embedded struct.
func (v Value) FieldByIndexErr(index []int) (Value, error) {
	if len(index) == 1 {
		return v.Field(index[0]), nil
	}
	v.mustBe("reflect.Value.FieldByIndexErr", Struct)
	for i, x := range index {
		if i > 0 && v.Kind() == Pointer && v.typ.Elem().Kind() == Struct {
			if v.IsNil() {
				return Value{}, &errorString{"reflect: indirection through nil pointer to embedded struct field " + v.typ.Elem().Name()}
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, nil
}

// FieldByNameFunc returns the field whose name satisfies match (the zero
// Value if none).
func (v Value) FieldByNameFunc(match func(string) bool) Value {
	if f, ok := v.Type().FieldByNameFunc(match); ok {
		return v.FieldByIndex(f.Index)
	}
	return Value{}
}

// FieldByName returns the field called name (the zero Value if none).
func (v Value) FieldByName(name string) Value {
	if f, ok := v.Type().FieldByName(name); ok {
		return v.FieldByIndex(f.Index)
	}
	return Value{}
}

// Elem returns what an interface value holds or a pointer points to.
func (v Value) Elem() Value {
	switch Kind(v.flag & flagKindMask) {
	case Interface:
		x := ValueOf(held(v.typ, v.ptr))
		if x.flag != 0 {
			x.flag |= v.flag.ro()
		}
		return x
	case Pointer:
		p := v.pointer()
		if p == nil {
			return Value{}
		}
		e := (*ptrType)(unsafe.Pointer(v.typ)).elem
		fl := v.flag&flagRO | flagIndir | flagAddr | flag(e.Kind())
		return Value{e, p, fl}
	}
	panic(&ValueError{"reflect.Value.Elem", v.kind()})
}

// Indirect returns what v points to (v itself when it is no pointer).
func Indirect(v Value) Value {
	if v.Kind() != Pointer {
		return v
	}
	return v.Elem()
}

// NumMethod returns the number of exported methods in the value's method
// set.
func (v Value) NumMethod() int {
	if v.typ == nil {
		panic(&ValueError{"reflect.Value.NumMethod", Invalid})
	}
	return v.typ.NumMethod()
}
