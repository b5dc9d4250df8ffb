package failing

import (
	"fmt"
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	fmt.Println("before the tests")
	code := m.Run()
	fmt.Println("after the tests")
	os.Exit(code)
}

func TestSub(t *testing.T) {
	if got := Sub(3, 1); got != 2 {
		t.Errorf("Sub(3, 1) = %d, want 2", got)
	}
}

func TestPasses(t *testing.T) {}

func ExampleSub() {
	fmt.Println(Sub(1, 1))
	// Output: 0
}
