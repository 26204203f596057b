package checkout

import (
	"charm.land/bubbles/v2/key"
	"charm.land/huh/v2"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/sandbox/solifyn"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

// payForm is what the hosted checkout asks before it pays: the customer's
// e-mail (required) and name, the billing country, the products' custom
// fields, the amount of a pay-what-you-want checkout, and the test card.
type payForm struct {
	email, name, country, amount, card string
	// answers are the custom fields' answers, by field id.
	answers map[string]*string
	form    *huh.Form
}

// newPayForm builds the form, pre-filled from the session's state.
func newPayForm(st *solifyn.CheckoutState, width, height int) *payForm {
	f := &payForm{email: st.CustomerEmail, name: st.CustomerName, country: st.BillingAddress.Country,
		card: sandbox.TestCards[0].Number, answers: map[string]*string{}}
	fields := []huh.Field{
		huh.NewInput().Key("email").Title("email *").Description("the receipt goes there; a payment needs it").Value(&f.email),
		huh.NewInput().Key("name").Title("name").Value(&f.name),
		huh.NewInput().Key("country").Title("billing country").Description("two letters, such as FR").Value(&f.country),
	}
	for _, cf := range st.CustomFields {
		v := cf.Value
		f.answers[cf.ID] = &v
		title := cf.Name
		if cf.Required {
			title += " *"
		}
		fields = append(fields, huh.NewInput().Key(cf.ID).Title(title).Placeholder(cf.Placeholder).Value(f.answers[cf.ID]))
	}
	if st.PayWhatYouWant {
		f.amount = st.Lines[0].UnitPrice.String()
		fields = append(fields, huh.NewInput().Key("amount").Title("amount *").Description("pay what you want, in "+st.Currency).Value(&f.amount))
	}
	fields = append(fields, huh.NewSelect[string]().Key("card").Title("card *").Description("a test card; enter pays").
		Options(ui.CardOptions()...).Value(&f.card))
	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the session"))
	f.form = huh.NewForm(huh.NewGroup(fields...).Title("The hosted checkout")).
		WithKeyMap(km).WithShowHelp(false).WithTheme(huh.ThemeFunc(huh.ThemeCharm))
	f.resize(width, height)
	return f
}

// resize fits the form in width × height.
func (f *payForm) resize(width, height int) {
	f.form = f.form.WithWidth(max(20, width-2)).WithHeight(max(5, height))
}

// customer is the body of POST …/customer: what was typed; an amount only
// for a pay-what-you-want checkout.
func (f *payForm) customer() solifyn.Customer {
	c := solifyn.Customer{Email: &f.email, Name: &f.name}
	if f.country != "" {
		c.Billing = &solifyn.Address{Country: f.country}
	}
	if len(f.answers) > 0 {
		c.CustomFields = map[string]string{}
		for id, v := range f.answers {
			c.CustomFields[id] = *v
		}
	}
	if f.amount != "" {
		var a solifyn.Major
		if a.UnmarshalJSON([]byte(f.amount)) == nil {
			c.Amount = &a
		}
	}
	return c
}
