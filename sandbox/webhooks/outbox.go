package webhooks

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// Bucket is the store bucket of deliveries, keyed by id; PendingBucket
// indexes the ids of the pending ones, so that the worker reads only
// those; seqBucket holds the last id given.
const (
	Bucket        = "webhooks"
	PendingBucket = "webhooks_pending"
	seqBucket     = "webhooks_seq"
)

// State is where a delivery is.
type State string

// A delivery is pending until the receiver answers 2xx (delivered) or the
// attempts run out (failed); no_receiver means the account has no webhook URL.
const (
	Pending    State = "pending"
	Delivered  State = "delivered"
	Failed     State = "failed"
	NoReceiver State = "no_receiver"
)

// Delivery is one webhook and every attempt to send it.
type Delivery struct {
	ID        string          `json:"id"`
	Account   string          `json:"account"`
	Event     string          `json:"event"`
	OrderID   int64           `json:"order_id"`
	ProductID string          `json:"product_id"`
	URL       string          `json:"url"`
	State     State           `json:"state"`
	Signature string          `json:"signature"`
	Body      json.RawMessage `json:"body"`
	Attempts  []Attempt       `json:"attempts"`
	// NextAt is when the next attempt is due, in real time.
	NextAt time.Time `json:"next_at,omitzero"`
}

// Attempt is one POST of a delivery: the receiver's status, or the error
// that kept it from answering. At is by the sandbox clock.
type Attempt struct {
	At     time.Time `json:"at"`
	Status int       `json:"status"`
	Error  string    `json:"error"`
}

// Enqueue records the webhook for the account's receiver in the outbox; it
// is due at once. Without a receiver URL it is kept as no_receiver.
func Enqueue(tx store.Tx, account string, hook fixtures.Webhook, b Body) error {
	raw, err := json.Marshal(b)
	if err != nil {
		return fmt.Errorf("webhooks: encode %s: %w", b.Event, err)
	}
	seq := 1
	if last, ok := tx.Get(seqBucket, "last"); ok {
		n, err := strconv.Atoi(string(last))
		if err != nil {
			return fmt.Errorf("webhooks: read the last id: %w", err)
		}
		seq = n + 1
	}
	if err := tx.Put(seqBucket, "last", []byte(strconv.Itoa(seq))); err != nil {
		return err
	}
	d := Delivery{
		ID: fmt.Sprintf("wh_%06d", seq), Account: account, Event: b.Event, OrderID: b.OrderID, ProductID: b.Product.ID,
		URL: hook.URL, State: Pending, Signature: Signature(hook.Secret, &b), Body: raw, Attempts: []Attempt{},
	}
	if hook.URL == "" {
		d.State = NoReceiver
	}
	return put(tx, &d)
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

// pending returns the pending deliveries, oldest first. An index entry
// whose delivery is gone (removed by a reset of its account) is skipped.
func pending(tx store.Tx) ([]Delivery, error) {
	var out []Delivery
	err := tx.ForEach(PendingBucket, func(id string, _ []byte) error {
		var d Delivery
		found, err := store.GetJSON(tx, Bucket, id, &d)
		if found {
			out = append(out, d)
		}
		return err
	})
	slices.SortFunc(out, func(a, b Delivery) int { return cmp.Compare(a.ID, b.ID) })
	return out, err
}

// Filter selects deliveries; zero fields do not filter.
type Filter struct {
	OrderID int64
	Event   string
	State   State
}

// List returns the deliveries that pass the filter, oldest first.
func List(tx store.Tx, f Filter) ([]Delivery, error) {
	out := []Delivery{}
	err := store.EachJSON(tx, Bucket, func(_ string, d *Delivery) error {
		if (f.OrderID == 0 || d.OrderID == f.OrderID) && (f.Event == "" || d.Event == f.Event) && (f.State == "" || d.State == f.State) {
			out = append(out, *d)
		}
		return nil
	})
	slices.SortFunc(out, func(a, b Delivery) int { return cmp.Compare(a.ID, b.ID) })
	return out, err
}
