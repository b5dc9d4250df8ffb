package reflect

import (
	"unicode"
	"unsafe"
)

// Type is the representation of a Go type.
type Type interface {
	Align() int
	FieldAlign() int
	Method(int) Method
	MethodByName(string) (Method, bool)
	NumMethod() int
	Name() string
	PkgPath() string
	Size() uintptr
	String() string
	Kind() Kind
	Comparable() bool
	Bits() int
	ChanDir() ChanDir
	IsVariadic() bool
	Elem() Type
	Field(i int) StructField
	FieldByIndex(index []int) StructField
	FieldByName(name string) (StructField, bool)
	FieldByNameFunc(match func(string) bool) (StructField, bool)
	In(i int) Type
	Key() Type
	Len() int
	NumField() int
	NumIn() int
	NumOut() int
	Out(i int) Type
	Implements(u Type) bool
	AssignableTo(u Type) bool
	ConvertibleTo(u Type) bool

	common() *rtype
}

// A StructField describes one field of a struct type.
type StructField struct {
	Name string
	// PkgPath qualifies an unexported name; empty for exported ones.
	PkgPath   string
	Type      Type
	Tag       StructTag
	Offset    uintptr
	Index     []int
	Anonymous bool
}

// IsExported reports whether the field is exported.
func (f StructField) IsExported() bool {
	return f.PkgPath == ""
}

// isExported reports whether name starts with an upper case letter, as
// the compiler decides it (unicode.IsUpper).
func isExported(name string) bool {
	if name == "" {
		return false
	}
	if c := name[0]; c < 0x80 {
		return c >= 'A' && c <= 'Z'
	}
	for _, r := range name {
		return unicode.IsUpper(r)
	}
	return false
}

// A StructTag is the tag string in a struct field.
type StructTag string

// Get returns the value associated with key in the tag string.
func (tag StructTag) Get(key string) string {
	v, _ := tag.Lookup(key)
	return v
}

// Lookup returns the value associated with key in the tag string, and
// whether the key is present, by the conventional `key:"value"` format.
func (tag StructTag) Lookup(key string) (value string, ok bool) {
	for tag != "" {
		i := 0
		for i < len(tag) && tag[i] == ' ' {
			i++
		}
		tag = tag[i:]
		if tag == "" {
			break
		}
		i = 0
		for i < len(tag) && tag[i] > ' ' && tag[i] != ':' && tag[i] != '"' && tag[i] != 0x7f {
			i++
		}
		if i == 0 || i+1 >= len(tag) || tag[i] != ':' || tag[i+1] != '"' {
			break
		}
		name := string(tag[:i])
		tag = tag[i+1:]
		i = 1
		for i < len(tag) && tag[i] != '"' {
			if tag[i] == '\\' {
				i++
			}
			i++
		}
		if i >= len(tag) {
			break
		}
		qvalue := string(tag[:i+1])
		tag = tag[i+1:]
		if key == name {
			v, err := unquote(qvalue)
			if err {
				break
			}
			return v, true
		}
	}
	return "", false
}

// unquote undoes the escapes of a double-quoted Go string literal, as
// strconv.Unquote does; true when it is malformed.
func unquote(q string) (string, bool) {
	s := q[1 : len(q)-1]
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b = append(b, c)
			continue
		}
		i++
		if i >= len(s) {
			return "", true
		}
		switch c := s[i]; c {
		case 'n':
			b = append(b, '\n')
		case 't':
			b = append(b, '\t')
		case 'r':
			b = append(b, '\r')
		case 'a':
			b = append(b, 7)
		case 'b':
			b = append(b, 8)
		case 'f':
			b = append(b, 12)
		case 'v':
			b = append(b, 11)
		case '\\', '"':
			b = append(b, c)
		case 'x', 'u', 'U':
			n := 2
			if c == 'u' {
				n = 4
			} else if c == 'U' {
				n = 8
			}
			if i+n >= len(s) {
				return "", true
			}
			v, ok := hexValue(s[i+1 : i+1+n])
			if !ok || v > 0x10FFFF {
				return "", true
			}
			if c == 'x' {
				b = append(b, byte(v))
			} else {
				b = append(b, string(rune(v))...)
			}
			i += n
		case '0', '1', '2', '3', '4', '5', '6', '7':
			if i+2 >= len(s) {
				return "", true
			}
			v := uint32(0)
			for _, d := range []byte(s[i : i+3]) {
				if d < '0' || d > '7' {
					return "", true
				}
				v = v<<3 | uint32(d-'0')
			}
			if v > 255 {
				return "", true
			}
			b = append(b, byte(v))
			i += 2
		default:
			return "", true
		}
	}
	return string(b), false
}

// hexValue is the value of the hex digits s.
func hexValue(s string) (uint32, bool) {
	var v uint32
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | uint32(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | uint32(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | uint32(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

// TypeOf returns the dynamic type of i; nil for a nil interface.
func TypeOf(i any) Type {
	e := (*emptyInterface)(unsafe.Pointer(&i))
	return toType(e.typ)
}

func toType(t *rtype) Type {
	if t == nil {
		return nil
	}
	return t
}

func (t *rtype) common() *rtype { return t }

func (t *rtype) Align() int      { return int(t.align) }
func (t *rtype) FieldAlign() int { return int(t.fieldAlign) }
func (t *rtype) Size() uintptr   { return t.size }
func (t *rtype) String() string  { return t.str }
func (t *rtype) Kind() Kind      { return Kind(t.kind) }

// Name is the type's name within its package ("" for an unnamed type).
func (t *rtype) Name() string {
	if t.tflag&tflagNamed == 0 {
		return ""
	}
	s := t.str
	i := len(s) - 1
	for i >= 0 && s[i] != '.' {
		i--
	}
	return s[i+1:]
}

// PkgPath is the import path of a defined type's package ("" for
// predeclared and unnamed types).
func (t *rtype) PkgPath() string {
	if t.tflag&tflagNamed == 0 {
		return ""
	}
	if t.Kind() == UnsafePointer {
		return "unsafe"
	}
	if t.tflag&tflagUncommon == 0 {
		return ""
	}
	return t.uncommon.pkgPath
}

// NumMethod counts the exported methods of a concrete type's method set,
// or all methods of an interface type.
func (t *rtype) NumMethod() int {
	if t.Kind() == Interface {
		return (*interfaceType)(unsafe.Pointer(t)).methods.n
	}
	if t.tflag&tflagUncommon == 0 {
		return 0
	}
	u := t.uncommon
	n := 0
	for i := 0; i < u.methods.n; i++ {
		if isExported(u.method(i).name) {
			n++
		}
	}
	return n
}

func (t *rtype) Bits() int {
	k := t.Kind()
	if k < Int || k > Complex128 {
		panic("reflect: Bits of non-arithmetic Type " + t.String())
	}
	return int(t.size) * 8
}

func (t *rtype) ChanDir() ChanDir {
	if t.Kind() != Chan {
		panic("reflect: ChanDir of non-chan type " + t.String())
	}
	return ChanDir((*chanType)(unsafe.Pointer(t)).dir)
}

func (t *rtype) IsVariadic() bool {
	if t.Kind() != Func {
		panic("reflect: IsVariadic of non-func type " + t.String())
	}
	return (*funcType)(unsafe.Pointer(t)).variadic
}

func (t *rtype) Elem() Type {
	switch t.Kind() {
	case Array:
		return toType((*arrayType)(unsafe.Pointer(t)).elem)
	case Chan:
		return toType((*chanType)(unsafe.Pointer(t)).elem)
	case Map:
		return toType((*mapType)(unsafe.Pointer(t)).elem)
	case Pointer:
		return toType((*ptrType)(unsafe.Pointer(t)).elem)
	case Slice:
		return toType((*sliceType)(unsafe.Pointer(t)).elem)
	}
	panic("reflect: Elem of invalid type " + t.String())
}

func (t *rtype) Key() Type {
	if t.Kind() != Map {
		panic("reflect: Key of non-map type " + t.String())
	}
	return toType((*mapType)(unsafe.Pointer(t)).key)
}

func (t *rtype) Len() int {
	if t.Kind() != Array {
		panic("reflect: Len of non-array type " + t.String())
	}
	return int((*arrayType)(unsafe.Pointer(t)).len)
}

func (t *rtype) NumField() int {
	if t.Kind() != Struct {
		panic("reflect: NumField of non-struct type " + t.String())
	}
	return (*structType)(unsafe.Pointer(t)).fields.n
}

func (t *rtype) Field(i int) StructField {
	if t.Kind() != Struct {
		panic("reflect: Field of non-struct type " + t.String())
	}
	return (*structType)(unsafe.Pointer(t)).fieldAt(i)
}

func (t *structType) fieldAt(i int) StructField {
	if i < 0 || i >= t.fields.n {
		panic("reflect: Field index out of bounds")
	}
	return t.describe(i, []int{i})
}

// describe is field i's StructField, at index.
func (t *structType) describe(i int, index []int) StructField {
	p := t.field(i)
	f := StructField{Name: p.name, Type: toType(p.typ), Tag: StructTag(p.tag), Offset: p.offset, Index: index, Anonymous: p.embedded}
	if !isExported(p.name) {
		f.PkgPath = t.pkgPath
	}
	return f
}

func (t *rtype) FieldByIndex(index []int) StructField {
	if t.Kind() != Struct {
		panic("reflect: FieldByIndex of non-struct type " + t.String())
	}
	var f StructField
	cur := t
	for i, x := range index {
		if i > 0 {
			if cur.Kind() == Pointer && (*ptrType)(unsafe.Pointer(cur)).elem.Kind() == Struct {
				cur = (*ptrType)(unsafe.Pointer(cur)).elem
			}
		}
		f = cur.Field(x)
		cur = f.Type.common()
	}
	// As Go's: the Index of the field reached (its place in its own
	// struct), not the path.
	return f
}

// FieldByName finds the field called name, looking through embedded
// structs breadth first as Go's selectors do: the shallowest match wins,
// and two at the same depth are no match.
func (t *rtype) FieldByName(name string) (StructField, bool) {
	if t.Kind() != Struct {
		panic("reflect: FieldByName of non-struct type " + t.String())
	}
	return t.fieldByNameFunc(func(s string) bool { return s == name })
}

// FieldByNameFunc returns the struct field whose name satisfies match,
// searched as FieldByName searches: the shallowest depth with exactly one
// match wins.
func (t *rtype) FieldByNameFunc(match func(string) bool) (StructField, bool) {
	if t.Kind() != Struct {
		panic("reflect: FieldByNameFunc of non-struct type " + t.String())
	}
	return t.fieldByNameFunc(match)
}

func (t *rtype) fieldByNameFunc(match func(string) bool) (StructField, bool) {
	type level struct {
		t     *structType
		index []int
	}
	current := []level{}
	next := []level{{t: (*structType)(unsafe.Pointer(t))}}
	visited := map[*structType]bool{}
	for len(next) > 0 {
		current, next = next, current[:0]
		var result StructField
		found := 0
		for _, l := range current {
			if visited[l.t] {
				continue
			}
			visited[l.t] = true
			for i := 0; i < l.t.fields.n; i++ {
				p := l.t.field(i)
				index := append(append([]int(nil), l.index...), i)
				if match(p.name) {
					found++
					if found == 1 {
						result = l.t.describe(i, index)
					}
					continue
				}
				if p.embedded {
					ft := p.typ
					if ft.Kind() == Pointer {
						ft = (*ptrType)(unsafe.Pointer(ft)).elem
					}
					if ft.Kind() == Struct {
						next = append(next, level{t: (*structType)(unsafe.Pointer(ft)), index: index})
					}
				}
			}
		}
		if found == 1 {
			return result, true
		}
		if found > 1 {
			return StructField{}, false
		}
	}
	return StructField{}, false
}

func (t *rtype) In(i int) Type {
	if t.Kind() != Func {
		panic("reflect: In of non-func type " + t.String())
	}
	ft := (*funcType)(unsafe.Pointer(t))
	if i < 0 || i >= ft.ins.n {
		panic("reflect: In index out of range")
	}
	return toType(ft.in(i))
}

func (t *rtype) NumIn() int {
	if t.Kind() != Func {
		panic("reflect: NumIn of non-func type " + t.String())
	}
	return (*funcType)(unsafe.Pointer(t)).ins.n
}

func (t *rtype) NumOut() int {
	if t.Kind() != Func {
		panic("reflect: NumOut of non-func type " + t.String())
	}
	return (*funcType)(unsafe.Pointer(t)).outs.n
}

func (t *rtype) Out(i int) Type {
	if t.Kind() != Func {
		panic("reflect: Out of non-func type " + t.String())
	}
	ft := (*funcType)(unsafe.Pointer(t))
	if i < 0 || i >= ft.outs.n {
		panic("reflect: Out index out of range")
	}
	return toType(ft.out(i))
}

// Comparable reports whether values of the type can be compared with ==.
func (t *rtype) Comparable() bool {
	switch t.Kind() {
	case Func, Map, Slice:
		return false
	case Array:
		return (*arrayType)(unsafe.Pointer(t)).elem.Comparable()
	case Struct:
		st := (*structType)(unsafe.Pointer(t))
		for i := 0; i < st.fields.n; i++ {
			if !st.field(i).typ.Comparable() {
				return false
			}
		}
	}
	return true
}

// VisibleFields returns the fields of struct type t that a selector can
// reach, its own and those promoted from embedded structs (through
// pointers too), in the order of a depth-first walk, each with its Index
// path. A name found at a shallower depth hides the deeper ones; two at
// the same shallowest depth hide each other.
func VisibleFields(t Type) []StructField {
	if t == nil {
		panic("reflect: VisibleFields(nil)")
	}
	if t.Kind() != Struct {
		panic("reflect.VisibleFields of non-struct type")
	}
	v := visible{byName: map[string]int{}, open: map[Type]bool{}}
	v.walk(t, nil)
	out := make([]StructField, 0, len(v.fields))
	for i, f := range v.fields {
		if !v.hidden[i] {
			out = append(out, f)
		}
	}
	return out
}

// visible is VisibleFields' walk: every field taken so far (hidden[i]
// once a field hides it), the field each name was last given to (whose
// depth decides for later fields of that name, hidden or not), and the
// struct types being walked (an embedding cycle stops there).
type visible struct {
	fields []StructField
	hidden []bool
	byName map[string]int
	open   map[Type]bool
}

func (v *visible) walk(t Type, path []int) {
	if v.open[t] {
		return
	}
	v.open[t] = true
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		f.Index = append(append([]int(nil), path...), i)
		v.add(f)
		if f.Anonymous {
			et := f.Type
			if et.Kind() == Pointer {
				et = et.Elem()
			}
			if et.Kind() == Struct {
				v.walk(et, f.Index)
			}
		}
	}
	delete(v.open, t)
}

// add takes f, unless the field its name was given to is shallower; one
// as deep and f hide each other, a deeper one is hidden by f.
func (v *visible) add(f StructField) {
	if j, ok := v.byName[f.Name]; ok {
		depth, other := len(f.Index), len(v.fields[j].Index)
		if depth > other {
			return
		}
		v.hidden[j] = true
		if depth == other {
			return
		}
	}
	v.byName[f.Name] = len(v.fields)
	v.fields = append(v.fields, f)
	v.hidden = append(v.hidden, false)
}
