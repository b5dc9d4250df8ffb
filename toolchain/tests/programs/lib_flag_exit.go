package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	v := flag.Bool("v", false, "verbose")
	flag.Int("n", 10, "a `count`")
	defer fmt.Println("deferred calls do not run")
	// flag.Parse would read os.Args[1:]; its usage would name os.Args[0].
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "Usage of %s:\n", "cmd")
		flag.PrintDefaults()
	}
	flag.CommandLine.Parse([]string{"-v", "-x", "arg"})
	fmt.Println("not reached", *v)
}
