package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// ErrDamaged is wrapped by the errors of a state file that cannot be used:
// empty, not a bbolt database, cut short, or with pages that do not read.
var ErrDamaged = errors.New("the state file is damaged")

// The layout of a bbolt file's meta pages: a 16-byte page header, then the
// meta: magic, version, page size, flags, root bucket (root page, sequence),
// freelist page, high water mark, transaction id, checksum.
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	pageHeader     = 16
	metaSize       = 64
	checksumOffset = 56
	noFreelist     = ^uint64(0)
)

// boltMeta is what CheckFile reads of a meta page.
type boltMeta struct {
	pageSize              uint32
	root, freelist, pages uint64
	txid                  uint64
}

// readMeta reads the meta at off, reporting whether it is valid.
func readMeta(f io.ReaderAt, off int64) (boltMeta, bool) {
	var b [pageHeader + metaSize]byte
	if _, err := f.ReadAt(b[:], off); err != nil {
		return boltMeta{}, false
	}
	m := b[pageHeader:]
	le := binary.LittleEndian
	h := fnv.New64a()
	_, _ = h.Write(m[:checksumOffset])
	if le.Uint32(m[0:]) != boltMagic || le.Uint32(m[4:]) != boltVersion || le.Uint64(m[checksumOffset:]) != h.Sum64() {
		return boltMeta{}, false
	}
	return boltMeta{pageSize: le.Uint32(m[8:]), root: le.Uint64(m[16:]), freelist: le.Uint64(m[32:]), pages: le.Uint64(m[40:]), txid: le.Uint64(m[48:])}, true
}

// CheckFile tells whether the state file at path can be opened safely,
// before bbolt maps it: it must not be empty, one of its two meta pages
// must be valid, and the pages the newest valid one counts must all be in
// the file. A file that does not exist is fine: it will be created.
func CheckFile(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	size := info.Size()
	switch {
	case !info.Mode().IsRegular():
		return fmt.Errorf("%w: %s is not a regular file", ErrDamaged, path)
	case size == 0:
		return fmt.Errorf("%w: %s is empty, which no sandbox writes; start with a new file (give another path, or remove this one)", ErrDamaged, path)
	}
	first, ok0 := readMeta(f, 0)
	pageSize := int64(os.Getpagesize())
	if ok0 {
		pageSize = int64(first.pageSize)
	}
	second, ok1 := readMeta(f, pageSize)
	if !ok0 && !ok1 {
		return fmt.Errorf("%w: %s is not a sandbox state file (no valid bbolt meta page)", ErrDamaged, path)
	}
	m := first
	if !ok0 || ok1 && second.txid > first.txid {
		m = second
	}
	if pages := int64(m.pages); pages*int64(m.pageSize) > size {
		return fmt.Errorf("%w: %s is cut short: it holds %d bytes, its pages need %d", ErrDamaged, path, size, pages*int64(m.pageSize))
	}
	if m.root >= m.pages || m.freelist >= m.pages && m.freelist != noFreelist {
		return fmt.Errorf("%w: %s has pages out of range", ErrDamaged, path)
	}
	return nil
}
