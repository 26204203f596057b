package store

import (
	"maps"
	"path/filepath"
	"slices"
	"testing"
)

func TestReset(t *testing.T) {
	seed := map[string]map[string]string{
		"links":   {"1": `{"account":"demo","n":1}`, "2": `{"account":"other"}`, "3": `{"account":"demo"}`},
		"orders":  {"9": `{"account":"demo"}`, "8": `{"accounts":"demo"}`},
		"outbox":  {"x": `not json`, "y": `["account","demo"]`, "z": `{"account":"demo"}`},
		"meta":    {"token_secret": `"s"`},
		"unknown": {"a": `{"account":"other"}`},
	}
	tests := []struct {
		name        string
		scope       Scope
		wantRemoved map[string]int
		wantLeft    []string
	}{
		{"everything", Scope{Keep: []string{"meta"}},
			map[string]int{"links": 3, "orders": 2, "outbox": 3, "unknown": 1},
			[]string{"meta/token_secret"}},
		{"one account", Scope{Account: "demo", Keep: []string{"meta"}},
			map[string]int{"links": 2, "orders": 1, "outbox": 1},
			[]string{"links/2", "meta/token_secret", "orders/8", "outbox/x", "outbox/y", "unknown/a"}},
		{"an account with no records", Scope{Account: "nobody", Keep: []string{"meta"}},
			map[string]int{},
			[]string{"links/1", "links/2", "links/3", "meta/token_secret", "orders/8", "orders/9", "outbox/x", "outbox/y", "outbox/z", "unknown/a"}},
	}
	stores := map[string]func(t *testing.T) Store{
		"memory": func(*testing.T) Store { return NewMemory() },
		"bolt": func(t *testing.T) Store {
			b := mustOpenBolt(t, filepath.Join(t.TempDir(), "state.db"))
			t.Cleanup(func() { _ = b.Close() })
			return b
		},
	}
	for kind, open := range stores {
		for _, tt := range tests {
			t.Run(kind+"/"+tt.name, func(t *testing.T) {
				st := open(t)
				_ = st.Update(func(tx Tx) error {
					for b, kv := range seed {
						for k, v := range kv {
							_ = tx.Put(b, k, []byte(v))
						}
					}
					return nil
				})
				removed, err := Reset(st, tt.scope)
				if err != nil || !maps.Equal(removed, tt.wantRemoved) {
					t.Errorf("removed = %v, %v; want %v", removed, err, tt.wantRemoved)
				}
				var left []string
				_ = st.View(func(tx Tx) error {
					for _, b := range tx.Buckets() {
						_ = tx.ForEach(b, func(k string, _ []byte) error { left = append(left, b+"/"+k); return nil })
					}
					return nil
				})
				slices.Sort(left)
				if !slices.Equal(left, tt.wantLeft) {
					t.Errorf("left = %v\nwant %v", left, tt.wantLeft)
				}
			})
		}
	}
}
