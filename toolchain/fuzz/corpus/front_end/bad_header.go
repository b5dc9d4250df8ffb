package main

type T struct{ a int }

func main() {
	if (T{}) == (T{a: 1}) {
	}
	for i := 0; i < 3; j := 1 {
	}
}
