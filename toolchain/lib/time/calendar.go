package time

// A Location is a time zone. rgo knows only UTC: Local is UTC too, under
// its own name.
type Location struct {
	name string
}

var utcLoc = Location{name: "UTC"}
var localLoc = Location{name: "Local"}

// UTC is Coordinated Universal Time.
var UTC *Location = &utcLoc

// Local is the system's time zone; in rgo it is always UTC.
var Local *Location = &localLoc

// String returns the location's name: "UTC" or "Local".
func (l *Location) String() string {
	if l == nil {
		return "UTC"
	}
	return l.name
}

// setLoc stores loc in t, keeping UTC as nil so that == treats every UTC
// Time alike.
func (t *Time) setLoc(loc *Location) {
	if loc == &utcLoc {
		loc = nil
	}
	t.loc = loc
}

// UTC returns t with its location set to UTC.
func (t Time) UTC() Time {
	t.setLoc(&utcLoc)
	return t
}

// Local returns t with its location set to Local.
func (t Time) Local() Time {
	t.setLoc(Local)
	return t
}

// In returns t with its location set to loc; it panics if loc is nil.
func (t Time) In(loc *Location) Time {
	if loc == nil {
		panic("time: missing Location in call to Time.In")
	}
	t.setLoc(loc)
	return t
}

// Location returns t's location (UTC for the zero Time).
func (t Time) Location() *Location {
	if t.loc == nil {
		return UTC
	}
	return t.loc
}

// Zone returns the zone's abbreviation and its offset east of UTC in
// seconds: always "UTC" and 0 in rgo.
func (t Time) Zone() (name string, offset int) {
	return "UTC", 0
}

const (
	secondsPerMinute = 60
	secondsPerHour   = 60 * secondsPerMinute
	secondsPerDay    = 24 * secondsPerHour
	// daysPer400Years is the length of the Gregorian cycle.
	daysPer400Years = 365*400 + 97
	// marchOffset is the number of days from March 1 of year 0 to
	// January 1 of year 1 (the civil computation counts years from March).
	marchOffset = 306
)

// floorDiv returns a/b rounded towards minus infinity and the remainder in
// [0, b), for b > 0.
func floorDiv(a, b int64) (q, r int64) {
	q, r = a/b, a%b
	if r < 0 {
		q--
		r += b
	}
	return q, r
}

// civil converts a day number (0 is January 1, year 1) to a date.
func civil(days int64) (year int, month Month, day int) {
	era, doe := floorDiv(days+marchOffset, daysPer400Years)
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // [0, 399]
	doy := doe - (365*yoe + yoe/4 - yoe/100)               // [0, 365], from March 1
	mp := (5*doy + 2) / 153                                // [0, 11], March = 0
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	y := yoe + era*400
	if m <= 2 {
		y++
	}
	return int(y), Month(m), int(d)
}

// dayNumber converts a date with month in [1, 12] and any day to a day
// number (0 is January 1, year 1).
func dayNumber(year int64, month int64, day int64) int64 {
	if month <= 2 {
		year--
		month += 9
	} else {
		month -= 3
	}
	era, yoe := floorDiv(year, 400)
	doy := (153*month+2)/5 + day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*daysPer400Years + doe - marchOffset
}

// isLeap reports whether year is a Gregorian leap year.
func isLeap(year int) bool {
	return year%4 == 0 && (year%100 != 0 || year%400 == 0)
}

// days returns t's day number and the seconds into that day.
func (t Time) days() (day int64, secs int64) {
	return floorDiv(t.sec, secondsPerDay)
}

// Date returns t's year, month and day.
func (t Time) Date() (year int, month Month, day int) {
	d, _ := t.days()
	return civil(d)
}

// Year returns t's year.
func (t Time) Year() int {
	y, _, _ := t.Date()
	return y
}

// Month returns t's month.
func (t Time) Month() Month {
	_, m, _ := t.Date()
	return m
}

// Day returns t's day of the month.
func (t Time) Day() int {
	_, _, d := t.Date()
	return d
}

// Weekday returns t's day of the week.
func (t Time) Weekday() Weekday {
	d, _ := t.days()
	// January 1 of year 1 was a Monday.
	_, w := floorDiv(d+1, 7)
	return Weekday(w)
}

// YearDay returns t's day of the year, 1 to 365 (366 in leap years).
func (t Time) YearDay() int {
	d, _ := t.days()
	y, _, _ := civil(d)
	return int(d-dayNumber(int64(y), 1, 1)) + 1
}

// Clock returns t's hour, minute and second.
func (t Time) Clock() (hour, min, sec int) {
	_, s := t.days()
	return int(s / secondsPerHour), int(s % secondsPerHour / secondsPerMinute), int(s % secondsPerMinute)
}

// Hour returns t's hour, 0 to 23.
func (t Time) Hour() int {
	h, _, _ := t.Clock()
	return h
}

// Minute returns t's minute, 0 to 59.
func (t Time) Minute() int {
	_, m, _ := t.Clock()
	return m
}

// Second returns t's second, 0 to 59.
func (t Time) Second() int {
	_, _, s := t.Clock()
	return s
}

// carry moves whole multiples of base from lo into hi so that lo ends in
// [0, base).
func carry(hi, lo, base int) (int, int) {
	if lo < 0 {
		n := (-lo-1)/base + 1
		hi -= n
		lo += n * base
	}
	if lo >= base {
		n := lo / base
		hi += n
		lo -= n * base
	}
	return hi, lo
}

// Date returns the Time of the given calendar fields in loc. Fields out of
// their ranges carry into the next larger one, so October 32 is November 1
// and month 13 is January of the next year. It panics if loc is nil.
func Date(year int, month Month, day, hour, min, sec, nsec int, loc *Location) Time {
	if loc == nil {
		panic("time: missing Location in call to Date")
	}
	m := int(month) - 1
	year, m = carry(year, m, 12)
	sec, nsec = carry(sec, nsec, 1e9)
	min, sec = carry(min, sec, 60)
	hour, min = carry(hour, min, 60)
	day, hour = carry(day, hour, 24)
	d := dayNumber(int64(year), int64(m+1), int64(day))
	s := d*secondsPerDay + int64(hour)*secondsPerHour + int64(min)*secondsPerMinute + int64(sec)
	t := Time{sec: s, nsec: int32(nsec)}
	t.setLoc(loc)
	return t
}

// AddDate returns the time corresponding to adding the given number of
// years, months and days to t, normalized as Date normalizes (October 32
// is November 1).
func (t Time) AddDate(years int, months int, days int) Time {
	year, month, day := t.Date()
	hour, min, sec := t.Clock()
	return Date(year+years, month+Month(months), day+days, hour, min, sec, t.Nanosecond(), t.Location())
}
