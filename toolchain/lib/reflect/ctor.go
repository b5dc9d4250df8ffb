package reflect

import "unsafe"

// The type constructors (runtime entries of rt-core's reflectrt module):
// they answer with the program's own descriptor when it has the type.

//rgo:runtime rgo_reflect_ptrto
func ptrto(elem *rtype) *rtype

//rgo:runtime rgo_reflect_sliceof
func sliceof(elem *rtype) *rtype

//rgo:runtime rgo_reflect_arrayof
func arrayof(n int, elem *rtype) *rtype

//rgo:runtime rgo_reflect_mapof
func mapof(key, elem *rtype) *rtype

//rgo:runtime rgo_reflect_chanof
func chanof(dir uint8, elem *rtype) *rtype

//rgo:runtime rgo_makeslice
func makeslice(elem *rtype, n, c int) unsafe.Pointer

//rgo:runtime rgo_makechan
func makechan(elem *rtype, size int) unsafe.Pointer

// PointerTo returns the pointer type with element t.
func PointerTo(t Type) Type { return ptrto(t.common()) }

// PtrTo is the old name of PointerTo.
func PtrTo(t Type) Type { return PointerTo(t) }

// SliceOf returns the slice type with element type t.
func SliceOf(t Type) Type { return sliceof(t.common()) }

// ArrayOf returns the array type with the given length and element type.
func ArrayOf(length int, elem Type) Type {
	if length < 0 {
		panic("reflect: negative length passed to ArrayOf")
	}
	e := elem.common()
	if e.size > 0 && uintptr(length) > ^uintptr(0)/e.size {
		panic("reflect.ArrayOf: array size would exceed virtual address space")
	}
	return arrayof(length, e)
}

// MapOf returns the map type with the given key and element types.
func MapOf(key, elem Type) Type {
	k := key.common()
	if !k.Comparable() {
		panic("reflect.MapOf: invalid key type " + k.String())
	}
	return mapof(k, elem.common())
}

// ChanOf returns the channel type with the given direction and element
// type.
func ChanOf(dir ChanDir, t Type) Type {
	if dir != RecvDir && dir != SendDir && dir != BothDir {
		panic("reflect.ChanOf: invalid dir")
	}
	e := t.common()
	if e.size >= 1<<16 {
		panic("reflect.ChanOf: element size too large")
	}
	return chanof(uint8(dir), e)
}

// New returns a Value for a pointer to a new zero value of type typ.
func New(typ Type) Value {
	if typ == nil {
		panic("reflect: New(nil)")
	}
	t := typ.common()
	return Value{ptrto(t), alloc(t.size, t), flag(Pointer)}
}

// NewAt returns a Value for a pointer to a value of type typ at p.
func NewAt(typ Type, p unsafe.Pointer) Value {
	return Value{ptrto(typ.common()), p, flag(Pointer)}
}

// Addr returns a pointer to the addressable value v.
func (v Value) Addr() Value {
	if v.flag&flagAddr == 0 {
		panic("reflect.Value.Addr of unaddressable value")
	}
	return Value{ptrto(v.typ), v.ptr, v.flag.ro() | flag(Pointer)}
}

// UnsafeAddr returns the address of the addressable value v.
func (v Value) UnsafeAddr() uintptr {
	if v.typ == nil {
		panic(&ValueError{"reflect.Value.UnsafeAddr", Invalid})
	}
	if v.flag&flagAddr == 0 {
		panic("reflect.Value.UnsafeAddr of unaddressable value")
	}
	return uintptr(v.ptr)
}

// MakeSlice creates a new zeroed slice of type typ.
func MakeSlice(typ Type, len, cap int) Value {
	if typ.Kind() != Slice {
		panic("reflect.MakeSlice of non-slice type")
	}
	if len < 0 {
		panic("reflect.MakeSlice: negative len")
	}
	if cap < 0 {
		panic("reflect.MakeSlice: negative cap")
	}
	if len > cap {
		panic("reflect.MakeSlice: len > cap")
	}
	t := typ.common()
	// The header lives in memory typed as a slice, so the collector
	// follows its array pointer.
	x := new([]unsafe.Pointer)
	h := (*SliceHeader)(unsafe.Pointer(x))
	*(*unsafe.Pointer)(unsafe.Pointer(&h.Data)) = makeslice((*sliceType)(unsafe.Pointer(t)).elem, len, cap)
	h.Len = len
	h.Cap = cap
	return Value{t, unsafe.Pointer(x), flagIndir | flag(Slice)}
}

// MakeChan creates a new channel of type typ with room for buffer
// elements.
func MakeChan(typ Type, buffer int) Value {
	if typ.Kind() != Chan {
		panic("reflect.MakeChan of non-chan type")
	}
	if buffer < 0 {
		panic("reflect.MakeChan: negative buffer size")
	}
	if typ.ChanDir() != BothDir {
		panic("reflect.MakeChan: unidirectional channel type")
	}
	t := typ.common()
	return Value{t, makechan((*chanType)(unsafe.Pointer(t)).elem, buffer), flag(Chan)}
}

// Slice returns v[i:j] of a slice, string or addressable array value.
func (v Value) Slice(i, j int) Value {
	if v.kind() == String {
		s := (*StringHeader)(v.ptr)
		if i < 0 || j < i || j > s.Len {
			panic("reflect.Value.Slice: string slice index out of bounds")
		}
		t := new(string)
		if i < s.Len {
			h := (*StringHeader)(unsafe.Pointer(t))
			*(*unsafe.Pointer)(unsafe.Pointer(&h.Data)) = unsafe.Add(unsafe.Pointer(s.Data), i)
			h.Len = j - i
		}
		return Value{v.typ, unsafe.Pointer(t), v.flag.ro() | flagIndir | flag(String)}
	}
	typ, base, cap := v.sliceable("reflect.Value.Slice")
	if i < 0 || j < i || j > cap {
		panic("reflect.Value.Slice: slice index out of bounds")
	}
	return v.sliced(typ, base, i, j, cap)
}

// Slice3 returns v[i:j:k] of a slice or addressable array value.
func (v Value) Slice3(i, j, k int) Value {
	typ, base, cap := v.sliceable("reflect.Value.Slice3")
	if i < 0 || j < i || k < j || k > cap {
		panic("reflect.Value.Slice3: slice index out of bounds")
	}
	return v.sliced(typ, base, i, j, k)
}

// sliceable is what slicing v (a slice or an addressable array) needs:
// the slice type made, the first element's address and the capacity.
func (v Value) sliceable(method string) (typ *rtype, base unsafe.Pointer, cap int) {
	switch v.kind() {
	case Array:
		if v.flag&flagAddr == 0 {
			panic(method + ": slice of unaddressable array")
		}
		at := (*arrayType)(unsafe.Pointer(v.typ))
		return sliceof(at.elem), v.ptr, int(at.len)
	case Slice:
		s := (*SliceHeader)(v.ptr)
		return v.typ, unsafe.Pointer(s.Data), s.Cap
	}
	panic(&ValueError{method, v.kind()})
}

// sliced is the slice base[i:j:k] of type typ.
func (v Value) sliced(typ *rtype, base unsafe.Pointer, i, j, k int) Value {
	x := new([]unsafe.Pointer)
	h := (*SliceHeader)(unsafe.Pointer(x))
	h.Len = j - i
	h.Cap = k - i
	elem := (*sliceType)(unsafe.Pointer(typ)).elem
	if k-i > 0 {
		*(*unsafe.Pointer)(unsafe.Pointer(&h.Data)) = unsafe.Add(base, uintptr(i)*elem.size)
	} else {
		*(*unsafe.Pointer)(unsafe.Pointer(&h.Data)) = base
	}
	return Value{typ, unsafe.Pointer(x), v.flag.ro() | flagIndir | flag(Slice)}
}

// grow extends slice s by extra elements, as Go's reflect does: in
// place when it has room, else into a new array (doubling below 256
// elements, then by a quarter plus 192).
func grow(s Value, extra int) (Value, int, int) {
	i0 := s.Len()
	i1 := i0 + extra
	if i1 < i0 {
		panic("reflect.Append: slice overflow")
	}
	m := s.Cap()
	if i1 <= m {
		return s.Slice(0, i1), i0, i1
	}
	if m == 0 {
		m = extra
	} else {
		const threshold = 256
		for m < i1 {
			if i0 < threshold {
				m += m
			} else {
				m += (m + 3*threshold) / 4
			}
		}
	}
	t := MakeSlice(s.Type(), i1, m)
	Copy(t, s)
	return t, i0, i1
}

// Append appends the values x to the slice s, as Go's append does.
func Append(s Value, x ...Value) Value {
	s.mustBe("reflect.Append", Slice)
	s, i0, i1 := grow(s, len(x))
	for i, j := i0, 0; i < i1; i, j = i+1, j+1 {
		s.Index(i).Set(x[j])
	}
	return s
}

// AppendSlice appends the slice t to the slice s.
func AppendSlice(s, t Value) Value {
	s.mustBe("reflect.AppendSlice", Slice)
	t.mustBe("reflect.AppendSlice", Slice)
	if s.Type().Elem() != t.Type().Elem() {
		panic("reflect.AppendSlice: " + s.Type().Elem().String() + " != " + t.Type().Elem().String())
	}
	s, i0, i1 := grow(s, t.Len())
	Copy(s.Slice(i0, i1), t)
	return s
}

// structOfField is a field as rt-core's StructOf takes it
// (`reflectrt::GoStructOfField`).
type structOfField struct {
	name     string
	typ      *rtype
	tag      string
	embedded bool
}

// structof is StructOf on descriptors (rt-core's reflectrt).
//
//rgo:runtime rgo_reflect_structof
func structof(fields *structOfField, n int, pkgPath string) *rtype

// StructOf returns the struct type with the given fields, laid out as the
// compiler lays structs out; equal to the program's own type when it has
// one. Unexported names need their PkgPath (all the same). rgo does not
// build the promoted methods of embedded fields: an embedded field whose
// type has methods is refused.
func StructOf(fields []StructField) Type {
	fs := make([]structOfField, len(fields))
	seen := map[string]bool{}
	pkgPath := ""
	for i, f := range fields {
		if f.Name == "" {
			panic("reflect.StructOf: field " + itoa(i) + " has no name")
		}
		if !isValidFieldName(f.Name) {
			panic("reflect.StructOf: field " + itoa(i) + " has invalid name")
		}
		if f.Type == nil {
			panic("reflect.StructOf: field " + itoa(i) + " has no type")
		}
		if f.Anonymous && f.PkgPath != "" {
			panic("reflect.StructOf: field \"" + f.Name + "\" is anonymous but has PkgPath set")
		}
		if f.PkgPath == "" {
			if c := f.Name[0]; 'a' <= c && c <= 'z' || c == '_' {
				panic("reflect.StructOf: field \"" + f.Name + "\" is unexported but missing PkgPath")
			}
		} else if pkgPath == "" {
			pkgPath = f.PkgPath
		} else if pkgPath != f.PkgPath {
			panic("reflect.Struct: fields with different PkgPath " + pkgPath + " and " + f.PkgPath)
		}
		t := f.Type.common()
		if f.Anonymous {
			if t.Kind() == Pointer {
				if e := t.Elem().Kind(); e == Interface || e == Pointer {
					panic("reflect.StructOf: illegal embedded field type " + t.String())
				}
			}
			if t.NumMethod() > 0 || t.Kind() != Pointer && t.Kind() != Interface && PointerTo(t).NumMethod() > 0 {
				panic("reflect: rgo does not support StructOf with an embedded field that has methods yet")
			}
		}
		if seen[f.Name] && f.Name != "_" {
			panic("reflect.StructOf: duplicate field " + f.Name)
		}
		seen[f.Name] = true
		fs[i] = structOfField{f.Name, t, string(f.Tag), f.Anonymous}
	}
	var p *structOfField
	if len(fs) > 0 {
		p = &fs[0]
	}
	return toType(structof(p, len(fs), pkgPath))
}

// isValidFieldName reports whether name is a Go identifier: a letter or
// '_' first, then letters, digits and '_' (every non-ASCII character
// counts as a letter: reflect does not import unicode).
func isValidFieldName(name string) bool {
	for i, c := range name {
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c >= 0x80
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return len(name) > 0
}

// Swapper returns a function that swaps the elements i and j of the
// slice, which it panics for when it is not a slice.
func Swapper(slice any) func(i, j int) {
	v := ValueOf(slice)
	if v.Kind() != Slice {
		panic(&ValueError{"Swapper", v.Kind()})
	}
	switch v.Len() {
	case 0:
		return func(i, j int) { panic("reflect: slice index out of range") }
	case 1:
		return func(i, j int) {
			if i != 0 || j != 0 {
				panic("reflect: slice index out of range")
			}
		}
	}
	typ := v.typ.Elem().common()
	size := typ.size
	// As gc: common element kinds swap through a typed slice (and its
	// index checks' messages).
	if typ.ptrdata == 0 {
		switch size {
		case 8:
			is := *(*[]int64)(v.ptr)
			return func(i, j int) { is[i], is[j] = is[j], is[i] }
		case 4:
			is := *(*[]int32)(v.ptr)
			return func(i, j int) { is[i], is[j] = is[j], is[i] }
		case 2:
			is := *(*[]int16)(v.ptr)
			return func(i, j int) { is[i], is[j] = is[j], is[i] }
		case 1:
			is := *(*[]int8)(v.ptr)
			return func(i, j int) { is[i], is[j] = is[j], is[i] }
		}
	} else if size == unsafe.Sizeof(uintptr(0)) {
		ps := *(*[]unsafe.Pointer)(v.ptr)
		return func(i, j int) { ps[i], ps[j] = ps[j], ps[i] }
	}
	if typ.Kind() == String {
		ss := *(*[]string)(v.ptr)
		return func(i, j int) { ss[i], ss[j] = ss[j], ss[i] }
	}
	s := (*swapSlice)(v.ptr)
	tmp := alloc(size, typ)
	return func(i, j int) {
		if uint(i) >= uint(s.len) || uint(j) >= uint(s.len) {
			panic("reflect: slice index out of range")
		}
		a := unsafe.Add(s.data, uintptr(i)*size)
		b := unsafe.Add(s.data, uintptr(j)*size)
		memmove(tmp, a, size)
		memmove(a, b, size)
		memmove(b, tmp, size)
	}
}

// swapSlice is a slice's header.
type swapSlice struct {
	data unsafe.Pointer
	len  int
	cap  int
}
