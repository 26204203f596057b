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
	// Vendor, when set, limits the reset to the vendor's Buckets and to
	// the records of other buckets whose top-level "vendor" field equals
	// it (the webhook outbox is shared by every vendor).
	Vendor  string
	Buckets []string
	// Keep names buckets the reset leaves alone, such as the sandbox's
	// own meta bucket.
	Keep []string
}

// holds reports whether a record of the bucket is in the scope.
func (sc *Scope) holds(bucket string, value []byte) bool {
	var rec struct {
		Account string `json:"account"`
		Vendor  string `json:"vendor"`
	}
	if sc.Account != "" || sc.Vendor != "" {
		_ = json.Unmarshal(value, &rec) // a record that is not an object has neither
	}
	if sc.Account != "" && rec.Account != sc.Account {
		return false
	}
	return sc.Vendor == "" || slices.Contains(sc.Buckets, bucket) || rec.Vendor == sc.Vendor
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
				if !scope.holds(bucket, value) {
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
