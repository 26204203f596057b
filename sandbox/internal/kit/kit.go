// Package kit is what the sandbox's engine hands every vendor: the shared
// services (Env), the seeded id generator (ids.go), the test cards every
// vendor's checkout takes (payment.go), and the request helpers every
// vendor's handlers use — the note a request leaves in the journal, body
// reading within the sandbox's limit, and JSON answers.
package kit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/outbox"
	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// Env is the engine's services, shared by every vendor.
type Env struct {
	// World returns the world serving now; a reload replaces it.
	World func() *fixtures.World
	// Now is the sandbox clock.
	Now func() time.Time
	// IDs draws the seeded ids; each vendor names its own streams.
	IDs   *Generator
	Store store.Store
	// Outbox delivers the vendors' webhooks.
	Outbox *outbox.Outbox
	Log    *slog.Logger
	// LocalLinks makes links point at the address a request came to
	// instead of the vendor's real hosts.
	LocalLinks bool
	// Seeded is true when the sandbox was given its seed: secrets a vendor
	// keeps in the store then follow from it, for repeatable runs.
	Seeded bool
	// MaxLinks bounds the checkout links a vendor keeps: past it, the
	// oldest never opened are evicted; 0 means the vendor's default.
	MaxLinks int
}

// MaxBodyBytes is the largest request body the sandbox reads.
const MaxBodyBytes = 1 << 20

// Note is what the engine and the handlers of one request tell each other
// and the journal.
type Note struct {
	// Vendor is the vendor the request was routed to ("" for the control
	// API).
	Vendor string
	// Codes are the vendor error codes answered; ErrorFields the field
	// path of each, whole, as X-Sandbox-Error-Fields lists them cut.
	Codes       []int
	ErrorFields []string
	// Hints explain what the sandbox noticed; they are sent in
	// X-Sandbox-Hint and kept in the journal.
	Hints []string
	// Account is the vendor account the request acted for.
	Account string
	// NoResponse is set when the connection was dropped unanswered.
	NoResponse bool
	// QuietBody keeps the response body out of the journal (the journal's
	// own answers).
	QuietBody bool
	// Subject is what the vendor's authentication resolved the request
	// to, such as its account: the request's one context carries it.
	Subject any
}

type noteKey struct{}

// WithNote returns r carrying n.
func WithNote(r *http.Request, n *Note) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), noteKey{}, n))
}

// Noted returns r and its note, attaching a new note to r when it has none.
func Noted(r *http.Request) (*http.Request, *Note) {
	if n, ok := r.Context().Value(noteKey{}).(*Note); ok {
		return r, n
	}
	n := &Note{}
	return WithNote(r, n), n
}

// NoteOf returns the request's note; a request that bypassed the journal
// gets a throwaway one.
func NoteOf(r *http.Request) *Note {
	if n, ok := r.Context().Value(noteKey{}).(*Note); ok {
		return n
	}
	return &Note{}
}

// Hint adds a hint to the request's note.
func Hint(r *http.Request, hint string) {
	n := NoteOf(r)
	n.Hints = append(n.Hints, hint)
}

// ErrTooBig is returned by ReadBody for a body over MaxBodyBytes.
var ErrTooBig = fmt.Errorf("the body exceeds the sandbox's limit of %d bytes", MaxBodyBytes)

// IsJSON reports whether a Content-Type is application/json, in any letter
// case and with any parameters.
func IsJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && strings.EqualFold(mt, "application/json")
}

// WriteJSON answers with status and v encoded as JSON.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, `{"error":"the answer could not be encoded"}`, http.StatusInternalServerError)
		return
	}
	WriteRaw(w, status, "application/json", body)
}

// jsonType is the Content-Type of JSON answers, which share it: a
// header's values are replaced, never changed in place.
var jsonType = []string{"application/json"}

// WriteRaw answers with status and a body of the content type.
func WriteRaw(w http.ResponseWriter, status int, contentType string, body []byte) {
	if contentType == jsonType[0] {
		w.Header()["Content-Type"] = jsonType
	} else {
		w.Header().Set("Content-Type", contentType)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// DecodeStrict decodes one JSON value into v, refusing invalid UTF-8,
// unknown fields and anything after the value; an empty body leaves v as
// it is.
func DecodeStrict(raw []byte, v any) error {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	if !utf8.Valid(raw) {
		return errors.New("the body is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("data after the JSON value")
	}
	return nil
}

// ControlError is the error body of the sandbox-only control API.
type ControlError struct {
	Error string `json:"error"`
}

// WriteControlError answers a control API request with an error.
func WriteControlError(w http.ResponseWriter, status int, message string) {
	WriteJSON(w, status, ControlError{Error: message})
}

// ErrorFieldsHeader lists, in order, the field path of each error of a
// vendor's error answer ("-" for an error about no field).
const ErrorFieldsHeader = "X-Sandbox-Error-Fields"

// HintHeader carries the sandbox's hints about a request.
const HintHeader = "X-Sandbox-Hint"

// MaxDiagnosticBytes bounds the diagnostic headers of an answer together
// (X-Sandbox-Hint and X-Sandbox-Error-Fields): common proxies and clients
// refuse headers of 8 KiB, and the journal keeps the whole lists.
const MaxDiagnosticBytes = 4 << 10
