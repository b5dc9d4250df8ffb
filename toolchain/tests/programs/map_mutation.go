package main

import "fmt"

func main() {
	// Deleting entries not reached yet: they are not produced.
	for round := 0; round < 20; round++ {
		m := map[int]int{}
		for i := 0; i < 200; i++ {
			m[i] = i
		}
		seen := map[int]bool{}
		deleted := map[int]bool{}
		bad := 0
		for k := range m {
			if deleted[k] || seen[k] {
				bad++
			}
			seen[k] = true
			victim := (k*31 + round) % 200
			if !seen[victim] {
				delete(m, victim)
				deleted[victim] = true
			}
		}
		for i := 0; i < 200; i++ {
			if !seen[i] && !deleted[i] {
				bad++
			}
		}
		if bad != 0 || len(m) != 200-len(deleted) {
			fmt.Println("round", round, "bad", bad)
		}
	}
	fmt.Println("delete during range: ok")

	// Deleting every entry as it comes (gc's map clearing idiom).
	m := map[string]int{"a": 1, "b": 2, "c": 3}
	for k := range m {
		delete(m, k)
	}
	fmt.Println(len(m), m)

	// Inserting during range (the map grows many times over): old entries
	// are produced once each; new ones may or may not be.
	for round := 0; round < 20; round++ {
		m := map[int]int{}
		for i := 0; i < 50; i++ {
			m[i] = i
		}
		next := 1000
		seen := map[int]int{}
		for k := range m {
			seen[k]++
			for j := 0; j < 10; j++ {
				m[next] = next
				next++
			}
		}
		bad := 0
		produced := 0
		for i := 0; i < 50; i++ {
			if seen[i] != 1 {
				bad++
			}
		}
		for k, n := range seen {
			produced += n
			if n != 1 || (k >= 50 && k < 1000) {
				bad++
			}
		}
		if bad != 0 || len(m) != 50+10*produced {
			fmt.Println("round", round, "bad", bad, len(m))
		}
	}
	fmt.Println("insert during range: ok")

	// Updating values during range: a later entry shows its new value.
	u := map[int]int{}
	for i := 0; i < 100; i++ {
		u[i] = 0
	}
	visited := map[int]bool{}
	stale := 0
	for k, v := range u {
		if v != 0 && !visited[k] && v != 1 {
			stale++
		}
		visited[k] = true
		for j := 0; j < 100; j++ {
			if !visited[j] {
				u[j] = 1
			}
		}
		m[fmt.Sprint(k)] = k // grow another map meanwhile
	}
	fmt.Println("update during range: stale", stale)

	// Deleting and re-adding the same key during range.
	d := map[int]int{1: 1, 2: 2, 3: 3}
	n := 0
	for k := range d {
		delete(d, k)
		d[k] = k * 10
		n++
	}
	fmt.Println(n <= 6, len(d), d[1], d[2], d[3])
}
