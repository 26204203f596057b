package noventiq

import (
	"errors"
	"net/http"
	"time"
	"unicode/utf8"

	"github.com/flashcart/flashcart/internal/money"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/noventiq/internal/orders"
	"github.com/flashcart/flashcart/sandbox/noventiq/internal/subscriptions"
	"github.com/flashcart/flashcart/sandbox/schema"
	"github.com/gorilla/mux"
)

// writeSubscription answers with the subscription or the error of a
// subscription call.
func (v *Vendor) writeSubscription(w http.ResponseWriter, r *http.Request, sub *subscriptions.Subscription, err error) {
	var fe *subscriptions.FieldError
	switch {
	case errors.Is(err, errNoSubscription):
		notFoundHint(w, r, "the account has no such subscription")
	case errors.As(err, &fe):
		kit.Hint(r, fe.Error())
		writeErrors(w, r, []Error{FieldError(fe.Field, fe.Field)})
	case err != nil:
		v.fail(w, r, err)
	default:
		kit.WriteJSON(w, http.StatusOK, sub)
	}
}

// handleSubscriptionGet is GET /v1/subscription/{id}.
func (v *Vendor) handleSubscriptionGet() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sub, err := v.desk.Subscription(accountOf(r).Username, mux.Vars(r)["id"])
		v.writeSubscription(w, r, sub, err)
	})
}

// modifyCall reads the fields of one modify call besides id; it returns
// the change, or nil when a field was bad (the errors are in o).
type modifyCall func(o *bodyObject, now time.Time) func(*subscriptions.Subscription) error

// handleModify is one POST /v1/subscription/modify_… call: the body is
// read whole, every bad field reported (3010, for a name not in its
// table too), then the documented rule applied.
func (v *Vendor) handleModify(body *schema.Body, call modifyCall) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o, ok := vendorBody(w, r)
		if !ok {
			return
		}
		o.Known(body.Names()...)
		id, _ := o.String("id", true)
		change := call(o, v.env.Now())
		if len(o.Errs) > 0 {
			writeErrors(w, r, o.Errs)
			return
		}
		sub, err := v.desk.Modify(accountOf(r).Username, id, change)
		v.writeSubscription(w, r, sub, err)
	})
}

// modifyPrice is modify_next_billing_price {id, currency, next_billing_price}.
func modifyPrice(o *bodyObject, _ time.Time) func(*subscriptions.Subscription) error {
	cur, _ := o.String("currency", true)
	s, ok := o.String("next_billing_price", true)
	price, valid := money.Parse(s)
	if ok && !valid {
		o.Fail("next_billing_price")
	}
	return func(sub *subscriptions.Subscription) error { return sub.SetNextBillingPrice(cur, price) }
}

// modifyExpiration is modify_expiration_date {id, expiration_date}.
func modifyExpiration(o *bodyObject, now time.Time) func(*subscriptions.Subscription) error {
	s, ok := o.String("expiration_date", true)
	t, err := orders.ParseTime(s)
	if ok && err != nil {
		o.Fail("expiration_date")
	}
	return func(sub *subscriptions.Subscription) error { return sub.SetExpirationDate(t, now) }
}

// modifyName is modify_next_product_name {id, next_product_name}.
func modifyName(o *bodyObject, _ time.Time) func(*subscriptions.Subscription) error {
	name, ok := o.String("next_product_name", true)
	if ok && (name == "" || utf8.RuneCountInString(name) > 255) {
		o.Fail("next_product_name")
	}
	return func(sub *subscriptions.Subscription) error { return sub.SetNextProductName(name) }
}

// handleModifyActivity is modify_activity {id, activity,
// suppress_customer_notification}: it cancels or restores and sends the
// subscription webhook.
func (v *Vendor) handleModifyActivity() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o, ok := vendorBody(w, r)
		if !ok {
			return
		}
		o.Known(ModifyActivityFields.Names()...)
		id, _ := o.String("id", true)
		active, _ := o.Bool("activity", true)
		o.Bool("suppress_customer_notification", false)
		if len(o.Errs) > 0 {
			writeErrors(w, r, o.Errs)
			return
		}
		sub, err := v.desk.SetActivity(accountOf(r).Username, id, active)
		v.writeSubscription(w, r, sub, err)
	})
}
