package noventiq

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/gorilla/mux"
)

// checkoutError is the control API's error body, with the form's field
// problems when there are some.
type checkoutError struct {
	Error  string      `json:"error"`
	Fields FieldErrors `json:"fields,omitempty"`
}

// checkoutStatus is the HTTP status of a checkout state machine error.
func checkoutStatus(err error) int {
	var fe FieldErrors
	switch {
	case errors.Is(err, errNotFound):
		return http.StatusNotFound
	case errors.Is(err, errExpired):
		return http.StatusGone
	case errors.Is(err, errConflict):
		return http.StatusConflict
	case errors.Is(err, errBadRequest), errors.As(err, &fe):
		return http.StatusBadRequest
	}
	return http.StatusInternalServerError
}

// writeCheckout answers with the link's state, or with the error.
func (v *Vendor) writeCheckout(w http.ResponseWriter, r *http.Request, link *storedLink, err error) {
	if err == nil {
		kit.WriteJSON(w, http.StatusOK, link.State(v.env.Now()))
		return
	}
	status := checkoutStatus(err)
	if status == http.StatusInternalServerError {
		v.env.Log.Error("checkout", "path", r.URL.Path, "err", err)
		kit.WriteControlError(w, status, "internal error; see the sandbox log")
		return
	}
	body := checkoutError{Error: err.Error()}
	if errors.As(err, &body.Fields) {
		body.Error = "invalid fields"
	}
	kit.WriteJSON(w, status, body)
}

func externalID(r *http.Request) string { return mux.Vars(r)["external_id"] }

// handleCheckoutGet is GET /_sandbox/checkout/{external_id}.
func (v *Vendor) handleCheckoutGet() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		link, err := v.checkout.Get(externalID(r))
		v.writeCheckout(w, r, link, err)
	})
}

// upsellAnswer is the body of POST …/upsell; Choice must be present, null
// to decline.
type upsellAnswer struct {
	Offer  OfferKind       `json:"offer"`
	Choice json.RawMessage `json:"choice"`
}

// handleCheckoutUpsell is POST /_sandbox/checkout/{external_id}/upsell.
func (v *Vendor) handleCheckoutUpsell() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var a upsellAnswer
		var choice *int
		err := decodeControl(w, r, &a)
		if err == nil && (a.Choice == nil || json.Unmarshal(a.Choice, &choice) != nil) {
			err = errors.New(`choice must be an index or null`)
		}
		if err != nil {
			kit.WriteControlError(w, http.StatusBadRequest, `send {"offer":"entry"|"exit","choice":<index or null>}: `+err.Error())
			return
		}
		link, err := v.checkout.Choose(externalID(r), a.Offer, choice)
		v.writeCheckout(w, r, link, err)
	})
}

// handleCheckoutExitIntent is POST /_sandbox/checkout/{external_id}/exit-intent.
func (v *Vendor) handleCheckoutExitIntent() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var empty struct{}
		if err := decodeControl(w, r, &empty); err != nil {
			kit.WriteControlError(w, http.StatusBadRequest, "send no body or {}: "+err.Error())
			return
		}
		link, err := v.checkout.ExitIntent(externalID(r))
		v.writeCheckout(w, r, link, err)
	})
}

// handleCheckoutCustomer is POST /_sandbox/checkout/{external_id}/customer.
func (v *Vendor) handleCheckoutCustomer() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in CustomerInput
		if err := decodeControl(w, r, &in); err != nil {
			kit.WriteControlError(w, http.StatusBadRequest, "send the customer fields and optionally auto_renewal: "+err.Error())
			return
		}
		link, err := v.checkout.SetCustomer(externalID(r), in)
		v.writeCheckout(w, r, link, err)
	})
}

// orderRequest is the body of POST …/order.
type orderRequest struct {
	Card *string `json:"card"`
}

// handleCheckoutOrder is POST /_sandbox/checkout/{external_id}/order.
func (v *Vendor) handleCheckoutOrder() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var o orderRequest
		if err := decodeControl(w, r, &o); err != nil || o.Card == nil {
			kit.WriteControlError(w, http.StatusBadRequest, `send {"card":"<test card number>"}`)
			return
		}
		link, err := v.checkout.Order(externalID(r), nil, *o.Card)
		v.writeCheckout(w, r, link, err)
	})
}

// decodeControl strictly decodes a control API body into v: unknown keys
// and data after the value are refused; an empty body leaves v as it is.
func decodeControl(w http.ResponseWriter, r *http.Request, v any) error {
	raw, err := kit.ReadBody(w, r)
	if err != nil {
		return err
	}
	return kit.DecodeStrict(raw, v)
}
