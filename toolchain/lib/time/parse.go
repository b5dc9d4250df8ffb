package time

import "errors"

// quote returns s in double quotes with quotes and backslashes escaped and
// every byte outside printable ASCII written as \xHH, as gc's time errors
// show their input.
func quote(s string) string {
	const hex = "0123456789abcdef"
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80 || c < ' ':
			b = append(b, '\\', 'x', hex[c>>4], hex[c&0xf])
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		default:
			b = append(b, c)
		}
	}
	return string(append(b, '"'))
}

// unitNanos maps the unit names ParseDuration accepts to nanoseconds.
var unitNanos = map[string]uint64{
	"ns": uint64(Nanosecond),
	"us": uint64(Microsecond),
	"µs": uint64(Microsecond), // U+00B5 micro sign
	"μs": uint64(Microsecond), // U+03BC Greek small letter mu
	"ms": uint64(Millisecond),
	"s":  uint64(Second),
	"m":  uint64(Minute),
	"h":  uint64(Hour),
}

// digitsPrefix reads the decimal digits at the start of s; ok is false if
// their value exceeds 1<<63.
func digitsPrefix(s string) (v uint64, rest string, ok bool) {
	i := 0
	for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		if v > 1<<63/10 {
			return 0, "", false
		}
		v = v*10 + uint64(s[i]-'0')
		if v > 1<<63 {
			return 0, "", false
		}
	}
	return v, s[i:], true
}

// fractionPrefix reads the digits of a fraction at the start of s as
// v/scale, ignoring digits beyond what v can hold.
func fractionPrefix(s string) (v uint64, scale float64, rest string) {
	scale = 1
	full := false
	i := 0
	for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		if full {
			continue
		}
		if v > (1<<63-1)/10 {
			full = true
			continue
		}
		w := v*10 + uint64(s[i]-'0')
		if w > 1<<63 {
			full = true
			continue
		}
		v = w
		scale *= 10
	}
	return v, scale, s[i:]
}

// ParseDuration parses a duration: an optional sign and a sequence of
// decimal numbers, each with an optional fraction and a unit ("ns", "us"
// or "µs", "ms", "s", "m", "h"), such as "300ms", "-1.5h" or "2h45m".
func ParseDuration(s string) (Duration, error) {
	orig := s
	invalid := errors.New("time: invalid duration " + quote(orig))
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "0" {
		return 0, nil
	}
	if s == "" {
		return 0, invalid
	}
	var total uint64
	for s != "" {
		if !(s[0] == '.' || '0' <= s[0] && s[0] <= '9') {
			return 0, invalid
		}
		n := len(s)
		v, rest, ok := digitsPrefix(s)
		if !ok {
			return 0, invalid
		}
		s = rest
		whole := n != len(s)
		var frac uint64
		scale := 1.0
		fraction := false
		if s != "" && s[0] == '.' {
			s = s[1:]
			n = len(s)
			frac, scale, s = fractionPrefix(s)
			fraction = n != len(s)
		}
		if !whole && !fraction {
			return 0, invalid
		}
		i := 0
		for i < len(s) && s[i] != '.' && !('0' <= s[i] && s[i] <= '9') {
			i++
		}
		if i == 0 {
			return 0, errors.New("time: missing unit in duration " + quote(orig))
		}
		name := s[:i]
		s = s[i:]
		unit, ok := unitNanos[name]
		if !ok {
			return 0, errors.New("time: unknown unit " + quote(name) + " in duration " + quote(orig))
		}
		if v > 1<<63/unit {
			return 0, invalid
		}
		v *= unit
		if frac > 0 {
			v += uint64(float64(frac) * (float64(unit) / scale))
			if v > 1<<63 {
				return 0, invalid
			}
		}
		total += v
		if total > 1<<63 {
			return 0, invalid
		}
	}
	if neg {
		return -Duration(total), nil
	}
	if total > 1<<63-1 {
		return 0, invalid
	}
	return Duration(total), nil
}
