package noventiq

import (
	"errors"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/noventiq/internal/orders"
	"github.com/gorilla/mux"
)

// render writes a page; a template that fails is answered 500.
func (v *Vendor) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	if err := render(w, status, name, data); err != nil {
		v.fail(w, r, err)
	}
}

// renderCheckout shows a link: the checkout page while it is open, 410
// once it was used or has expired, 404 when there is no such link.
func (v *Vendor) renderCheckout(w http.ResponseWriter, r *http.Request, link *storedLink, form *checkoutPage) {
	if link == nil {
		kit.Hint(r, "no link has that external id")
		v.render(w, r, http.StatusNotFound, "notfound", nil)
		return
	}
	st := link.State(v.env.Now())
	switch st.Status {
	case "ordered", "expired":
		kit.Hint(r, "the link is "+st.Status)
		v.render(w, r, http.StatusGone, "gone", gonePage{ExternalID: link.ExternalID, Used: st.Status == "ordered"})
		return
	}
	status := http.StatusOK
	page := checkoutPage{CheckoutState: st, Form: st.Customer, Countries: v.countries(link)}
	if form != nil {
		page.Form, page.Errors, page.Card = form.Form, form.Errors, form.Card
		status = http.StatusBadRequest
	}
	v.render(w, r, status, "checkout", &page)
}

// countries are those the link's checkout page sells to.
func (v *Vendor) countries(link *storedLink) []string {
	if a, ok := v.env.World().Account(link.Account); ok {
		if p, ok := a.Page(link.MarketID); ok {
			return slices.Sorted(maps.Keys(p.Countries))
		}
	}
	return nil
}

// handlePage is GET /basket/flash/{external_id}: the page a buy link opens.
func (v *Vendor) handlePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		link, err := v.checkout.Get(externalID(r))
		if err != nil && !errors.Is(err, errNotFound) {
			v.fail(w, r, err)
			return
		}
		v.renderCheckout(w, r, link, nil)
	})
}

// afterForm answers a form post: back to the page (303) when the change
// was made or refused for the state it found (a double click), the 404 or
// 410 page when the link cannot be used.
func (v *Vendor) afterForm(w http.ResponseWriter, r *http.Request, err error) {
	switch status := checkoutStatus(err); {
	case err == nil, status == http.StatusConflict, status == http.StatusBadRequest:
		if err != nil {
			kit.Hint(r, err.Error())
		}
		http.Redirect(w, r, CheckoutPagePath(externalID(r)), http.StatusSeeOther)
	case status == http.StatusInternalServerError:
		v.fail(w, r, err)
	default:
		v.handlePage().ServeHTTP(w, r)
	}
}

// parseForm reads a form post within the body limit.
func parseForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, kit.MaxBodyBytes)
	if err := r.ParseForm(); err != nil {
		kit.Hint(r, "unreadable form: "+err.Error())
		http.Redirect(w, r, CheckoutPagePath(externalID(r)), http.StatusSeeOther)
		return false
	}
	return true
}

// handlePageUpsell is POST /basket/flash/{external_id}/upsell (form:
// offer, choice = an index or "decline").
func (v *Vendor) handlePageUpsell() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !parseForm(w, r) {
			return
		}
		var choice *int
		if c := r.PostForm.Get("choice"); c != "decline" {
			n, err := strconv.Atoi(c)
			if err != nil {
				n = -1 // refused by the state machine as out of range
			}
			choice = &n
		}
		_, err := v.checkout.Choose(externalID(r), OfferKind(r.PostForm.Get("offer")), choice)
		v.afterForm(w, r, err)
	})
}

// consents reads the cart's auto-renewal checkboxes: ar lists the products
// that offer it, ar_on those checked.
func consents(form url.Values) map[int64]bool {
	out := map[int64]bool{}
	for _, v := range form["ar"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			out[id] = slices.Contains(form["ar_on"], v)
		}
	}
	return out
}

// handlePageContinue is POST /basket/flash/{external_id}/continue: from
// the cart to step two.
func (v *Vendor) handlePageContinue() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !parseForm(w, r) {
			return
		}
		_, err := v.checkout.Continue(externalID(r), consents(r.PostForm))
		v.afterForm(w, r, err)
	})
}

// handlePageOrder is POST /basket/flash/{external_id}/order: the customer
// form and the card. A refused form is shown again with its problems
// (400); a placed order leads to the order page.
func (v *Vendor) handlePageOrder() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !parseForm(w, r) {
			return
		}
		f := r.PostForm.Get
		in := CustomerInput{Customer: Customer{
			Type: f("type"), Email: f("email"), FirstName: f("first_name"), LastName: f("last_name"), Phone: f("phone"),
			VatNumber: f("vat_number"), CompanyName: f("company_name"), CompanyBillingAddress: f("company_billing_address"),
			CompanyDeliveryAddress: f("company_delivery_address"), Country: f("country"),
		}}
		link, err := v.checkout.Order(externalID(r), &in, f("card"))
		var bad FieldErrors
		switch {
		case errors.As(err, &bad):
			link, err = v.checkout.Get(externalID(r))
			if err != nil {
				v.fail(w, r, err)
				return
			}
			v.renderCheckout(w, r, link, &checkoutPage{Form: orders.Customer(in.Customer), Errors: bad, Card: f("card")})
		case err != nil:
			v.afterForm(w, r, err)
		default:
			target := link.Cart.Order.URL
			if u, err := url.Parse(target); err == nil {
				target = u.Path
			}
			http.Redirect(w, r, target, http.StatusSeeOther)
		}
	})
}

// handleOrderPage is GET /order/status/{order_id}/{hash}.
func (v *Vendor) handleOrderPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		vars := mux.Vars(r)
		id, _ := strconv.ParseInt(vars["order_id"], 10, 64)
		o, err := v.desk.OrderPage(id, vars["hash"])
		switch {
		case errors.Is(err, errNoOrder):
			kit.Hint(r, "no order has that id and hash")
			v.render(w, r, http.StatusNotFound, "notfound", nil)
		case err != nil:
			v.fail(w, r, err)
		default:
			v.render(w, r, http.StatusOK, "order", orderPage{Order: *o})
		}
	})
}
