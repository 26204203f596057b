package checkout

import (
	"fmt"
	"slices"

	"charm.land/bubbles/v2/key"
	"charm.land/huh/v2"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/tui/internal/styles"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

// customerForm is step two of the checkout: the customer fields, the
// auto-renewal consents and the test card, as the checkout page asks them.
type customerForm struct {
	c    noventiq.Customer
	card string
	// subscribed are the products that offer auto-renewal; renew the ones
	// whose box stays ticked.
	subscribed, renew []int64
	form              *huh.Form
}

// textField is a text field of the customer form, named as the sandbox
// names it in its problems.
type textField struct {
	name     string
	required bool
	hint     string
	value    func(*noventiq.Customer) *string
}

// The text fields, grouped as the form shows them; type is a choice.
var (
	personFields = []textField{
		{"email", true, "[name]@[domain].[zone], at most 72 characters", func(c *noventiq.Customer) *string { return &c.Email }},
		{"first_name", true, "", func(c *noventiq.Customer) *string { return &c.FirstName }},
		{"last_name", true, "", func(c *noventiq.Customer) *string { return &c.LastName }},
		{"country", true, "a country the checkout page sells to, such as FR; it sets the currency", func(c *noventiq.Customer) *string { return &c.Country }},
		{"phone", false, "", func(c *noventiq.Customer) *string { return &c.Phone }},
	}
	companyFields = []textField{
		{"company_name", false, "required for a juridical customer", func(c *noventiq.Customer) *string { return &c.CompanyName }},
		{"vat_number", false, "", func(c *noventiq.Customer) *string { return &c.VatNumber }},
		{"company_billing_address", false, "", func(c *noventiq.Customer) *string { return &c.CompanyBillingAddress }},
		{"company_delivery_address", false, "", func(c *noventiq.Customer) *string { return &c.CompanyDeliveryAddress }},
	}
)

// newCustomerForm builds the form: pre-filled from the link's state, or
// with what prev held when the sandbox refused it, each refused field
// showing its problem.
func newCustomerForm(st *noventiq.CheckoutState, prev *customerForm, problems map[string]string, width, height int) *customerForm {
	f := &customerForm{card: sandbox.TestCards[0].Number}
	var subscribed []noventiq.LineState
	if st != nil {
		f.c = noventiq.Customer(st.Customer)
		for _, l := range st.Lines {
			if l.Subscription != nil {
				subscribed = append(subscribed, l)
				f.subscribed = append(f.subscribed, l.ProductID)
				if l.AutoRenewal {
					f.renew = append(f.renew, l.ProductID)
				}
			}
		}
	}
	if prev != nil {
		f.c, f.card, f.renew = prev.c, prev.card, slices.Clone(prev.renew)
	}
	describe := func(name, hint string) string {
		if p, ok := problems[name]; ok {
			return styles.Error.Render("✗ " + p)
		}
		return hint
	}
	inputs := func(fields []textField) []huh.Field {
		out := make([]huh.Field, len(fields))
		for i, tf := range fields {
			title := tf.name
			if tf.required {
				title += " *"
			}
			out[i] = huh.NewInput().Key(tf.name).Title(title).Description(describe(tf.name, tf.hint)).Value(tf.value(&f.c))
		}
		return out
	}
	person := append([]huh.Field{
		huh.NewSelect[string]().Key("type").Title("type *").Description(describe("type", "←/→ physical or juridical")).
			Options(huh.NewOption("physical", "physical"), huh.NewOption("juridical", "juridical")).Inline(true).Value(&f.c.Type),
	}, inputs(personFields)...)
	var payFields []huh.Field
	if len(subscribed) > 0 {
		opts := make([]huh.Option[int64], len(subscribed))
		for i, l := range subscribed {
			s := l.Subscription
			opts[i] = huh.NewOption(fmt.Sprintf("%s (%d): renews every %s at %s", l.Name, l.ProductID, s.RenewalTerm, s.RenewalPrice), l.ProductID)
		}
		payFields = append(payFields, huh.NewMultiSelect[int64]().Key("auto_renewal").Title("auto-renewal").
			Description(describe("auto_renewal", "x toggles; ticked products renew by themselves")).Options(opts...).Value(&f.renew))
	}
	payFields = append(payFields, huh.NewSelect[string]().Key("card").Title("card *").
		Description(describe("card", "a test card; enter pays")).Options(ui.CardOptions()...).Value(&f.card))

	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the link"))
	f.form = huh.NewForm(
		huh.NewGroup(person...).Title("Customer"),
		huh.NewGroup(inputs(companyFields)...).Title("Company"),
		huh.NewGroup(payFields...).Title("Payment"),
	).WithKeyMap(km).WithShowHelp(false).WithTheme(huh.ThemeFunc(huh.ThemeCharm))
	f.resize(width, height)
	return f
}

// pages are the keys of the form's fields, page by page.
var pages = [][]string{
	append([]string{"type"}, keys(personFields)...),
	keys(companyFields),
	{"auto_renewal", "card"},
}

func keys(fields []textField) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.name
	}
	return out
}

// numbered names a field with its place on its page, ① to ⑩: "② email".
func (f *customerForm) numbered(key string) string {
	for _, page := range pages {
		if i := slices.Index(page, key); i >= 0 && i < 10 {
			return string(rune('①'+i)) + " " + key
		}
	}
	return key
}

// resize fits the form in width × height.
func (f *customerForm) resize(width, height int) {
	f.form = f.form.WithWidth(max(20, width-2)).WithHeight(max(5, height))
}

// input is the body of POST …/customer: the fields as typed, and every
// auto-renewal box.
func (f *customerForm) input() noventiq.CustomerInput {
	in := noventiq.CustomerInput{Customer: f.c}
	if len(f.subscribed) > 0 {
		in.AutoRenewal = map[int64]bool{}
		for _, id := range f.subscribed {
			in.AutoRenewal[id] = slices.Contains(f.renew, id)
		}
	}
	return in
}
