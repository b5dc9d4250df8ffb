package sort

// The algorithms of ints.go for []float64.
// lessFloat is Float64Slice's order: NaNs before every other value.
func lessFloat(x, y float64) bool {
	return x < y || (x != x && y == y)
}

func sortFloat64s(a []float64) {
	if len(a) > 1 {
		introFloat64s(a, 2*floorLog2(len(a)))
	}
}

func introFloat64s(a []float64, depth int) {
	for len(a) > smallSort {
		if depth == 0 {
			heapFloat64s(a)
			return
		}
		depth--
		p := partitionFloat64s(a)
		if p < len(a)-p-1 {
			introFloat64s(a[:p], depth)
			a = a[p+1:]
		} else {
			introFloat64s(a[p+1:], depth)
			a = a[:p]
		}
	}
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && lessFloat(a[j], a[j-1]); j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

func median3Float64s(a []float64, i, j, k int) {
	if lessFloat(a[j], a[i]) {
		a[i], a[j] = a[j], a[i]
	}
	if lessFloat(a[k], a[j]) {
		a[j], a[k] = a[k], a[j]
		if lessFloat(a[j], a[i]) {
			a[i], a[j] = a[j], a[i]
		}
	}
}

func partitionFloat64s(a []float64) int {
	n := len(a)
	m := n / 2
	if n > 40 {
		s := n / 8
		median3Float64s(a, 0, s, 2*s)
		median3Float64s(a, m-s, m, m+s)
		median3Float64s(a, n-1-2*s, n-1-s, n-1)
		median3Float64s(a, s, m, n-1-s)
	} else {
		median3Float64s(a, 0, m, n-1)
	}
	a[0], a[m] = a[m], a[0]
	pivot := a[0]
	i, j := 1, n-1
	for {
		for i <= j && lessFloat(a[i], pivot) {
			i++
		}
		for i <= j && lessFloat(pivot, a[j]) {
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

func heapFloat64s(a []float64) {
	n := len(a)
	for root := n/2 - 1; root >= 0; root-- {
		siftFloat64s(a, root, n)
	}
	for end := n - 1; end > 0; end-- {
		a[0], a[end] = a[end], a[0]
		siftFloat64s(a, 0, end)
	}
}

func siftFloat64s(a []float64, root, n int) {
	for {
		child := 2*root + 1
		if child >= n {
			return
		}
		if child+1 < n && lessFloat(a[child], a[child+1]) {
			child++
		}
		if !lessFloat(a[root], a[child]) {
			return
		}
		a[root], a[child] = a[child], a[root]
		root = child
	}
}
