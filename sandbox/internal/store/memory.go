package store

import (
	"slices"
	"sync"
)

// Memory is a Store held in memory; it is the default, and the working set
// of the durable store. Transactions hold its lock only while their
// function runs: a write transaction's records are values kept as they
// were put, never encoded, unless a durable store writes them, which it
// does after the lock is released.
type Memory struct {
	mu      sync.RWMutex
	buckets map[string]map[string]any // a record is []byte or a typed value
	indexes map[string][]Index
	// log, for a durable store, makes each applied transaction durable
	// before Update returns; nil keeps everything in memory.
	log *commitLog
}

// NewMemory returns an empty in-memory store.
func NewMemory() *Memory {
	return &Memory{buckets: map[string]map[string]any{}, indexes: map[string][]Index{}}
}

// View runs fn in a read-only transaction. With a durable store it returns
// once everything fn could see is durable, so that no answer depends on a
// write a crash could still undo.
func (m *Memory) View(fn func(Tx) error) error {
	m.mu.RLock()
	seen := m.log.last()
	err := fn(&memTx{m: m})
	m.mu.RUnlock()
	if werr := m.log.wait(seen); err == nil {
		err = werr
	}
	return err
}

// Update runs fn in a read-write transaction; its writes land only when fn
// returns nil, and, with a durable store, Update returns once they are
// durable. Concurrent Updates share the durable store's writes.
func (m *Memory) Update(fn func(Tx) error) error {
	m.mu.Lock()
	if err := m.log.failure(); err != nil {
		m.mu.Unlock()
		return err
	}
	tx := &memTx{m: m, writable: true}
	if err := fn(tx); err != nil {
		m.mu.Unlock()
		return err
	}
	m.apply(tx.writes)
	e := m.log.add(tx.writes)
	m.mu.Unlock()
	return m.log.commit(e)
}

// apply lands a transaction's writes and tells the indexes.
func (m *Memory) apply(writes []write) {
	for _, w := range writes {
		b := m.buckets[w.bucket]
		if b == nil {
			b = map[string]any{}
			m.buckets[w.bucket] = b
		}
		if w.deleted {
			if _, ok := b[w.key]; ok {
				delete(b, w.key)
				for _, ix := range m.indexes[w.bucket] {
					ix.Delete(w.key)
				}
			}
			continue
		}
		b[w.key] = w.value
		for _, ix := range m.indexes[w.bucket] {
			ix.Put(w.key, w.value)
		}
	}
}

// AddIndex keeps ix in step with the records of bucket, starting with the
// records already there.
func (m *Memory) AddIndex(bucket string, ix Index) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for k, v := range m.buckets[bucket] {
		ix.Put(k, v)
	}
	m.indexes[bucket] = append(m.indexes[bucket], ix)
}

// Close does nothing: memory needs no closing.
func (m *Memory) Close() error { return nil }

// write is one record a transaction puts or deletes.
type write struct {
	bucket, key string
	value       any
	deleted     bool
}

// pending is where a transaction's writes are found by bucket and key once
// there are many of them (a reset deletes whole buckets).
type pending struct{ bucket, key string }

// manyWrites is when a transaction starts indexing its writes.
const manyWrites = 8

// memTx reads through its own pending writes.
type memTx struct {
	m        *Memory
	writable bool
	writes   []write
	index    map[pending]int
}

// find returns the index of the transaction's write of key, or -1.
func (tx *memTx) find(bucket, key string) int {
	if tx.index != nil {
		if i, ok := tx.index[pending{bucket, key}]; ok {
			return i
		}
		return -1
	}
	for i := range tx.writes {
		if tx.writes[i].key == key && tx.writes[i].bucket == bucket {
			return i
		}
	}
	return -1
}

func (tx *memTx) set(w write) error {
	if !tx.writable {
		return ErrReadOnly
	}
	if i := tx.find(w.bucket, w.key); i >= 0 {
		tx.writes[i] = w
		return nil
	}
	tx.writes = append(tx.writes, w)
	switch n := len(tx.writes); {
	case tx.index != nil:
		tx.index[pending{w.bucket, w.key}] = n - 1
	case n > manyWrites:
		tx.index = make(map[pending]int, 2*n)
		for i, w := range tx.writes {
			tx.index[pending{w.bucket, w.key}] = i
		}
	}
	return nil
}

func (tx *memTx) value(bucket, key string) (any, bool) {
	if i := tx.find(bucket, key); i >= 0 {
		w := tx.writes[i]
		return w.value, !w.deleted
	}
	v, ok := tx.m.buckets[bucket][key]
	return v, ok
}

func (tx *memTx) Get(bucket, key string) ([]byte, bool) {
	v, ok := tx.value(bucket, key)
	if !ok {
		return nil, false
	}
	raw, _ := encode(v) // a value put with PutValue encodes: PutValue's contract
	return raw, true
}

func (tx *memTx) Put(bucket, key string, value []byte) error {
	if value == nil {
		value = []byte{}
	}
	return tx.set(write{bucket: bucket, key: key, value: value})
}

func (tx *memTx) putValue(bucket, key string, v any) error {
	return tx.set(write{bucket: bucket, key: key, value: v})
}

func (tx *memTx) Delete(bucket, key string) error {
	return tx.set(write{bucket: bucket, key: key, deleted: true})
}

func (tx *memTx) each(bucket string, fn func(string, any) error) error {
	for k, v := range tx.m.buckets[bucket] {
		if tx.find(bucket, k) >= 0 {
			continue // overridden below
		}
		if err := fn(k, v); err != nil {
			return err
		}
	}
	for _, w := range slices.Clone(tx.writes) { // fn may write
		if w.bucket == bucket && !w.deleted {
			if err := fn(w.key, w.value); err != nil {
				return err
			}
		}
	}
	return nil
}

func (tx *memTx) ForEach(bucket string, fn func(string, []byte) error) error {
	return tx.each(bucket, func(k string, v any) error {
		raw, _ := encode(v)
		return fn(k, raw)
	})
}

func (tx *memTx) count(bucket string) int {
	committed := tx.m.buckets[bucket]
	n := len(committed)
	for _, w := range tx.writes {
		if w.bucket != bucket {
			continue
		}
		switch _, had := committed[w.key]; {
		case w.deleted && had:
			n--
		case !w.deleted && !had:
			n++
		}
	}
	return n
}

func (tx *memTx) Buckets() []string {
	var names []string
	for name := range tx.m.buckets {
		names = append(names, name)
	}
	for _, w := range tx.writes {
		if _, committed := tx.m.buckets[w.bucket]; !committed && !slices.Contains(names, w.bucket) {
			names = append(names, w.bucket)
		}
	}
	slices.Sort(names)
	return names
}
