package store

import (
	"encoding/json"
	"fmt"
	"slices"
)

// Scope says which records Reset removes.
type Scope struct {
	// Account, when set, limits the reset to records whose top-level
	// "account" field equals it; records of other accounts, and records
	// that are not JSON objects with an account, stay.
	Account string
	// Keep names buckets the reset leaves alone, such as the sandbox's
	// own meta bucket.
	Keep []string
}

// Reset removes, in one transaction, the records of every bucket in scope
// — including buckets it was never told about — and returns how many it
// removed per bucket.
func Reset(st Store, scope Scope) (map[string]int, error) {
	removed := map[string]int{}
	err := st.Update(func(tx Tx) error {
		clear(removed) // a retried transaction starts over
		for _, bucket := range tx.Buckets() {
			if slices.Contains(scope.Keep, bucket) {
				continue
			}
			err := tx.ForEach(bucket, func(key string, value []byte) error {
				if scope.Account != "" && accountOf(value) != scope.Account {
					return nil
				}
				removed[bucket]++
				return tx.Delete(bucket, key)
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: reset: %w", err)
	}
	return removed, nil
}

// accountOf returns a record's top-level "account" field, or "".
func accountOf(value []byte) string {
	var rec struct {
		Account string `json:"account"`
	}
	if json.Unmarshal(value, &rec) != nil {
		return ""
	}
	return rec.Account
}
