package sort

// The sorts of []int below are the algorithms of sort.go written out for
// the slice type: without a call through Interface per comparison and swap
// they run several times faster. strings.go and float64s.go repeat them for
// []string and []float64.

func sortInts(a []int) {
	if len(a) > 1 {
		introInts(a, 2*floorLog2(len(a)))
	}
}

func introInts(a []int, depth int) {
	for len(a) > smallSort {
		if depth == 0 {
			heapInts(a)
			return
		}
		depth--
		p := partitionInts(a)
		if p < len(a)-p-1 {
			introInts(a[:p], depth)
			a = a[p+1:]
		} else {
			introInts(a[p+1:], depth)
			a = a[:p]
		}
	}
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

func median3Ints(a []int, i, j, k int) {
	if a[j] < a[i] {
		a[i], a[j] = a[j], a[i]
	}
	if a[k] < a[j] {
		a[j], a[k] = a[k], a[j]
		if a[j] < a[i] {
			a[i], a[j] = a[j], a[i]
		}
	}
}

func partitionInts(a []int) int {
	n := len(a)
	m := n / 2
	if n > 40 {
		s := n / 8
		median3Ints(a, 0, s, 2*s)
		median3Ints(a, m-s, m, m+s)
		median3Ints(a, n-1-2*s, n-1-s, n-1)
		median3Ints(a, s, m, n-1-s)
	} else {
		median3Ints(a, 0, m, n-1)
	}
	a[0], a[m] = a[m], a[0]
	pivot := a[0]
	i, j := 1, n-1
	for {
		for i <= j && a[i] < pivot {
			i++
		}
		for i <= j && pivot < a[j] {
			j--
		}
		if i >= j {
			break
		}
		a[i], a[j] = a[j], a[i]
		i++
		j--
	}
	a[0], a[j] = a[j], a[0]
	return j
}

func heapInts(a []int) {
	n := len(a)
	for root := n/2 - 1; root >= 0; root-- {
		siftInts(a, root, n)
	}
	for end := n - 1; end > 0; end-- {
		a[0], a[end] = a[end], a[0]
		siftInts(a, 0, end)
	}
}

func siftInts(a []int, root, n int) {
	for {
		child := 2*root + 1
		if child >= n {
			return
		}
		if child+1 < n && a[child] < a[child+1] {
			child++
		}
		if !(a[root] < a[child]) {
			return
		}
		a[root], a[child] = a[child], a[root]
		root = child
	}
}
