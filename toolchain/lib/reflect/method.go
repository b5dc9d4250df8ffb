package reflect

import "unsafe"

// reflectcallmethod calls method m of the receiver type recv with the
// receiver's interface data word held in args[0] and the method's
// arguments after it, as reflectcall does (rt-core's reflectrt).
//
//rgo:runtime rgo_reflect_callmethod
func reflectcallmethod(recv *rtype, m *method, args *Value, nargs int, rets *Value, nrets int)

// exportedMethod is the i-th exported method of a concrete type's method
// set (the table is sorted by name), or nil.
func (t *rtype) exportedMethod(i int) *method {
	if t.tflag&tflagUncommon == 0 {
		return nil
	}
	u := t.uncommon
	for j := 0; j < u.methods.n; j++ {
		m := u.method(j)
		if isExported(m.name) {
			if i == 0 {
				return m
			}
			i--
		}
	}
	return nil
}

// methodNamed is the method of a concrete type's method set called
// name, or nil.
func (t *rtype) methodNamed(name string) *method {
	if t.tflag&tflagUncommon == 0 {
		return nil
	}
	u := t.uncommon
	for j := 0; j < u.methods.n; j++ {
		if m := u.method(j); m.name == name {
			return m
		}
	}
	return nil
}

// Method returns the method value of v's i-th method (exported methods,
// sorted by name; all methods of an interface type).
func (v Value) Method(i int) Value {
	if v.typ == nil {
		panic(&ValueError{"reflect.Value.Method", Invalid})
	}
	if v.flag&flagMethod != 0 || uint(i) >= uint(v.typ.NumMethod()) {
		panic("reflect: Method index out of range")
	}
	if v.typ.Kind() == Interface && v.IsNil() {
		panic("reflect: Method on nil interface value")
	}
	fl := v.flag.ro() | v.flag&flagIndir | flag(Func) | flag(i)<<flagMethodShift | flagMethod
	return Value{v.typ, v.ptr, fl}
}

// MethodByName returns the method value of v's method called name, or
// the zero Value.
func (v Value) MethodByName(name string) Value {
	if v.typ == nil {
		panic(&ValueError{"reflect.Value.MethodByName", Invalid})
	}
	if v.flag&flagMethod != 0 {
		panic(&ValueError{"reflect.Value.MethodByName", Func})
	}
	if v.typ.Kind() == Interface {
		it := (*interfaceType)(unsafe.Pointer(v.typ))
		for i := 0; i < it.methods.n; i++ {
			if it.imethod(i).name == name {
				return v.Method(i)
			}
		}
		return Value{}
	}
	n := 0
	for i := 0; ; i++ {
		m := v.typ.exportedMethod(i)
		if m == nil {
			return Value{}
		}
		if m.name == name {
			return v.Method(n)
		}
		n++
	}
}

// methodType is the type of the method value v (without receiver).
func (v Value) methodType() *rtype {
	i := int(v.flag >> flagMethodShift)
	if v.typ.Kind() == Interface {
		return (*interfaceType)(unsafe.Pointer(v.typ)).imethod(i).typ
	}
	return v.typ.exportedMethod(i).mtyp
}

// methodReceiver resolves the method value v to the receiver's dynamic
// type, its interface data word, and the method-table entry to call.
func (v Value) methodReceiver(op string) (*rtype, unsafe.Pointer, *method) {
	i := int(v.flag >> flagMethodShift)
	if v.typ.Kind() == Interface {
		name := (*interfaceType)(unsafe.Pointer(v.typ)).imethod(i).name
		// The interface value itself, then what it holds.
		x := Value{v.typ, v.ptr, v.flag&(flagRO|flagIndir) | flag(Interface)}.Elem()
		if !x.IsValid() {
			panic("reflect: " + op + " of method on nil interface value")
		}
		return x.typ, x.receiverWord(), x.typ.methodNamed(name)
	}
	return v.typ, v.receiverWord(), v.typ.exportedMethod(i)
}

// receiverWord is v as an interface's data word: the value itself when
// pointer-shaped, else its address.
func (v Value) receiverWord() unsafe.Pointer {
	if v.typ.pointerShaped() {
		return v.pointer()
	}
	return v.ptr
}
