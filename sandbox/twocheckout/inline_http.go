package twocheckout

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/gorilla/mux"
)

// The InLine cart's handlers: the client and the overlay (customer pages,
// under /checkout/client/), the JSON twin, the signature helper and the
// demo page (control API). The overlay and the twin drive the same
// OpenInline, UpdateInline and PayInline.

// inlineRoutes registers the client and the overlay.
func (v *Vendor) inlineRoutes(r *mux.Router) {
	get := []string{http.MethodGet, http.MethodHead}
	r.Handle(InlineClientPath, asset("twoCoInlineCart.js", "text/javascript; charset=utf-8")).Methods(get...)
	r.Handle(InlineOverlayScript, asset("overlay.js", "text/javascript; charset=utf-8")).Methods(get...)
	r.Handle(InlineOverlayStyle, asset("overlay.css", "text/css; charset=utf-8")).Methods(get...)
	r.Handle(InlineCartsPath, v.handleOverlayOpen()).Methods(http.MethodPost)
	r.Handle(InlineCartsPath+"/{id:[0-9a-f]+}", v.handleOverlayPage()).Methods(get...)
	r.Handle(InlineCartsPath+"/{id:[0-9a-f]+}", v.handleOverlayForm()).Methods(http.MethodPost)
}

// inlineControl registers the twin, the signature helper and the demo.
func (v *Vendor) inlineControl(r *mux.Router) {
	r.Handle(InlineTwinPath, v.handleTwinOpen()).Methods(http.MethodPost)
	r.Handle(InlineTwinPath+"/{id}", v.handleTwinView()).Methods(http.MethodGet)
	r.Handle(InlineTwinPath+"/{id}", v.handleTwinUpdate()).Methods(http.MethodPost)
	r.Handle(InlineTwinPath+"/{id}/pay", v.handleTwinPay()).Methods(http.MethodPost)
	r.Handle(InlineSignaturePath, v.handleTwinSign()).Methods(http.MethodPost)
	r.Handle(InlineDemoPath, v.handleDemo()).Methods(http.MethodGet, http.MethodHead)
	r.Handle(InlineDemoScript, asset("demo.js", "text/javascript; charset=utf-8")).Methods(http.MethodGet, http.MethodHead)
}

// ---- the JSON twin ----

// twinBody decodes a twin request's JSON body strictly into v.
func twinBody(w http.ResponseWriter, r *http.Request, v any) error {
	raw, err := kit.ReadBody(w, r)
	if err == nil {
		err = kit.DecodeStrict(raw, v)
	}
	if err != nil {
		return refuse(http.StatusBadRequest, InlineRequestInvalid, err.Error(), "")
	}
	return nil
}

// twinAnswer answers a twin call: v with status, or the refusal.
func (v *Vendor) twinAnswer(w http.ResponseWriter, r *http.Request, status int, body any, err error) {
	refusal, refused := refusalOf(err)
	switch {
	case refused:
		v.hintRefusal(r, refusal)
		writeJSON(w, refusal.status, InlineErrors{Errors: refusal.errs})
	case err != nil:
		v.controlFailure(w, r, err)
	default:
		writeJSON(w, status, body)
	}
}

// hintRefusal tells the journal and X-Sandbox-Hint why the cart was
// refused.
func (v *Vendor) hintRefusal(r *http.Request, refusal *inlineRefusal) {
	for _, e := range refusal.errs {
		v.hint(r, "InLine cart: "+e.ErrorCode+": "+or(e.Hint, e.Message))
	}
}

// writeJSON answers v as JSON, without HTML escaping (as the JSON-RPC
// answers are written).
func writeJSON(w http.ResponseWriter, status int, v any) {
	raw, err := encode(v)
	if err != nil {
		kit.WriteControlError(w, http.StatusInternalServerError, "the answer could not be encoded")
		return
	}
	kit.WriteRaw(w, status, "application/json", raw)
}

// handleTwinOpen is POST /_sandbox/twocheckout/inline/carts.
func (v *Vendor) handleTwinOpen() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in InlineCart
		if err := twinBody(w, r, &in); err != nil {
			v.twinAnswer(w, r, 0, nil, err)
			return
		}
		view, err := v.OpenInline(r, in)
		v.twinAnswer(w, r, http.StatusCreated, view, err)
	})
}

// handleTwinView is GET /_sandbox/twocheckout/inline/carts/{id}.
func (v *Vendor) handleTwinView() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		view, err := v.InlineView(r, mux.Vars(r)["id"])
		v.twinAnswer(w, r, http.StatusOK, view, err)
	})
}

// handleTwinUpdate is POST /_sandbox/twocheckout/inline/carts/{id}.
func (v *Vendor) handleTwinUpdate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var up InlineUpdate
		if err := twinBody(w, r, &up); err != nil {
			v.twinAnswer(w, r, 0, nil, err)
			return
		}
		view, err := v.UpdateInline(r, mux.Vars(r)["id"], up)
		v.twinAnswer(w, r, http.StatusOK, view, err)
	})
}

// handleTwinPay is POST /_sandbox/twocheckout/inline/carts/{id}/pay.
func (v *Vendor) handleTwinPay() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var pay InlinePayment
		if err := twinBody(w, r, &pay); err != nil {
			v.twinAnswer(w, r, 0, nil, err)
			return
		}
		paid, err := v.PayInline(r, mux.Vars(r)["id"], pay)
		v.twinAnswer(w, r, http.StatusOK, paid, err)
	})
}

// handleTwinSign is POST /_sandbox/twocheckout/inline/signature.
func (v *Vendor) handleTwinSign() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in InlineCart
		if err := twinBody(w, r, &in); err != nil {
			v.twinAnswer(w, r, 0, nil, err)
			return
		}
		sig, err := v.InlineSign(in)
		v.twinAnswer(w, r, http.StatusOK, map[string]string{"signature": sig}, err)
	})
}

// ---- the overlay ----

// overlayPage is what the overlay shows: a cart (nil when it was refused
// before it opened), the problems of the last request, and the message the
// overlay's script posts to the merchant's page.
type overlayPage struct {
	Cart   *InlineCartView
	Errors []InlineError
	// Card is the card just submitted, kept when the payment was refused.
	Card InlineCard
	// Origin is where the messages go; Message is the message, as JSON.
	Origin  string
	Message string
	// Action is where the cart's form posts.
	Action string
}

// Cards lists the test cards, as a reminder on the payment form.
func (overlayPage) Cards() []kit.TestCard { return kit.TestCards }

// Paid reports whether the cart's order is placed.
func (p overlayPage) Paid() bool { return p.Cart != nil && p.Cart.Status == InlinePaid }

// Language is the page's language.
func (p overlayPage) Language() string {
	if p.Cart == nil {
		return "en"
	}
	return p.Cart.Language
}

// overlayMessage is what the overlay posts to the merchant's page.
type overlayMessage struct {
	Type     string        `json:"type"`
	Cart     string        `json:"cart,omitempty"`
	RefNo    string        `json:"refNo,omitempty"`
	Total    string        `json:"total,omitempty"`
	Currency string        `json:"currency,omitempty"`
	Errors   []InlineError `json:"errors,omitempty"`
}

// showOverlay renders the overlay: the cart, or its refusal.
func (v *Vendor) showOverlay(w http.ResponseWriter, r *http.Request, page overlayPage, err error) {
	status := http.StatusOK
	refusal, refused := refusalOf(err)
	switch {
	case refused:
		status, page.Errors = refusal.status, refusal.errs
		v.hintRefusal(r, refusal)
	case err != nil:
		v.env.Log.Error("twocheckout: InLine cart", "path", r.URL.Path, "err", err)
		v.hint(r, "internal error: "+err.Error())
		status, page.Errors = http.StatusInternalServerError, []InlineError{{ErrorCode: "INTERNAL_ERROR", Message: "The sandbox's store failed; see its log."}}
	}
	msg := overlayMessage{Type: "cart:opened"}
	if page.Cart != nil {
		msg.Cart = page.Cart.ID
		page.Action = InlineCartsPath + "/" + page.Cart.ID
		if page.Origin == "" {
			page.Origin = v.cartOrigin(page.Cart.ID)
		}
		if page.Paid() {
			msg = overlayMessage{Type: "payment:finalized", Cart: page.Cart.ID, RefNo: page.Cart.RefNo,
				Total: page.Cart.Totals.Total, Currency: page.Cart.Currency}
		}
	}
	if len(page.Errors) > 0 {
		msg = overlayMessage{Type: "cart:errors", Cart: msg.Cart, Errors: page.Errors}
	}
	raw, _ := json.Marshal(msg)
	page.Message, page.Origin = string(raw), or(page.Origin, "*")
	if err := render(w, status, "overlay.html", overlayCSP, page); err != nil {
		v.controlFailure(w, r, err)
	}
}

// cartOrigin is the merchant page's origin a stored cart was opened from.
func (v *Vendor) cartOrigin(id string) string {
	var origin string
	_ = v.env.Store.View(func(tx store.Tx) error {
		rec, ok, err := load[inlineState](tx, bucketInline, id)
		if ok {
			origin = rec.Data.Cart.Origin
		}
		return err
	})
	return origin
}

// formBody parses a form POST within the sandbox's body limit.
func formBody(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, kit.MaxBodyBytes)
	if err := r.ParseForm(); err != nil {
		return refuse(http.StatusBadRequest, InlineRequestInvalid, "the form could not be read", err.Error())
	}
	return nil
}

// handleOverlayOpen is POST /checkout/client/carts: the client's form, its
// field cart an InlineCart as JSON. An opened cart is shown by its page;
// a refused one right away.
func (v *Vendor) handleOverlayOpen() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := formBody(w, r); err != nil {
			v.showOverlay(w, r, overlayPage{}, err)
			return
		}
		var in InlineCart
		if err := kit.DecodeStrict([]byte(r.PostForm.Get("cart")), &in); err != nil {
			v.showOverlay(w, r, overlayPage{}, refuse(http.StatusBadRequest, InlineRequestInvalid, err.Error(), "the form field cart must hold the cart as JSON"))
			return
		}
		view, err := v.OpenInline(r, in)
		if err != nil {
			v.showOverlay(w, r, overlayPage{Origin: messageOrigin(in.Origin)}, err)
			return
		}
		http.Redirect(w, r, InlineCartsPath+"/"+view.ID, http.StatusSeeOther)
	})
}

// handleOverlayPage is GET /checkout/client/carts/{id}.
func (v *Vendor) handleOverlayPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		view, err := v.InlineView(r, mux.Vars(r)["id"])
		page := overlayPage{}
		if err == nil {
			page.Cart = &view
		}
		v.showOverlay(w, r, page, err)
	})
}

// handleOverlayForm is POST /checkout/client/carts/{id}: the cart's form,
// action "apply" (the fields and the coupon) or "pay". Done, the cart's
// page shows the result; refused, the cart shows the problems and what was
// submitted.
func (v *Vendor) handleOverlayForm() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := mux.Vars(r)["id"]
		view, err := v.InlineView(r, id)
		if err == nil && view.Status == InlinePaid {
			err = refuse(http.StatusConflict, InlineCartPaid, id, "its order is "+view.RefNo)
		}
		if err == nil {
			err = formBody(w, r)
		}
		if err != nil {
			page := overlayPage{}
			if view.ID != "" {
				page.Cart = &view
			}
			v.showOverlay(w, r, page, err)
			return
		}
		up := formUpdate(view, r.PostForm)
		card := InlineCard{Number: r.PostForm.Get("card.number"), HolderName: r.PostForm.Get("card.holder_name"),
			Month: r.PostForm.Get("card.month"), Year: r.PostForm.Get("card.year"), CVV: r.PostForm.Get("card.cvv")}
		if r.PostForm.Get("action") == "pay" {
			_, err = v.PayInline(r, id, InlinePayment{InlineUpdate: up, Card: card})
		} else {
			_, err = v.UpdateInline(r, id, up)
		}
		if err != nil {
			shown := withValues(view, up)
			v.showOverlay(w, r, overlayPage{Cart: &shown, Card: card}, err)
			return
		}
		http.Redirect(w, r, InlineCartsPath+"/"+id, http.StatusSeeOther)
	})
}

// formUpdate reads the cart's form: every field shown (a CHECKBOX is true
// when sent), the coupon, the billing details.
func formUpdate(view InlineCartView, form url.Values) InlineUpdate {
	value := func(f InlineFieldView, name string) any {
		if f.Type == "CHECKBOX" {
			return form.Has(name)
		}
		return form.Get(name)
	}
	var up InlineUpdate
	for _, f := range view.AdditionalFields {
		if f.Type != "HIDDEN" {
			up.AdditionalFields = append(up.AdditionalFields, InlineFieldValue{Code: f.Code, Value: value(f, "field."+f.Code)})
		}
	}
	for _, it := range view.Items {
		var values []InlineFieldValue
		for _, f := range it.AdditionalFields {
			if f.Type != "HIDDEN" {
				values = append(values, InlineFieldValue{Code: f.Code, Value: value(f, fmt.Sprintf("item.%d.%s", it.Index, f.Code))})
			}
		}
		if len(values) > 0 {
			up.Items = append(up.Items, InlineItemUpdate{Index: it.Index, AdditionalFields: values})
		}
	}
	coupon := form.Get("coupon")
	up.Coupon = &coupon
	up.Billing = &InlineBilling{Name: form.Get("billing.name"), Email: form.Get("billing.email"), Phone: form.Get("billing.phone"),
		Company: form.Get("billing.company"), Country: form.Get("billing.country"), State: form.Get("billing.state"),
		City: form.Get("billing.city"), Zip: form.Get("billing.zip"), Address: form.Get("billing.address"), Address2: form.Get("billing.address2")}
	return up
}

// withValues shows a cart with the values just submitted.
func withValues(view InlineCartView, up InlineUpdate) InlineCartView {
	set := func(fields []InlineFieldView, values []InlineFieldValue) []InlineFieldView {
		out := make([]InlineFieldView, len(fields))
		copy(out, fields)
		for i := range out {
			for _, v := range values {
				if v.Code == out[i].Code {
					out[i].Value = v.Value
				}
			}
		}
		return out
	}
	view.AdditionalFields = set(view.AdditionalFields, up.AdditionalFields)
	view.Items = append([]InlineItemView(nil), view.Items...)
	for _, it := range up.Items {
		if it.Index >= 0 && it.Index < len(view.Items) {
			view.Items[it.Index].AdditionalFields = set(view.Items[it.Index].AdditionalFields, it.AdditionalFields)
		}
	}
	if up.Coupon != nil {
		view.Coupon = *up.Coupon
	}
	if up.Billing != nil {
		view.Billing = *up.Billing
	}
	return view
}

// ---- the demo merchant page ----

// demoPage is the demo merchant page: the seed's example on the sandbox's
// own address.
type demoPage struct {
	// Base is the sandbox's address, as the browser reached it.
	Base string
}

// handleDemo is GET /_sandbox/twocheckout/inline-demo.
func (v *Vendor) handleDemo() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		if err := render(w, http.StatusOK, "demo.html", demoCSP, demoPage{Base: scheme + "://" + r.Host}); err != nil {
			v.controlFailure(w, r, err)
		}
	})
}
