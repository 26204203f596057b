package sandbox

import (
	"cmp"
	"net/http"
	"slices"

	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/internal/outbox"
	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// WebhookDelivery is one webhook of a vendor and every attempt to deliver
// it, as GET /_sandbox/webhooks lists it.
type WebhookDelivery = outbox.Delivery

// deliveryFilters are the query keys of GET /_sandbox/webhooks that are not
// a vendor's subject keys.
var deliveryFilters = map[string]bool{"vendor": true, "account": true, "event": true, "state": true, "after": true, "limit": true}

// subjectChecker is a vendor that checks the subject keys its deliveries
// are filtered on, such as Noventiq's numeric order_id.
type subjectChecker interface {
	CheckSubject(key, value string) error
}

type deliveriesPage struct {
	Deliveries []outbox.Delivery `json:"deliveries"`
	// More is true when deliveries after these were left out; read them
	// with ?after=<NextAfter>.
	More      bool   `json:"more,omitempty"`
	NextAfter string `json:"next_after,omitempty"`
}

// handleWebhooks is GET /_sandbox/webhooks: the deliveries of every
// vendor, oldest first, after ?after=<id>, a page of ?limit= of them,
// filtered by vendor, account, event, state and the vendors' subject keys
// (order_id, …).
func (s *Sandbox) handleWebhooks() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.catchUp(false)
		kit.NoteOf(r).QuietBody = true
		q := r.URL.Query()
		limit, err := pageParams(q)
		if err != nil {
			kit.WriteControlError(w, http.StatusBadRequest, err.Error())
			return
		}
		f := outbox.Filter{Vendor: q.Get("vendor"), Account: q.Get("account"), Event: q.Get("event"), State: outbox.State(q.Get("state"))}
		for k := range q {
			if deliveryFilters[k] {
				continue
			}
			for _, m := range s.vendors.list {
				if c, ok := m.v.(subjectChecker); ok {
					if err := c.CheckSubject(k, q.Get(k)); err != nil {
						kit.WriteControlError(w, http.StatusBadRequest, err.Error())
						return
					}
				}
			}
			if f.Subject == nil {
				f.Subject = map[string]string{}
			}
			f.Subject[k] = q.Get(k)
		}
		var page deliveriesPage
		err = s.store.View(func(tx store.Tx) error {
			var err error
			page.Deliveries, err = outbox.List(tx, f)
			return err
		})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		after := q.Get("after")
		i, _ := slices.BinarySearchFunc(page.Deliveries, after, func(d outbox.Delivery, id string) int { return cmp.Compare(d.ID, id) })
		if i < len(page.Deliveries) && page.Deliveries[i].ID == after {
			i++
		}
		page.Deliveries = page.Deliveries[i:]
		if len(page.Deliveries) > limit {
			page.Deliveries, page.More = page.Deliveries[:limit], true
			page.NextAfter = page.Deliveries[limit-1].ID
		}
		kit.WriteJSON(w, http.StatusOK, page)
	})
}

// DeliveryState is where a webhook delivery is.
type DeliveryState = outbox.State

// The delivery states: pending until the receiver accepts it (delivered) or
// its attempts run out (failed); no_receiver when the account has no URL.
const (
	DeliveryPending    = outbox.Pending
	DeliveryDelivered  = outbox.Delivered
	DeliveryFailed     = outbox.Failed
	DeliveryNoReceiver = outbox.NoReceiver
)

// The diagnostic headers the sandbox adds to vendor answers; vendors never
// send them.
const (
	// HintHeader carries, once per hint, what the sandbox noticed about
	// the request.
	HintHeader = kit.HintHeader
	// ErrorFieldsHeader lists, in order, the field path of each error of
	// a vendor's error answer ("-" for an error about no field).
	ErrorFieldsHeader = kit.ErrorFieldsHeader
)
