package atomic

import "unsafe"

// A Value holds a value of one dynamic type that is loaded and stored
// atomically. The zero Value holds nothing; Load then returns nil. Once a
// value is stored, every later store must have the same dynamic type.
//
// The current value lives in an immutable box; a store publishes a new box
// with one pointer store, so readers never see a half-written interface.
type Value struct {
	box unsafe.Pointer // *valueBox, nil until the first store
}

type valueBox struct {
	v any
}

// typeWord returns the first word of an interface value: its dynamic type.
func typeWord(x any) unsafe.Pointer {
	return (*[2]unsafe.Pointer)(unsafe.Pointer(&x))[0]
}

// Load returns the value of the last Store, or nil if there has been none.
func (v *Value) Load() (val any) {
	b := (*valueBox)(LoadPointer(&(*v).box))
	if b == nil {
		return nil
	}
	return b.v
}

// Store sets the value of v to val. It panics if val is nil or if its
// dynamic type differs from that of the values stored before.
func (v *Value) Store(val any) {
	if val == nil {
		panic("sync/atomic: store of nil value into Value")
	}
	nb := unsafe.Pointer(&valueBox{v: val})
	for {
		cur := LoadPointer(&(*v).box)
		if cur != nil && typeWord((*valueBox)(cur).v) != typeWord(val) {
			panic("sync/atomic: store of inconsistently typed value into Value")
		}
		if CompareAndSwapPointer(&(*v).box, cur, nb) {
			return
		}
	}
}

// Swap stores new into v and returns the previous value, nil if there was
// none. It panics as Store does.
func (v *Value) Swap(new any) (old any) {
	if new == nil {
		panic("sync/atomic: swap of nil value into Value")
	}
	nb := unsafe.Pointer(&valueBox{v: new})
	for {
		cur := LoadPointer(&(*v).box)
		if cur != nil && typeWord((*valueBox)(cur).v) != typeWord(new) {
			panic("sync/atomic: swap of inconsistently typed value into Value")
		}
		if CompareAndSwapPointer(&(*v).box, cur, nb) {
			if cur == nil {
				return nil
			}
			return (*valueBox)(cur).v
		}
	}
}

// CompareAndSwap stores new into v if v currently holds old (compared as
// interfaces with ==) and reports whether it did. It panics if new is nil or
// if old, new and the stored value do not share one dynamic type.
func (v *Value) CompareAndSwap(old, new any) (swapped bool) {
	if new == nil {
		panic("sync/atomic: compare and swap of nil value into Value")
	}
	if old != nil && typeWord(old) != typeWord(new) {
		panic("sync/atomic: compare and swap of inconsistently typed values")
	}
	nb := unsafe.Pointer(&valueBox{v: new})
	for {
		cur := LoadPointer(&(*v).box)
		if cur == nil {
			if old != nil {
				return false
			}
			if CompareAndSwapPointer(&(*v).box, nil, nb) {
				return true
			}
			continue
		}
		b := (*valueBox)(cur)
		if typeWord(b.v) != typeWord(new) {
			panic("sync/atomic: compare and swap of inconsistently typed value into Value")
		}
		if b.v != old {
			return false
		}
		// The box is immutable, so winning this exchange means v held old
		// at the moment of the swap.
		if CompareAndSwapPointer(&(*v).box, cur, nb) {
			return true
		}
	}
}
