package time

// A Time is an instant with nanosecond precision. Times returned by Now
// also carry a monotonic clock reading, which Sub, Since, Until, Before,
// After and Equal use when both operands have one, so that changes of the
// wall clock do not disturb measured intervals.
//
// The zero Time is January 1, year 1, 00:00:00 UTC.
type Time struct {
	sec     int64     // wall clock: seconds since January 1, year 1, UTC
	nsec    int32     // wall clock: nanoseconds within sec, [0, 999999999]
	hasMono bool      // whether mono holds a monotonic reading
	mono    int64     // monotonic clock reading in nanoseconds
	loc     *Location // nil for UTC
}

// unixToInternal is the number of seconds from January 1, year 1 to
// January 1, 1970: 1969 years of 365 days plus their leap days.
const unixToInternal int64 = (1969*365 + 1969/4 - 1969/100 + 1969/400) * 86400

// nanotime returns the monotonic clock in nanoseconds.
//
//rgo:runtime rgo_nanotime
func nanotime() int64

// walltime returns the wall clock as seconds and nanoseconds since 1970.
//
//rgo:runtime rgo_walltime
func walltime() (sec int64, nsec int64)

// Now returns the current time, with a monotonic reading.
func Now() Time {
	sec, nsec := walltime()
	mono := nanotime()
	return Time{sec: sec + unixToInternal, nsec: int32(nsec), hasMono: true, mono: mono, loc: Local}
}

// Since returns the time elapsed since t; Now().Sub(t).
func Since(t Time) Duration {
	return Now().Sub(t)
}

// Until returns the duration until t; t.Sub(Now()).
func Until(t Time) Duration {
	return t.Sub(Now())
}

// Unix returns the Time sec seconds and nsec nanoseconds after January 1,
// 1970 UTC. nsec may be outside [0, 999999999].
func Unix(sec int64, nsec int64) Time {
	if nsec < 0 || nsec >= 1e9 {
		carry := nsec / 1e9
		sec += carry
		nsec -= carry * 1e9
		if nsec < 0 {
			nsec += 1e9
			sec--
		}
	}
	return Time{sec: sec + unixToInternal, nsec: int32(nsec), loc: Local}
}

// UnixMilli returns the Time msec milliseconds after January 1, 1970 UTC.
func UnixMilli(msec int64) Time {
	return Unix(msec/1e3, (msec%1e3)*1e6)
}

// UnixMicro returns the Time usec microseconds after January 1, 1970 UTC.
func UnixMicro(usec int64) Time {
	return Unix(usec/1e6, (usec%1e6)*1e3)
}

// Unix returns t as seconds since January 1, 1970 UTC.
func (t Time) Unix() int64 { return t.sec - unixToInternal }

// UnixMilli returns t as milliseconds since January 1, 1970 UTC.
func (t Time) UnixMilli() int64 { return t.Unix()*1e3 + int64(t.nsec)/1e6 }

// UnixMicro returns t as microseconds since January 1, 1970 UTC.
func (t Time) UnixMicro() int64 { return t.Unix()*1e6 + int64(t.nsec)/1e3 }

// UnixNano returns t as nanoseconds since January 1, 1970 UTC; the result
// is undefined outside the years 1678 to 2262.
func (t Time) UnixNano() int64 { return t.Unix()*1e9 + int64(t.nsec) }

// Nanosecond returns the nanosecond offset within t's second.
func (t Time) Nanosecond() int { return int(t.nsec) }

// IsZero reports whether t is the zero Time.
func (t Time) IsZero() bool { return t.sec == 0 && t.nsec == 0 }

// After reports whether t is after u.
func (t Time) After(u Time) bool {
	if t.hasMono && u.hasMono {
		return t.mono > u.mono
	}
	return t.sec > u.sec || t.sec == u.sec && t.nsec > u.nsec
}

// Before reports whether t is before u.
func (t Time) Before(u Time) bool {
	if t.hasMono && u.hasMono {
		return t.mono < u.mono
	}
	return t.sec < u.sec || t.sec == u.sec && t.nsec < u.nsec
}

// Equal reports whether t and u are the same instant.
func (t Time) Equal(u Time) bool {
	if t.hasMono && u.hasMono {
		return t.mono == u.mono
	}
	return t.sec == u.sec && t.nsec == u.nsec
}

// Add returns t+d. The monotonic reading moves along unless it would
// overflow, in which case the result has none.
func (t Time) Add(d Duration) Time {
	dsec := int64(d / Second)
	nsec := t.nsec + int32(d%Second)
	if nsec >= 1e9 {
		dsec++
		nsec -= 1e9
	} else if nsec < 0 {
		dsec--
		nsec += 1e9
	}
	t.sec += dsec
	t.nsec = nsec
	if t.hasMono {
		m := t.mono + int64(d)
		if d < 0 && m > t.mono || d > 0 && m < t.mono {
			t.hasMono = false
			t.mono = 0
		} else {
			t.mono = m
		}
	}
	return t
}

// Sub returns t-u, saturating at the largest and smallest Durations.
func (t Time) Sub(u Time) Duration {
	if t.hasMono && u.hasMono {
		d := Duration(t.mono - u.mono)
		switch {
		case d < 0 && t.mono > u.mono:
			return maxDuration
		case d > 0 && t.mono < u.mono:
			return minDuration
		}
		return d
	}
	d := Duration(t.sec-u.sec)*Second + Duration(t.nsec-u.nsec)
	switch {
	case u.Add(d).Equal(t):
		return d
	case t.Before(u):
		return minDuration
	default:
		return maxDuration
	}
}

// Truncate returns t rounded down to a multiple of d since the zero Time,
// without a monotonic reading; t without it if d <= 0.
func (t Time) Truncate(d Duration) Time {
	t.hasMono, t.mono = false, 0
	if d <= 0 {
		return t
	}
	return t.Add(-t.remainder(d))
}

// Round returns t rounded to the nearest multiple of d since the zero
// Time, halves up, without a monotonic reading; t without it if d <= 0.
func (t Time) Round(d Duration) Time {
	t.hasMono, t.mono = false, 0
	if d <= 0 {
		return t
	}
	r := t.remainder(d)
	if lessThanHalf(r, d) {
		return t.Add(-r)
	}
	return t.Add(d - r)
}

// remainder returns (t - zero Time) mod d, in [0, d), for d > 0. The
// dividend, up to 2^63 seconds of nanoseconds, needs 96 bits; it is divided
// bit by bit.
func (t Time) remainder(d Duration) Duration {
	sec, nsec := t.sec, int64(t.nsec)
	neg := sec < 0
	if neg {
		// Work with the magnitude; a non-zero remainder flips at the end.
		sec = -sec
		nsec = -nsec
		if nsec < 0 {
			nsec += 1e9
			sec--
		}
	}
	// hi:lo = sec*1e9 + nsec as an unsigned 128-bit number.
	hi, lo := mul64(uint64(sec), 1e9)
	lo2 := lo + uint64(nsec)
	if lo2 < lo {
		hi++
	}
	lo = lo2
	m := uint64(d)
	var r uint64
	for i := 127; i >= 0; i-- {
		var bit uint64
		if i >= 64 {
			bit = hi >> uint(i-64) & 1
		} else {
			bit = lo >> uint(i) & 1
		}
		// r < m < 2^63, so the shift cannot overflow.
		r = r<<1 | bit
		if r >= m {
			r -= m
		}
	}
	if neg && r != 0 {
		r = m - r
	}
	return Duration(r)
}

// mul64 returns the 128-bit product of x and y as high and low words.
func mul64(x, y uint64) (hi, lo uint64) {
	const mask = 1<<32 - 1
	x0, x1 := x&mask, x>>32
	y0, y1 := y&mask, y>>32
	w0 := x0 * y0
	t := x1*y0 + w0>>32
	w1 := t & mask
	w2 := t >> 32
	w1 += x0 * y1
	hi = x1*y1 + w2 + w1>>32
	lo = x * y
	return hi, lo
}

// A Month is a month of the year (January = 1).
type Month int

// The months.
const (
	January Month = 1 + iota
	February
	March
	April
	May
	June
	July
	August
	September
	October
	November
	December
)

var monthNames = [...]string{
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
}

// String returns the English name of m ("January"), or "%!Month(13)" for
// a value that is no month (negative values print as their uint64
// conversion, as Go's do).
func (m Month) String() string {
	if January <= m && m <= December {
		return monthNames[m-1]
	}
	return "%!Month(" + formatUint(uint64(m)) + ")"
}

// A Weekday is a day of the week (Sunday = 0).
type Weekday int

// The days of the week.
const (
	Sunday Weekday = iota
	Monday
	Tuesday
	Wednesday
	Thursday
	Friday
	Saturday
)

var dayNames = [...]string{
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
}

// String returns the English name of d ("Sunday"), or "%!Weekday(7)" for a
// value that is no weekday.
func (d Weekday) String() string {
	if Sunday <= d && d <= Saturday {
		return dayNames[d]
	}
	return "%!Weekday(" + formatUint(uint64(d)) + ")"
}

// formatUint returns v in decimal.
func formatUint(v uint64) string {
	var buf [20]byte
	return string(buf[putInt(buf[:], v):])
}
