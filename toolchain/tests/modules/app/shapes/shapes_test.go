package shapes

import "testing"

func TestArea(t *testing.T) {
	if (Rect{2, 3}).Area() != 6 {
		t.Fatal("area")
	}
}
