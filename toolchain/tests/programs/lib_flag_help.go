package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	flag.Bool("q", false, "quiet")
	flag.Int("n", 10, "a `count`")
	flag.String("s", "dflt", "a string\nwith two lines")
	flag.Duration("d", time.Minute, "a duration")
	flag.Uint64("big", 1<<63, "a large one")
	fmt.Println("before parse")
	// flag.Parse would read os.Args[1:]; its usage would name os.Args[0].
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "Usage of %s:\n", "cmd")
		flag.PrintDefaults()
	}
	flag.CommandLine.Parse([]string{"-q", "-help", "-n", "3"})
	fmt.Println("not reached")
}
