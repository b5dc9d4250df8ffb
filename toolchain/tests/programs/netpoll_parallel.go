// Echo clients and servers on the loopback interface, on two processors
// (runtime.GOMAXPROCS(2)): the poller's descriptors, waits, wake-ups and
// deadline timers change on several threads at once. Each client sets a
// read deadline before every read and a write deadline before every write;
// one more connection waits for a reply that never comes and must time out.
package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"runtime"
	"sync"
	"time"
)

func echo(c net.Conn) {
	defer c.Close()
	buf := make([]byte, 64)
	for {
		n, err := c.Read(buf)
		if err != nil {
			return
		}
		if _, err := c.Write(buf[:n]); err != nil {
			return
		}
	}
}

func main() {
	runtime.GOMAXPROCS(2)
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
			go echo(c)
		}
	}()
	const clients, rounds = 8, 1500
	var wg sync.WaitGroup
	var mu sync.Mutex
	total, failures := 0, 0
	for i := 0; i < clients; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				panic(err)
			}
			defer c.Close()
			msg := []byte(fmt.Sprintf("client %d", i))
			buf := make([]byte, 64)
			for j := 0; j < rounds; j++ {
				c.SetWriteDeadline(time.Now().Add(time.Minute))
				if _, err := c.Write(msg); err != nil {
					panic(err)
				}
				c.SetReadDeadline(time.Now().Add(time.Minute))
				n, err := c.Read(buf)
				mu.Lock()
				if err != nil || string(buf[:n]) != string(msg) {
					failures++
				}
				total += n
				mu.Unlock()
			}
		}(i)
	}
	// A connection to a server that never answers: the read times out.
	quiet, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	c, err := net.Dial("tcp", quiet.Addr().String())
	if err != nil {
		panic(err)
	}
	c.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
	_, err = c.Read(make([]byte, 1))
	fmt.Println("quiet read timed out:", errors.Is(err, os.ErrDeadlineExceeded))
	// The listener stays reachable until here: a collection would
	// otherwise close it (its descriptor's finalizer) before the dial.
	c.Close()
	quiet.Close()
	wg.Wait()
	ln.Close()
	fmt.Println("bytes echoed:", total, "failures:", failures)
}
