package twocheckout

import (
	"errors"
	"net/http"

	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/gorilla/mux"
)

// OrdersControlPath prefixes the control API's view of a stored order,
// GET /_sandbox/twocheckout/orders/{RefNo}, and POST …/{RefNo}/complete,
// which completes it now.
const OrdersControlPath = "/_sandbox/twocheckout/orders/"

// Routes registers the JSON-RPC paths — every HTTP method reaches the
// dispatcher, which answers all but POST with -32600 — and the InLine
// cart's client and overlay.
func (v *Vendor) Routes(r *mux.Router) {
	h := v.handler()
	for _, p := range Paths {
		r.Handle(p, h)
	}
	v.inlineRoutes(r)
}

// Control registers the vendor's part of the control API: a stored order,
// completing it before its approval delay, and the InLine cart's JSON
// twin, signature helper and demo page.
func (v *Vendor) Control(r *mux.Router) {
	r.Handle(OrdersControlPath+"{refno}", v.handleOrderView()).Methods(http.MethodGet)
	r.Handle(OrdersControlPath+"{refno}/complete", v.handleOrderComplete()).Methods(http.MethodPost)
	v.inlineControl(r)
}

// handler serves the dispatcher: every answer is HTTP 200
// application/json. Orders the clock has made due complete first, so that
// getOrder shows them.
func (v *Vendor) handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v.CatchUp(false)
		var out []byte
		if r.Method != http.MethodPost {
			out = v.answerError(r, nil, fail(ErrInvalidRequest).hint("HTTP %s: the API takes POST only", r.Method))
		} else if body, err := kit.ReadBody(w, r); err != nil {
			out = v.answerError(r, nil, fail(ErrInvalidRequest).hint("the body could not be read: %v", err))
		} else {
			out = v.Call(r.Context(), r, body)
		}
		kit.WriteRaw(w, http.StatusOK, "application/json", out)
	})
}

// OrderView is a stored order as the control API shows it.
type OrderView struct {
	Merchant string `json:"merchant"`
	// Test is true for PaymentDetails.Type TEST.
	Test bool `json:"test"`
	// Placed is when placeOrder placed it; CompletesAt when the clock
	// completes it (absent once it is complete, or when its merchant left
	// the world).
	Placed      string  `json:"placed"`
	CompletesAt *string `json:"completes_at,omitempty"`
	Order       Order   `json:"order"`
}

// handleOrderView is GET /_sandbox/twocheckout/orders/{refno}.
func (v *Vendor) handleOrderView() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v.CatchUp(false)
		v.writeOrder(w, r, mux.Vars(r)["refno"])
	})
}

// handleOrderComplete is POST /_sandbox/twocheckout/orders/{refno}/complete:
// the order completes now, and its IPN is sent; an order already complete
// stays as it is.
func (v *Vendor) handleOrderComplete() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ref := mux.Vars(r)["refno"]
		err := v.Complete(r.Context(), ref)
		switch {
		case errors.Is(err, ErrUnknownOrder):
			kit.WriteControlError(w, http.StatusNotFound, "no 2Checkout order has the RefNo "+ref)
			return
		case err != nil:
			v.controlFailure(w, r, err)
			return
		}
		v.env.Outbox.Kick()
		v.writeOrder(w, r, ref)
	})
}

// writeOrder answers the view of a stored order, or 404.
func (v *Vendor) writeOrder(w http.ResponseWriter, r *http.Request, ref string) {
	view, ok, err := v.orderView(ref)
	switch {
	case err != nil:
		v.controlFailure(w, r, err)
	case !ok:
		kit.WriteControlError(w, http.StatusNotFound, "no 2Checkout order has the RefNo "+ref)
	default:
		v.note(r, func(n *kit.Note) { n.Account = view.Merchant })
		kit.WriteJSON(w, http.StatusOK, view)
	}
}

// controlFailure is the one answer of the control routes to a store error.
func (v *Vendor) controlFailure(w http.ResponseWriter, r *http.Request, err error) {
	v.env.Log.Error("twocheckout: control API", "path", r.URL.Path, "err", err)
	v.hint(r, "internal error: "+err.Error())
	kit.WriteControlError(w, http.StatusInternalServerError, "the sandbox's store failed; see its log")
}
