// What the lowering reads from the type checker's facts rather than
// working out itself: the types of values of packages the file does not
// import, package-level variables without a written type, constants among
// deferred arguments, interface map keys, method values deferred.
package main

import (
	"encoding/hex"
	"fmt"
	"runtime/debug"
	"strings"
)

type T struct{ n int }

func (t *T) Inc()         { t.n++ }
func (t T) Show() int     { return t.n }
func pair() (int, string) { return 7, "seven" }

var (
	st       debug.GCStats                // its fields are of package time, not imported
	sb       strings.Builder
	w                      = hex.NewEncoder(&sb) // an io.Writer, io not imported
	m                      = map[string]int{"a": 1}
	v, ok                  = m["a"]
	x, y                   = pair()
	any1     interface{}   = 3
	i, isInt               = any1.(int)
	keys                   = map[interface{}]string{1: "int", "1": "string", 1.5: "float64", nil: "nil"}
)

func main() {
	last, total := st.LastGC, st.PauseTotal
	fmt.Println(last.IsZero(), total.String(), (total + 1500000000).Seconds(), w != nil)
	fmt.Fprint(w, "hi")
	fmt.Println(sb.String())
	fmt.Println(v, ok, x, y, i, isInt)
	for _, k := range []interface{}{1, "1", 1.5, nil} {
		fmt.Printf("%v:%s ", k, keys[k])
	}
	fmt.Println()
	t := &T{}
	func() {
		defer t.Inc()
		defer fmt.Println("deferred", nil == error(nil), 1<<3)
		t.n = 10
	}()
	fmt.Println(t.Show())
	s := []int{1, 2, 3}
	s[0], s[2] = s[2], s[0]
	fmt.Println(s)
	var u uint = 1
	var sh uint64 = 1<<u + 2
	fmt.Println(sh)
}
