// The register types: TinyGo's Register8 to Register64, whose methods
// make only volatile accesses of the register's width.
//
// The methods reach Reg by converting r (Reg is its only field, at offset
// 0) rather than with &r.Reg: taking a field's address through a pointer
// nil-checks the pointer with a one-byte load, which on a device register
// would be one more access (reading a UART's data or status register
// consumes what it reads). A nil r still panics, at the volatile access.

package volatile

import "unsafe"

// Register8 is a 8-bit device register: a value of it (normally reached
// through a pointer converted from the register's address) is read and
// written only with volatile accesses of 8 bits.
type Register8 struct {
	Reg uint8
}

// Get reads the register: one volatile load.
func (r *Register8) Get() uint8 {
	return LoadUint8((*uint8)(unsafe.Pointer(r)))
}

// Set writes value to the register: one volatile store.
func (r *Register8) Set(value uint8) {
	StoreUint8((*uint8)(unsafe.Pointer(r)), value)
}

// SetBits sets the bits of value in the register (r.Reg |= value): a
// volatile load, then a volatile store; not atomic.
func (r *Register8) SetBits(value uint8) {
	StoreUint8((*uint8)(unsafe.Pointer(r)), LoadUint8((*uint8)(unsafe.Pointer(r)))|value)
}

// ClearBits clears the bits of value in the register (r.Reg &^= value): a
// volatile load, then a volatile store; not atomic.
func (r *Register8) ClearBits(value uint8) {
	StoreUint8((*uint8)(unsafe.Pointer(r)), LoadUint8((*uint8)(unsafe.Pointer(r)))&^value)
}

// HasBits reports whether any bit of value is set in the register
// (r.Reg&value != 0): one volatile load.
func (r *Register8) HasBits(value uint8) bool {
	return LoadUint8((*uint8)(unsafe.Pointer(r)))&value != 0
}

// ReplaceBits replaces the field mask<<pos of the register with
// value<<pos (r.Reg = r.Reg&^(mask<<pos) | value<<pos; value is not
// masked): a volatile load, then a volatile store; not atomic.
func (r *Register8) ReplaceBits(value uint8, mask uint8, pos uint8) {
	StoreUint8((*uint8)(unsafe.Pointer(r)), LoadUint8((*uint8)(unsafe.Pointer(r)))&^(mask<<pos)|value<<pos)
}

// Register16 is a 16-bit device register: a value of it (normally reached
// through a pointer converted from the register's address) is read and
// written only with volatile accesses of 16 bits.
type Register16 struct {
	Reg uint16
}

// Get reads the register: one volatile load.
func (r *Register16) Get() uint16 {
	return LoadUint16((*uint16)(unsafe.Pointer(r)))
}

// Set writes value to the register: one volatile store.
func (r *Register16) Set(value uint16) {
	StoreUint16((*uint16)(unsafe.Pointer(r)), value)
}

// SetBits sets the bits of value in the register (r.Reg |= value): a
// volatile load, then a volatile store; not atomic.
func (r *Register16) SetBits(value uint16) {
	StoreUint16((*uint16)(unsafe.Pointer(r)), LoadUint16((*uint16)(unsafe.Pointer(r)))|value)
}

// ClearBits clears the bits of value in the register (r.Reg &^= value): a
// volatile load, then a volatile store; not atomic.
func (r *Register16) ClearBits(value uint16) {
	StoreUint16((*uint16)(unsafe.Pointer(r)), LoadUint16((*uint16)(unsafe.Pointer(r)))&^value)
}

// HasBits reports whether any bit of value is set in the register
// (r.Reg&value != 0): one volatile load.
func (r *Register16) HasBits(value uint16) bool {
	return LoadUint16((*uint16)(unsafe.Pointer(r)))&value != 0
}

// ReplaceBits replaces the field mask<<pos of the register with
// value<<pos (r.Reg = r.Reg&^(mask<<pos) | value<<pos; value is not
// masked): a volatile load, then a volatile store; not atomic.
func (r *Register16) ReplaceBits(value uint16, mask uint16, pos uint8) {
	StoreUint16((*uint16)(unsafe.Pointer(r)), LoadUint16((*uint16)(unsafe.Pointer(r)))&^(mask<<pos)|value<<pos)
}

// Register32 is a 32-bit device register: a value of it (normally reached
// through a pointer converted from the register's address) is read and
// written only with volatile accesses of 32 bits.
type Register32 struct {
	Reg uint32
}

// Get reads the register: one volatile load.
func (r *Register32) Get() uint32 {
	return LoadUint32((*uint32)(unsafe.Pointer(r)))
}

// Set writes value to the register: one volatile store.
func (r *Register32) Set(value uint32) {
	StoreUint32((*uint32)(unsafe.Pointer(r)), value)
}

// SetBits sets the bits of value in the register (r.Reg |= value): a
// volatile load, then a volatile store; not atomic.
func (r *Register32) SetBits(value uint32) {
	StoreUint32((*uint32)(unsafe.Pointer(r)), LoadUint32((*uint32)(unsafe.Pointer(r)))|value)
}

// ClearBits clears the bits of value in the register (r.Reg &^= value): a
// volatile load, then a volatile store; not atomic.
func (r *Register32) ClearBits(value uint32) {
	StoreUint32((*uint32)(unsafe.Pointer(r)), LoadUint32((*uint32)(unsafe.Pointer(r)))&^value)
}

// HasBits reports whether any bit of value is set in the register
// (r.Reg&value != 0): one volatile load.
func (r *Register32) HasBits(value uint32) bool {
	return LoadUint32((*uint32)(unsafe.Pointer(r)))&value != 0
}

// ReplaceBits replaces the field mask<<pos of the register with
// value<<pos (r.Reg = r.Reg&^(mask<<pos) | value<<pos; value is not
// masked): a volatile load, then a volatile store; not atomic.
func (r *Register32) ReplaceBits(value uint32, mask uint32, pos uint8) {
	StoreUint32((*uint32)(unsafe.Pointer(r)), LoadUint32((*uint32)(unsafe.Pointer(r)))&^(mask<<pos)|value<<pos)
}

// Register64 is a 64-bit device register: a value of it (normally reached
// through a pointer converted from the register's address) is read and
// written only with volatile accesses of 64 bits.
type Register64 struct {
	Reg uint64
}

// Get reads the register: one volatile load.
func (r *Register64) Get() uint64 {
	return LoadUint64((*uint64)(unsafe.Pointer(r)))
}

// Set writes value to the register: one volatile store.
func (r *Register64) Set(value uint64) {
	StoreUint64((*uint64)(unsafe.Pointer(r)), value)
}

// SetBits sets the bits of value in the register (r.Reg |= value): a
// volatile load, then a volatile store; not atomic.
func (r *Register64) SetBits(value uint64) {
	StoreUint64((*uint64)(unsafe.Pointer(r)), LoadUint64((*uint64)(unsafe.Pointer(r)))|value)
}

// ClearBits clears the bits of value in the register (r.Reg &^= value): a
// volatile load, then a volatile store; not atomic.
func (r *Register64) ClearBits(value uint64) {
	StoreUint64((*uint64)(unsafe.Pointer(r)), LoadUint64((*uint64)(unsafe.Pointer(r)))&^value)
}

// HasBits reports whether any bit of value is set in the register
// (r.Reg&value != 0): one volatile load.
func (r *Register64) HasBits(value uint64) bool {
	return LoadUint64((*uint64)(unsafe.Pointer(r)))&value != 0
}

// ReplaceBits replaces the field mask<<pos of the register with
// value<<pos (r.Reg = r.Reg&^(mask<<pos) | value<<pos; value is not
// masked): a volatile load, then a volatile store; not atomic.
func (r *Register64) ReplaceBits(value uint64, mask uint64, pos uint8) {
	StoreUint64((*uint64)(unsafe.Pointer(r)), LoadUint64((*uint64)(unsafe.Pointer(r)))&^(mask<<pos)|value<<pos)
}
