package main

import (
	"fmt"
	"math"
	"runtime"
	"strconv"
	"unsafe"
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
	buf := [4]uint16{10, 20, 30, 40}
	p := unsafe.Pointer(&buf[1])
	var back int8 = -2
	var wide uint8 = 255
	fmt.Println(*(*uint16)(unsafe.Add(p, 2)), *(*uint16)(unsafe.Add(p, back)), unsafe.Add(p, uint8(wide+3)) == unsafe.Pointer(&buf[2]))
}
