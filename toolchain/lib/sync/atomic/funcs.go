// Package atomic provides low-level atomic memory primitives.
//
// Every function here has no Go body: rgo emits one sequentially consistent
// atomic instruction for it, as the //rgo:atomic directive above it names.
package atomic

import "unsafe"

// Atomic operations on int32.

//rgo:atomic load
func LoadInt32(addr *int32) (val int32)

//rgo:atomic store
func StoreInt32(addr *int32, val int32)

//rgo:atomic add
func AddInt32(addr *int32, delta int32) (new int32)

//rgo:atomic swap
func SwapInt32(addr *int32, new int32) (old int32)

//rgo:atomic cas
func CompareAndSwapInt32(addr *int32, old, new int32) (swapped bool)

// Atomic operations on int64.

//rgo:atomic load
func LoadInt64(addr *int64) (val int64)

//rgo:atomic store
func StoreInt64(addr *int64, val int64)

//rgo:atomic add
func AddInt64(addr *int64, delta int64) (new int64)

//rgo:atomic swap
func SwapInt64(addr *int64, new int64) (old int64)

//rgo:atomic cas
func CompareAndSwapInt64(addr *int64, old, new int64) (swapped bool)

// Atomic operations on uint32.

//rgo:atomic load
func LoadUint32(addr *uint32) (val uint32)

//rgo:atomic store
func StoreUint32(addr *uint32, val uint32)

//rgo:atomic add
func AddUint32(addr *uint32, delta uint32) (new uint32)

//rgo:atomic swap
func SwapUint32(addr *uint32, new uint32) (old uint32)

//rgo:atomic cas
func CompareAndSwapUint32(addr *uint32, old, new uint32) (swapped bool)

// Atomic operations on uint64.

//rgo:atomic load
func LoadUint64(addr *uint64) (val uint64)

//rgo:atomic store
func StoreUint64(addr *uint64, val uint64)

//rgo:atomic add
func AddUint64(addr *uint64, delta uint64) (new uint64)

//rgo:atomic swap
func SwapUint64(addr *uint64, new uint64) (old uint64)

//rgo:atomic cas
func CompareAndSwapUint64(addr *uint64, old, new uint64) (swapped bool)

// Atomic operations on uintptr.

//rgo:atomic load
func LoadUintptr(addr *uintptr) (val uintptr)

//rgo:atomic store
func StoreUintptr(addr *uintptr, val uintptr)

//rgo:atomic add
func AddUintptr(addr *uintptr, delta uintptr) (new uintptr)

//rgo:atomic swap
func SwapUintptr(addr *uintptr, new uintptr) (old uintptr)

//rgo:atomic cas
func CompareAndSwapUintptr(addr *uintptr, old, new uintptr) (swapped bool)

// Atomic operations on unsafe.Pointer.

//rgo:atomic load
func LoadPointer(addr *unsafe.Pointer) (val unsafe.Pointer)

//rgo:atomic store
func StorePointer(addr *unsafe.Pointer, val unsafe.Pointer)

//rgo:atomic swap
func SwapPointer(addr *unsafe.Pointer, new unsafe.Pointer) (old unsafe.Pointer)

//rgo:atomic cas
func CompareAndSwapPointer(addr *unsafe.Pointer, old, new unsafe.Pointer) (swapped bool)
