// select chooses uniformly among ready cases: with two, four and eight
// always-ready cases, each fires about as often as the others (no order is
// assumed, only the spread).
package main

import "fmt"

func main() {
	for _, k := range []int{2, 4, 8} {
		chans := make([]chan int, 8)
		for i := range chans {
			chans[i] = make(chan int, 1)
		}
		counts := make([]int, k)
		const rounds = 8000
		for r := 0; r < rounds; r++ {
			for i := 0; i < k; i++ {
				if len(chans[i]) == 0 {
					chans[i] <- i
				}
			}
			var got int
			switch k {
			case 2:
				select {
				case got = <-chans[0]:
				case got = <-chans[1]:
				}
			case 4:
				select {
				case got = <-chans[0]:
				case got = <-chans[1]:
				case got = <-chans[2]:
				case got = <-chans[3]:
				}
			default:
				select {
				case got = <-chans[0]:
				case got = <-chans[1]:
				case got = <-chans[2]:
				case got = <-chans[3]:
				case got = <-chans[4]:
				case got = <-chans[5]:
				case got = <-chans[6]:
				case got = <-chans[7]:
				}
			}
			counts[got]++
		}
		fair := true
		for _, c := range counts {
			want := rounds / k
			// Far beyond 6 standard deviations of a fair choice.
			if c < want*3/4 || c > want*5/4 {
				fair = false
			}
		}
		fmt.Println(k, "cases fair:", fair)
	}
}
