// A switch without a tag compares each case with true: an interface
// case matches when it holds the bool true (test/switch.go, issue 3980).
package main

func main() {
	for _, v := range []interface{}{true, false, 1, nil} {
		switch i := v; {
		case i:
			println("true case")
		case false:
			println("false case")
		default:
			println("default")
		}
	}
}
