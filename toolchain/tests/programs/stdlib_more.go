package main

import (
	"fmt"
	"math"
	"runtime"
	"strconv"
)

func main() {
	x, y := 3.5, -0.0
	y = -y * -1
	fmt.Println(math.Copysign(x, -1), math.Copysign(-x, 2), math.Copysign(x, y), math.Copysign(0, -1))
	fmt.Println(math.Signbit(math.Copysign(math.NaN(), -1)), math.Copysign(math.Inf(1), -x))
	cs := math.Copysign
	fmt.Println(cs(1, -0.5), strconv.IntSize, strconv.IntSize == 64)
	gc := runtime.GC
	gc()
	runtime.GC()
	fmt.Println("collected")
}
