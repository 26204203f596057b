package kit

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"unsafe"
)

// Body is a request body as the engine reads it, once, for the handler and
// for the journal: ReadBody reads it whole into one buffer that the
// journal keeps (the first keep bytes of it), and a handler that reads
// r.Body itself streams it, the journal keeping what passed. The journal
// reads what a handler left unread, up to keep, so that a request refused
// before its body was read still shows it.
type Body struct {
	src  io.ReadCloser
	keep int
	// size is the request's Content-Length, -1 when unknown.
	size int64
	// raw is what was read: all of it through ReadBody, the first keep
	// bytes (and one more, to tell it was cut) through Read.
	raw  []byte
	cut  bool
	text string
	// err is the error that ended the read, io.EOF at the end.
	err error
}

// NewBody wraps r's body, keeping keep bytes of it for the journal.
func NewBody(r *http.Request, keep int) *Body {
	src := r.Body
	if src == nil { // requests made in-process, not read from a connection
		src = http.NoBody
	}
	return &Body{src: src, keep: keep, size: r.ContentLength}
}

// Read reads the body for a handler that streams it.
func (b *Body) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	n, err := b.src.Read(p)
	if room := b.keep + 1 - len(b.raw); room > 0 {
		b.raw = append(b.raw, p[:min(n, room)]...)
	}
	b.cut = b.cut || len(b.raw) > b.keep
	b.err = err
	return n, err
}

// Close closes the body.
func (b *Body) Close() error { return b.src.Close() }

// all reads the rest of the body, refusing more than limit bytes in all.
func (b *Body) all(limit int) ([]byte, error) {
	if b.err == nil {
		if b.raw == nil && b.size >= 0 && b.size <= int64(limit) {
			b.raw = make([]byte, 0, b.size+1) // room to read the end
		}
		for b.err == nil && len(b.raw) <= limit {
			if len(b.raw) == cap(b.raw) {
				b.raw = append(b.raw, 0)[:len(b.raw)]
			}
			var n int
			n, b.err = b.src.Read(b.raw[len(b.raw):min(cap(b.raw), limit+1)])
			b.raw = b.raw[:len(b.raw)+n]
		}
	}
	switch {
	case len(b.raw) > limit:
		return nil, ErrTooBig
	case b.err != io.EOF:
		return nil, fmt.Errorf("read body: %w", b.err)
	}
	return b.raw, nil
}

// String is the body ReadBody read, as a string made once. Once the body
// was read to its end its buffer is never written again (ReadBody's
// callers must not modify it), so the string shares it instead of copying
// it; a body read only in part is copied.
func (b *Body) String() string {
	if b.text == "" && len(b.raw) > 0 {
		if b.err == io.EOF {
			b.text = unsafe.String(unsafe.SliceData(b.raw), len(b.raw))
		} else {
			b.text = string(b.raw)
		}
	}
	return b.text
}

// Kept reads what is left of the body, up to keep bytes in all, and
// returns what the journal keeps of it and whether that was cut.
func (b *Body) Kept() (string, bool) {
	if b.err == nil && len(b.raw) <= b.keep {
		_, _ = io.Copy(io.Discard, io.LimitReader(b, int64(b.keep+1-len(b.raw))))
	}
	if len(b.raw) > b.keep {
		return string(b.raw[:b.keep]), true
	}
	return b.String(), b.cut
}

// ReadBody reads the request body, refusing more than MaxBodyBytes. The
// slice must not be modified: the journal keeps it.
func ReadBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if b, ok := r.Body.(*Body); ok {
		return b.all(MaxBodyBytes)
	}
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, ErrTooBig
	}
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	return raw, nil
}

// ReadBodyText is ReadBody's body as a string, the one the journal keeps.
func ReadBodyText(w http.ResponseWriter, r *http.Request) (string, error) {
	raw, err := ReadBody(w, r)
	if b, ok := r.Body.(*Body); ok && err == nil {
		return b.String(), nil
	}
	return string(raw), err
}
