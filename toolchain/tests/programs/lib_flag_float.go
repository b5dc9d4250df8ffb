package main

import (
	"flag"
	"fmt"
	"math"
	"os"
)

func main() {
	fs := flag.NewFlagSet("floats", flag.ContinueOnError)
	x := fs.Float64("x", 0, "a float")
	var y float64
	fs.Float64Var(&y, "y", 2.5, "another `ratio`")
	fs.Usage = func() { fmt.Fprintln(os.Stderr, "(usage)") }
	inputs := []string{
		"1", "-0", "1.5", ".5", "5.", "1e10", "1E-7", "1_000.25", "0x1p-2", "0X1.8P3", "-0x.8p1",
		"inf", "-Inf", "+INFINITY", "NaN", "0.1", "0.3", "2.2250738585072011e-308",
		"4.9e-324", "2e-324", "3e-324", "1e-400", "1.7976931348623157e308", "1.7976931348623159e308",
		"1e400", "-1e400", "9007199254740993", "123456789012345678901234567890",
		"0.000000000000000000000000000000000000001234e30", "1." + "000000000000000000000000000000000000000001",
		"", ".", "e5", "1e", "1e+", "1_", "1__0", "_1", "0x1", "0x1p", "infin", "+nan", "1.2.3", "0x_1p0", "1e1_0",
	}
	for _, in := range inputs {
		err := fs.Parse([]string{"-x", in})
		v := *x
		fmt.Printf("%-50q %v %x %v %v\n", in, v, math.Float64bits(v), math.Signbit(v), err)
	}
	fmt.Println(fs.Parse([]string{"-y=1e-3"}), y, fs.Lookup("y").Value, fs.Lookup("y").DefValue)
	fmt.Println(fs.Lookup("x").Value.(flag.Getter).Get())
	fs.PrintDefaults()
}
