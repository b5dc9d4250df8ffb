package time

import "errors"

// The binary form of a Time (MarshalBinary, version 1): the version byte,
// the seconds since January 1 of year 1 (8 bytes), the nanoseconds (4)
// and the zone's offset east of UTC in minutes (2; -1 for UTC), all big
// endian, as Go writes it.
const binaryVersion byte = 1

// MarshalBinary implements the encoding.BinaryMarshaler interface.
func (t Time) MarshalBinary() ([]byte, error) {
	offsetMin := int16(-1)
	if t.loc != nil {
		_, offset := t.Zone()
		if offset%60 != 0 || offset/60 < -32768 || offset/60 > 32767 {
			return nil, errors.New("Time.MarshalBinary: unexpected zone offset")
		}
		offsetMin = int16(offset / 60)
	}
	b := make([]byte, 0, 15)
	b = append(b, binaryVersion)
	for shift := 56; shift >= 0; shift -= 8 {
		b = append(b, byte(t.sec>>uint(shift)))
	}
	for shift := 24; shift >= 0; shift -= 8 {
		b = append(b, byte(t.nsec>>uint(shift)))
	}
	return append(b, byte(offsetMin>>8), byte(offsetMin)), nil
}

// UnmarshalBinary implements the encoding.BinaryUnmarshaler interface.
// rgo knows no zone but UTC (and Local, which is UTC): a time written with
// another offset is an error.
func (t *Time) UnmarshalBinary(data []byte) error {
	if len(data) == 0 {
		return errors.New("Time.UnmarshalBinary: no data")
	}
	// Version 2 adds a byte of seconds to the offset (Go writes it for
	// zones whose offset is not whole minutes).
	want := 0
	switch data[0] {
	case binaryVersion:
		want = 15
	case binaryVersion + 1:
		want = 16
	default:
		return errors.New("Time.UnmarshalBinary: unsupported version")
	}
	if len(data) != want {
		return errors.New("Time.UnmarshalBinary: invalid length")
	}
	var sec int64
	for _, c := range data[1:9] {
		sec = sec<<8 | int64(c)
	}
	var nsec int32
	for _, c := range data[9:13] {
		nsec = nsec<<8 | int32(c)
	}
	offsetMin := int16(data[13])<<8 | int16(data[14])
	var loc *Location
	switch {
	case offsetMin == -1:
		loc = UTC
	case offsetMin == 0 && (want == 15 || data[15] == 0):
		loc = Local
	default:
		return errors.New("Time.UnmarshalBinary: rgo does not support zones other than UTC yet")
	}
	*t = Time{sec: sec, nsec: nsec}
	t.setLoc(loc)
	return nil
}

// GobEncode implements the gob.GobEncoder interface.
func (t Time) GobEncode() ([]byte, error) {
	return t.MarshalBinary()
}

// GobDecode implements the gob.GobDecoder interface.
func (t *Time) GobDecode(data []byte) error {
	return t.UnmarshalBinary(data)
}
