// http/hello: a net/http server answering every request with "Hello,
// World!\n", for bench/src/bin/http_load.rs: it listens on a free port of
// the loopback interface and prints its address as its first line.
// GOMAXPROCS is the environment's (gc's default: the number of CPUs;
// rgo's: 1).
package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
)

func main() {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(l.Addr())
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "Hello, World!\n")
	})
	fmt.Fprintln(os.Stderr, http.Serve(l, nil))
	os.Exit(1)
}
