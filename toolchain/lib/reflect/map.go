package reflect

import "unsafe"

// The runtime's map entry points (rt-core map.rs; keys by address).

//rgo:runtime rgo_makemap
func makemap(t *rtype, hint int) unsafe.Pointer

//rgo:runtime rgo_mapaccess2
func mapaccess2(t *rtype, m unsafe.Pointer, key unsafe.Pointer) (unsafe.Pointer, uintptr)

//rgo:runtime rgo_mapassign
func mapassign(t *rtype, m unsafe.Pointer, key unsafe.Pointer) unsafe.Pointer

//rgo:runtime rgo_mapdelete
func mapdelete(t *rtype, m unsafe.Pointer, key unsafe.Pointer)

//rgo:runtime rgo_mapiterinit
func mapiterinit(t *rtype, m unsafe.Pointer, it *hiter)

//rgo:runtime rgo_mapiternext
func mapiternext(it *hiter)

// hiter is the runtime's map iterator (MAP_ITER_SIZE bytes; a toolchain
// test checks the two agree): the current key's address in word 0 (nil
// when done), the element's in word 1.
type hiter [8]unsafe.Pointer

func (it *hiter) key() unsafe.Pointer  { return it[0] }
func (it *hiter) elem() unsafe.Pointer { return it[1] }

// copyVal is a Value holding a copy of the value of type t at p (map
// entries move as the map changes).
func copyVal(t *rtype, fl flag, p unsafe.Pointer) Value {
	if t.pointerShaped() {
		return Value{t, *(*unsafe.Pointer)(p), fl}
	}
	c := alloc(t.size, t)
	memmove(c, p, t.size)
	return Value{t, c, fl | flagIndir}
}

// MakeMap creates a new map of type typ.
func MakeMap(typ Type) Value {
	return MakeMapWithSize(typ, 0)
}

// MakeMapWithSize creates a new map of type typ with room for about n
// elements.
func MakeMapWithSize(typ Type, n int) Value {
	if typ.Kind() != Map {
		panic("reflect.MakeMapWithSize of non-map type")
	}
	t := typ.common()
	return Value{t, makemap(t, n), flag(Map)}
}

// MapIndex returns the element of map v for key (the zero Value when the
// key is absent or the map nil).
func (v Value) MapIndex(key Value) Value {
	v.mustBe("reflect.Value.MapIndex", Map)
	tt := (*mapType)(unsafe.Pointer(v.typ))
	key = key.assignTo("reflect.Value.MapIndex", tt.key)
	e, ok := mapaccess2(v.typ, v.pointer(), key.addr())
	if ok == 0 {
		return Value{}
	}
	fl := (v.flag | key.flag).ro() | flag(tt.elem.Kind())
	return copyVal(tt.elem, fl, e)
}

// MapKeys returns the keys of map v, in no particular order.
func (v Value) MapKeys() []Value {
	v.mustBe("reflect.Value.MapKeys", Map)
	tt := (*mapType)(unsafe.Pointer(v.typ))
	fl := v.flag.ro() | flag(tt.key.Kind())
	m := v.pointer()
	keys := make([]Value, 0, v.Len())
	if m == nil {
		return keys
	}
	var it hiter
	for mapiterinit(v.typ, m, &it); it.key() != nil; mapiternext(&it) {
		keys = append(keys, copyVal(tt.key, fl, it.key()))
	}
	return keys
}

// SetMapIndex sets the element for key in map v to elem; a zero elem
// deletes the key.
func (v Value) SetMapIndex(key, elem Value) {
	v.mustBe("reflect.Value.SetMapIndex", Map)
	v.mustBeExported("reflect.Value.SetMapIndex")
	key.mustBeExported("reflect.Value.SetMapIndex")
	tt := (*mapType)(unsafe.Pointer(v.typ))
	key = key.assignTo("reflect.Value.SetMapIndex", tt.key)
	if elem.flag == 0 {
		mapdelete(v.typ, v.pointer(), key.addr())
		return
	}
	elem.mustBeExported("reflect.Value.SetMapIndex")
	elem = elem.assignTo("reflect.Value.SetMapIndex", tt.elem)
	p := mapassign(v.typ, v.pointer(), key.addr())
	memmove(p, elem.addr(), tt.elem.size)
}

// A MapIter is an iterator for ranging over a map (Value.MapRange).
type MapIter struct {
	m       Value
	started bool
	it      hiter
}

// MapRange returns a range iterator for map v.
func (v Value) MapRange() *MapIter {
	if v.kind() != Map {
		panic(&ValueError{"reflect.Value.MapRange", v.kind()})
	}
	return &MapIter{m: v}
}

// Next advances the iterator and reports whether there is an entry.
func (iter *MapIter) Next() bool {
	if !iter.m.IsValid() {
		panic("MapIter.Next called on an iterator that does not have an associated map Value")
	}
	if !iter.started {
		iter.started = true
		m := iter.m.pointer()
		if m == nil {
			return false
		}
		mapiterinit(iter.m.typ, m, &iter.it)
	} else {
		if iter.it.key() == nil {
			panic("MapIter.Next called on exhausted iterator")
		}
		mapiternext(&iter.it)
	}
	return iter.it.key() != nil
}

// Key returns the key of the iterator's current entry.
func (iter *MapIter) Key() Value {
	if !iter.started || iter.it.key() == nil {
		panic("MapIter.Key called before Next")
	}
	t := (*mapType)(unsafe.Pointer(iter.m.typ)).key
	return copyVal(t, iter.m.flag.ro()|flag(t.Kind()), iter.it.key())
}

// Value returns the element of the iterator's current entry.
func (iter *MapIter) Value() Value {
	if !iter.started || iter.it.key() == nil {
		panic("MapIter.Value called before Next")
	}
	t := (*mapType)(unsafe.Pointer(iter.m.typ)).elem
	return copyVal(t, iter.m.flag.ro()|flag(t.Kind()), iter.it.elem())
}

// SetIterKey sets v to the key of iter's current entry, as
// v.Set(iter.Key()) does, without the copy Key makes.
func (v Value) SetIterKey(iter *MapIter) {
	v.setIter(iter, "SetIterKey", "reflect.MapIter.SetKey", true)
}

// SetIterValue sets v to the element of iter's current entry, as
// v.Set(iter.Value()) does, without the copy Value makes.
func (v Value) SetIterValue(iter *MapIter) {
	v.setIter(iter, "SetIterValue", "reflect.MapIter.SetValue", false)
}

// setIter sets v to the key (or the element) of iter's current entry
// (name is the method, context assignTo's).
func (v Value) setIter(iter *MapIter, name, context string, key bool) {
	if !iter.started {
		panic("reflect: Value." + name + " called before Next")
	}
	if iter.it.key() == nil {
		panic("reflect: Value." + name + " called on exhausted iterator")
	}
	v.mustBeAssignable("reflect.Value." + name)
	iter.m.mustBeExported("reflect.Value." + name)
	mt := (*mapType)(unsafe.Pointer(iter.m.typ))
	t, p := mt.elem, iter.it.elem()
	if key {
		t, p = mt.key, iter.it.key()
	}
	x := Value{t, p, iter.m.flag.ro() | flag(t.Kind()) | flagIndir}
	v.store(x.assignTo(context, v.typ))
}

// Reset makes the iterator range over map v (or be empty for the zero
// Value).
func (iter *MapIter) Reset(v Value) {
	if v.IsValid() {
		v.mustBe("reflect.MapIter.Reset", Map)
	}
	iter.m = v
	iter.started = false
	iter.it = hiter{}
}
