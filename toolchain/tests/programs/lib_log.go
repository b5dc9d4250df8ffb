package main

import (
	"fmt"
	"log"
	"os"
)

func main() {
	fmt.Println(log.Flags() == log.LstdFlags, log.Prefix() == "", log.Writer() == os.Stderr)
	fmt.Println(log.Ldate, log.Ltime, log.Lmicroseconds, log.Llongfile, log.Lshortfile, log.LUTC, log.Lmsgprefix, log.LstdFlags)

	// The standard logger writes to stderr; without date and time the
	// output is deterministic.
	log.SetFlags(0)
	log.Print("print", 1, 2, "x", "y")
	log.Println("println", 1, 2, "x", "y")
	log.Printf("printf %d %q", 42, "q")
	log.Printf("ends with newline\n")
	log.Print()
	log.SetPrefix("[app] ")
	log.Println("with prefix")
	log.SetFlags(log.Lmsgprefix)
	log.Println("prefix before message")
	fmt.Println(log.Flags(), log.Prefix())
	log.SetOutput(os.Stdout)
	log.Println("to stdout")
	log.SetOutput(os.Stderr)
	log.SetFlags(0)
	log.SetPrefix("")
	fmt.Println(log.Output(1, "output"), log.Writer() == os.Stderr)
	func() {
		defer func() { fmt.Printf("recovered %q\n", recover()) }()
		log.Panicln("std", "panic")
	}()
	func() {
		defer func() { fmt.Printf("recovered %q\n", recover()) }()
		log.Panic("p", 1)
	}()
	func() {
		defer func() { fmt.Printf("recovered %q\n", recover()) }()
		log.SetFlags(log.Lmsgprefix)
		log.SetPrefix("> ")
		log.Panicf("bad %d", 7)
	}()
}
