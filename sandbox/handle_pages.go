package sandbox

import (
	"errors"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/flashcart/flashcart/sandbox/buylink"
	"github.com/flashcart/flashcart/sandbox/checkout"
	"github.com/flashcart/flashcart/sandbox/orders"
	"github.com/flashcart/flashcart/sandbox/pages"
	"github.com/flashcart/flashcart/sandbox/sales"
	"github.com/gorilla/mux"
)

// render writes a page; a template that fails is a programming error.
func render(w http.ResponseWriter, status int, name string, data any) {
	if err := pages.Render(w, status, name, data); err != nil {
		panic(err)
	}
}

// renderCheckout shows a link: the checkout page while it is open, 410
// once it was used or has expired, 404 when there is no such link.
func (s *Sandbox) renderCheckout(w http.ResponseWriter, r *http.Request, link *checkout.Link, form *pages.Checkout) {
	if link == nil {
		noteOf(r).hint("no link has that external id")
		render(w, http.StatusNotFound, "notfound", nil)
		return
	}
	st := link.State(s.clock.Now())
	switch st.Status {
	case "ordered", "expired":
		noteOf(r).hint("the link is " + st.Status)
		render(w, http.StatusGone, "gone", pages.Gone{ExternalID: link.ExternalID, Used: st.Status == "ordered"})
		return
	}
	status := http.StatusOK
	page := pages.Checkout{State: st, Form: st.Customer, Countries: s.countries(link)}
	if form != nil {
		page.Form, page.Errors, page.Card = form.Form, form.Errors, form.Card
		status = http.StatusBadRequest
	}
	render(w, status, "checkout", &page)
}

// countries are those the link's checkout page sells to.
func (s *Sandbox) countries(link *checkout.Link) []string {
	if a, ok := s.World().Account(link.Account); ok {
		if p, ok := a.Page(link.MarketID); ok {
			return slices.Sorted(maps.Keys(p.Countries))
		}
	}
	return nil
}

// handlePage is GET /basket/flash/{external_id}: the page a buy link opens.
func (s *Sandbox) handlePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		link, err := s.shop.checkout.Get(externalID(r))
		if err != nil && !errors.Is(err, checkout.ErrNotFound) {
			panic(err)
		}
		s.renderCheckout(w, r, link, nil)
	})
}

// afterForm answers a form post: back to the page (303) when the change
// was made or refused for the state it found (a double click), the 404 or
// 410 page when the link cannot be used.
func (s *Sandbox) afterForm(w http.ResponseWriter, r *http.Request, err error) {
	switch status := checkoutStatus(err); {
	case err == nil, status == http.StatusConflict, status == http.StatusBadRequest:
		if err != nil {
			noteOf(r).hint(err.Error())
		}
		http.Redirect(w, r, checkout.Path(externalID(r)), http.StatusSeeOther)
	case status == http.StatusInternalServerError:
		panic(err)
	default:
		s.handlePage().ServeHTTP(w, r)
	}
}

// parseForm reads a form post within the body limit.
func parseForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
	if err := r.ParseForm(); err != nil {
		noteOf(r).hint("unreadable form: " + err.Error())
		http.Redirect(w, r, checkout.Path(externalID(r)), http.StatusSeeOther)
		return false
	}
	return true
}

// handlePageUpsell is POST /basket/flash/{external_id}/upsell (form:
// offer, choice = an index or "decline").
func (s *Sandbox) handlePageUpsell() http.Handler {
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
		_, err := s.shop.checkout.Choose(externalID(r), checkout.OfferKind(r.PostForm.Get("offer")), choice)
		s.afterForm(w, r, err)
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
func (s *Sandbox) handlePageContinue() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !parseForm(w, r) {
			return
		}
		_, err := s.shop.checkout.Continue(externalID(r), consents(r.PostForm))
		s.afterForm(w, r, err)
	})
}

// handlePageOrder is POST /basket/flash/{external_id}/order: the customer
// form and the card. A refused form is shown again with its problems
// (400); a placed order leads to the order page.
func (s *Sandbox) handlePageOrder() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !parseForm(w, r) {
			return
		}
		f := r.PostForm.Get
		in := checkout.CustomerInput{Customer: buylink.Customer{
			Type: f("type"), Email: f("email"), FirstName: f("first_name"), LastName: f("last_name"), Phone: f("phone"),
			VatNumber: f("vat_number"), CompanyName: f("company_name"), CompanyBillingAddress: f("company_billing_address"),
			CompanyDeliveryAddress: f("company_delivery_address"), Country: f("country"),
		}}
		link, err := s.shop.checkout.Order(externalID(r), &in, f("card"))
		var bad checkout.FieldErrors
		switch {
		case errors.As(err, &bad):
			link, err = s.shop.checkout.Get(externalID(r))
			if err != nil {
				panic(err)
			}
			s.renderCheckout(w, r, link, &pages.Checkout{Form: orders.Customer(in.Customer), Errors: bad, Card: f("card")})
		case err != nil:
			s.afterForm(w, r, err)
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
func (s *Sandbox) handleOrderPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := mux.Vars(r)
		id, _ := strconv.ParseInt(v["order_id"], 10, 64)
		o, err := s.shop.desk.OrderPage(id, v["hash"])
		switch {
		case errors.Is(err, sales.ErrNoOrder):
			noteOf(r).hint("no order has that id and hash")
			render(w, http.StatusNotFound, "notfound", nil)
		case err != nil:
			panic(err)
		default:
			render(w, http.StatusOK, "order", pages.Order{Order: *o})
		}
	})
}
