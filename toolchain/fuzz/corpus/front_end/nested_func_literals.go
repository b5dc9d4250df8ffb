// Deeply nested function literals (issue 25: the old front end is quadratic in the depth).
package main

func main() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	func() {
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
}
