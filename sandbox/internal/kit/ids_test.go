package kit

import "testing"

func TestRepeatable(t *testing.T) {
	a, b := NewIDs(42), NewIDs(42)
	for range 100 {
		if x, y := a.Digits("link", 7), b.Digits("link", 7); x != y || len(x) != 7 || x[0] == '0' {
			t.Fatalf("seeded ids differ or are malformed: %s %s", x, y)
		}
	}
	if NewIDs(1).Digits("link", 9) == NewIDs(2).Digits("link", 9) {
		t.Error("different seeds gave the same id")
	}
}

func TestStreamsAreIndependent(t *testing.T) {
	a, b := NewIDs(7), NewIDs(7)
	a.Hex("token", 32)
	a.Int("order", 1, 100)
	if x, y := a.Digits("link", 7), b.Digits("link", 7); x != y {
		t.Errorf("drawing other kinds changed the link stream: %s != %s", x, y)
	}
	if h := b.Hex("token", 40); len(h) != 40 {
		t.Errorf("hex length %d", len(h))
	}
}
