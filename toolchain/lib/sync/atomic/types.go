package atomic

// Fields are addressed as &(*p).f rather than &p.f throughout: rgo's escape
// analysis works by name and would move the pointer variable p itself to the
// heap for &p.f, costing an allocation per call on the fast paths.

// Bool is a bool whose every access is atomic. The zero value is false.
type Bool struct {
	v uint32
}

func boolWord(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}

// Load returns the value of x.
func (x *Bool) Load() bool { return LoadUint32(&(*x).v) != 0 }

// Store sets x to val.
func (x *Bool) Store(val bool) { StoreUint32(&(*x).v, boolWord(val)) }

// Swap sets x to new and returns its previous value.
func (x *Bool) Swap(new bool) (old bool) { return SwapUint32(&(*x).v, boolWord(new)) != 0 }

// CompareAndSwap sets x to new if it holds old, and reports whether it did.
func (x *Bool) CompareAndSwap(old, new bool) (swapped bool) {
	return CompareAndSwapUint32(&(*x).v, boolWord(old), boolWord(new))
}

// Int32 is an int32 whose every access is atomic.
type Int32 struct {
	v int32
}

// Load returns the value of x.
func (x *Int32) Load() int32 { return LoadInt32(&(*x).v) }

// Store sets x to val.
func (x *Int32) Store(val int32) { StoreInt32(&(*x).v, val) }

// Swap sets x to new and returns its previous value.
func (x *Int32) Swap(new int32) (old int32) { return SwapInt32(&(*x).v, new) }

// CompareAndSwap sets x to new if it holds old, and reports whether it did.
func (x *Int32) CompareAndSwap(old, new int32) (swapped bool) {
	return CompareAndSwapInt32(&(*x).v, old, new)
}

// Add adds delta to x and returns the sum.
func (x *Int32) Add(delta int32) (new int32) { return AddInt32(&(*x).v, delta) }

// Int64 is an int64 whose every access is atomic.
type Int64 struct {
	v int64
}

// Load returns the value of x.
func (x *Int64) Load() int64 { return LoadInt64(&(*x).v) }

// Store sets x to val.
func (x *Int64) Store(val int64) { StoreInt64(&(*x).v, val) }

// Swap sets x to new and returns its previous value.
func (x *Int64) Swap(new int64) (old int64) { return SwapInt64(&(*x).v, new) }

// CompareAndSwap sets x to new if it holds old, and reports whether it did.
func (x *Int64) CompareAndSwap(old, new int64) (swapped bool) {
	return CompareAndSwapInt64(&(*x).v, old, new)
}

// Add adds delta to x and returns the sum.
func (x *Int64) Add(delta int64) (new int64) { return AddInt64(&(*x).v, delta) }

// Uint32 is a uint32 whose every access is atomic.
type Uint32 struct {
	v uint32
}

// Load returns the value of x.
func (x *Uint32) Load() uint32 { return LoadUint32(&(*x).v) }

// Store sets x to val.
func (x *Uint32) Store(val uint32) { StoreUint32(&(*x).v, val) }

// Swap sets x to new and returns its previous value.
func (x *Uint32) Swap(new uint32) (old uint32) { return SwapUint32(&(*x).v, new) }

// CompareAndSwap sets x to new if it holds old, and reports whether it did.
func (x *Uint32) CompareAndSwap(old, new uint32) (swapped bool) {
	return CompareAndSwapUint32(&(*x).v, old, new)
}

// Add adds delta to x and returns the sum.
func (x *Uint32) Add(delta uint32) (new uint32) { return AddUint32(&(*x).v, delta) }

// Uint64 is a uint64 whose every access is atomic.
type Uint64 struct {
	v uint64
}

// Load returns the value of x.
func (x *Uint64) Load() uint64 { return LoadUint64(&(*x).v) }

// Store sets x to val.
func (x *Uint64) Store(val uint64) { StoreUint64(&(*x).v, val) }

// Swap sets x to new and returns its previous value.
func (x *Uint64) Swap(new uint64) (old uint64) { return SwapUint64(&(*x).v, new) }

// CompareAndSwap sets x to new if it holds old, and reports whether it did.
func (x *Uint64) CompareAndSwap(old, new uint64) (swapped bool) {
	return CompareAndSwapUint64(&(*x).v, old, new)
}

// Add adds delta to x and returns the sum.
func (x *Uint64) Add(delta uint64) (new uint64) { return AddUint64(&(*x).v, delta) }

// Uintptr is a uintptr whose every access is atomic.
type Uintptr struct {
	v uintptr
}

// Load returns the value of x.
func (x *Uintptr) Load() uintptr { return LoadUintptr(&(*x).v) }

// Store sets x to val.
func (x *Uintptr) Store(val uintptr) { StoreUintptr(&(*x).v, val) }

// Swap sets x to new and returns its previous value.
func (x *Uintptr) Swap(new uintptr) (old uintptr) { return SwapUintptr(&(*x).v, new) }

// CompareAndSwap sets x to new if it holds old, and reports whether it did.
func (x *Uintptr) CompareAndSwap(old, new uintptr) (swapped bool) {
	return CompareAndSwapUintptr(&(*x).v, old, new)
}

// Add adds delta to x and returns the sum.
func (x *Uintptr) Add(delta uintptr) (new uintptr) { return AddUintptr(&(*x).v, delta) }
