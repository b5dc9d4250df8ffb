// strconv is GOROOT's (FormatFloat bound to rt-core): its whole API, with
// NumError values errors.As finds.
package main

import (
	"errors"
	"fmt"
	"strconv"
)

func main() {
	fmt.Println(strconv.Itoa(-42), strconv.FormatInt(255, 16), strconv.FormatUint(1<<63, 2))
	fmt.Println(strconv.FormatFloat(3.14159, 'g', -1, 64), strconv.FormatFloat(1e21, 'f', 2, 64), strconv.FormatFloat(0.1, 'e', 3, 32))
	n, err := strconv.Atoi("12x")
	fmt.Println(n, err)
	var ne *strconv.NumError
	fmt.Println(errors.As(err, &ne), ne.Func, errors.Is(err, strconv.ErrSyntax))
	f, err := strconv.ParseFloat("1e400", 64)
	fmt.Println(f, err)
	fmt.Println(strconv.Quote("héllo\n\x00"), strconv.QuoteToASCII("héllo"))
	s, err := strconv.Unquote(`"a\tb"`)
	fmt.Println(s, err)
	b, _ := strconv.ParseBool("true")
	fmt.Println(b, string(strconv.AppendInt([]byte("x="), 7, 10)))
	u, err := strconv.ParseUint("300", 10, 8)
	fmt.Println(u, err)
}
