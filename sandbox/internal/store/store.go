// Package store keeps the sandbox's records — links, orders, subscriptions,
// webhook deliveries — as JSON values in named buckets, behind an interface
// with an in-memory implementation and a durable one.
package store

import (
	"encoding/json"
	"errors"
	"fmt"
)

// Store runs transactions over buckets of records. Update transactions are
// atomic: either every write of fn lands or none does.
type Store interface {
	View(fn func(Tx) error) error
	Update(fn func(Tx) error) error
	Close() error
}

// Tx reads and writes records inside one transaction. A Tx must not be used
// after its function returns.
type Tx interface {
	// Get returns the value of key; the slice must not be modified.
	Get(bucket, key string) ([]byte, bool)
	// Put stores value at key; the store may keep the slice, so the
	// caller must not modify it afterwards.
	Put(bucket, key string, value []byte) error
	Delete(bucket, key string) error
	// ForEach calls fn for every record of the bucket, in no set order,
	// stopping at the first error.
	ForEach(bucket string, fn func(key string, value []byte) error) error
	// Buckets lists, sorted, the buckets that hold or have held records,
	// so that whole-store operations (reset, statistics) reach buckets
	// they were not told about.
	Buckets() []string
}

// ErrReadOnly is returned by writes inside a View transaction.
var ErrReadOnly = errors.New("store: write in a read-only transaction")

// GetJSON decodes the record at key into v and reports whether it exists.
func GetJSON(tx Tx, bucket, key string, v any) (bool, error) {
	raw, ok := tx.Get(bucket, key)
	if !ok {
		return false, nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return true, fmt.Errorf("store: decode %s/%s: %w", bucket, key, err)
	}
	return true, nil
}

// PutJSON encodes v and stores it at key.
func PutJSON(tx Tx, bucket, key string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("store: encode %s/%s: %w", bucket, key, err)
	}
	return tx.Put(bucket, key, raw)
}

// EachJSON decodes every record of a bucket into a fresh T and calls fn.
func EachJSON[T any](tx Tx, bucket string, fn func(key string, v *T) error) error {
	return tx.ForEach(bucket, func(key string, raw []byte) error {
		v := new(T)
		if err := json.Unmarshal(raw, v); err != nil {
			return fmt.Errorf("store: decode %s/%s: %w", bucket, key, err)
		}
		return fn(key, v)
	})
}
