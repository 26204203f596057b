package store

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// lockTimeout is how long OpenBolt waits for another process to release the
// database file before it gives up.
const lockTimeout = time.Second

// Bolt is a durable Store in a bbolt database file. Its records are held
// in memory as well, where transactions run; every Update is written and
// fsync'd before it returns, so an acknowledged write survives a crash of
// the process or of the machine. Updates that land while the file is being
// written share the next write and its fsync (group commit), so that
// concurrent clients do not wait for one fsync each.
type Bolt struct {
	*Memory
	db *bolt.DB
}

// OpenBolt opens the database file at path, or creates it where no file
// exists, and reads its records. It fails when another process holds the
// file, and with ErrDamaged when the file is empty or damaged: its meta
// pages are checked before bbolt maps it, and every page is read once it is
// open, so that a damaged file is refused with one clear error instead of
// crashing later.
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

// errOpenedReadOnly is the error of an Update of a store opened read-only.
var errOpenedReadOnly = errors.New("store: the state file is open for reading only")

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
	m := NewMemory()
	if err := db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			return err
		}
		return tx.ForEach(func(name []byte, bk *bolt.Bucket) error {
			records := map[string]any{}
			m.buckets[string(name)] = records
			return bk.ForEach(func(k, v []byte) error {
				records[string(k)] = append([]byte{}, v...) // bbolt's memory is only valid inside the transaction
				return nil
			})
		})
	}); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("%w: %s: %v", ErrDamaged, path, err)
	}
	m.log = newCommitLog(db, readOnly)
	return &Bolt{Memory: m, db: db}, nil
}

// Close writes what is pending and releases the database file.
func (b *Bolt) Close() error {
	b.log.close()
	return b.db.Close()
}

// commitLog writes the transactions a Memory applied to the database file,
// in the order they were applied, many at a time: a writer goroutine takes
// every transaction ready when it is free and commits them in one bbolt
// transaction with one fsync. Each Update encodes its own records, after
// the Memory's lock is released, and waits until they are durable.
type commitLog struct {
	db *bolt.DB
	mu sync.Mutex
	// work wakes the writer, its only waiter: a transaction is ready or
	// the log is closing. progress is closed, and replaced, whenever
	// durable or failed changes, waking the transactions waiting for it:
	// one wake-up per commit each, not one per transaction made ready.
	work     *sync.Cond
	progress chan struct{}
	// queue holds the transactions applied and not yet written, oldest
	// first.
	queue []*logEntry
	// added and durable number the transactions applied and the last one
	// fsync'd.
	added, durable atomic.Uint64
	// failed, once set, refuses every later Update: the file no longer
	// matches what was applied.
	failed  error
	closing bool
	done    chan struct{}
}

// logEntry is one applied transaction on its way to the file.
type logEntry struct {
	seq    uint64
	writes []write
	// raw holds each write's encoding once the transaction's Update
	// encoded it; ready says it did.
	raw   [][]byte
	ready bool
}

func newCommitLog(db *bolt.DB, readOnly bool) *commitLog {
	l := &commitLog{db: db, done: make(chan struct{}), progress: make(chan struct{})}
	l.work = sync.NewCond(&l.mu)
	if readOnly {
		l.failed = errOpenedReadOnly
		close(l.done)
		return l
	}
	go l.run()
	return l
}

// failure is why Updates are refused, or nil; nil for a memory store.
func (l *commitLog) failure() error {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.failed
}

// last numbers the last transaction applied; 0 for a memory store.
func (l *commitLog) last() uint64 {
	if l == nil {
		return 0
	}
	return l.added.Load()
}

// add queues a transaction just applied; the caller holds the Memory's
// lock, so the queue's order is the order of application. It returns nil
// for a memory store or a transaction that wrote nothing.
func (l *commitLog) add(writes []write) *logEntry {
	if l == nil || len(writes) == 0 {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	e := &logEntry{seq: l.added.Add(1), writes: writes}
	l.queue = append(l.queue, e)
	return e
}

// commit encodes the transaction's records and waits until they are
// durable.
func (l *commitLog) commit(e *logEntry) error {
	if e == nil {
		return nil
	}
	raw := make([][]byte, len(e.writes))
	var encErr error
	for i, w := range e.writes {
		if !w.deleted && encErr == nil {
			if raw[i], encErr = encode(w.value); encErr != nil {
				encErr = fmt.Errorf("store: encode %s/%s: %w", w.bucket, w.key, encErr)
			}
		}
	}
	l.mu.Lock()
	e.raw, e.ready = raw, true
	if encErr != nil && l.failed == nil {
		l.failed = encErr
		l.progressed()
	}
	l.work.Signal()
	l.mu.Unlock()
	return l.wait(e.seq)
}

// progressed wakes the transactions waiting for durable or failed to
// change; the caller holds mu.
func (l *commitLog) progressed() {
	close(l.progress)
	l.progress = make(chan struct{})
}

// wait returns once the transaction numbered seq is durable, or the error
// that keeps it from being so.
func (l *commitLog) wait(seq uint64) error {
	if l == nil || l.durable.Load() >= seq {
		return nil
	}
	for {
		l.mu.Lock()
		if l.durable.Load() >= seq {
			l.mu.Unlock()
			return nil
		}
		if err := l.failed; err != nil {
			l.mu.Unlock()
			return err
		}
		progress := l.progress
		l.mu.Unlock()
		<-progress
	}
}

// run writes the ready transactions at the head of the queue, as many as
// there are, in one bbolt transaction, until close.
func (l *commitLog) run() {
	defer close(l.done)
	for {
		l.mu.Lock()
		for !(len(l.queue) > 0 && l.queue[0].ready) && !(l.closing && len(l.queue) == 0) {
			l.work.Wait()
		}
		if len(l.queue) == 0 { // closing
			l.mu.Unlock()
			return
		}
		n := 1
		for n < len(l.queue) && l.queue[n].ready {
			n++
		}
		batch := l.queue[:n:n]
		l.queue = append([]*logEntry(nil), l.queue[n:]...)
		failed := l.failed
		l.mu.Unlock()

		err := failed
		if err == nil {
			err = l.db.Update(func(tx *bolt.Tx) error { return writeBatch(tx, batch) })
		}
		l.mu.Lock()
		if err != nil && l.failed == nil {
			l.failed = fmt.Errorf("store: write the state file: %w; restart the sandbox", err)
		}
		if err == nil {
			l.durable.Store(batch[n-1].seq)
		}
		l.progressed()
		l.mu.Unlock()
	}
}

// writeBatch writes the transactions' records in order.
func writeBatch(tx *bolt.Tx, batch []*logEntry) error {
	buckets := map[string]*bolt.Bucket{}
	for _, e := range batch {
		for i, w := range e.writes {
			b := buckets[w.bucket]
			if b == nil {
				var err error
				if b, err = tx.CreateBucketIfNotExists([]byte(w.bucket)); err != nil {
					return fmt.Errorf("store: bucket %s: %w", w.bucket, err)
				}
				buckets[w.bucket] = b
			}
			var err error
			if w.deleted {
				err = b.Delete([]byte(w.key))
			} else {
				err = b.Put([]byte(w.key), e.raw[i])
			}
			if err != nil {
				return fmt.Errorf("store: write %s/%s: %w", w.bucket, w.key, err)
			}
		}
	}
	return nil
}

// close writes what is queued and stops the writer.
func (l *commitLog) close() {
	l.mu.Lock()
	l.closing = true
	l.work.Signal()
	l.mu.Unlock()
	<-l.done
}
