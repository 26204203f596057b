package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func openBolt(t *testing.T, path string) *Bolt {
	t.Helper()
	b, err := OpenBolt(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBolt(t *testing.T) {
	Conformance(t, func(t *testing.T) Store {
		b := openBolt(t, filepath.Join(t.TempDir(), "state.db"))
		t.Cleanup(func() { _ = b.Close() })
		return b
	})
}

func TestBoltKeepsCommittedWritesAcrossReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	b := openBolt(t, path)
	if err := b.Update(func(tx Tx) error { return PutJSON(tx, "links", "12345678", map[string]string{"account": "demo"}) }); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	b = openBolt(t, path)
	defer b.Close()
	var got map[string]string
	err := b.View(func(tx Tx) error {
		ok, err := GetJSON(tx, "links", "12345678", &got)
		if !ok {
			t.Error("record lost on reopen")
		}
		return err
	})
	if err != nil || got["account"] != "demo" {
		t.Errorf("reopened record = %v, %v", got, err)
	}
}

func TestBoltRefusesAFileInUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	b := openBolt(t, path)
	defer b.Close()
	_, err := OpenBolt(path)
	if err == nil || !strings.Contains(err.Error(), "in use by another process") {
		t.Errorf("second open = %v, want an in-use error", err)
	}
}

func TestBoltReportsAnUnreadableFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	if err := writeFile(path, "not a bbolt database, just text that is long enough to be read as a page header"); err != nil {
		t.Fatal(err)
	}
	if b, err := OpenBolt(path); err == nil {
		b.Close()
		t.Error("a text file opened as a database")
	}
}

func writeFile(path, content string) error { return os.WriteFile(path, []byte(content), 0o600) }
