package solifyn

import (
	"embed"
	"errors"
	"html/template"
	"net/http"
	"strings"

	"github.com/flashcart/flashcart/internal/money"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/internal/pagekit"
	"github.com/gorilla/mux"
)

// The hosted checkout: the page of checkout_url, which shows the session's
// lines, quantity, prices, discount, tax (0) and total, asks for the
// customer's e-mail (pre-filled, editable), name, the products' custom
// fields (required ones enforced) and, for a pay-what-you-want product,
// the amount, and pays with a test card. It drives the same state machine
// as the JSON twin. Paid, failed and expired sessions answer 410.

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

var pages = pagekit.Must(pagekit.Parse(templateFS, template.FuncMap{
	"money": formatMoney, "input": newInput, "label": fieldLabel, "upper": strings.ToUpper,
}, "templates/*.html"))

// AssetsPath prefixes the hosted checkout's embedded files (its
// stylesheet), on the checkout host.
const AssetsPath = "/checkout/assets/"

// assets serves the embedded files under AssetsPath, the stylesheet after
// the shared one.
func assets() http.Handler { return pagekit.Assets(AssetsPath, assetFS, "assets", "checkout.css") }

// formatMoney writes an amount as the page shows it: "29.00 USD".
func formatMoney(m Major, currency string) string {
	return m.StringFixed(2) + " " + strings.ToUpper(currency)
}

// input is one text input of the form.
type input struct {
	Name, Label, Value, Placeholder, Problem string
}

func newInput(name, label, value, placeholder, problem string) input {
	return input{Name: name, Label: label, Value: value, Placeholder: placeholder, Problem: problem}
}

// fieldLabel is a custom field's label, saying when it is required.
func fieldLabel(name string, required bool) string {
	if required {
		return name + " (required)"
	}
	return name
}

// The form's field names; a custom field's input is customFieldPrefix and
// its id.
const (
	fieldEmail        = "email"
	fieldName         = "name"
	fieldAmount       = "amount"
	fieldCard         = "card"
	customFieldPrefix = "cf."
)

// checkoutPage is what the checkout page shows: the session, and the form
// as it was submitted when it was refused.
type checkoutPage struct {
	*CheckoutState
	// Action is the page's own path and query, where the form posts.
	Action string
	// Email, Name, Amount and Card are the form's values.
	Email, Name, Amount, Card string
	// Answers are the custom fields' values, by id.
	Answers map[string]string
	// Problems are the submitted form's problems by field name; "" is a
	// problem of the whole checkout.
	Problems map[string]string
}

// Cards lists the test cards, as a reminder on the payment form.
func (p *checkoutPage) Cards() []kit.TestCard { return kit.TestCards }

// Answer returns the value of a custom field's input.
func (p *checkoutPage) Answer(id string) string { return p.Answers[id] }

// Problem returns the problem of a field, or "".
func (p *checkoutPage) Problem(field string) string { return p.Problems[field] }

// gonePage is the page of a session that can no longer be paid.
type gonePage struct {
	// Status is paid, failed or expired.
	Status string
}

// render writes a page; a template that fails is answered 500.
func (v *Vendor) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	if err := pages.Render(w, status, name, data); err != nil {
		v.internal(w, r, err)
	}
}

// pageSession finds the session of a checkout page request: its
// checkout_id, for the product or collection of the path. It answers the
// 404 or 410 page itself and returns nil when there is nothing to pay.
func (v *Vendor) pageSession(w http.ResponseWriter, r *http.Request) *CheckoutState {
	st, err := v.checkoutState(r.URL.Query().Get("checkout_id"))
	switch {
	case errors.Is(err, ErrCheckoutNotFound), err == nil && st.ProductID+st.CollectionID != mux.Vars(r)["id"]:
		kit.Hint(r, "no checkout session has that checkout_id for "+mux.Vars(r)["id"])
		v.render(w, r, http.StatusNotFound, "notfound", nil)
		return nil
	case err != nil:
		v.internal(w, r, err)
		return nil
	}
	kit.NoteOf(r).Account = st.BusinessID
	if st.Status != StatusPending {
		kit.Hint(r, "the checkout session is "+st.Status)
		v.render(w, r, http.StatusGone, "gone", gonePage{Status: st.Status})
		return nil
	}
	return st
}

// handlePage is GET /checkout/test/{id}?checkout_id=…: the checkout page,
// pre-filled with what the session knows.
func (v *Vendor) handlePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := v.pageSession(w, r)
		if st == nil {
			return
		}
		page := &checkoutPage{CheckoutState: st, Action: r.URL.RequestURI(), Email: st.CustomerEmail, Name: st.CustomerName,
			Answers: map[string]string{}}
		if st.PayWhatYouWant && len(st.Lines) == 1 {
			page.Amount = st.Lines[0].UnitPrice.StringFixed(2)
		}
		for _, f := range st.CustomFields {
			page.Answers[f.ID] = f.Value
		}
		v.render(w, r, http.StatusOK, "checkout", page)
	})
}

// handlePagePay is POST /checkout/test/{id}?checkout_id=…: the form. A
// form with problems is shown again with them (400), nothing changed; a
// payment shows its receipt, paid or declined.
func (v *Vendor) handlePagePay() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, kit.MaxBodyBytes)
		formErr := r.ParseForm()
		st := v.pageSession(w, r)
		if st == nil {
			return
		}
		page := readForm(st, r)
		if formErr != nil {
			kit.Hint(r, "unreadable form: "+formErr.Error())
			page.Problems[""] = "The form could not be read; send it again."
		}
		if len(page.Problems) > 0 {
			v.render(w, r, http.StatusBadRequest, "checkout", page)
			return
		}
		c := Customer{Email: &page.Email, Name: &page.Name, CustomFields: page.Answers}
		if st.PayWhatYouWant {
			amount, _ := money.Parse(page.Amount) // checked by readForm
			c.Amount = &Major{amount}
		}
		_, err := v.setCustomer(st.ID, c)
		if err == nil {
			st, err = v.pay(st.ID, PayRequest{Card: page.Card})
		}
		var te *TwinError
		switch {
		case errors.Is(err, ErrCheckoutClosed), errors.Is(err, ErrCheckoutNotFound):
			v.pageSession(w, r) // paid or expired meanwhile: its 410
		case errors.As(err, &te):
			kit.Hint(r, err.Error())
			page.Problems[""] = err.Error()
			v.render(w, r, te.Status, "checkout", page)
		case err != nil:
			v.internal(w, r, err)
		default:
			v.render(w, r, http.StatusOK, "receipt", st)
		}
	})
}

// readForm reads the submitted form onto the page and checks it: an
// e-mail address, every required custom field, a pay-what-you-want amount
// above 0 with at most two decimals, and a test card.
func readForm(st *CheckoutState, r *http.Request) *checkoutPage {
	f := r.PostForm
	p := &checkoutPage{CheckoutState: st, Action: r.URL.RequestURI(), Email: strings.TrimSpace(f.Get(fieldEmail)),
		Name: strings.TrimSpace(f.Get(fieldName)), Amount: strings.TrimSpace(f.Get(fieldAmount)), Card: f.Get(fieldCard),
		Answers: map[string]string{}, Problems: map[string]string{}}
	switch {
	case p.Email == "":
		p.Problems[fieldEmail] = "Enter your e-mail address."
	case !isEmail(p.Email):
		p.Problems[fieldEmail] = "Enter a valid e-mail address."
	}
	for _, cf := range st.CustomFields {
		p.Answers[cf.ID] = strings.TrimSpace(f.Get(customFieldPrefix + cf.ID))
		if cf.Required && p.Answers[cf.ID] == "" {
			p.Problems[customFieldPrefix+cf.ID] = "This field is required."
		}
	}
	if st.PayWhatYouWant {
		if amount, ok := money.Parse(p.Amount); !ok || !amount.IsPositive() {
			p.Problems[fieldAmount] = "Enter an amount above 0, such as 5.00."
		}
	}
	if _, err := kit.FindCard(p.Card); err != nil {
		p.Problems[fieldCard] = "Not a test card: use 4242 4242 4242 4242 to pay, 4000 0000 0000 0002 to be declined."
	}
	return p
}
