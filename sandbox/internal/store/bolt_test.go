package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func mustOpenBolt(t *testing.T, path string) *Bolt {
	t.Helper()
	b, err := OpenBolt(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBolt(t *testing.T) {
	Conformance(t, func(t *testing.T) Store {
		b := mustOpenBolt(t, filepath.Join(t.TempDir(), "state.db"))
		t.Cleanup(func() { _ = b.Close() })
		return b
	})
}

func TestBoltKeepsCommittedWritesAcrossReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	b := mustOpenBolt(t, path)
	if err := b.Update(func(tx Tx) error { return PutJSON(tx, "links", "12345678", map[string]string{"account": "demo"}) }); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	b = mustOpenBolt(t, path)
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

// TestBoltGroupCommit has many clients write at once: their transactions
// share commits, and every acknowledged one is in the file once it is
// reopened; the values put typed are written encoded.
func TestBoltGroupCommit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	b := mustOpenBolt(t, path)
	var wg sync.WaitGroup
	var acked sync.Map
	for w := range 32 {
		wg.Go(func() {
			for i := range 20 {
				key := fmt.Sprint(w*100 + i)
				if err := b.Update(func(tx Tx) error { return PutValue(tx, "links", key, &owned{Name: key}) }); err != nil {
					t.Error(err)
					return
				}
				acked.Store(key, true)
			}
		})
	}
	wg.Wait()
	var txs int
	_ = b.db.View(func(tx *bolt.Tx) error { txs = int(tx.ID()); return nil })
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if txs >= 32*20 {
		t.Errorf("%d bbolt transactions for %d updates: no commit was shared", txs, 32*20)
	}
	b = mustOpenBolt(t, path)
	defer b.Close()
	acked.Range(func(k, _ any) bool {
		_ = b.View(func(tx Tx) error {
			if raw, ok := tx.Get("links", k.(string)); !ok || string(raw) != `{"name":"`+k.(string)+`","account":""}` {
				t.Errorf("acknowledged %s reads %s %v after reopening", k, raw, ok)
			}
			return nil
		})
		return true
	})
}

// TestBoltRefusesWritesAfterAFailedCommit: once the file could not be
// written, Updates are refused rather than acknowledged in memory only.
func TestBoltRefusesWritesAfterAFailedCommit(t *testing.T) {
	b := mustOpenBolt(t, filepath.Join(t.TempDir(), "state.db"))
	defer b.Close()
	if err := b.Update(func(tx Tx) error { return PutValue(tx, "b", "k", func() {}) }); err == nil {
		t.Fatal("a value that does not encode was acknowledged")
	}
	if err := b.Update(func(tx Tx) error { return tx.Put("b", "j", []byte("1")) }); err == nil || !strings.Contains(err.Error(), "encode b/k") {
		t.Errorf("the next update: %v, want the failure", err)
	}
}

func TestBoltRefusesAFileInUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	b := mustOpenBolt(t, path)
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

// TestDamagedFilesAreRefused damages a state file every way seen: cut to
// half, overwritten, emptied, junk. Each open fails with ErrDamaged, at
// once, and never crashes the process.
func TestDamagedFilesAreRefused(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	b, err := OpenBolt(good)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx Tx) error {
		for i := range 2000 {
			if err := tx.Put("links", fmt.Sprint(i), bytes.Repeat([]byte("x"), 500)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil || b.Close() != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"cut to half", data[:len(data)/2], "is cut short"},
		{"empty", nil, "is empty, which no sandbox writes"},
		{"junk", bytes.Repeat([]byte{0xAB}, 1_000_000), "no valid bbolt meta page"},
		{"meta pages zeroed", append(make([]byte, 8192), data[8192:]...), "no valid bbolt meta page"},
		{"pages overwritten", append(append([]byte{}, data[:16384]...), bytes.Repeat([]byte{0xFF}, len(data)-16384)...), "damaged"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".db")
			if err := os.WriteFile(path, tt.data, 0o600); err != nil {
				t.Fatal(err)
			}
			b, err := OpenBolt(path)
			if err == nil {
				_ = b.Close()
			}
			if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("open: %v, want ErrDamaged saying %q", err, tt.want)
			}
		})
	}
	// A path with no file at all starts a new database.
	fresh := filepath.Join(dir, "new.db")
	b, err = OpenBolt(fresh)
	if err != nil {
		t.Fatalf("a new file: %v", err)
	}
	_ = b.Close()
	if err := CheckFile(fresh); err != nil {
		t.Errorf("a fresh database is called damaged: %v", err)
	}
}
