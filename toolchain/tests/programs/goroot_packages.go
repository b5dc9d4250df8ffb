// Packages of GOROOT's that rgo has none of its own for, compiled from
// Go's source: unicode (its tables static data), unicode/utf8,
// unicode/utf16, math/bits, path, and strings and bytes with rgo's
// internal/bytealg under them (searches long enough for Rabin-Karp).
package main

import (
	"bytes"
	"fmt"
	"math/bits"
	"path"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

type word uint

func main() {
	s := "héllo, 世界"
	fmt.Println(len(s), utf8.RuneCountInString(s), utf8.ValidString(s), utf8.ValidString("\xff"))
	r, size := utf8.DecodeRuneInString(s[1:])
	fmt.Println(string(r), size, utf8.RuneLen('界'), utf8.FullRune([]byte{0xe4, 0xb8}))
	buf := utf8.AppendRune(nil, '€')
	fmt.Println(buf, utf8.RuneStart(buf[1]))
	last, n := utf8.DecodeLastRuneInString(s)
	fmt.Println(string(last), n)

	fmt.Println(unicode.IsUpper('Ä'), unicode.IsLetter('界'), unicode.IsDigit('٣'), unicode.IsSpace('\u00a0'), unicode.IsPunct('!'))
	fmt.Println(string(unicode.ToUpper('ß')), string(unicode.ToLower('Σ')), string(unicode.ToTitle('ǆ')), string(unicode.SimpleFold('K')))
	fmt.Println(unicode.Is(unicode.Han, '中'), unicode.In('ж', unicode.Latin, unicode.Cyrillic), unicode.Is(unicode.Upper, 'a'), len(unicode.Upper.R16) > 0)
	units := utf16.Encode([]rune("a😀b"))
	fmt.Println(units, string(utf16.Decode(units)), utf16.IsSurrogate(rune(units[1])))

	fmt.Println(bits.OnesCount64(0xf0f0), bits.LeadingZeros32(1), bits.TrailingZeros64(1<<40), bits.Len(255))
	fmt.Println(bits.Reverse8(0b0001_0110), bits.RotateLeft32(1, -1), bits.ReverseBytes16(0x1234))
	hi, lo := bits.Mul64(1<<63, 6)
	q, rem := bits.Div64(hi, lo, 7)
	sum, carry := bits.Add64(^uint64(0), 1, 0)
	fmt.Println(hi, lo, q, rem, sum, carry)
	fmt.Println(bits.UintSize, bits.Len(uint(word(1)<<20)))
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		bits.Div64(1, 0, 1)
	}()

	fmt.Println(path.Join("a", "b/../c", "/d"), path.Base("/x/y.go"), path.Ext("f.tar.gz"), path.Clean("//a/./b/"))
	dir, file := path.Split("static/css/site.css")
	fmt.Println(dir, file, path.IsAbs("/x"), path.Dir("/a/b/c"))
	for _, p := range []string{"*.go", "a/[b-d]?", "x[", "\\*"} {
		ok, err := path.Match(p, "a/cz")
		fmt.Println(p, ok, err)
	}
	ok, err := path.Match("*.go", "main.go")
	fmt.Println(ok, err)

	long := strings.Repeat("abcdefghij", 20) + "needle-in-a-haystack-that-is-long-enough-for-rabin-karp" + strings.Repeat("xyz", 30)
	sep := "needle-in-a-haystack-that-is-long-enough-for-rabin-karp"
	fmt.Println(strings.Index(long, sep), bytes.Index([]byte(long), []byte(sep)), strings.LastIndex(long, sep), bytes.LastIndex([]byte(long), []byte(sep)), strings.Index(long, sep+"!"))
	fmt.Println(strings.Count(long, "abc"), bytes.Count([]byte(long), []byte("xyz")), strings.Contains(long, "jab"), bytes.Equal([]byte("a"), []byte("a")), bytes.Compare([]byte("a"), []byte("b")))
	fmt.Println(strings.EqualFold("Straße", "STRASSE"), strings.Fields(" a\u00a0b  c "), strings.Title("go is fun"), strings.NewReplacer("<", "&lt;").Replace("<b>"))
}
