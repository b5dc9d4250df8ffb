// Quicksort of 1M pseudo-random ints, 5 times: generic_sort.go written for
// int by hand (the baseline of its generic version).
package main

func sortSlice(a []int) {
	for len(a) > 12 {
		p := partition(a)
		if p < len(a)-p {
			sortSlice(a[:p])
			a = a[p+1:]
		} else {
			sortSlice(a[p+1:])
			a = a[:p]
		}
	}
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

func partition(a []int) int {
	m := len(a) / 2
	if a[m] < a[0] {
		a[m], a[0] = a[0], a[m]
	}
	if a[len(a)-1] < a[0] {
		a[len(a)-1], a[0] = a[0], a[len(a)-1]
	}
	if a[len(a)-1] < a[m] {
		a[len(a)-1], a[m] = a[m], a[len(a)-1]
	}
	pivot := a[m]
	a[m], a[len(a)-2] = a[len(a)-2], a[m]
	i := 0
	for j := 0; j < len(a)-2; j++ {
		if a[j] < pivot {
			a[i], a[j] = a[j], a[i]
			i++
		}
	}
	a[i], a[len(a)-2] = a[len(a)-2], a[i]
	return i
}

func main() {
	const n = 1000000
	a := make([]int, n)
	seed := uint32(1)
	sum := 0
	for round := 0; round < 5; round++ {
		for i := range a {
			seed = seed*1664525 + 1013904223
			a[i] = int(seed >> 4)
		}
		sortSlice(a)
		for i := 1; i < n; i++ {
			if a[i] < a[i-1] {
				panic("not sorted")
			}
		}
		sum += a[n/2] + a[n/3]
	}
	println(sum)
}
