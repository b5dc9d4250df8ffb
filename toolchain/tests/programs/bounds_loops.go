// Bounds checks a loop proves needless are left out, and only those: each
// loop below that changes its slice or index, directly, through a pointer,
// a pointer method or a closure, still panics as Go says it must.
package main

import "fmt"

type Stack []int

func (s *Stack) Pop() { *s = (*s)[:len(*s)-1] }

type Grid [4]int

func sum(s []int) int {
	t := 0
	for i := range s {
		t += s[i]
	}
	return t
}

func sum3(s []int) int {
	t := 0
	for i := 0; i < len(s); i++ {
		t += s[i] * i
	}
	return t
}

func neighbours(s []int) int {
	t := 0
	for i := 1; i < len(s)-1; i++ {
		t += s[i-1]*s[i+1] - s[i]
	}
	for i := 0; i <= len(s)-1; i++ {
		t += s[i]
	}
	for i := 2; i < len(s); i++ {
		t += s[i-2] + s[-1+i]
	}
	u := append([]int(nil), s...)
	for i := 1; i < len(u); i++ {
		u[i], u[i-1] = u[i-1], u[i]
	}
	for i := range u {
		t = t*3 + u[i]
	}
	return t
}

func insertionSort(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

func backwards(s []int) int {
	t := 0
	for j := len(s) - 1; j >= 0; j-- {
		t = t*2 + s[j]
	}
	n := 0
	for n = 0; n < len(s) && s[n] != 3; n++ {
	}
	for i := 0; i < len(s) && s[i] < 4; i++ {
		t += s[i]
	}
	return t*10 + n
}

func pairs(s []int) int {
	t := 0
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			t += s[i] * s[j]
		}
		for j := 2 + i; j <= len(s)-1; j++ {
			t -= s[j-2]
		}
	}
	return t
}

func bytesum(str string) int {
	t := 0
	for i := range str {
		t += int(str[i])
	}
	for i := 1; i < len(str); i++ {
		t += int(str[i-1]) - int(str[i])
	}
	return t
}

func grid(g Grid, p *Grid) int {
	t := 0
	for i := range g {
		g[i] *= 2
		t += g[i]
	}
	for i := range p {
		t += p[i]
	}
	return t
}

func try(name string, f func()) {
	defer func() {
		fmt.Println(name, recover())
	}()
	f()
}

func main() {
	s := []int{1, 2, 3, 4, 5}
	fmt.Println(sum(s), sum3(s), sum(nil), sum3(s[:0]))
	fmt.Println(neighbours(s), neighbours(s[:1]), neighbours(nil))
	u := []int{5, 2, 9, 1, 5, 6, 0, 3}
	insertionSort(u)
	insertionSort(nil)
	fmt.Println(u, backwards(s), backwards(nil), pairs(s), pairs(nil))
	fmt.Println(bytesum("héllo"), bytesum(""))
	fmt.Println(grid(Grid{1, 2, 3, 4}, &Grid{5, 6, 7, 8}))

	try("assigned", func() {
		s := []int{1, 2, 3}
		for i := range s {
			s = s[:len(s)-1]
			_ = s[i]
		}
	})
	try("through a pointer", func() {
		s := []int{1, 2, 3}
		p := &s
		for i := range s {
			*p = (*p)[:1]
			fmt.Print(s[i], " ")
		}
	})
	try("pointer method", func() {
		s := Stack{1, 2, 3}
		for i := range s {
			s.Pop()
			fmt.Print(s[i], " ")
		}
	})
	try("closure", func() {
		s := []int{1, 2, 3}
		shrink := func() { s = s[:0] }
		for i := range s {
			shrink()
			_ = s[i]
		}
	})
	try("shadowed", func() {
		s := []int{1, 2, 3}
		for i := range s {
			s := s[:1]
			fmt.Print(s[i], " ")
		}
	})
	try("index moved", func() {
		s := []int{1, 2, 3}
		for i := range s {
			i += 2
			fmt.Print(s[i], " ")
		}
	})
	try("three clauses, shrunk", func() {
		s := []int{1, 2, 3}
		for i := 0; i < len(s); i++ {
			fmt.Print(s[i], " ")
			s = s[:0]
			_ = s[i]
		}
	})
	try("three clauses, negative start", func() {
		s := []int{1, 2, 3}
		for i := -1; i < len(s); i++ {
			fmt.Print(s[i], " ")
		}
	})
	try("one past the bound", func() {
		s := []int{1, 2, 3}
		for i := 0; i < len(s)-1; i++ {
			fmt.Print(s[i+2], " ")
		}
	})
	try("one before the start", func() {
		s := []int{1, 2, 3}
		for i := 0; i < len(s); i++ {
			fmt.Print(s[i-1], " ")
		}
	})
	try("at the bound, inclusive", func() {
		s := []int{1, 2, 3}
		for i := 0; i <= len(s); i++ {
			fmt.Print(s[i], " ")
		}
	})
	try("pair past the bound", func() {
		s := []int{1, 2, 3}
		for i := range s {
			s[i], s[i+1] = 7, 8
		}
	})
	fmt.Println()
	try("swap out of range", func() {
		a := []int{1, 2}
		j := len(a) + 3
		a[0], a[j] = a[j], a[0]
	})
	try("swap, index moved between", func() {
		a := []int{1, 2}
		j := 1
		a[0], a[j] = a[j], a[0]
		j += 4
		a[0], a[j] = a[j], a[0]
	})
	try("down from the length", func() {
		s := []int{1, 2, 3}
		for j := len(s); j > 0; j-- {
			fmt.Print(s[j], " ")
		}
	})
	try("down past zero", func() {
		s := []int{1, 2, 3}
		for i := range s {
			for j := i; j >= -1; j-- {
				fmt.Print(s[j], " ")
			}
		}
	})
	try("down from a moved index", func() {
		s := []int{1, 2, 3}
		for i := range s {
			for j := i; j > 0; j-- {
				fmt.Print(s[j+1], " ")
			}
		}
	})
	try("from the outer index, past the bound", func() {
		s := []int{1, 2, 3}
		for i := range s {
			for j := i + 1; j < len(s); j++ {
				fmt.Print(s[j+1], " ")
			}
		}
	})
	try("from below the outer index", func() {
		s := []int{1, 2, 3}
		for i := range s {
			for j := i - 1; j < len(s); j++ {
				fmt.Print(s[j], " ")
			}
		}
	})
	fmt.Println()
	try("string reassigned", func() {
		str := "abc"
		for i := range str {
			str = str[1:]
			fmt.Print(str[i], " ")
		}
	})
}
