package sandbox

import (
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// waitCall waits for one call on calls, failing after a generous bound.
func waitCall(t *testing.T, calls <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-calls:
	case <-time.After(5 * time.Second):
		t.Fatalf("no call after %s", what)
	}
}

func TestWatchFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "world.yaml")
	if err := os.WriteFile(file, []byte("a"), 0o600); err != nil {
		t.Fatal(err)
	}
	calls := make(chan struct{}, 10)
	w, err := watchFile(file, 20*time.Millisecond, func() { calls <- struct{}{} }, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()

	steps := []struct {
		what string
		do   func() error
	}{
		{"a write in place", func() error { return os.WriteFile(file, []byte("b"), 0o600) }},
		{"a replace by rename", func() error {
			tmp := filepath.Join(dir, ".world.yaml.swp")
			if err := os.WriteFile(tmp, []byte("c"), 0o600); err != nil {
				return err
			}
			return os.Rename(tmp, file)
		}},
		{"a removal", func() error { return os.Remove(file) }},
		{"a new file", func() error { return os.WriteFile(file, []byte("d"), 0o600) }},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatal(err)
		}
		waitCall(t, calls, s.what)
		// Let the burst settle, then make sure it was one call.
		time.Sleep(100 * time.Millisecond)
		if len(calls) != 0 {
			t.Errorf("%s made %d extra calls", s.what, len(calls))
			for len(calls) > 0 {
				<-calls
			}
		}
	}

	if err := os.WriteFile(filepath.Join(dir, "other.yaml"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	if len(calls) != 0 {
		t.Errorf("a change to another file made a call")
	}
	if err := os.WriteFile(file, []byte("e"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	if len(calls) != 0 {
		t.Errorf("a change after Close made a call")
	}
}
