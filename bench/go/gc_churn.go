// Allocation with a small live heap: 10 GB allocated in total (10,240,000
// blocks of 1 KiB, each pointing at one of 16 long-lived ones) while a
// ring of 10,000 of them (10 MB) stays live.
// Issue 12's target: under 100 MB peak RSS.
package main

const live = 10000
const total = 10240000

type block struct {
	next *block
	data [1016]byte
}

func main() {
	ring := make([]*block, live)
	var anchors [16]*block
	for i := range anchors {
		anchors[i] = new(block)
	}
	sum := 0
	for i := 0; i < total; i++ {
		b := new(block)
		b.data[i%1016] = byte(i)
		b.next = anchors[i%16]
		ring[i%live] = b
		sum += int(b.data[i%1016])
	}
	n := 0
	for _, b := range ring {
		if b != nil {
			n++
		}
	}
	println(n, sum)
}
