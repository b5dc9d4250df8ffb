package reflect

import "unsafe"

// Convert returns v converted to type t, as a Go conversion T(v) would;
// it panics when Go has no such conversion.
func (v Value) Convert(t Type) Value {
	if v.flag&flagMethod != 0 {
		v = makeMethodValue("Convert", v)
	}
	op := convertOp(t.common(), v.typ)
	if op == nil {
		panic("reflect.Value.Convert: value of type " + v.typ.String() + " cannot be converted to type " + t.String())
	}
	return op(v, t.common())
}

// CanConvert reports whether v can be converted to type t (a slice to an
// array pointer also needs the length).
func (v Value) CanConvert(t Type) bool {
	vt := v.Type()
	if !vt.ConvertibleTo(t) {
		return false
	}
	if vt.Kind() == Slice && t.Kind() == Pointer && t.Elem().Kind() == Array {
		if t.Elem().Len() > v.Len() {
			return false
		}
	}
	return true
}

// ConvertibleTo reports whether a value of the type converts to type u.
func (t *rtype) ConvertibleTo(u Type) bool {
	if u == nil {
		panic("reflect: nil type passed to Type.ConvertibleTo")
	}
	return convertOp(u.common(), t) != nil
}

func isInt(k Kind) bool   { return k >= Int && k <= Int64 }
func isUint(k Kind) bool  { return k >= Uint && k <= Uintptr }
func isFloat(k Kind) bool { return k == Float32 || k == Float64 }

// convertOp is the conversion from src to dst, or nil (Go's table).
func convertOp(dst, src *rtype) func(Value, *rtype) Value {
	sk, dk := src.Kind(), dst.Kind()
	switch {
	case isInt(sk):
		switch {
		case isInt(dk) || isUint(dk):
			return cvtInt
		case isFloat(dk):
			return cvtIntFloat
		case dk == String:
			return cvtIntString
		}
	case isUint(sk):
		switch {
		case isInt(dk) || isUint(dk):
			return cvtUint
		case isFloat(dk):
			return cvtUintFloat
		case dk == String:
			return cvtUintString
		}
	case isFloat(sk):
		switch {
		case isInt(dk):
			return cvtFloatInt
		case isUint(dk):
			return cvtFloatUint
		case isFloat(dk):
			return cvtFloat
		}
	case sk == Complex64 || sk == Complex128:
		if dk == Complex64 || dk == Complex128 {
			return cvtComplex
		}
	case sk == String:
		if dk == Slice && dst.Elem().PkgPath() == "" {
			switch dst.Elem().Kind() {
			case Uint8:
				return cvtStringBytes
			case Int32:
				return cvtStringRunes
			}
		}
	case sk == Slice:
		if dk == String && src.Elem().PkgPath() == "" {
			switch src.Elem().Kind() {
			case Uint8:
				return cvtBytesString
			case Int32:
				return cvtRunesString
			}
		}
		if dk == Pointer && dst.Elem().Kind() == Array && src.Elem() == dst.Elem().Elem() {
			return cvtSliceArrayPtr
		}
	case sk == Chan:
		if dk == Chan && directlyAssignable(dst, src) {
			return cvtDirect
		}
	}
	// Identical underlying types, tags aside.
	if sk == dk && identicalUnderlying(dst, src, false) {
		return cvtDirect
	}
	// Unnamed pointer types whose element types have identical underlying
	// types.
	if dk == Pointer && dst.Name() == "" && sk == Pointer && src.Name() == "" {
		de, se := (*ptrType)(unsafe.Pointer(dst)).elem, (*ptrType)(unsafe.Pointer(src)).elem
		if de == se || de.Kind() == se.Kind() && identicalUnderlying(de, se, false) {
			return cvtDirect
		}
	}
	if dk == Interface && implements(dst, src) {
		if sk == Interface {
			return cvtI2I
		}
		return cvtT2I
	}
	return nil
}

// makeInt is a Value of type t holding the low bytes of bits.
func makeInt(f flag, bits uint64, t *rtype) Value {
	p := alloc(t.size, t)
	switch t.size {
	case 1:
		*(*uint8)(p) = uint8(bits)
	case 2:
		*(*uint16)(p) = uint16(bits)
	case 4:
		*(*uint32)(p) = uint32(bits)
	default:
		*(*uint64)(p) = bits
	}
	return Value{t, p, f | flagIndir | flag(t.Kind())}
}

func makeFloat(f flag, x float64, t *rtype) Value {
	p := alloc(t.size, t)
	if t.size == 4 {
		*(*float32)(p) = float32(x)
	} else {
		*(*float64)(p) = x
	}
	return Value{t, p, f | flagIndir | flag(t.Kind())}
}

func makeComplex(f flag, x complex128, t *rtype) Value {
	p := alloc(t.size, t)
	if t.size == 8 {
		*(*complex64)(p) = complex64(x)
	} else {
		*(*complex128)(p) = x
	}
	return Value{t, p, f | flagIndir | flag(t.Kind())}
}

func makeString(f flag, s string, t *rtype) Value {
	p := alloc(t.size, t)
	*(*string)(p) = s
	return Value{t, p, f | flagIndir | flag(String)}
}

func makeBytes(f flag, b []byte, t *rtype) Value {
	p := alloc(t.size, t)
	*(*[]byte)(p) = b
	return Value{t, p, f | flagIndir | flag(Slice)}
}

func makeRunes(f flag, r []rune, t *rtype) Value {
	p := alloc(t.size, t)
	*(*[]rune)(p) = r
	return Value{t, p, f | flagIndir | flag(Slice)}
}

func cvtInt(v Value, t *rtype) Value       { return makeInt(v.flag.ro(), uint64(v.Int()), t) }
func cvtUint(v Value, t *rtype) Value      { return makeInt(v.flag.ro(), v.Uint(), t) }
func cvtFloatInt(v Value, t *rtype) Value  { return makeInt(v.flag.ro(), uint64(int64(v.Float())), t) }
func cvtFloatUint(v Value, t *rtype) Value { return makeInt(v.flag.ro(), uint64(v.Float()), t) }
func cvtIntFloat(v Value, t *rtype) Value  { return makeFloat(v.flag.ro(), float64(v.Int()), t) }
func cvtUintFloat(v Value, t *rtype) Value { return makeFloat(v.flag.ro(), float64(v.Uint()), t) }
func cvtComplex(v Value, t *rtype) Value   { return makeComplex(v.flag.ro(), v.Complex(), t) }

func cvtFloat(v Value, t *rtype) Value {
	if v.typ.Kind() == Float32 && t.Kind() == Float32 {
		// float32 to float32 keeps the bits (a NaN's payload too).
		p := alloc(4, t)
		*(*float32)(p) = *(*float32)(v.ptr)
		return Value{t, p, v.flag.ro() | flagIndir | flag(Float32)}
	}
	return makeFloat(v.flag.ro(), v.Float(), t)
}

func cvtIntString(v Value, t *rtype) Value {
	s := "\uFFFD"
	if x := v.Int(); int64(rune(x)) == x {
		s = string(rune(x))
	}
	return makeString(v.flag.ro(), s, t)
}

func cvtUintString(v Value, t *rtype) Value {
	s := "\uFFFD"
	if x := v.Uint(); uint64(rune(x)) == x {
		s = string(rune(x))
	}
	return makeString(v.flag.ro(), s, t)
}

func cvtBytesString(v Value, t *rtype) Value {
	return makeString(v.flag.ro(), string(*(*[]byte)(v.ptr)), t)
}

func cvtStringBytes(v Value, t *rtype) Value {
	return makeBytes(v.flag.ro(), []byte(*(*string)(v.ptr)), t)
}

func cvtRunesString(v Value, t *rtype) Value {
	return makeString(v.flag.ro(), string(*(*[]rune)(v.ptr)), t)
}

func cvtStringRunes(v Value, t *rtype) Value {
	return makeRunes(v.flag.ro(), []rune(*(*string)(v.ptr)), t)
}

func cvtSliceArrayPtr(v Value, t *rtype) Value {
	n := t.Elem().Len()
	if n > v.Len() {
		panic("reflect: cannot convert slice with length " + itoa(v.Len()) + " to pointer to array with length " + itoa(n))
	}
	h := (*SliceHeader)(v.ptr)
	return Value{t, unsafe.Pointer(h.Data), v.flag&^(flagIndir|flagAddr|flagKindMask) | flag(Pointer)}
}

// cvtDirect is the same bits under another type (a copy when they may
// change under the new Value).
func cvtDirect(v Value, t *rtype) Value {
	f := v.flag
	p := v.ptr
	if f&flagAddr != 0 {
		c := alloc(t.size, t)
		memmove(c, p, t.size)
		p = c
		f &^= flagAddr
	}
	return Value{t, p, v.flag.ro() | f&^flagKindMask | flag(t.Kind())}
}

func cvtT2I(v Value, t *rtype) Value {
	x := v.assignTo("reflect.Value.Convert", t)
	x.flag |= v.flag.ro()
	return x
}

func cvtI2I(v Value, t *rtype) Value {
	if v.IsNil() {
		z := Zero(t)
		z.flag |= v.flag.ro()
		return z
	}
	return cvtT2I(v.Elem(), t)
}
