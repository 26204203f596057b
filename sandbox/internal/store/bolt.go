package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// lockTimeout is how long OpenBolt waits for another process to release the
// database file before it gives up.
const lockTimeout = time.Second

// Bolt is a durable Store in a bbolt database file. Every Update is written
// and fsync'd before it returns, so an acknowledged write survives a crash
// of the process or of the machine.
type Bolt struct {
	db *bolt.DB
}

// OpenBolt opens the database file at path, or creates it where no file
// exists. It fails when another process holds the file, and with
// ErrDamaged when the file is empty or damaged: its meta pages are checked
// before bbolt maps it, and every page is read once it is open, so that a
// damaged file is refused with one clear error instead of crashing later.
func OpenBolt(path string) (b *Bolt, err error) {
	return openBolt(path, false)
}

// OpenBoltReadOnly opens an existing database file for reading only, with
// the checks of OpenBolt; another process may hold it.
func OpenBoltReadOnly(path string) (*Bolt, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return openBolt(path, true)
}

func openBolt(path string, readOnly bool) (b *Bolt, err error) {
	if err := CheckFile(path); err != nil {
		return nil, err
	}
	defer func() {
		// bbolt panics on some damage it finds; that is a damaged file too.
		if v := recover(); v != nil {
			b, err = nil, fmt.Errorf("%w: %s: %v", ErrDamaged, path, v)
		}
	}()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: lockTimeout, ReadOnly: readOnly})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("store: open %s: the file is in use by another process", path)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrDamaged, path, err)
	}
	if err := db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			return err
		}
		return nil
	}); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("%w: %s: %v", ErrDamaged, path, err)
	}
	return &Bolt{db: db}, nil
}

// View runs fn in a read-only transaction.
func (b *Bolt) View(fn func(Tx) error) error {
	return b.db.View(func(tx *bolt.Tx) error { return fn(boltTx{tx}) })
}

// Update runs fn in a read-write transaction, committed and fsync'd when fn
// returns nil and rolled back otherwise.
func (b *Bolt) Update(fn func(Tx) error) error {
	return b.db.Update(func(tx *bolt.Tx) error { return fn(boltTx{tx}) })
}

// Close releases the database file.
func (b *Bolt) Close() error { return b.db.Close() }

type boltTx struct{ tx *bolt.Tx }

// Get returns a copy: bbolt's memory is only valid inside the transaction.
func (t boltTx) Get(bucket, key string) ([]byte, bool) {
	b := t.tx.Bucket([]byte(bucket))
	if b == nil {
		return nil, false
	}
	k, v := b.Cursor().Seek([]byte(key))
	if !bytes.Equal(k, []byte(key)) {
		return nil, false
	}
	return append([]byte{}, v...), true
}

func (t boltTx) Put(bucket, key string, value []byte) error {
	if !t.tx.Writable() {
		return ErrReadOnly
	}
	b, err := t.tx.CreateBucketIfNotExists([]byte(bucket))
	if err != nil {
		return fmt.Errorf("store: bucket %s: %w", bucket, err)
	}
	if err := b.Put([]byte(key), append([]byte{}, value...)); err != nil {
		return fmt.Errorf("store: put %s/%s: %w", bucket, key, err)
	}
	return nil
}

func (t boltTx) Delete(bucket, key string) error {
	if !t.tx.Writable() {
		return ErrReadOnly
	}
	b := t.tx.Bucket([]byte(bucket))
	if b == nil {
		return nil
	}
	if err := b.Delete([]byte(key)); err != nil {
		return fmt.Errorf("store: delete %s/%s: %w", bucket, key, err)
	}
	return nil
}

// ForEach copies the bucket's records first, so fn may write to the bucket
// as it can with the memory store.
func (t boltTx) ForEach(bucket string, fn func(string, []byte) error) error {
	b := t.tx.Bucket([]byte(bucket))
	if b == nil {
		return nil
	}
	type record struct {
		key   string
		value []byte
	}
	var records []record
	_ = b.ForEach(func(k, v []byte) error {
		records = append(records, record{string(k), append([]byte{}, v...)})
		return nil
	})
	for _, r := range records {
		if err := fn(r.key, r.value); err != nil {
			return err
		}
	}
	return nil
}

func (t boltTx) Buckets() []string {
	var names []string
	_ = t.tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
		names = append(names, string(name))
		return nil
	})
	return names
}
