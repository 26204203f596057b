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
	// AddIndex keeps ix in step with the records of bucket (see Index).
	AddIndex(bucket string, ix Index)
	Close() error
}

// Tx reads and writes records inside one transaction. A Tx must not be used
// after its function returns.
type Tx interface {
	// Get returns the value of key, encoded; the slice must not be
	// modified, and stays valid after the transaction.
	Get(bucket, key string) ([]byte, bool)
	// Put stores value at key; the store may keep the slice, so the
	// caller must not modify it afterwards.
	Put(bucket, key string, value []byte) error
	Delete(bucket, key string) error
	// ForEach calls fn for every record of the bucket, encoded, in no set
	// order, stopping at the first error.
	ForEach(bucket string, fn func(key string, value []byte) error) error
	// Buckets lists, sorted, the buckets that hold or have held records,
	// so that whole-store operations (reset, statistics) reach buckets
	// they were not told about.
	Buckets() []string
}

// ErrReadOnly is returned by writes inside a View transaction.
var ErrReadOnly = errors.New("store: write in a read-only transaction")

// Records are kept as the stores' Tx hold them: a record put with Put is
// its JSON encoding; one put with PutValue is the value itself, which every
// reader shares, so it must never change once put. A durable store encodes
// such a value when it writes it, outside the transaction's lock; Get and
// ForEach encode it for readers that want JSON. typedTx is how the helpers
// below reach the values behind a Tx.
type typedTx interface {
	putValue(bucket, key string, v any) error
	value(bucket, key string) (any, bool)
	count(bucket string) int
	each(bucket string, fn func(key string, v any) error) error
}

// PutValue stores v at key as it is, to be read back with Value; v must be
// encodable with encoding/json and must not change afterwards. A store
// that keeps only encodings stores v's.
func PutValue(tx Tx, bucket, key string, v any) error {
	if t, ok := tx.(typedTx); ok {
		return t.putValue(bucket, key, v)
	}
	return PutJSON(tx, bucket, key, v)
}

// Value returns the record at key as the store keeps it: the value put
// with PutValue, or the JSON encoding ([]byte) of a record put with Put,
// read from a durable file, or kept by a store that keeps only encodings.
func Value(tx Tx, bucket, key string) (any, bool) {
	if t, ok := tx.(typedTx); ok {
		return t.value(bucket, key)
	}
	return tx.Get(bucket, key)
}

// Count returns how many records the bucket holds, without reading them.
func Count(tx Tx, bucket string) int {
	if t, ok := tx.(typedTx); ok {
		return t.count(bucket)
	}
	n := 0
	_ = tx.ForEach(bucket, func(string, []byte) error { n++; return nil })
	return n
}

// each calls fn for every record of the bucket as Value returns it.
func each(tx Tx, bucket string, fn func(key string, v any) error) error {
	if t, ok := tx.(typedTx); ok {
		return t.each(bucket, fn)
	}
	return tx.ForEach(bucket, func(k string, raw []byte) error { return fn(k, raw) })
}

// encode is a record's JSON encoding.
func encode(v any) ([]byte, error) {
	switch v := v.(type) {
	case []byte:
		return v, nil
	case Encoder:
		return v.EncodeRecord()
	}
	return json.Marshal(v)
}

// An Encoder is a value kept by PutValue that writes its own record for a
// durable store: compact JSON, which json.Marshal would otherwise check
// and compact again (as it does the output of a MarshalJSON).
type Encoder interface {
	EncodeRecord() ([]byte, error)
}

// An Index is kept in step with one bucket's records, so that a vendor
// can find records by what they hold without reading them all: the store
// calls Put for each record landing in the bucket (v as Value returns it)
// and Delete for each record leaving it, under its write lock, as every
// transaction lands, after calling Put for the records already there when
// the index is added. A View sees the index and the records alike; the
// index needs no lock of its own for what it reads inside a transaction.
type Index interface {
	Put(key string, v any)
	Delete(key string)
}

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
