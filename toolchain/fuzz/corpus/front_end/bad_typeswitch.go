package main

func main() {
	var y interface{}
	switch x := y.(type) {
	case int, string:
		_ = x
	}
	z := y.(type)
	_ = z
}
