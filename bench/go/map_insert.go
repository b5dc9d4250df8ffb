// Map inserts: 1000 inserts into a new map[int]int, 1000 times (BASELINES
// §5: gc takes 87–103 µs per 1000 inserts into a new map). The map starts
// without a size hint, so it grows as it fills. Checksum: the sum of the
// lengths and of one looked-up value per map.
package main

const maps = 1000
const inserts = 1000

func main() {
	total := 0
	for r := 0; r < maps; r++ {
		m := make(map[int]int)
		for i := 0; i < inserts; i++ {
			m[i*7+r] = i
		}
		total += len(m) + m[r+7*500]
	}
	println(total)
}
