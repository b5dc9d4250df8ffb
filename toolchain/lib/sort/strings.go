package sort

// The algorithms of ints.go for []string.

func sortStrings(a []string) {
	if len(a) > 1 {
		introStrings(a, 2*floorLog2(len(a)))
	}
}

func introStrings(a []string, depth int) {
	for len(a) > smallSort {
		if depth == 0 {
			heapStrings(a)
			return
		}
		depth--
		p := partitionStrings(a)
		if p < len(a)-p-1 {
			introStrings(a[:p], depth)
			a = a[p+1:]
		} else {
			introStrings(a[p+1:], depth)
			a = a[:p]
		}
	}
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

func median3Strings(a []string, i, j, k int) {
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

func partitionStrings(a []string) int {
	n := len(a)
	m := n / 2
	if n > 40 {
		s := n / 8
		median3Strings(a, 0, s, 2*s)
		median3Strings(a, m-s, m, m+s)
		median3Strings(a, n-1-2*s, n-1-s, n-1)
		median3Strings(a, s, m, n-1-s)
	} else {
		median3Strings(a, 0, m, n-1)
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

func heapStrings(a []string) {
	n := len(a)
	for root := n/2 - 1; root >= 0; root-- {
		siftStrings(a, root, n)
	}
	for end := n - 1; end > 0; end-- {
		a[0], a[end] = a[end], a[0]
		siftStrings(a, 0, end)
	}
}

func siftStrings(a []string, root, n int) {
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
