// encoding/json, encoding/xml, regexp and net/netip compiled from GOROOT
// (with GOROOT's strconv): the same output as gc.
package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/netip"
	"regexp"
)

type Person struct {
	Name    string            `json:"name" xml:"name"`
	Age     int               `json:"age,omitempty" xml:"age,attr"`
	Emails  []string          `json:"emails" xml:"email"`
	Extra   map[string]any    `json:"extra,omitempty" xml:"-"`
	private int
}

func main() {
	p := Person{Name: "Ann", Age: 40, Emails: []string{"a@x.org", "ann@y.com"}, Extra: map[string]any{"k": 1.5, "b": true}}
	b, err := json.Marshal(p)
	fmt.Println(string(b), err)
	var q Person
	err = json.Unmarshal([]byte(`{"name":"Bob","emails":["b@z"],"extra":{"n":[1,2,{"x":null}]}}`), &q)
	fmt.Printf("%+v %v\n", q, err)
	b, _ = json.MarshalIndent(map[string]int{"z": 1, "a": 2}, "", "  ")
	fmt.Println(string(b))
	var bad struct{ A int }
	fmt.Println(json.Unmarshal([]byte(`{"A":"x"}`), &bad))
	x, err := xml.MarshalIndent(p, "", " ")
	fmt.Println(string(x), err)
	re := regexp.MustCompile(`(\w+)@(\w+)\.(org|com)`)
	fmt.Println(re.FindAllStringSubmatch("a@x.org, ann@y.com; bad@z.net", -1))
	fmt.Println(re.ReplaceAllString("mail a@x.org now", "<$2>"), re.MatchString("nope"))
	addr := netip.MustParseAddr("192.168.1.10")
	pfx := netip.MustParsePrefix("192.168.0.0/16")
	fmt.Println(addr, pfx.Contains(addr), addr.Is4(), netip.MustParseAddr("::1").IsLoopback())
}
