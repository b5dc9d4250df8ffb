// Package time measures and displays time and durations and provides
// sleeping, timers and tickers, calendar fields and formatting.
//
// rgo has no time-zone database: the only zone is UTC. Local and UTC are
// both UTC (offset zero, abbreviation "UTC"); they differ only in the name
// Location.String returns ("Local", "UTC"), as under gc with TZ=UTC.
package time

// A Duration is the time between two instants in nanoseconds; it covers
// about 290 years either way.
type Duration int64

const (
	minDuration Duration = -1 << 63
	maxDuration Duration = 1<<63 - 1
)

// Common durations.
const (
	Nanosecond  Duration = 1
	Microsecond          = 1000 * Nanosecond
	Millisecond          = 1000 * Microsecond
	Second               = 1000 * Millisecond
	Minute               = 60 * Second
	Hour                 = 60 * Minute
)

// String formats d as Go does: "72h3m0.5s", "1.5µs", "0s". Units below a
// second are used only for durations shorter than one second; the leading
// zero units of hours and minutes are left out.
func (d Duration) String() string {
	if d == 0 {
		return "0s"
	}
	// The longest result, for the minimum Duration, is
	// "-2562047h47m16.854775808s": 25 bytes.
	var buf [32]byte
	w := len(buf)
	u := uint64(d)
	neg := d < 0
	if neg {
		u = -u
	}
	if u < uint64(Second) {
		var digits int
		w -= 2 // room for "ns", "µs" needs one byte more (below)
		switch {
		case u < uint64(Microsecond):
			buf[w], buf[w+1] = 'n', 's'
			digits = 0
		case u < uint64(Millisecond):
			// "µ" is U+00B5, two bytes in UTF-8.
			w--
			buf[w], buf[w+1], buf[w+2] = 0xC2, 0xB5, 's'
			digits = 3
		default:
			buf[w], buf[w+1] = 'm', 's'
			digits = 6
		}
		w, u = putFraction(buf[:w], u, digits)
		w = putInt(buf[:w], u)
	} else {
		w--
		buf[w] = 's'
		w, u = putFraction(buf[:w], u, 9)
		// u is now whole seconds.
		w = putInt(buf[:w], u%60)
		u /= 60
		if u > 0 {
			w--
			buf[w] = 'm'
			w = putInt(buf[:w], u%60)
			u /= 60
			if u > 0 {
				w--
				buf[w] = 'h'
				w = putInt(buf[:w], u)
			}
		}
	}
	if neg {
		w--
		buf[w] = '-'
	}
	return string(buf[w:])
}

// putFraction writes the low digits decimal digits of v as a fraction
// ending at the end of buf, without trailing zeros and without the point if
// they are all zero. It returns the new start of the text and v with those
// digits removed.
func putFraction(buf []byte, v uint64, digits int) (int, uint64) {
	w := len(buf)
	significant := false
	for i := 0; i < digits; i++ {
		digit := byte(v % 10)
		significant = significant || digit != 0
		if significant {
			w--
			buf[w] = '0' + digit
		}
		v /= 10
	}
	if significant {
		w--
		buf[w] = '.'
	}
	return w, v
}

// putInt writes v in decimal ending at the end of buf and returns where the
// text starts.
func putInt(buf []byte, v uint64) int {
	w := len(buf)
	for {
		w--
		buf[w] = byte(v%10) + '0'
		v /= 10
		if v == 0 {
			return w
		}
	}
}

// Nanoseconds returns d as an integer count of nanoseconds.
func (d Duration) Nanoseconds() int64 { return int64(d) }

// Microseconds returns d as an integer count of microseconds.
func (d Duration) Microseconds() int64 { return int64(d) / 1e3 }

// Milliseconds returns d as an integer count of milliseconds.
func (d Duration) Milliseconds() int64 { return int64(d) / 1e6 }

// Seconds returns d as a floating-point number of seconds.
func (d Duration) Seconds() float64 {
	whole := d / Second
	rest := d % Second
	return float64(whole) + float64(rest)/1e9
}

// Minutes returns d as a floating-point number of minutes.
func (d Duration) Minutes() float64 {
	whole := d / Minute
	rest := d % Minute
	return float64(whole) + float64(rest)/(60*1e9)
}

// Hours returns d as a floating-point number of hours.
func (d Duration) Hours() float64 {
	whole := d / Hour
	rest := d % Hour
	return float64(whole) + float64(rest)/(60*60*1e9)
}

// Truncate returns d rounded toward zero to a multiple of m; d itself if
// m <= 0.
func (d Duration) Truncate(m Duration) Duration {
	if m <= 0 {
		return d
	}
	return d - d%m
}

// Round returns d rounded to the nearest multiple of m, halves away from
// zero, saturating at the largest and smallest Durations; d itself if
// m <= 0.
func (d Duration) Round(m Duration) Duration {
	if m <= 0 {
		return d
	}
	r := d % m
	if d < 0 {
		r = -r
		if lessThanHalf(r, m) {
			return d + r
		}
		if d1 := d - m + r; d1 < d {
			return d1
		}
		return minDuration
	}
	if lessThanHalf(r, m) {
		return d - r
	}
	if d1 := d + m - r; d1 > d {
		return d1
	}
	return maxDuration
}

// Abs returns the absolute value of d; the smallest Duration, which has no
// positive counterpart, gives the largest.
func (d Duration) Abs() Duration {
	switch {
	case d >= 0:
		return d
	case d == minDuration:
		return maxDuration
	default:
		return -d
	}
}

// lessThanHalf reports whether x+x < y, without overflow, for x, y >= 0.
func lessThanHalf(x, y Duration) bool {
	return uint64(x)+uint64(x) < uint64(y)
}
