// Package bytealg is rgo's stand-in for Go's internal/bytealg: the byte
// and string searches that bytes, strings, path and the runtime share.
// Go implements most of them in assembly per architecture; rgo compiles
// no assembly of Go's, so here they are in Go, each a plain loop, with
// Go 1.19's exported API so that GOROOT's packages that import it compile
// unchanged (docs/stdlib.md).
package bytealg

import "unsafe"

// MaxBruteForce: callers search a string up to this long for a separator
// with IndexString, without hashing.
const MaxBruteForce = 64

// PrimeRK is the base of the Rabin-Karp rolling hash that HashStr and its
// kin compute and that callers roll on (strings.LastIndex).
const PrimeRK = 16777619

// MaxLen is the longest separator callers may hand to Index and
// IndexString. These loops take any length; callers use the limit to
// choose between them and hashing.
var MaxLen = 64

// Compare returns -1, 0 or +1 as a sorts before, equal to or after b,
// byte by byte, a prefix first.
func Compare(a, b []byte) int {
	n := len(a)
	if len(b) < n {
		n = len(b)
	}
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}

// Count is the number of bytes c in b.
func Count(b []byte, c byte) int {
	n := 0
	for _, x := range b {
		if x == c {
			n++
		}
	}
	return n
}

// CountString is the number of bytes c in s.
func CountString(s string, c byte) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
		}
	}
	return n
}

// Equal reports whether a and b hold the same bytes.
func Equal(a, b []byte) bool {
	// The string comparison is the runtime's, a memory comparison.
	return string(a) == string(b)
}

// IndexByte is the index of the first c in b, or -1.
func IndexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// IndexByteString is the index of the first c in s, or -1.
func IndexByteString(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// Index is the index of the first b in a, or -1.
func Index(a, b []byte) int {
	n := len(b)
	for i := 0; i+n <= len(a); i++ {
		if string(a[i:i+n]) == string(b) {
			return i
		}
	}
	return -1
}

// IndexString is the index of the first b in a, or -1.
func IndexString(a, b string) int {
	n := len(b)
	for i := 0; i+n <= len(a); i++ {
		if a[i:i+n] == b {
			return i
		}
	}
	return -1
}

// Cutover is how many false starts a brute-force search of a string of
// n bytes may make before its caller turns to hashing instead: one more
// for every eight bytes searched, and a few to begin with.
func Cutover(n int) int {
	return 4 + n>>3
}

// HashStr is the Rabin-Karp hash of sep (each byte the next digit, base
// PrimeRK, modulo 2³²) and PrimeRK to the power len(sep), the factor
// that takes a byte out of a window as long as sep.
func HashStr(sep string) (uint32, uint32) {
	var h uint32
	for i := 0; i < len(sep); i++ {
		h = h*PrimeRK + uint32(sep[i])
	}
	return h, power(len(sep))
}

// HashStrBytes is HashStr of a byte slice.
func HashStrBytes(sep []byte) (uint32, uint32) {
	var h uint32
	for _, c := range sep {
		h = h*PrimeRK + uint32(c)
	}
	return h, power(len(sep))
}

// HashStrRev is HashStr of sep read backwards, for searches from the end.
func HashStrRev(sep string) (uint32, uint32) {
	var h uint32
	for i := len(sep) - 1; i >= 0; i-- {
		h = h*PrimeRK + uint32(sep[i])
	}
	return h, power(len(sep))
}

// HashStrRevBytes is HashStrRev of a byte slice.
func HashStrRevBytes(sep []byte) (uint32, uint32) {
	var h uint32
	for i := len(sep) - 1; i >= 0; i-- {
		h = h*PrimeRK + uint32(sep[i])
	}
	return h, power(len(sep))
}

// power is PrimeRK to the n, modulo 2³², by squaring.
func power(n int) uint32 {
	p, sq := uint32(1), uint32(PrimeRK)
	for ; n > 0; n >>= 1 {
		if n&1 != 0 {
			p *= sq
		}
		sq *= sq
	}
	return p
}

// IndexRabinKarp is the index of the first substr in s, or -1, found by
// comparing rolling hashes of each window with substr's.
func IndexRabinKarp(s, substr string) int {
	want, pow := HashStr(substr)
	n := len(substr)
	if n > len(s) {
		return -1
	}
	var h uint32
	for i := 0; i < n; i++ {
		h = h*PrimeRK + uint32(s[i])
	}
	for i := 0; ; i++ {
		if h == want && s[i:i+n] == substr {
			return i
		}
		if i+n >= len(s) {
			return -1
		}
		h = h*PrimeRK + uint32(s[i+n]) - pow*uint32(s[i])
	}
}

// IndexRabinKarpBytes is IndexRabinKarp of byte slices.
func IndexRabinKarpBytes(s, sep []byte) int {
	return IndexRabinKarp(view(s), view(sep))
}

// view is b's bytes as a string, without a copy: only read while b is
// not written (a slice header starts with a string header's two words).
func view(b []byte) string {
	return *(*string)(unsafe.Pointer(&b))
}
