// os.Pipe with a reader goroutine that waits in the network poller: more
// than a pipe holds is written while it reads, the end of the data is seen
// when the write end closes, and a write to a pipe whose read end is closed
// fails. On the boards the pipes and epoll are the runtime's own
// (docs/boards.md).
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	r, w, err := os.Pipe()
	if err != nil {
		fmt.Println(err)
		return
	}
	out := make(chan string)
	go func() {
		var b strings.Builder
		_, err := io.Copy(&b, r)
		r.Close()
		out <- fmt.Sprint(b.Len(), err, strings.HasSuffix(b.String(), "xhello\n"))
	}()
	big := strings.Repeat("x", 200000)
	n, err := w.Write([]byte(big))
	fmt.Println(n, err)
	fmt.Fprintf(w, "hello\n")
	w.Close()
	fmt.Println(<-out)
	_, err = w.Write([]byte("x"))
	fmt.Println(err)

	r2, w2, _ := os.Pipe()
	r2.Close()
	_, err = w2.Write([]byte("x"))
	fmt.Println(err)
	w2.Close()

	// Pipes made and closed one after another (a test binary's examples
	// each capture their output so).
	total := 0
	for i := 0; i < 200; i++ {
		r, w, err := os.Pipe()
		if err != nil {
			fmt.Println(i, err)
			return
		}
		fmt.Fprintf(w, "%d\n", i)
		w.Close()
		b, _ := io.ReadAll(r)
		r.Close()
		total += len(b)
	}
	fmt.Println(total)
}
