package reflect

import "unsafe"

// The type descriptors, field for field as the Rust reflect crate lays
// them out (`#[repr(C)]` in reflect/src/types/mod.rs), which is what the
// compiler emits and the runtime (fmt, interfaces, maps) reads. The e2e
// program reflect_types checks every field against Go's answers.

// rtype is `types::Type`, the common head of every descriptor.
type rtype struct {
	size       uintptr
	ptrdata    uintptr
	hash       uint32
	tflag      uint8
	align      uint8
	fieldAlign uint8
	kind       uint8
	str        string
	uncommon   *uncommonType
}

// tflag bits (`types::TFlag`).
const (
	tflagNamed    = 1 << 0
	tflagUncommon = 1 << 1
)

// list is `types::List<T>`: a pointer to n elements.
type list struct {
	ptr unsafe.Pointer
	n   int
}

// at is the address of element i of a list of elements of size bytes.
func (l list) at(i int, size uintptr) unsafe.Pointer {
	return unsafe.Add(l.ptr, uintptr(i)*size)
}

type arrayType struct {
	rtype
	elem *rtype
	len  uintptr
}

type sliceType struct {
	rtype
	elem *rtype
}

type ptrType struct {
	rtype
	elem *rtype
}

type mapType struct {
	rtype
	key  *rtype
	elem *rtype
}

type chanType struct {
	rtype
	elem *rtype
	dir  uint8
}

type structField struct {
	name     string
	typ      *rtype
	offset   uintptr
	tag      string
	embedded bool
}

type structType struct {
	rtype
	fields  list
	pkgPath string
}

func (t *structType) field(i int) *structField {
	return (*structField)(t.fields.at(i, unsafe.Sizeof(structField{})))
}

type funcType struct {
	rtype
	ins      list
	outs     list
	variadic bool
}

func (t *funcType) in(i int) *rtype {
	return *(**rtype)(t.ins.at(i, unsafe.Sizeof(t)))
}

func (t *funcType) out(i int) *rtype {
	return *(**rtype)(t.outs.at(i, unsafe.Sizeof(t)))
}

type imethod struct {
	name string
	typ  *rtype
}

type interfaceType struct {
	rtype
	methods list
}

func (t *interfaceType) imethod(i int) *imethod {
	return (*imethod)(t.methods.at(i, unsafe.Sizeof(imethod{})))
}

type method struct {
	name string
	mtyp *rtype
	ifn  unsafe.Pointer
	tfn  unsafe.Pointer
}

type uncommonType struct {
	pkgPath string
	methods list
}

func (u *uncommonType) method(i int) *method {
	return (*method)(u.methods.at(i, unsafe.Sizeof(method{})))
}

// emptyInterface is an `any`'s two words.
type emptyInterface struct {
	typ  *rtype
	word unsafe.Pointer
}
