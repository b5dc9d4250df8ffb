package main

import (
	"fmt"
	"log"
)

func main() {
	defer fmt.Println("deferred calls do not run")
	log.SetFlags(log.Lmsgprefix)
	log.SetPrefix("fatal: ")
	log.Println("before")
	log.Fatalf("exiting with %d", 1)
	fmt.Println("not reached")
}
