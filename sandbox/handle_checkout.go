package sandbox

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/flashcart/flashcart/sandbox/checkout"
	"github.com/gorilla/mux"
)

// checkoutError is the control API's error body, with the form's field
// problems when there are some.
type checkoutError struct {
	Error  string               `json:"error"`
	Fields checkout.FieldErrors `json:"fields,omitempty"`
}

// checkoutStatus is the HTTP status of a checkout state machine error.
func checkoutStatus(err error) int {
	var fe checkout.FieldErrors
	switch {
	case errors.Is(err, checkout.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, checkout.ErrExpired):
		return http.StatusGone
	case errors.Is(err, checkout.ErrConflict):
		return http.StatusConflict
	case errors.Is(err, checkout.ErrBadRequest), errors.As(err, &fe):
		return http.StatusBadRequest
	}
	return http.StatusInternalServerError
}

// writeCheckout answers with the link's state, or with the error.
func (s *Sandbox) writeCheckout(w http.ResponseWriter, r *http.Request, link *checkout.Link, err error) {
	if err == nil {
		writeJSON(w, http.StatusOK, link.State(s.clock.Now()))
		return
	}
	status := checkoutStatus(err)
	if status == http.StatusInternalServerError {
		s.log.Error("checkout", "path", r.URL.Path, "err", err)
		writeControlError(w, status, "internal error; see the sandbox log")
		return
	}
	body := checkoutError{Error: err.Error()}
	if errors.As(err, &body.Fields) {
		body.Error = "invalid fields"
	}
	writeJSON(w, status, body)
}

func externalID(r *http.Request) string { return mux.Vars(r)["external_id"] }

// handleCheckoutGet is GET /_sandbox/checkout/{external_id}.
func (s *Sandbox) handleCheckoutGet() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		link, err := s.shop.checkout.Get(externalID(r))
		s.writeCheckout(w, r, link, err)
	})
}

// upsellAnswer is the body of POST …/upsell; Choice must be present, null
// to decline.
type upsellAnswer struct {
	Offer  checkout.OfferKind `json:"offer"`
	Choice json.RawMessage    `json:"choice"`
}

// handleCheckoutUpsell is POST /_sandbox/checkout/{external_id}/upsell.
func (s *Sandbox) handleCheckoutUpsell() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var a upsellAnswer
		var choice *int
		err := decodeControl(w, r, &a)
		if err == nil && (a.Choice == nil || json.Unmarshal(a.Choice, &choice) != nil) {
			err = errors.New(`choice must be an index or null`)
		}
		if err != nil {
			writeControlError(w, http.StatusBadRequest, `send {"offer":"entry"|"exit","choice":<index or null>}: `+err.Error())
			return
		}
		link, err := s.shop.checkout.Choose(externalID(r), a.Offer, choice)
		s.writeCheckout(w, r, link, err)
	})
}

// handleCheckoutExitIntent is POST /_sandbox/checkout/{external_id}/exit-intent.
func (s *Sandbox) handleCheckoutExitIntent() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var empty struct{}
		if raw, err := readBody(w, r); err != nil || len(raw) > 0 && json.Unmarshal(raw, &empty) != nil {
			writeControlError(w, http.StatusBadRequest, "send no body or {}")
			return
		}
		link, err := s.shop.checkout.ExitIntent(externalID(r))
		s.writeCheckout(w, r, link, err)
	})
}

// handleCheckoutCustomer is POST /_sandbox/checkout/{external_id}/customer.
func (s *Sandbox) handleCheckoutCustomer() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in checkout.CustomerInput
		if err := decodeControl(w, r, &in); err != nil {
			writeControlError(w, http.StatusBadRequest, "send the customer fields and optionally auto_renewal: "+err.Error())
			return
		}
		link, err := s.shop.checkout.SetCustomer(externalID(r), in)
		s.writeCheckout(w, r, link, err)
	})
}

// orderRequest is the body of POST …/order.
type orderRequest struct {
	Card *string `json:"card"`
}

// handleCheckoutOrder is POST /_sandbox/checkout/{external_id}/order.
func (s *Sandbox) handleCheckoutOrder() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var o orderRequest
		if err := decodeControl(w, r, &o); err != nil || o.Card == nil {
			writeControlError(w, http.StatusBadRequest, `send {"card":"<test card number>"}`)
			return
		}
		link, err := s.shop.checkout.Order(externalID(r), nil, *o.Card)
		s.writeCheckout(w, r, link, err)
	})
}
