// A net/http server on the loopback interface answers clients that run
// at the same time, through the runtime's poller; the handler also reads
// a pipe that blocks outside the poller until another goroutine writes.
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"syscall"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/hello/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello, %s", strings.TrimPrefix(r.URL.Path, "/hello/"))
	})
	mux.HandleFunc("/pipe", func(w http.ResponseWriter, r *http.Request) {
		var p [2]int
		if err := syscall.Pipe(p[:]); err != nil {
			panic(err)
		}
		go func() {
			syscall.Write(p[1], []byte("through a blocking pipe"))
		}()
		buf := make([]byte, 64)
		n, _ := syscall.Read(p[0], buf)
		syscall.Close(p[0])
		syscall.Close(p[1])
		w.Write(buf[:n])
	})
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)

	base := "http://" + ln.Addr().String()
	var mu sync.Mutex
	var got []string
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			url := fmt.Sprintf("%s/hello/client%02d", base, i)
			if i%5 == 0 {
				url = base + "/pipe"
			}
			resp, err := http.Get(url)
			if err != nil {
				panic(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				panic(err)
			}
			mu.Lock()
			got = append(got, fmt.Sprintf("%d %s", resp.StatusCode, body))
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	sort.Strings(got)
	for _, g := range got {
		fmt.Println(g)
	}
	srv.Close()
}
