// Package outbox keeps every webhook the sandbox's vendors send — Noventiq's
// order notifications, Solifyn's Standard Webhooks, 2Checkout's IPN — in the
// store, and delivers them with each vendor's retry schedule. A delivery
// pending when the sandbox stops resumes when an outbox runs on the same
// durable store.
package outbox

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// Bucket is the store bucket of deliveries, keyed by id; PendingBucket
// indexes the ids of the pending ones, so that the worker reads only
// those; SeqBucket holds the last id given.
const (
	Bucket        = "webhooks"
	PendingBucket = "webhooks_pending"
	SeqBucket     = "webhooks_seq"
)

// State is where a delivery is.
type State string

// A delivery is pending until the receiver accepts it (delivered) or the
// attempts run out (failed); no_receiver means the account has no URL.
const (
	Pending    State = "pending"
	Delivered  State = "delivered"
	Failed     State = "failed"
	NoReceiver State = "no_receiver"
)

// Message is what a vendor hands the outbox to deliver.
type Message struct {
	Vendor, Account, Event string
	// Subject holds the vendor's own keys listed with the delivery and
	// filtered on by GET /_sandbox/webhooks, such as Noventiq's order_id,
	// product_id and signature.
	Subject map[string]any
	// URL is the receiver; empty records the message as no_receiver.
	URL string
	// Header is sent with every attempt (signatures, event names).
	Header http.Header
	// ContentType is the body's media type; empty means application/json.
	ContentType string
	Body        []byte
}

// Delivery is one message and every attempt to send it.
type Delivery struct {
	ID      string
	Vendor  string
	Account string
	Event   string
	Subject map[string]any
	URL     string
	State   State
	Header  http.Header
	// ContentType is empty for JSON bodies.
	ContentType string
	Body        []byte
	Attempts    []Attempt
	// NextAt is when the next attempt is due: in real time, or on the
	// sandbox clock for vendors whose policy says so.
	NextAt time.Time
}

// Attempt is one POST of a delivery: the receiver's status, or the error
// that kept it from being accepted. At is by the sandbox clock.
type Attempt struct {
	At     time.Time `json:"at"`
	Status int       `json:"status"`
	Error  string    `json:"error"`
}

// reserved are the keys of a delivery's JSON that a subject key may not use.
var reserved = []string{"id", "vendor", "account", "event", "url", "state", "headers", "content_type", "body", "attempts", "next_at"}

// MarshalJSON writes the delivery with its subject's keys beside its own;
// a JSON body is written as JSON, any other as a string.
func (d Delivery) MarshalJSON() ([]byte, error) {
	m := make(map[string]any, len(d.Subject)+len(reserved))
	maps.Copy(m, d.Subject)
	m["id"], m["vendor"], m["account"], m["event"] = d.ID, d.Vendor, d.Account, d.Event
	m["url"], m["state"], m["attempts"] = d.URL, d.State, d.Attempts
	if d.Attempts == nil {
		m["attempts"] = []Attempt{}
	}
	if len(d.Header) > 0 {
		m["headers"] = d.Header
	}
	if d.ContentType != "" {
		m["content_type"], m["body"] = d.ContentType, string(d.Body)
	} else {
		m["body"] = json.RawMessage(d.Body)
	}
	if !d.NextAt.IsZero() {
		m["next_at"] = d.NextAt
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (d *Delivery) UnmarshalJSON(raw []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return err
	}
	var body json.RawMessage
	fields := map[string]any{
		"id": &d.ID, "vendor": &d.Vendor, "account": &d.Account, "event": &d.Event, "url": &d.URL, "state": &d.State,
		"headers": &d.Header, "content_type": &d.ContentType, "body": &body, "attempts": &d.Attempts, "next_at": &d.NextAt,
	}
	d.Subject = nil
	for k, v := range m {
		target, own := fields[k]
		if !own {
			var val any
			dec := json.NewDecoder(bytes.NewReader(v))
			dec.UseNumber() // ids keep every digit
			if err := dec.Decode(&val); err != nil {
				return err
			}
			if d.Subject == nil {
				d.Subject = map[string]any{}
			}
			d.Subject[k] = val
			continue
		}
		if err := json.Unmarshal(v, target); err != nil {
			return fmt.Errorf("outbox: delivery %s: %w", k, err)
		}
	}
	d.Body = body
	if d.ContentType != "" {
		var s string
		if err := json.Unmarshal(body, &s); err != nil {
			return fmt.Errorf("outbox: delivery body: %w", err)
		}
		d.Body = []byte(s)
	}
	return nil
}

// Enqueue records the message in the outbox in the caller's transaction;
// it is due at once. It returns the delivery's id.
func Enqueue(tx store.Tx, m Message) (string, error) {
	for k := range m.Subject {
		if slices.Contains(reserved, k) {
			return "", fmt.Errorf("outbox: subject key %q is a delivery field", k)
		}
	}
	if m.ContentType == "" && !json.Valid(m.Body) {
		return "", fmt.Errorf("outbox: the %s body is not JSON", m.Event)
	}
	seq := 1
	if last, ok := tx.Get(SeqBucket, "last"); ok {
		n, err := strconv.Atoi(string(last))
		if err != nil {
			return "", fmt.Errorf("outbox: read the last id: %w", err)
		}
		seq = n + 1
	}
	if err := tx.Put(SeqBucket, "last", []byte(strconv.Itoa(seq))); err != nil {
		return "", err
	}
	d := Delivery{
		ID: fmt.Sprintf("wh_%06d", seq), Vendor: m.Vendor, Account: m.Account, Event: m.Event, Subject: m.Subject,
		URL: m.URL, State: Pending, Header: m.Header, ContentType: m.ContentType, Body: bytes.Clone(m.Body),
	}
	if m.ContentType == "application/json" {
		d.ContentType = ""
	}
	if m.URL == "" {
		d.State = NoReceiver
	}
	return d.ID, put(tx, &d)
}

// put stores a delivery and keeps the pending index in step.
func put(tx store.Tx, d *Delivery) error {
	if err := store.PutJSON(tx, Bucket, d.ID, d); err != nil {
		return err
	}
	if d.State == Pending {
		return tx.Put(PendingBucket, d.ID, []byte{1})
	}
	return tx.Delete(PendingBucket, d.ID)
}

// pendingCache keeps the pending deliveries decoded, each with the record
// it was decoded from, so that listing them again decodes only the records
// written since: the worker lists them at every enqueued delivery and
// every attempt, and a receiver that does not answer can leave thousands
// pending. The deliveries it hands out share their slices and maps with
// it, so they are read, never changed (attempt reads its own copy).
type pendingCache struct {
	mu      sync.Mutex
	decoded map[string]cachedDelivery
}

type cachedDelivery struct {
	raw []byte
	d   Delivery
}

// pending returns the pending deliveries, oldest first. An index entry
// whose delivery is gone (removed by a reset of its account) is skipped.
// The transaction only gathers the records, which a store never changes
// once written, and they are decoded after it (those not decoded before):
// a long queue of deliveries does not hold the store's writers back.
func (c *pendingCache) pending(st store.Store) ([]Delivery, error) {
	type record struct {
		id  string
		raw []byte
	}
	var records []record
	err := st.View(func(tx store.Tx) error {
		return tx.ForEach(PendingBucket, func(id string, _ []byte) error {
			if v, found := tx.Get(Bucket, id); found {
				records = append(records, record{id, v})
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	kept := make(map[string]cachedDelivery, len(records))
	out := make([]Delivery, len(records))
	for i, r := range records {
		if got, ok := c.decoded[r.id]; ok && bytes.Equal(got.raw, r.raw) {
			out[i] = got.d
		} else if err := json.Unmarshal(r.raw, &out[i]); err != nil {
			return nil, fmt.Errorf("store: decode %s: %w", Bucket, err)
		}
		kept[r.id] = cachedDelivery{r.raw, out[i]}
	}
	c.decoded = kept
	slices.SortFunc(out, func(a, b Delivery) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// Filter selects deliveries; zero fields do not filter. Subject keeps the
// deliveries whose subject holds every key with that value (compared in
// its JSON text form).
type Filter struct {
	Vendor, Account, Event string
	State                  State
	Subject                map[string]string
}

func (f *Filter) keeps(d *Delivery) bool {
	if f.Vendor != "" && d.Vendor != f.Vendor || f.Account != "" && d.Account != f.Account ||
		f.Event != "" && d.Event != f.Event || f.State != "" && d.State != f.State {
		return false
	}
	for k, want := range f.Subject {
		v, ok := d.Subject[k]
		if !ok || text(v) != want {
			return false
		}
	}
	return true
}

// text is a subject value as it is written in a query: strings bare,
// other values as JSON.
func text(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	raw, _ := json.Marshal(v)
	return string(raw)
}

// List returns the deliveries that pass the filter, oldest first.
func List(tx store.Tx, f Filter) ([]Delivery, error) {
	out := []Delivery{}
	err := store.EachJSON(tx, Bucket, func(_ string, d *Delivery) error {
		if f.keeps(d) {
			out = append(out, *d)
		}
		return nil
	})
	slices.SortFunc(out, func(a, b Delivery) int { return cmp.Compare(a.ID, b.ID) })
	return out, err
}
