// A Sprintf-heavy loop: integers, strings, floats and a struct.
package main

import "fmt"

type point struct{ X, Y int }

func main() {
	total := 0
	for i := 0; i < 300000; i++ {
		s := fmt.Sprintf("%d:%s:%5.2f:%v:%x", i, "item", float64(i)/7, point{i, -i}, i*31)
		total += len(s)
	}
	fmt.Println(total)
}
