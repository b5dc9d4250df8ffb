package main
type T struct{}
var _ = 'a' + 1.5i
type T2 struct{}
type T3 struct{}
func main() {}
func _() {}
