package reflect

import "unsafe"

// visit is a comparison in progress of two values of one type reached
// through references, so that cyclic data compares equal instead of
// recursing forever.
type visit struct {
	a1, a2 unsafe.Pointer
	typ    *rtype
}

// DeepEqual reports whether x and y are "deeply equal", as Go defines it:
// same types, and then element by element, field by field, through
// pointers and interfaces; maps by key; slices nil or not alike; funcs
// only when both are nil.
func DeepEqual(x, y any) bool {
	if x == nil || y == nil {
		return x == y
	}
	v1, v2 := ValueOf(x), ValueOf(y)
	if v1.typ != v2.typ {
		return false
	}
	return deepValueEqual(v1, v2, make(map[visit]bool))
}

func deepValueEqual(v1, v2 Value, visited map[visit]bool) bool {
	if !v1.IsValid() || !v2.IsValid() {
		return v1.IsValid() == v2.IsValid()
	}
	if v1.typ != v2.typ {
		return false
	}
	switch v1.Kind() {
	case Map, Slice, Pointer, Interface:
		// References: remember the pair (ordered, so (a, b) and (b, a)
		// are one) while comparing what it leads to.
		var p1, p2 unsafe.Pointer
		if v1.Kind() == Interface || v1.Kind() == Slice {
			p1, p2 = *(*unsafe.Pointer)(v1.ptr), *(*unsafe.Pointer)(v2.ptr)
			if v1.Kind() == Interface {
				p1, p2 = (*[2]unsafe.Pointer)(v1.ptr)[1], (*[2]unsafe.Pointer)(v2.ptr)[1]
			}
		} else {
			p1, p2 = v1.pointer(), v2.pointer()
		}
		if p1 != nil && p2 != nil {
			if uintptr(p1) > uintptr(p2) {
				p1, p2 = p2, p1
			}
			k := visit{p1, p2, v1.typ}
			if visited[k] {
				return true
			}
			visited[k] = true
		}
	}
	switch v1.Kind() {
	case Array:
		for i := 0; i < v1.Len(); i++ {
			if !deepValueEqual(v1.Index(i), v2.Index(i), visited) {
				return false
			}
		}
		return true
	case Slice:
		if v1.IsNil() != v2.IsNil() || v1.Len() != v2.Len() {
			return false
		}
		if v1.Pointer() == v2.Pointer() {
			return true
		}
		for i := 0; i < v1.Len(); i++ {
			if !deepValueEqual(v1.Index(i), v2.Index(i), visited) {
				return false
			}
		}
		return true
	case Interface:
		if v1.IsNil() || v2.IsNil() {
			return v1.IsNil() == v2.IsNil()
		}
		return deepValueEqual(v1.Elem(), v2.Elem(), visited)
	case Pointer:
		if v1.pointer() == v2.pointer() {
			return true
		}
		return deepValueEqual(v1.Elem(), v2.Elem(), visited)
	case Struct:
		for i := 0; i < v1.NumField(); i++ {
			if !deepValueEqual(v1.Field(i), v2.Field(i), visited) {
				return false
			}
		}
		return true
	case Map:
		if v1.IsNil() != v2.IsNil() || v1.Len() != v2.Len() {
			return false
		}
		if v1.pointer() == v2.pointer() {
			return true
		}
		for _, k := range v1.MapKeys() {
			e1, e2 := v1.MapIndex(k), v2.MapIndex(k)
			if !e1.IsValid() || !e2.IsValid() || !deepValueEqual(e1, e2, visited) {
				return false
			}
		}
		return true
	case Func:
		return v1.IsNil() && v2.IsNil()
	case Bool:
		return v1.Bool() == v2.Bool()
	case Int, Int8, Int16, Int32, Int64:
		return v1.Int() == v2.Int()
	case Uint, Uint8, Uint16, Uint32, Uint64, Uintptr:
		return v1.Uint() == v2.Uint()
	case Float32, Float64:
		return v1.Float() == v2.Float()
	case Complex64, Complex128:
		return v1.Complex() == v2.Complex()
	case String:
		return v1.String() == v2.String()
	case Chan, UnsafePointer:
		return v1.pointer() == v2.pointer()
	}
	panic("reflect.DeepEqual: invalid Kind")
}
