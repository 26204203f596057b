package sandbox

import (
	"errors"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/flashcart/flashcart/internal/jsonfields"
	"github.com/flashcart/flashcart/internal/money"
	"github.com/flashcart/flashcart/sandbox/apierr"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/flashcart/flashcart/sandbox/orders"
	"github.com/flashcart/flashcart/sandbox/sales"
	"github.com/flashcart/flashcart/sandbox/subscriptions"
	"github.com/flashcart/flashcart/sandbox/webhooks"
	"github.com/gorilla/mux"
)

// vendorBody reads a token API's JSON object body: 111 for a content type
// other than application/json, 110 for anything but a JSON object.
func vendorBody(w http.ResponseWriter, r *http.Request) (*jsonfields.Object, bool) {
	if !isJSON(r.Header.Get("Content-Type")) {
		noteOf(r).hint("Content-Type must be application/json")
		writeErrors(w, r, []apierr.Error{apierr.New(apierr.InvalidContentType)})
		return nil, false
	}
	raw, err := readBody(w, r)
	o, ok := jsonfields.Parse(raw)
	if err != nil || !ok {
		noteOf(r).hint("the body must be a JSON object")
		writeErrors(w, r, []apierr.Error{apierr.New(apierr.InvalidJSON)})
		return nil, false
	}
	return o, true
}

// notFoundHint answers the framework's 404 with a hint for the journal.
func notFoundHint(w http.ResponseWriter, r *http.Request, hint string) {
	noteOf(r).hint(hint)
	writeFramework(w, http.StatusNotFound, "Not Found")
}

// handleOrderGet is GET /v1/order/{order_id}.
func (s *Sandbox) handleOrderGet() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.ParseInt(mux.Vars(r)["order_id"], 10, 64)
		if err != nil {
			notFoundHint(w, r, "order ids are numbers")
			return
		}
		o, err := s.shop.desk.Order(accountOf(r).Username, id)
		switch {
		case errors.Is(err, sales.ErrNoOrder):
			notFoundHint(w, r, "the account has no order "+strconv.FormatInt(id, 10))
		case err != nil:
			panic(err)
		default:
			writeJSON(w, http.StatusOK, o)
		}
	})
}

type searchResult struct {
	IDs []int64 `json:"ids"`
}

// handleOrderSearch is POST /v1/order/search.
func (s *Sandbox) handleOrderSearch() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o, ok := vendorBody(w, r)
		if !ok {
			return
		}
		f, errs := orders.DecodeFilter(o)
		if len(errs) > 0 {
			writeErrors(w, r, errs)
			return
		}
		ids, err := s.shop.desk.Search(accountOf(r).Username, f)
		if err != nil {
			panic(err)
		}
		if ids == nil {
			ids = []int64{}
		}
		writeJSON(w, http.StatusOK, searchResult{IDs: ids})
	})
}

// writeSubscription answers with the subscription or the error of a
// subscription call.
func writeSubscription(w http.ResponseWriter, r *http.Request, sub *subscriptions.Subscription, err error) {
	var fe *subscriptions.FieldError
	switch {
	case errors.Is(err, sales.ErrNotFound):
		notFoundHint(w, r, "the account has no such subscription")
	case errors.As(err, &fe):
		noteOf(r).hint(fe.Error())
		writeErrors(w, r, []apierr.Error{apierr.Field(fe.Field, fe.Field)})
	case err != nil:
		panic(err)
	default:
		writeJSON(w, http.StatusOK, sub)
	}
}

// handleSubscriptionGet is GET /v1/subscription/{id}.
func (s *Sandbox) handleSubscriptionGet() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sub, err := s.shop.desk.Subscription(accountOf(r).Username, mux.Vars(r)["id"])
		writeSubscription(w, r, sub, err)
	})
}

// modifyCall reads the fields of one modify call besides id; it returns
// the change, or nil when a field was bad (the errors are in o).
type modifyCall func(o *jsonfields.Object, now time.Time) func(*subscriptions.Subscription) error

// handleModify is one POST /v1/subscription/modify_… call: the body is
// read whole, every bad field reported (3010), then the documented rule
// applied.
func (s *Sandbox) handleModify(fields []string, call modifyCall) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o, ok := vendorBody(w, r)
		if !ok {
			return
		}
		o.Known(append([]string{"id"}, fields...)...)
		id, _ := o.String("id", true)
		change := call(o, s.clock.Now())
		if len(o.Errs) > 0 {
			writeErrors(w, r, o.Errs)
			return
		}
		sub, err := s.shop.desk.Modify(accountOf(r).Username, id, change)
		writeSubscription(w, r, sub, err)
	})
}

// modifyPrice is modify_next_billing_price {id, currency, next_billing_price}.
func modifyPrice(o *jsonfields.Object, _ time.Time) func(*subscriptions.Subscription) error {
	cur, _ := o.String("currency", true)
	s, ok := o.String("next_billing_price", true)
	price, valid := money.Parse(s)
	if ok && !valid {
		o.Fail("next_billing_price")
	}
	return func(sub *subscriptions.Subscription) error { return sub.SetNextBillingPrice(cur, price) }
}

// modifyExpiration is modify_expiration_date {id, expiration_date}.
func modifyExpiration(o *jsonfields.Object, now time.Time) func(*subscriptions.Subscription) error {
	s, ok := o.String("expiration_date", true)
	t, err := orders.ParseTime(s)
	if ok && err != nil {
		o.Fail("expiration_date")
	}
	return func(sub *subscriptions.Subscription) error { return sub.SetExpirationDate(t, now) }
}

// modifyName is modify_next_product_name {id, next_product_name}.
func modifyName(o *jsonfields.Object, _ time.Time) func(*subscriptions.Subscription) error {
	name, ok := o.String("next_product_name", true)
	if ok && (name == "" || utf8.RuneCountInString(name) > 255) {
		o.Fail("next_product_name")
	}
	return func(sub *subscriptions.Subscription) error { return sub.SetNextProductName(name) }
}

// handleModifyActivity is modify_activity {id, activity,
// suppress_customer_notification}: it cancels or restores and sends the
// subscription webhook.
func (s *Sandbox) handleModifyActivity() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o, ok := vendorBody(w, r)
		if !ok {
			return
		}
		o.Known("id", "activity", "suppress_customer_notification")
		id, _ := o.String("id", true)
		active, _ := o.Bool("activity", true)
		o.Bool("suppress_customer_notification", false)
		if len(o.Errs) > 0 {
			writeErrors(w, r, o.Errs)
			return
		}
		sub, err := s.shop.desk.SetActivity(accountOf(r).Username, id, active)
		writeSubscription(w, r, sub, err)
	})
}

type deliveriesPage struct {
	Deliveries []webhooks.Delivery `json:"deliveries"`
}

// handleWebhooks is GET /_sandbox/webhooks, optionally filtered by
// order_id and event.
func (s *Sandbox) handleWebhooks() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		f := webhooks.Filter{Event: q.Get("event")}
		if v := q.Get("order_id"); v != "" {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				writeControlError(w, http.StatusBadRequest, "order_id must be a number")
				return
			}
			f.OrderID = id
		}
		var page deliveriesPage
		err := s.store.View(func(tx store.Tx) error {
			var err error
			page.Deliveries, err = webhooks.List(tx, f)
			return err
		})
		if err != nil {
			panic(err)
		}
		writeJSON(w, http.StatusOK, page)
	})
}
