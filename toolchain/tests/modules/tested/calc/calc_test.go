package calc_test

import (
	"fmt"
	"os"
	"testing"

	"example.com/tested/calc"
)

func TestAdd(t *testing.T) {
	for _, c := range []struct{ a, b, want int }{{1, 2, 3}, {-2, 2, 0}} {
		t.Run(fmt.Sprintf("%d+%d", c.a, c.b), func(t *testing.T) {
			if got := calc.Add(c.a, c.b); got != c.want {
				t.Errorf("Add(%d, %d) = %d, want %d", c.a, c.b, got, c.want)
			}
		})
	}
}

// The test runs in the package's directory, as go test runs it.
func TestTestdata(t *testing.T) {
	b, err := os.ReadFile("testdata/input.txt")
	if err != nil || string(b) != "from testdata\n" {
		t.Fatalf("testdata/input.txt: %q, %v", b, err)
	}
}

func TestShort(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
}

func BenchmarkAdd(b *testing.B) {
	for i := 0; i < b.N; i++ {
		calc.Add(i, i)
	}
}

func ExampleAdd() {
	fmt.Println(calc.Add(1, 2))
	fmt.Println(calc.Add(3, 4))
	// Output:
	// 3
	// 7
}

func Example_unordered() {
	for _, s := range []string{"b", "a"} {
		fmt.Println(s)
	}
	// Unordered output:
	// a
	// b
}
