package main

import (
	"fmt"
	"strings"
	"time"
)

func main() {
	t := time.Date(2009, time.November, 10, 23, 4, 5, 123456789, time.UTC)
	fmt.Println(t)
	fmt.Println(t.String())
	y, m, d := t.Date()
	h, mi, s := t.Clock()
	fmt.Println(y, m, d, h, mi, s, t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond())
	fmt.Println(t.Weekday(), t.YearDay(), t.Location(), t.Unix(), t.UnixNano())

	layouts := []string{
		time.Layout, time.ANSIC, time.UnixDate, time.RubyDate, time.RFC822, time.RFC822Z,
		time.RFC850, time.RFC1123, time.RFC1123Z, time.RFC3339, time.RFC3339Nano, time.Kitchen,
		time.Stamp, time.StampMilli, time.StampMicro, time.StampNano,
		"Jan January Janet Mon Monday Month MST",
		"2 02 _2 __2 002 _2006 06",
		"3 03 15 4 04 5 05 PM pm",
		"-07 -0700 -07:00 -070000 -07:00:00 Z07 Z0700 Z07:00 Z070000 Z07:00:00",
		".0 .000 ,000 .9 .999 ,999999 .999999999999 .0000000000 .0001 1.5",
	}
	for _, l := range layouts {
		fmt.Printf("%-40q %q\n", l, t.Format(l))
	}

	// Normalisation of out-of-range fields.
	fmt.Println(time.Date(2020, 13, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(time.Date(2021, 2, 29, 0, 0, 0, 0, time.UTC))
	fmt.Println(time.Date(2020, 0, 0, 0, 0, 0, 0, time.UTC))
	fmt.Println(time.Date(2019, 3, 1, -1, 0, 0, 0, time.UTC))
	fmt.Println(time.Date(2000, 1, 1, 24, 60, 60, 1e9+7, time.UTC))
	fmt.Println(time.Date(1999, -13, 45, 0, -1, 0, -1, time.UTC))
	fmt.Println(time.Date(-44, 3, 15, 12, 0, 0, 0, time.UTC).Format(time.RFC1123Z))
	fmt.Println(time.Date(12345, 6, 7, 8, 9, 10, 0, time.UTC).Format(time.RFC3339))

	// Leap years, day of year and weekdays.
	for _, yr := range []int{1900, 2000, 2023, 2024, 2100} {
		end := time.Date(yr, time.December, 31, 0, 0, 0, 0, time.UTC)
		fmt.Println(yr, end.YearDay(), end.Weekday(), time.Date(yr, 3, 0, 0, 0, 0, 0, time.UTC).Day())
	}

	// Kitchen around midnight and noon.
	for _, hr := range []int{0, 1, 11, 12, 13, 23} {
		fmt.Print(time.Date(2022, 1, 1, hr, 5, 0, 0, time.UTC).Format(time.Kitchen), " ")
	}
	fmt.Println()

	// Locations. Local's name is "Local" where the system has a zone
	// (/etc/localtime), "UTC" where it has none (the boards), as in gc.
	fmt.Println(time.UTC, t.Local().Location() == time.Local, t.Local().UTC().Location())
	fmt.Println(t.Local().Format(time.RFC3339Nano), t.In(time.UTC) == t, t.Local() == t)
	var zero time.Time
	fmt.Println(zero, zero.Location(), zero.Weekday(), zero.YearDay())
	name, off := t.Zone()
	fmt.Println(name, off)
	u := time.Unix(1700000000, 5).UTC()
	fmt.Println(u, u.Format(time.UnixDate))
	fmt.Println(t.Add(36*time.Hour).Format(time.RFC850), t.Truncate(time.Hour), t.Round(time.Minute))
	fmt.Println(string(t.AppendFormat([]byte("at: "), "15h04")))

	// A monotonic reading shows as " m=+seconds".
	now := time.Now()
	str := now.String()
	i := strings.Index(str, " m=+")
	fmt.Println(i > 0, len(str)-i >= len(" m=+0.000000000"), strings.Contains(now.Round(0).String(), "m="))

	defer func() { fmt.Println("recovered:", recover()) }()
	_ = time.Date(2000, 1, 1, 0, 0, 0, 0, nil)
}
