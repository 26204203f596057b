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

// Owned is a value put with PutValue that says whose it is, as a record
// encoded as a JSON object does with its top-level "account" and "vendor"
// fields.
type Owned interface {
	Owner() (account, vendor string)
}

// owner reads the account and vendor of a record, "" when it names none.
func owner(v any) (account, vendor string) {
	if o, ok := v.(Owned); ok {
		return o.Owner()
	}
	var rec struct {
		Account string `json:"account"`
		Vendor  string `json:"vendor"`
	}
	if raw, err := encode(v); err == nil {
		_ = json.Unmarshal(raw, &rec) // a record that is not an object has neither
	}
	return rec.Account, rec.Vendor
}

// holds reports whether a record of the bucket is in the scope.
func (sc *Scope) holds(bucket string, v any) bool {
	if sc.Account == "" && sc.Vendor == "" {
		return true
	}
	account, vendor := owner(v)
	if sc.Account != "" && account != sc.Account {
		return false
	}
	return sc.Vendor == "" || slices.Contains(sc.Buckets, bucket) || vendor == sc.Vendor
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
			err := each(tx, bucket, func(key string, value any) error {
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
