package flag

import "math"

// This file parses float64 flags as strconv.ParseFloat(s, 64) does:
// decimal or hexadecimal (0x1.8p3) numbers with underscores between
// digits, "inf", "infinity" and "nan" in any case, correctly rounded to
// nearest even. Out of range the result is ±Inf with errRange.

// maxDigits bounds the decimal digits kept; beyond them only whether a
// non-zero digit was dropped matters for rounding.
const maxDigits = 800

// A bigDecimal is the number 0.d[0]d[1]...d[nd-1] × 10^dp.
type bigDecimal struct {
	d     [maxDigits]byte // digits, most significant first, as '0'..'9'
	nd    int             // number of digits used
	dp    int             // position of the decimal point
	trunc bool            // non-zero digits were dropped after d[nd-1]
}

// trim drops trailing zeros.
func (b *bigDecimal) trim() {
	for b.nd > 0 && b.d[b.nd-1] == '0' {
		b.nd--
	}
	if b.nd == 0 {
		b.dp = 0
	}
}

// double multiplies b by 2^k, 0 < k <= 60.
func (b *bigDecimal) double(k uint) {
	// Work from the least significant digit; the carry needs at most 19
	// more digits in front.
	var out [maxDigits + 20]byte
	w := len(out)
	var carry uint64
	for i := b.nd - 1; i >= 0; i-- {
		v := uint64(b.d[i]-'0')<<k + carry
		w--
		out[w] = byte('0' + v%10)
		carry = v / 10
	}
	for carry > 0 {
		w--
		out[w] = byte('0' + carry%10)
		carry /= 10
	}
	grown := len(out) - w - b.nd
	n := len(out) - w
	if n > maxDigits {
		for _, c := range out[w+maxDigits:] {
			if c != '0' {
				b.trunc = true
			}
		}
		n = maxDigits
	}
	copy(b.d[:], out[w:w+n])
	b.nd = n
	b.dp += grown
	b.trim()
}

// halve divides b by 2^k, 0 < k <= 60.
func (b *bigDecimal) halve(k uint) {
	r, w := 0, 0
	var n uint64
	// Read digits until the value is at least 2^k.
	for ; n>>k == 0; r++ {
		if r >= b.nd {
			if n == 0 {
				b.nd = 0
				return
			}
			for n>>k == 0 {
				n *= 10
				r++
			}
			break
		}
		n = n*10 + uint64(b.d[r]-'0')
	}
	b.dp -= r - 1
	mask := uint64(1)<<k - 1
	for ; r < b.nd; r++ {
		c := n >> k
		n = n&mask*10 + uint64(b.d[r]-'0')
		b.d[w] = byte('0' + c)
		w++
	}
	for n > 0 {
		c := n >> k
		n = n & mask * 10
		if w < maxDigits {
			b.d[w] = byte('0' + c)
			w++
		} else if c > 0 {
			b.trunc = true
		}
	}
	b.nd = w
	b.trim()
}

// shift multiplies b by 2^k.
func (b *bigDecimal) shift(k int) {
	for ; k > 60; k -= 60 {
		b.double(60)
	}
	for ; k < -60; k += 60 {
		b.halve(60)
	}
	if k > 0 {
		b.double(uint(k))
	} else if k < 0 {
		b.halve(uint(-k))
	}
}

// roundsUp reports whether rounding b to its first n digits goes up
// (halves to even, unless digits were dropped past them).
func (b *bigDecimal) roundsUp(n int) bool {
	if n < 0 || n >= b.nd {
		return false
	}
	if b.d[n] == '5' && n+1 == b.nd {
		if b.trunc {
			return true
		}
		return n > 0 && (b.d[n-1]-'0')%2 == 1
	}
	return b.d[n] >= '5'
}

// integer returns b rounded to an integer (b < 2^64).
func (b *bigDecimal) integer() uint64 {
	var n uint64
	i := 0
	for ; i < b.dp && i < b.nd; i++ {
		n = n*10 + uint64(b.d[i]-'0')
	}
	for ; i < b.dp; i++ {
		n *= 10
	}
	if b.roundsUp(b.dp) {
		n++
	}
	return n
}

// binaryShifts[n] is a power of two below 10^n: how far shift may move b
// in one step while dp is n.
var binaryShifts = [...]int{1, 3, 6, 9, 13, 16, 19, 23, 26}

// float converts b to the nearest float64 (positive); overflow reports
// whether it is too large.
func (b *bigDecimal) float() (f float64, overflow bool) {
	const mantBits = 52
	const bias = -1023
	if b.nd == 0 || b.dp < -330 {
		return 0, false
	}
	if b.dp > 310 {
		return math.Inf(1), true
	}
	exp := 0
	// Scale into [0.5, 1), counting the powers of two.
	for b.dp > 0 {
		n := 27
		if b.dp < len(binaryShifts) {
			n = binaryShifts[b.dp]
		}
		b.shift(-n)
		exp += n
	}
	for b.dp < 0 || b.dp == 0 && b.d[0] < '5' {
		n := 27
		switch {
		case b.dp == 0:
			n = 1
		case -b.dp < len(binaryShifts):
			n = binaryShifts[-b.dp]
		}
		b.shift(n)
		exp -= n
	}
	// A float's mantissa is in [1, 2).
	exp--
	if exp < bias+1 {
		// Denormal: fewer mantissa bits.
		n := bias + 1 - exp
		b.shift(-n)
		exp += n
	}
	if exp-bias >= 1<<11-1 {
		return math.Inf(1), true
	}
	b.shift(1 + mantBits)
	mant := b.integer()
	if mant == 2<<mantBits {
		mant >>= 1
		exp++
		if exp-bias >= 1<<11-1 {
			return math.Inf(1), true
		}
	}
	if mant&(1<<mantBits) == 0 {
		exp = bias
	}
	bits := mant&(1<<mantBits-1) | uint64((exp-bias)&(1<<11-1))<<mantBits
	return math.Float64frombits(bits), false
}

// hexFloat returns mant × 2^exp (mant holding at most 64 bits, with trunc
// set when non-zero bits were dropped below it) rounded to a float64.
func hexFloat(mant uint64, exp int, trunc bool) (f float64, overflow bool) {
	const mantBits = 52
	const bias = -1023
	const maxExp = 1<<11 + bias - 2
	const minExp = bias + 1
	exp += mantBits
	// Keep two more bits than the mantissa for rounding, the lowest one
	// sticky: it records whether anything below was non-zero.
	for mant != 0 && mant>>(mantBits+2) == 0 {
		mant <<= 1
		exp--
	}
	if trunc {
		mant |= 1
	}
	for mant>>(mantBits+3) != 0 {
		mant = mant>>1 | mant&1
		exp++
	}
	for mant > 1 && exp < minExp-2 {
		mant = mant>>1 | mant&1
		exp++
	}
	round := mant & 3
	mant >>= 2
	round |= mant & 1 // ties go to even
	exp += 2
	if round == 3 {
		mant++
		if mant == 1<<(mantBits+1) {
			mant >>= 1
			exp++
		}
	}
	if mant>>mantBits == 0 {
		exp = bias
	}
	if exp > maxExp {
		return math.Inf(1), true
	}
	bits := mant&(1<<mantBits-1) | uint64((exp-bias)&(1<<11-1))<<mantBits
	return math.Float64frombits(bits), false
}

// equalFold reports whether s is word in any case (word in lower case).
func equalFold(s, word string) bool {
	if len(s) != len(word) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != word[i] {
			return false
		}
	}
	return true
}

// parseFloat parses s as strconv.ParseFloat(s, 64) does.
func parseFloat(s string) (float64, error) {
	if s == "" {
		return 0, errParse
	}
	neg := false
	body := s
	if body[0] == '+' || body[0] == '-' {
		neg = body[0] == '-'
		body = body[1:]
	}
	sign := 1.0
	if neg {
		sign = -1
	}
	if equalFold(body, "inf") || equalFold(body, "infinity") {
		return math.Inf(int(sign)), nil
	}
	if equalFold(s, "nan") {
		return math.NaN(), nil
	}
	hex := len(body) > 2 && body[0] == '0' && lower(body[1]) == 'x'
	i := 0
	if hex {
		i = 2
	}
	var b bigDecimal
	var mant uint64
	mantDigits, nd, dp := 0, 0, 0
	trunc := false
	sawDot, sawDigits, underscores := false, false, false
	for ; i < len(body); i++ {
		c := body[i]
		var d uint64
		switch {
		case c == '_':
			underscores = true
			continue
		case c == '.':
			if sawDot {
				return 0, errParse
			}
			sawDot = true
			dp = nd
			continue
		case '0' <= c && c <= '9':
			d = uint64(c - '0')
		case hex && 'a' <= lower(c) && lower(c) <= 'f':
			d = uint64(lower(c)-'a') + 10
		default:
			goto digitsDone
		}
		sawDigits = true
		if d == 0 && nd == 0 {
			// Leading zeros only move the point.
			dp--
			continue
		}
		nd++
		if hex {
			if mantDigits < 16 {
				mant = mant<<4 | d
				mantDigits++
			} else if d != 0 {
				trunc = true
			}
		} else if b.nd < maxDigits {
			b.d[b.nd] = c
			b.nd++
		} else if d != 0 {
			b.trunc = true
		}
	}
digitsDone:
	if !sawDigits {
		return 0, errParse
	}
	if !sawDot {
		dp = nd
	}
	// The exponent: e (of ten) for decimal, p (of two, required) for
	// hexadecimal.
	e := 0
	if i < len(body) && (!hex && lower(body[i]) == 'e' || hex && lower(body[i]) == 'p') {
		i++
		if i >= len(body) {
			return 0, errParse
		}
		esign := 1
		if body[i] == '+' || body[i] == '-' {
			if body[i] == '-' {
				esign = -1
			}
			i++
		}
		if i >= len(body) || body[i] < '0' || body[i] > '9' {
			return 0, errParse
		}
		for ; i < len(body) && ('0' <= body[i] && body[i] <= '9' || body[i] == '_'); i++ {
			if body[i] == '_' {
				underscores = true
				continue
			}
			if e < 10000 {
				e = e*10 + int(body[i]-'0')
			}
		}
		e *= esign
	} else if hex {
		return 0, errParse
	}
	if i != len(body) || underscores && !underscoresOK(s) {
		return 0, errParse
	}
	var f float64
	var overflow bool
	if hex {
		f, overflow = hexFloat(mant, 4*(dp-mantDigits)+e, trunc)
	} else {
		b.dp = dp + e
		b.trim()
		f, overflow = b.float()
	}
	if overflow {
		return sign * f, errRange
	}
	return sign * f, nil
}
