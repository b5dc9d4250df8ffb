// Package volatile reads and writes memory that something other than the
// program may read or change: memory-mapped device registers on a board.
// Its API is TinyGo's runtime/volatile, so drivers written for TinyGo build
// unchanged.
//
// Every function here has no Go body: rgo emits one volatile access for it,
// as the //rgo:volatile directive above it names. Each call is exactly one
// load or store instruction of the integer's width (1, 2, 4 or 8 bytes) at
// the given address: never removed (even when a load's value goes unused),
// repeated, split, widened, merged with a neighbouring access, answered from
// a register that holds a value stored or loaded before, or moved past
// another volatile access or a call. The address must be aligned to the
// width; a nil address is Go's nil-dereference panic. A volatile access is
// no atomic operation and orders nothing between goroutines: see
// docs/boards.md for what the hardware adds.
package volatile

//rgo:volatile load
func LoadUint8(addr *uint8) (val uint8)

//rgo:volatile load
func LoadUint16(addr *uint16) (val uint16)

//rgo:volatile load
func LoadUint32(addr *uint32) (val uint32)

//rgo:volatile load
func LoadUint64(addr *uint64) (val uint64)

//rgo:volatile store
func StoreUint8(addr *uint8, val uint8)

//rgo:volatile store
func StoreUint16(addr *uint16, val uint16)

//rgo:volatile store
func StoreUint32(addr *uint32, val uint32)

//rgo:volatile store
func StoreUint64(addr *uint64, val uint64)
