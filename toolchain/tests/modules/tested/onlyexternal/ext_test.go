// A package of external test files only.
package onlyexternal_test

import "testing"

func TestExternal(t *testing.T) {
	if len("abc") != 3 {
		t.Fatal("len")
	}
}
