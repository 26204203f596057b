package store

import (
	"errors"
	"slices"
	"sync"
	"testing"
)

// Conformance runs the behaviour every Store must have; durable stores
// call it from their own tests.
func Conformance(t *testing.T, open func(t *testing.T) Store) {
	t.Run("put get delete", func(t *testing.T) {
		s := open(t)
		err := s.Update(func(tx Tx) error {
			if err := PutJSON(tx, "links", "1", map[string]int{"n": 1}); err != nil {
				return err
			}
			var got map[string]int
			if ok, err := GetJSON(tx, "links", "1", &got); !ok || err != nil || got["n"] != 1 {
				t.Errorf("read own write: %v %v %v", ok, err, got)
			}
			return tx.Put("links", "2", []byte(`{"n":2}`))
		})
		if err != nil {
			t.Fatal(err)
		}
		_ = s.Update(func(tx Tx) error { return tx.Delete("links", "2") })
		_ = s.View(func(tx Tx) error {
			if _, ok := tx.Get("links", "2"); ok {
				t.Error("deleted record still there")
			}
			if v, ok := tx.Get("links", "1"); !ok || string(v) != `{"n":1}` {
				t.Errorf("record 1 = %s %v", v, ok)
			}
			if _, ok := tx.Get("nobucket", "1"); ok {
				t.Error("record in a missing bucket")
			}
			if err := tx.Put("links", "3", []byte("x")); !errors.Is(err, ErrReadOnly) {
				t.Errorf("write in View: %v", err)
			}
			return nil
		})
	})
	t.Run("rollback", func(t *testing.T) {
		s := open(t)
		boom := errors.New("boom")
		err := s.Update(func(tx Tx) error {
			_ = tx.Put("orders", "1", []byte("{}"))
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v", err)
		}
		_ = s.View(func(tx Tx) error {
			if _, ok := tx.Get("orders", "1"); ok {
				t.Error("a failed transaction's write landed")
			}
			return nil
		})
	})
	t.Run("foreach sees pending writes", func(t *testing.T) {
		s := open(t)
		_ = s.Update(func(tx Tx) error {
			_ = tx.Put("b", "a", []byte("1"))
			return tx.Put("b", "b", []byte("2"))
		})
		_ = s.Update(func(tx Tx) error {
			_ = tx.Delete("b", "a")
			_ = tx.Put("b", "b", []byte("3"))
			_ = tx.Put("b", "c", []byte("4"))
			var got []string
			_ = tx.ForEach("b", func(k string, v []byte) error { got = append(got, k+"="+string(v)); return nil })
			slices.Sort(got)
			if want := []string{"b=3", "c=4"}; !slices.Equal(got, want) {
				t.Errorf("foreach = %v, want %v", got, want)
			}
			return nil
		})
	})
	t.Run("buckets", func(t *testing.T) {
		s := open(t)
		_ = s.Update(func(tx Tx) error {
			_ = tx.Put("zeta", "1", []byte("1"))
			return tx.Put("alpha", "1", []byte("1"))
		})
		_ = s.Update(func(tx Tx) error {
			_ = tx.Put("mid", "1", []byte("1"))
			if got, want := tx.Buckets(), []string{"alpha", "mid", "zeta"}; !slices.Equal(got, want) {
				t.Errorf("buckets in an update = %v, want %v", got, want)
			}
			return nil
		})
		_ = s.View(func(tx Tx) error {
			if got, want := tx.Buckets(), []string{"alpha", "mid", "zeta"}; !slices.Equal(got, want) {
				t.Errorf("buckets = %v, want %v", got, want)
			}
			return nil
		})
	})
	t.Run("values read stay as read", func(t *testing.T) {
		s := open(t)
		_ = s.Update(func(tx Tx) error { return tx.Put("b", "k", []byte("abc")) })
		var got []byte
		_ = s.View(func(tx Tx) error { got, _ = tx.Get("b", "k"); return nil })
		_ = s.Update(func(tx Tx) error { return tx.Put("b", "k", []byte("def")) })
		if string(got) != "abc" {
			t.Errorf("value read = %q, want abc (untouched by later writes)", got)
		}
	})
	t.Run("concurrent updates are serialized", func(t *testing.T) {
		s := open(t)
		var wg sync.WaitGroup
		for range 50 {
			wg.Go(func() {
				_ = s.Update(func(tx Tx) error {
					var n int
					_, _ = GetJSON(tx, "meta", "n", &n)
					return PutJSON(tx, "meta", "n", n+1)
				})
			})
		}
		wg.Wait()
		var n int
		_ = s.View(func(tx Tx) error { _, err := GetJSON(tx, "meta", "n", &n); return err })
		if n != 50 {
			t.Errorf("counter = %d after 50 increments", n)
		}
	})
}

func TestMemory(t *testing.T) {
	Conformance(t, func(*testing.T) Store { return NewMemory() })
}
