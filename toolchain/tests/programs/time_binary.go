// time.Time's binary form (MarshalBinary, GobEncode) as Go writes it, read
// back; AddDate; ParseError's messages.
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.Date(2024, time.February, 29, 23, 59, 58, 123456789, time.UTC)
	b, err := t.MarshalBinary()
	fmt.Println(b, err)
	var u time.Time
	fmt.Println(u.UnmarshalBinary(b), u, u.Equal(t), u.Location())
	g, _ := time.Unix(0, 0).UTC().GobEncode()
	fmt.Println(g)
	var z time.Time
	fmt.Println(z.GobDecode(g), z.Unix())
	fmt.Println(z.UnmarshalBinary(nil), z.UnmarshalBinary([]byte{2}), z.UnmarshalBinary(b[:5]))
	fmt.Println(t.AddDate(0, 1, 0), t.AddDate(-1, 0, 1), t.AddDate(0, 0, -60))
	e := &time.ParseError{Layout: "2006", Value: "x\xffy", LayoutElem: "2006", ValueElem: "x"}
	fmt.Println(e)
	e.Message = ": month out of range"
	fmt.Println(e.Error())
}
