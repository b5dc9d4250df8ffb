// A package of test files only, as go test takes it.
package onlytests

import "testing"

// check is a helper: its failures are reported at its caller's line.
func check(t *testing.T, got, want int) {
	t.Helper()
	if got != want {
		t.Errorf("got %d, want %d", got, want)
	}
}

func TestHelpers(t *testing.T) {
	check(t, 1+1, 3)
	// t.Helper in a subtest's own function: the failure is reported at
	// the line of the t.Run that made the subtest.
	t.Run("sub", func(t *testing.T) {
		t.Helper()
		check(t, 2*2, 5)
	})
}
