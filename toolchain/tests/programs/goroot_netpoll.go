// The network poller (toolchain/lib/runtime/netpoll.go, rt-core netpoll):
// pipes and loopback sockets of GOROOT's os, net and net/http do I/O that
// parks only the goroutine that waits, with deadlines; while one waits on a
// descriptor, the others run and nothing is a deadlock.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

func main() {
	pipes()
	deadlines()
	tcpEcho()
	httpRoundTrip()
}

// A reader blocks on an empty pipe while the writer goroutine runs.
func pipes() {
	r, w, err := os.Pipe()
	if err != nil {
		panic(err)
	}
	go func() {
		for i := 0; i < 3; i++ {
			time.Sleep(5 * time.Millisecond)
			fmt.Fprintf(w, "line %d\n", i)
		}
		w.Close()
	}()
	s := bufio.NewScanner(r)
	for s.Scan() {
		fmt.Println("pipe:", s.Text())
	}
	fmt.Println("pipe: done", s.Err())
	r.Close()
}

// A read deadline ends a read nothing will satisfy; a deadline moved
// later lets a late write through.
func deadlines() {
	r, w, _ := os.Pipe()
	r.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
	_, err := r.Read(make([]byte, 1))
	fmt.Println("deadline:", errors.Is(err, os.ErrDeadlineExceeded))
	r.SetReadDeadline(time.Now().Add(time.Hour))
	go func() {
		time.Sleep(10 * time.Millisecond)
		w.Write([]byte("late"))
	}()
	buf := make([]byte, 4)
	n, err := io.ReadFull(r, buf)
	fmt.Println("deadline moved:", string(buf[:n]), err)
	// Closing a descriptor wakes its reader.
	done := make(chan error)
	go func() {
		_, err := r.Read(buf)
		done <- err
	}()
	time.Sleep(5 * time.Millisecond)
	r.Close()
	fmt.Println("closed:", errors.Is(<-done, os.ErrClosed))
	w.Close()
}

// A TCP server and several clients on loopback, concurrently.
func tcpEcho() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				s := bufio.NewScanner(c)
				for s.Scan() {
					fmt.Fprintf(c, "%s\n", strings.ToUpper(s.Text()))
				}
			}()
		}
	}()
	results := make(chan string)
	for i := 0; i < 3; i++ {
		go func(i int) {
			c, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				results <- err.Error()
				return
			}
			defer c.Close()
			fmt.Fprintf(c, "client %d\n", i)
			line, err := bufio.NewReader(c).ReadString('\n')
			results <- fmt.Sprintf("%q %v", line, err)
		}(i)
	}
	got := map[string]bool{}
	for i := 0; i < 3; i++ {
		got[<-results] = true
	}
	for i := 0; i < 3; i++ {
		fmt.Println("tcp:", got[fmt.Sprintf("%q <nil>", fmt.Sprintf("CLIENT %d\n", i))])
	}
	ln.Close()
}

// net/http's server and client talk over loopback.
func httpRoundTrip() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello, %s", strings.TrimPrefix(r.URL.Path, "/"))
	})}
	go srv.Serve(ln)
	resp, err := http.Get("http://" + ln.Addr().String() + "/gopher")
	if err != nil {
		panic(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println("http:", resp.StatusCode, string(body))
	srv.Close()
}
