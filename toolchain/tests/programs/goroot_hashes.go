// Hashes of GOROOT's compiled from Go's source, their assembly replaced
// by the Go fallbacks and rt-core bodies of check/goroot_bodies.rs:
// crypto/md5, sha1, sha256, sha512 (crypto/cipher under them), hash/crc32
// on its portable tables, hash/fnv, hash/adler32, encoding/binary.
package main

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/adler32"
	"hash/crc32"
	"hash/fnv"
	"strings"
)

func main() {
	data := []byte(strings.Repeat("The quick brown fox jumps over the lazy dog. ", 40))
	fmt.Printf("%x\n", md5.Sum(data))
	fmt.Printf("%x\n", sha1.Sum(data))
	fmt.Printf("%x\n", sha256.Sum256(data))
	fmt.Printf("%x\n", sha512.Sum512(data[:100]))
	h := sha256.New()
	for i := 0; i < len(data); i += 7 {
		end := i + 7
		if end > len(data) {
			end = len(data)
		}
		h.Write(data[i:end])
	}
	fmt.Println(hex.EncodeToString(h.Sum(nil)))
	fmt.Println(crc32.ChecksumIEEE(data), crc32.Checksum(data, crc32.MakeTable(crc32.Castagnoli)), crc32.Checksum(data, crc32.MakeTable(crc32.Koopman)))
	f := fnv.New64a()
	f.Write(data)
	fmt.Println(f.Sum64(), adler32.Checksum(data))
	buf := make([]byte, 8)
	binary.BigEndian.PutUint64(buf, 0x0102030405060708)
	fmt.Println(buf, binary.LittleEndian.Uint32(buf), binary.PutUvarint(buf, 300), buf[:2])
}
