// What hash/maphash takes from the runtime by //go:linkname: random seeds
// and the hash maps' hash function.

package runtime

import "unsafe"

// fastrand64 is a random number.
func fastrand64() uint64 {
	return uint64(os_fastrand())<<32 | uint64(os_fastrand())
}

// memhash hashes s bytes at p with seed, as the hash maps do.
//
//go:noescape
//rgo:runtime rgo_memhash
func memhash(p unsafe.Pointer, seed, s uintptr) uintptr
