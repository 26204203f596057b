package store

import (
	"slices"
	"sync"
)

// Memory is a Store held in memory; it is the default.
type Memory struct {
	mu      sync.RWMutex
	buckets map[string]map[string][]byte
}

// NewMemory returns an empty in-memory store.
func NewMemory() *Memory { return &Memory{buckets: map[string]map[string][]byte{}} }

// View runs fn in a read-only transaction.
func (m *Memory) View(fn func(Tx) error) error {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return fn(&memTx{m: m})
}

// Update runs fn in a read-write transaction; its writes land only when fn
// returns nil.
func (m *Memory) Update(fn func(Tx) error) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	tx := &memTx{m: m, writes: map[string]map[string][]byte{}}
	if err := fn(tx); err != nil {
		return err
	}
	for bucket, kv := range tx.writes {
		b := m.buckets[bucket]
		if b == nil {
			b = map[string][]byte{}
			m.buckets[bucket] = b
		}
		for k, v := range kv {
			if v == nil {
				delete(b, k)
			} else {
				b[k] = v
			}
		}
	}
	return nil
}

// Close does nothing: memory needs no closing.
func (m *Memory) Close() error { return nil }

// memTx reads through its own pending writes (nil value: deleted).
type memTx struct {
	m      *Memory
	writes map[string]map[string][]byte // nil for a read-only transaction
}

func (tx *memTx) Get(bucket, key string) ([]byte, bool) {
	if v, ok := tx.writes[bucket][key]; ok {
		return v, v != nil
	}
	v, ok := tx.m.buckets[bucket][key]
	return v, ok
}

func (tx *memTx) Put(bucket, key string, value []byte) error {
	if tx.writes == nil {
		return ErrReadOnly
	}
	if tx.writes[bucket] == nil {
		tx.writes[bucket] = map[string][]byte{}
	}
	if value == nil {
		value = []byte{} // nil marks a deletion
	}
	tx.writes[bucket][key] = value
	return nil
}

func (tx *memTx) Delete(bucket, key string) error {
	if tx.writes == nil {
		return ErrReadOnly
	}
	if tx.writes[bucket] == nil {
		tx.writes[bucket] = map[string][]byte{}
	}
	tx.writes[bucket][key] = nil
	return nil
}

func (tx *memTx) ForEach(bucket string, fn func(string, []byte) error) error {
	pending := tx.writes[bucket]
	for k, v := range tx.m.buckets[bucket] {
		if _, overridden := pending[k]; overridden {
			continue
		}
		if err := fn(k, v); err != nil {
			return err
		}
	}
	for k, v := range pending {
		if v == nil {
			continue
		}
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

func (tx *memTx) Buckets() []string {
	var names []string
	for name := range tx.m.buckets {
		names = append(names, name)
	}
	for name := range tx.writes {
		if _, committed := tx.m.buckets[name]; !committed {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}
