package time

// Layouts for Time.Format, written in terms of the reference time
// Mon Jan 2 15:04:05 MST 2006.
const (
	Layout      = "01/02 03:04:05PM '06 -0700"
	ANSIC       = "Mon Jan _2 15:04:05 2006"
	UnixDate    = "Mon Jan _2 15:04:05 MST 2006"
	RubyDate    = "Mon Jan 02 15:04:05 -0700 2006"
	RFC822      = "02 Jan 06 15:04 MST"
	RFC822Z     = "02 Jan 06 15:04 -0700"
	RFC850      = "Monday, 02-Jan-06 15:04:05 MST"
	RFC1123     = "Mon, 02 Jan 2006 15:04:05 MST"
	RFC1123Z    = "Mon, 02 Jan 2006 15:04:05 -0700"
	RFC3339     = "2006-01-02T15:04:05Z07:00"
	RFC3339Nano = "2006-01-02T15:04:05.999999999Z07:00"
	Kitchen     = "3:04PM"
	Stamp       = "Jan _2 15:04:05"
	StampMilli  = "Jan _2 15:04:05.000"
	StampMicro  = "Jan _2 15:04:05.000000"
	StampNano   = "Jan _2 15:04:05.000000000"
)

// The layout elements nextElem recognises.
const (
	elemNone          = iota
	elemLongMonth     // January
	elemMonth         // Jan
	elemNumMonth      // 1
	elemZeroMonth     // 01
	elemLongWeekDay   // Monday
	elemWeekDay       // Mon
	elemDay           // 2
	elemUnderDay      // _2
	elemZeroDay       // 02
	elemUnderYearDay  // __2
	elemZeroYearDay   // 002
	elemHour          // 15
	elemHour12        // 3
	elemZeroHour12    // 03
	elemMinute        // 4
	elemZeroMinute    // 04
	elemSecond        // 5
	elemZeroSecond    // 05
	elemLongYear      // 2006
	elemYear          // 06
	elemPM            // PM
	elempm            // pm
	elemTZ            // MST
	elemISOTZ         // Z0700
	elemISOSecondsTZ  // Z070000
	elemISOShortTZ    // Z07
	elemISOColonTZ    // Z07:00
	elemISOColonSecTZ // Z07:00:00
	elemNumTZ         // -0700
	elemNumSecondsTZ  // -070000
	elemNumShortTZ    // -07
	elemNumColonTZ    // -07:00
	elemNumColonSecTZ // -07:00:00
	elemFrac0         // .000 or ,000: that many digits
	elemFrac9         // .999 or ,999: up to that many, trailing zeros cut
)

// zeroElems maps the digit after a '0' to its element (01 to 06).
var zeroElems = [...]int{elemZeroMonth, elemZeroDay, elemZeroHour12, elemZeroMinute, elemZeroSecond, elemYear}

// A tzForm is one spelling of a numeric zone offset.
type tzForm struct {
	text string
	elem int
}

var dashZones = [...]tzForm{
	{"-070000", elemNumSecondsTZ}, {"-07:00:00", elemNumColonSecTZ}, {"-0700", elemNumTZ},
	{"-07:00", elemNumColonTZ}, {"-07", elemNumShortTZ},
}

var isoZones = [...]tzForm{
	{"Z070000", elemISOSecondsTZ}, {"Z07:00:00", elemISOColonSecTZ}, {"Z0700", elemISOTZ},
	{"Z07:00", elemISOColonTZ}, {"Z07", elemISOShortTZ},
}

// hasAt reports whether s holds word at index i.
func hasAt(s string, i int, word string) bool {
	return len(s)-i >= len(word) && s[i:i+len(word)] == word
}

// lowerAt reports whether s has a lower-case ASCII letter at index i.
func lowerAt(s string, i int) bool {
	return i < len(s) && 'a' <= s[i] && s[i] <= 'z'
}

// nextElem finds the first layout element in layout. It returns the
// literal text before it, the element (elemNone if there is none), the
// number of fraction digits and the fraction's separator for elemFrac0 and
// elemFrac9, and the rest of the layout after the element.
func nextElem(layout string) (lit string, elem int, digits int, sep byte, rest string) {
	for i := 0; i < len(layout); i++ {
		c := layout[i]
		switch c {
		case 'J':
			if hasAt(layout, i, "January") {
				return layout[:i], elemLongMonth, 0, 0, layout[i+7:]
			}
			if hasAt(layout, i, "Jan") && !lowerAt(layout, i+3) {
				return layout[:i], elemMonth, 0, 0, layout[i+3:]
			}
		case 'M':
			if hasAt(layout, i, "Monday") {
				return layout[:i], elemLongWeekDay, 0, 0, layout[i+6:]
			}
			if hasAt(layout, i, "Mon") && !lowerAt(layout, i+3) {
				return layout[:i], elemWeekDay, 0, 0, layout[i+3:]
			}
			if hasAt(layout, i, "MST") {
				return layout[:i], elemTZ, 0, 0, layout[i+3:]
			}
		case '0':
			if i+1 < len(layout) && '1' <= layout[i+1] && layout[i+1] <= '6' {
				return layout[:i], zeroElems[layout[i+1]-'1'], 0, 0, layout[i+2:]
			}
			if hasAt(layout, i, "002") {
				return layout[:i], elemZeroYearDay, 0, 0, layout[i+3:]
			}
		case '1':
			if hasAt(layout, i, "15") {
				return layout[:i], elemHour, 0, 0, layout[i+2:]
			}
			return layout[:i], elemNumMonth, 0, 0, layout[i+1:]
		case '2':
			if hasAt(layout, i, "2006") {
				return layout[:i], elemLongYear, 0, 0, layout[i+4:]
			}
			return layout[:i], elemDay, 0, 0, layout[i+1:]
		case '_':
			if hasAt(layout, i, "_2006") {
				// A literal underscore before the year.
				return layout[:i+1], elemLongYear, 0, 0, layout[i+5:]
			}
			if hasAt(layout, i, "_2") {
				return layout[:i], elemUnderDay, 0, 0, layout[i+2:]
			}
			if hasAt(layout, i, "__2") {
				return layout[:i], elemUnderYearDay, 0, 0, layout[i+3:]
			}
		case '3':
			return layout[:i], elemHour12, 0, 0, layout[i+1:]
		case '4':
			return layout[:i], elemMinute, 0, 0, layout[i+1:]
		case '5':
			return layout[:i], elemSecond, 0, 0, layout[i+1:]
		case 'P':
			if hasAt(layout, i, "PM") {
				return layout[:i], elemPM, 0, 0, layout[i+2:]
			}
		case 'p':
			if hasAt(layout, i, "pm") {
				return layout[:i], elempm, 0, 0, layout[i+2:]
			}
		case '-':
			for _, z := range dashZones {
				if hasAt(layout, i, z.text) {
					return layout[:i], z.elem, 0, 0, layout[i+len(z.text):]
				}
			}
		case 'Z':
			for _, z := range isoZones {
				if hasAt(layout, i, z.text) {
					return layout[:i], z.elem, 0, 0, layout[i+len(z.text):]
				}
			}
		case '.', ',':
			if i+1 < len(layout) && (layout[i+1] == '0' || layout[i+1] == '9') {
				d := layout[i+1]
				j := i + 1
				for j < len(layout) && layout[j] == d {
					j++
				}
				// The run must not continue with other digits.
				if j < len(layout) && '0' <= layout[j] && layout[j] <= '9' {
					continue
				}
				e := elemFrac0
				if d == '9' {
					e = elemFrac9
				}
				return layout[:i], e, j - (i + 1), c, layout[j:]
			}
		}
	}
	return layout, elemNone, 0, 0, ""
}

// appendInt appends x in decimal, zero-padded to at least width digits
// (after the sign).
func appendInt(b []byte, x int, width int) []byte {
	u := uint64(x)
	if x < 0 {
		b = append(b, '-')
		u = -u
	}
	var buf [20]byte
	w := putInt(buf[:], u)
	for n := len(buf) - w; n < width; n++ {
		b = append(b, '0')
	}
	return append(b, buf[w:]...)
}

// appendFrac appends the separator and the first digits digits (at most
// nine) of the fraction nsec/1e9; with trim, trailing zeros are cut and
// nothing at all is appended for a zero fraction.
func appendFrac(b []byte, nsec int, digits int, sep byte, trim bool) []byte {
	var buf [9]byte
	u := nsec
	for i := len(buf) - 1; i >= 0; i-- {
		buf[i] = byte('0' + u%10)
		u /= 10
	}
	if digits > 9 {
		digits = 9
	}
	if trim {
		for digits > 0 && buf[digits-1] == '0' {
			digits--
		}
		if digits == 0 {
			return b
		}
	}
	b = append(b, sep)
	return append(b, buf[:digits]...)
}

// Format returns t written in layout, a pattern made of the reference
// time's elements (see the layout constants); other text is copied.
func (t Time) Format(layout string) string {
	var buf [64]byte
	return string(t.AppendFormat(buf[:0], layout))
}

// AppendFormat appends t written in layout to b and returns the result.
func (t Time) AppendFormat(b []byte, layout string) []byte {
	day, secs := t.days()
	year, month, mday := civil(day)
	hour := int(secs / secondsPerHour)
	min := int(secs % secondsPerHour / secondsPerMinute)
	sec := int(secs % secondsPerMinute)
	for layout != "" {
		lit, elem, digits, sep, rest := nextElem(layout)
		b = append(b, lit...)
		if elem == elemNone {
			break
		}
		layout = rest
		switch elem {
		case elemYear:
			y := year
			if y < 0 {
				y = -y
			}
			b = appendInt(b, y%100, 2)
		case elemLongYear:
			b = appendInt(b, year, 4)
		case elemMonth:
			b = append(b, month.String()[:3]...)
		case elemLongMonth:
			b = append(b, month.String()...)
		case elemNumMonth:
			b = appendInt(b, int(month), 0)
		case elemZeroMonth:
			b = appendInt(b, int(month), 2)
		case elemWeekDay:
			b = append(b, t.Weekday().String()[:3]...)
		case elemLongWeekDay:
			b = append(b, t.Weekday().String()...)
		case elemDay:
			b = appendInt(b, mday, 0)
		case elemUnderDay:
			if mday < 10 {
				b = append(b, ' ')
			}
			b = appendInt(b, mday, 0)
		case elemZeroDay:
			b = appendInt(b, mday, 2)
		case elemUnderYearDay, elemZeroYearDay:
			yd := t.YearDay()
			if elem == elemZeroYearDay {
				b = appendInt(b, yd, 3)
				break
			}
			if yd < 100 {
				b = append(b, ' ')
			}
			if yd < 10 {
				b = append(b, ' ')
			}
			b = appendInt(b, yd, 0)
		case elemHour:
			b = appendInt(b, hour, 2)
		case elemHour12, elemZeroHour12:
			h := hour % 12
			if h == 0 {
				h = 12
			}
			w := 0
			if elem == elemZeroHour12 {
				w = 2
			}
			b = appendInt(b, h, w)
		case elemMinute:
			b = appendInt(b, min, 0)
		case elemZeroMinute:
			b = appendInt(b, min, 2)
		case elemSecond:
			b = appendInt(b, sec, 0)
		case elemZeroSecond:
			b = appendInt(b, sec, 2)
		case elemPM:
			if hour >= 12 {
				b = append(b, "PM"...)
			} else {
				b = append(b, "AM"...)
			}
		case elempm:
			if hour >= 12 {
				b = append(b, "pm"...)
			} else {
				b = append(b, "am"...)
			}
		case elemTZ:
			b = append(b, "UTC"...)
		case elemISOTZ, elemISOSecondsTZ, elemISOShortTZ, elemISOColonTZ, elemISOColonSecTZ:
			// The offset is always zero: ISO 8601 spells it Z.
			b = append(b, 'Z')
		case elemNumTZ:
			b = append(b, "+0000"...)
		case elemNumSecondsTZ:
			b = append(b, "+000000"...)
		case elemNumShortTZ:
			b = append(b, "+00"...)
		case elemNumColonTZ:
			b = append(b, "+00:00"...)
		case elemNumColonSecTZ:
			b = append(b, "+00:00:00"...)
		case elemFrac0, elemFrac9:
			b = appendFrac(b, int(t.nsec), digits, sep, elem == elemFrac9)
		}
	}
	return b
}

// startNano is the monotonic clock at the package's start; String shows
// monotonic readings relative to it, as gc's m=+0.000012345.
var startNano int64 = nanotime() - 1

// String returns t in the layout "2006-01-02 15:04:05.999999999 -0700 MST",
// followed by " m=±seconds" when t has a monotonic reading.
func (t Time) String() string {
	s := t.Format("2006-01-02 15:04:05.999999999 -0700 MST")
	if !t.hasMono {
		return s
	}
	m := t.mono - startNano
	b := []byte(" m=+")
	u := uint64(m)
	if m < 0 {
		b[3] = '-'
		u = -u
	}
	whole, frac := u/1e9, u%1e9
	hi, lo := whole/1e9, whole%1e9
	w := 0
	if hi != 0 {
		b = appendInt(b, int(hi), 0)
		w = 9
	}
	b = appendInt(b, int(lo), w)
	b = append(b, '.')
	b = appendInt(b, int(frac), 9)
	return s + string(b)
}
