// Package reflectlite is rgo's replacement for Go's internal/reflectlite,
// the reflection that errors, sort and context use. GOROOT's reads gc's
// type descriptors, whose layout rgo's are not (docs/reflect.md), so
// rgo's has Go 1.19's exported API over rgo's reflect: a Type wraps a
// reflect.Type, a Value a reflect.Value. reflect imports neither errors nor
// anything that imports this package, so there is no import cycle.
package reflectlite

import "reflect"

// A Kind is the specific kind of type a Type represents.
type Kind = reflect.Kind

const (
	Invalid       = reflect.Invalid
	Bool          = reflect.Bool
	Int           = reflect.Int
	Int8          = reflect.Int8
	Int16         = reflect.Int16
	Int32         = reflect.Int32
	Int64         = reflect.Int64
	Uint          = reflect.Uint
	Uint8         = reflect.Uint8
	Uint16        = reflect.Uint16
	Uint32        = reflect.Uint32
	Uint64        = reflect.Uint64
	Uintptr       = reflect.Uintptr
	Float32       = reflect.Float32
	Float64       = reflect.Float64
	Complex64     = reflect.Complex64
	Complex128    = reflect.Complex128
	Array         = reflect.Array
	Chan          = reflect.Chan
	Func          = reflect.Func
	Interface     = reflect.Interface
	Map           = reflect.Map
	Pointer       = reflect.Pointer
	Slice         = reflect.Slice
	String        = reflect.String
	Struct        = reflect.Struct
	UnsafePointer = reflect.UnsafePointer
)

// Ptr is the old name for the Pointer kind.
const Ptr = Pointer

// Type is the representation of a Go type: the methods of reflect.Type
// that Go's reflectlite has. Type values are comparable, equal when they
// represent identical types.
type Type interface {
	// Name returns a defined type's name within its package, "" for other
	// types.
	Name() string
	// PkgPath returns a defined type's package path, "" for predeclared
	// and undefined types.
	PkgPath() string
	// Size returns the number of bytes a value of the type takes.
	Size() uintptr
	// Kind returns the specific kind of the type.
	Kind() Kind
	// Implements reports whether the type implements interface type u.
	Implements(u Type) bool
	// AssignableTo reports whether a value of the type is assignable to
	// type u.
	AssignableTo(u Type) bool
	// Comparable reports whether values of the type are comparable.
	Comparable() bool
	// String returns a representation of the type.
	String() string
	// Elem returns the element type of an array, channel, map, pointer or
	// slice type; it panics for other kinds.
	Elem() Type

	// common returns the reflect.Type the Type wraps (only this package
	// implements Type).
	common() reflect.Type
}

// rtype is the one implementation of Type: a value, so that two Types of
// one reflect.Type compare equal.
type rtype struct {
	t reflect.Type
}

func (t rtype) Name() string             { return t.t.Name() }
func (t rtype) PkgPath() string          { return t.t.PkgPath() }
func (t rtype) Size() uintptr            { return t.t.Size() }
func (t rtype) Kind() Kind               { return t.t.Kind() }
func (t rtype) Comparable() bool         { return t.t.Comparable() }
func (t rtype) String() string           { return t.t.String() }
func (t rtype) Elem() Type               { return toType(t.t.Elem()) }
func (t rtype) common() reflect.Type     { return t.t }
func (t rtype) Implements(u Type) bool   { return t.t.Implements(typeArg(u, "Implements")) }
func (t rtype) AssignableTo(u Type) bool { return t.t.AssignableTo(typeArg(u, "AssignableTo")) }

// typeArg is the reflect.Type of method m's argument u, which must not be
// nil (Go's panics likewise).
func typeArg(u Type, m string) reflect.Type {
	if u == nil {
		panic("reflect: nil type passed to Type." + m)
	}
	return u.common()
}

// toType wraps t; nil for nil.
func toType(t reflect.Type) Type {
	if t == nil {
		return nil
	}
	return rtype{t}
}

// TypeOf returns the dynamic type of i; nil when i is a nil interface.
func TypeOf(i any) Type {
	return toType(reflect.TypeOf(i))
}

// Value is the reflection interface to a Go value: the methods of
// reflect.Value that Go's reflectlite has.
type Value struct {
	v reflect.Value
}

// ValueOf returns a Value holding the concrete value in i; the zero Value
// for a nil interface.
func ValueOf(i any) Value {
	return Value{reflect.ValueOf(i)}
}

// CanSet reports whether v is addressable and not obtained through
// unexported struct fields.
func (v Value) CanSet() bool { return v.v.CanSet() }

// Elem returns the value the interface v holds or the pointer v points to.
func (v Value) Elem() Value { return Value{v.v.Elem()} }

// IsNil reports whether v, a chan, func, interface, map, pointer or slice,
// is nil.
func (v Value) IsNil() bool { return v.v.IsNil() }

// IsValid reports whether v represents a value (is not the zero Value).
func (v Value) IsValid() bool { return v.v.IsValid() }

// Kind returns v's kind; Invalid for the zero Value.
func (v Value) Kind() Kind { return v.v.Kind() }

// Len returns v's length: an array, chan, map, slice or string.
func (v Value) Len() int { return v.v.Len() }

// Set assigns x to v, which must be settable.
func (v Value) Set(x Value) { v.v.Set(x.v) }

// Type returns v's type.
func (v Value) Type() Type { return toType(v.v.Type()) }

// A ValueError occurs when a Value method is invoked on a Value that does
// not support it (reflect's: the same message).
type ValueError = reflect.ValueError

// Swapper returns a function that swaps the elements of the slice.
func Swapper(slice any) func(i, j int) {
	return reflect.Swapper(slice)
}
