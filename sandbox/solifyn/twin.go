package solifyn

import (
	"errors"
	"net/http"

	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/gorilla/mux"
)

// CheckoutTwinPath prefixes the hosted checkout's JSON twin in the control
// API: GET /_sandbox/solifyn/checkout/{id} (a session's id or session_id)
// answers its CheckoutState; POST …/customer takes a Customer and POST
// …/pay a PayRequest, each answering the state afterwards.
const CheckoutTwinPath = "/_sandbox/solifyn/checkout/"

// Control registers the vendor's part of the control API: the hosted
// checkout's JSON twin, which drives the same state machine as the page.
func (v *Vendor) Control(r *mux.Router) {
	r.Handle(CheckoutTwinPath+"{id}", v.twin(func(id string, _ []byte) (*CheckoutState, error) {
		return v.checkoutState(id)
	})).Methods(http.MethodGet)
	r.Handle(CheckoutTwinPath+"{id}/customer", v.twin(func(id string, raw []byte) (*CheckoutState, error) {
		var c Customer
		if err := kit.DecodeStrict(raw, &c); err != nil {
			return nil, errTwinBody(err, `{"email","name","billing_address","custom_fields","amount"}, each optional`)
		}
		return v.setCustomer(id, c)
	})).Methods(http.MethodPost)
	r.Handle(CheckoutTwinPath+"{id}/pay", v.twin(func(id string, raw []byte) (*CheckoutState, error) {
		var p PayRequest
		if err := kit.DecodeStrict(raw, &p); err != nil {
			return nil, errTwinBody(err, `{"card":"4242424242424242"} (exp_month and exp_year optional)`)
		}
		return v.pay(id, p)
	})).Methods(http.MethodPost)
}

// errTwinBody is the refusal of a twin body that does not decode.
func errTwinBody(err error, want string) error {
	return &TwinError{Status: http.StatusBadRequest, Message: "the body must be " + want + ": " + err.Error()}
}

// twin answers a twin request: fn gets the path's id and the body, and
// its state is answered as JSON; a refusal is a control error with its
// status, anything else (the store failed) a 500.
func (v *Vendor) twin(fn func(id string, body []byte) (*CheckoutState, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, err := kit.ReadBody(w, r)
		if err != nil {
			kit.WriteControlError(w, http.StatusBadRequest, err.Error())
			return
		}
		st, err := fn(mux.Vars(r)["id"], raw)
		var te *TwinError
		switch {
		case errors.As(err, &te):
			kit.Hint(r, err.Error())
			kit.WriteControlError(w, te.Status, err.Error())
		case err != nil:
			v.env.Log.Error("solifyn: checkout twin", "path", r.URL.Path, "err", err)
			kit.Hint(r, "internal error: "+err.Error())
			kit.WriteControlError(w, http.StatusInternalServerError, "internal error; see the sandbox log")
		default:
			kit.NoteOf(r).Account = st.BusinessID
			kit.WriteJSON(w, http.StatusOK, st)
		}
	})
}
