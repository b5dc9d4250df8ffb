// Methods reached only through method tables stay callable wherever an
// interface call, the runtime or reflect can reach them: fmt's Stringer
// and error, sort.Interface, method values of interfaces, embedded
// interfaces, reflect's Method and MethodByName, a panic's Error.
package main

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"
)

type T struct{ n int }

func (t T) String() string { return fmt.Sprintf("T(%d)", t.n) }
func (t T) Hidden() string { return "hidden" }
func (t *T) Ptr() string   { return "ptr" }

type byLen []string

func (b byLen) Len() int           { return len(b) }
func (b byLen) Less(i, j int) bool { return len(b[i]) < len(b[j]) }
func (b byLen) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

type E struct{ msg string }

func (e E) Error() string { return "E: " + e.msg }

type shouter interface{ Shout() string }

type loud struct{}

func (loud) Shout() string { return "HEY" }

// An embedded interface: S's Shout calls through it.
type S struct{ shouter }

type counter struct{ n int }

func (c *counter) Write(p []byte) (int, error) { c.n += len(p); return len(p), nil }

type onlyReflect struct{}

func (onlyReflect) Exported(x int) int { return x * 3 }

func main() {
	fmt.Println(T{3}, &T{4})
	s := byLen{"ccc", "a", "bb"}
	sort.Sort(s)
	fmt.Println(s)
	var sh shouter = S{loud{}}
	f := sh.Shout
	fmt.Println(f())
	var w io.Writer = &counter{}
	fmt.Fprintf(w, "%d", 12345)
	fmt.Println(w.(*counter).n)
	v := reflect.ValueOf(T{5})
	fmt.Println(v.MethodByName("Hidden").Call(nil)[0], v.NumMethod())
	r := reflect.ValueOf(onlyReflect{}).Method(0).Call([]reflect.Value{reflect.ValueOf(14)})
	fmt.Println(r[0].Int(), reflect.TypeOf(onlyReflect{}).Method(0).Name)
	var err error = E{"x"}
	fmt.Println(errors.Is(err, E{"x"}), err, fmt.Errorf("wrapped: %w", err))
	fmt.Println(strings.NewReplacer("a", "b").Replace("banana"))
	defer func() { fmt.Println("recovered:", recover()) }()
	panic(E{"boom"})
}
