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
	t.Run("values", func(t *testing.T) {
		s := open(t)
		v := &owned{Name: "x", Account: "demo"}
		_ = s.Update(func(tx Tx) error {
			_ = PutValue(tx, "links", "1", v)
			_ = tx.Put("links", "2", []byte(`{"name":"y"}`))
			if got, ok := Value(tx, "links", "1"); !ok || got != v {
				t.Errorf("own value read back as %v %v", got, ok)
			}
			if n := Count(tx, "links"); n != 2 {
				t.Errorf("count with pending writes = %d", n)
			}
			return nil
		})
		_ = s.View(func(tx Tx) error {
			if got, ok := Value(tx, "links", "1"); !ok || got != v {
				t.Errorf("value = %v %v, want the value put", got, ok)
			}
			if raw, ok := tx.Get("links", "1"); !ok || string(raw) != `{"name":"x","account":"demo"}` {
				t.Errorf("value encoded as %s %v", raw, ok)
			}
			if got, _ := Value(tx, "links", "2"); string(got.([]byte)) != `{"name":"y"}` {
				t.Errorf("a record put encoded reads as %v", got)
			}
			if n := Count(tx, "links"); n != 2 {
				t.Errorf("count = %d", n)
			}
			return nil
		})
		if removed, err := Reset(s, Scope{Account: "demo"}); err != nil || removed["links"] != 1 {
			t.Errorf("reset of the value's account removed %v, %v", removed, err)
		}
	})
	t.Run("index", func(t *testing.T) {
		s := open(t)
		_ = s.Update(func(tx Tx) error { return tx.Put("b", "old", []byte("1")) })
		ix := &keys{}
		s.AddIndex("b", ix)
		boom := errors.New("boom")
		_ = s.Update(func(tx Tx) error {
			_ = tx.Put("b", "lost", []byte("1"))
			return boom
		})
		_ = s.Update(func(tx Tx) error {
			_ = PutValue(tx, "b", "new", &owned{Name: "n"})
			_ = tx.Put("other", "x", []byte("1"))
			return tx.Delete("b", "old")
		})
		if want := []string{"+old", "+new", "-old"}; !slices.Equal(ix.log, want) {
			t.Errorf("index told %v, want %v", ix.log, want)
		}
	})
}

// owned is a value put with PutValue.
type owned struct {
	Name    string `json:"name"`
	Account string `json:"account"`
}

func (o *owned) Owner() (string, string) { return o.Account, "" }

// keys is an index that logs what it is told.
type keys struct{ log []string }

func (k *keys) Put(key string, _ any) { k.log = append(k.log, "+"+key) }
func (k *keys) Delete(key string)     { k.log = append(k.log, "-"+key) }

func TestMemory(t *testing.T) {
	Conformance(t, func(*testing.T) Store { return NewMemory() })
}
