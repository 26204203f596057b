package store

import (
	"bytes"
	"path/filepath"
	"testing"
)

func TestStartCounts(t *testing.T) {
	st := NewMemory()
	for want := range uint64(3) {
		got, err := Start(st)
		if err != nil || got != want {
			t.Fatalf("start %d: got %d, %v", want, got, err)
		}
	}
}

func TestTokenSecret(t *testing.T) {
	derived := func() []byte { return []byte("derived-secret") }
	tests := []struct {
		name   string
		derive func() []byte
		check  func(t *testing.T, first []byte)
	}{
		{"derived", derived, func(t *testing.T, first []byte) {
			if string(first) != "derived-secret" {
				t.Errorf("secret = %q, want the derived one", first)
			}
		}},
		{"random", nil, func(t *testing.T, first []byte) {
			other, _ := TokenSecret(NewMemory(), nil)
			if len(first) != 64 || bytes.Equal(first, other) {
				t.Errorf("random secrets %q and %q: want 64 hex characters, distinct", first, other)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.db")
			st, err := OpenBolt(path)
			if err != nil {
				t.Fatal(err)
			}
			first, err := TokenSecret(st, tt.derive)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, first)
			_ = st.Close()
			st, err = OpenBolt(path)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			again, err := TokenSecret(st, func() []byte { return []byte("another") })
			if err != nil || !bytes.Equal(first, again) {
				t.Errorf("after reopen: %q, %v; want the kept %q", again, err, first)
			}
		})
	}
}

func TestStreamSeed(t *testing.T) {
	if StreamSeed(42, 0) != 42 {
		t.Errorf("first start changes the seed: %d", StreamSeed(42, 0))
	}
	seen := map[uint64]bool{}
	for before := range uint64(100) {
		s := StreamSeed(42, before)
		if seen[s] {
			t.Fatalf("start %d repeats stream seed %d", before, s)
		}
		seen[s] = true
	}
}
