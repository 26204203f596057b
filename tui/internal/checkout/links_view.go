package checkout

import (
	"fmt"
	"net/url"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/tui/internal/styles"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

// top is the fixed lines above a link's scrolling body.
func (m *Links) top() []string {
	title := styles.Title.Render("Link "+ui.Sanitize(m.id)) + styles.Hint.Render(" · loading…")
	if st := m.state; st != nil {
		title = styles.Title.Render("Link "+ui.Sanitize(st.ExternalID)) + styles.Hint.Render(fmt.Sprintf(" · %s · step %s · %s · market %d",
			ui.Sanitize(st.Status), st.Step, ui.Sanitize(st.Currency), st.MarketID))
	}
	return m.withProblem([]string{m.marked(title), styles.Hint.Render("browser ") + styles.Value.Render(m.session.Client.BrowserURL(m.id)) + styles.Hint.Render("  (y copies)")})
}

// layout sizes the link's body and fills it; the body is built when the
// state or the webhooks change, not at every frame.
func (m *Links) layout() { m.fill(m.top(), m.bodyLines()) }

// bodyLines are the cart, the offers, the customer, the order and its
// webhooks.
func (m *Links) bodyLines() []string {
	st := m.state
	if st == nil {
		return nil
	}
	w := m.width
	lines := []string{ui.Rule("cart", w)}
	lines = append(lines, m.cartLines(st)...)
	if len(st.Offers) > 0 {
		lines = append(lines, ui.Rule("up-sell offers", w))
		for _, kind := range []noventiq.OfferKind{noventiq.EntryOffer, noventiq.ExitOffer} {
			if o, ok := st.Offers[kind]; ok {
				lines = append(lines, offerLine(kind, o))
			}
		}
	}
	lines = append(lines, ui.Rule("customer", w))
	lines = append(lines, customerLines(st)...)
	lines = append(lines, ui.Rule("order", w))
	if o := st.Order; o != nil {
		status := styles.Good.Render(o.Status)
		if o.Status != "paid" {
			status = styles.Warn.Render(ui.Sanitize(o.Status))
		}
		lines = append(lines, "  "+styles.Value.Render(ui.Sanitize(o.Name))+fmt.Sprintf("  order_id %d · ", o.ID)+status,
			"  "+styles.Hint.Render("order page, here and as the vendor writes it:"))
		for _, u := range []string{m.local(o.URL), ui.Sanitize(o.URL)} {
			for _, l := range strings.Split(ansi.Hardwrap(u, max(10, m.width-4), false), "\n") {
				lines = append(lines, "    "+styles.Value.Render(l))
			}
		}
		lines = append(lines, ui.Rule(fmt.Sprintf("webhooks (%d)", len(m.hooks.Deliveries())), w))
		lines = append(lines, m.hooks.Lines()...)
	} else {
		lines = append(lines, styles.Hint.Render("  no order yet: enter (or c) fills in the customer step and pays with a test card"))
	}
	return lines
}

// cartLines is the cart as a table, with its total.
func (m *Links) cartLines(st *noventiq.CheckoutState) []string {
	nameW := min(max(12, m.width-58), 40)
	row := func(name, id, qty, price, discount, total string) string {
		return fmt.Sprintf("  %-*s %8s %4s %10s %14s %10s", nameW, ui.Cut(name, nameW), id, qty, price, discount, total)
	}
	lines := []string{styles.Section.Render(row("product", "id", "qty", "price", "discount", "total"))}
	for _, l := range st.Lines {
		discount := ""
		if !l.Discount.IsZero() {
			discount = fmt.Sprintf("−%s (%s%%)", l.Discount, l.DiscountPercent.String())
		}
		lines = append(lines, row(ui.Sanitize(l.Name), fmt.Sprint(l.ProductID), fmt.Sprint(l.Quantity), l.Price.String(), discount, l.Total.String()))
		if s := l.Subscription; s != nil {
			renew := styles.Warn.Render("auto-renewal off")
			if l.AutoRenewal {
				renew = styles.Good.Render("auto-renewal on")
			}
			lines = append(lines, styles.Hint.Render(fmt.Sprintf("    ↻ %s: renews every %s as %q at %s · ", s.Period, s.RenewalTerm, ui.Sanitize(s.RenewalName), s.RenewalPrice))+renew)
		}
	}
	total := fmt.Sprintf("total %s %s", ui.Sanitize(st.Currency), st.Total)
	return append(lines, strings.Repeat(" ", max(0, lipgloss.Width(lines[0])-len(total)))+styles.Section.Render(total))
}

func offerLine(kind noventiq.OfferKind, o noventiq.OfferView) string {
	what := string(o.State)
	switch o.State {
	case noventiq.Pending:
		what = styles.Warn.Render("showing now")
	case noventiq.Waiting:
		what = "waiting: it shows when the customer tries to leave (x)"
	case noventiq.Accepted:
		what = styles.Good.Render("accepted")
		if o.Choice != nil && *o.Choice < len(o.Products) {
			what += ": " + ui.Sanitize(o.Products[*o.Choice].NameForUpsell)
		}
	case noventiq.Declined:
		what = styles.Hint.Render("declined")
	case noventiq.Suppressed:
		what = styles.Hint.Render("suppressed: it will not show")
	}
	return fmt.Sprintf("  %-6s %s", kind, styles.Value.Render(ui.Sanitize(o.Title))) + styles.Hint.Render(fmt.Sprintf(" · replaces %d · ", o.ProductID)) + what
}

func customerLines(st *noventiq.CheckoutState) []string {
	c := st.Customer
	if c == (noventiq.CheckoutState{}).Customer {
		return []string{styles.Hint.Render("  none yet: the customer step asks for it")}
	}
	join := func(parts ...string) string {
		var out []string
		for _, p := range parts {
			if strings.TrimSpace(p) != "" {
				out = append(out, ui.Sanitize(p))
			}
		}
		return strings.Join(out, " · ")
	}
	lines := []string{"  " + join(c.Type, strings.TrimSpace(c.FirstName+" "+c.LastName), c.Email, c.Country, c.Phone)}
	if company := join(c.CompanyName, c.VatNumber); company != "" {
		lines = append(lines, "  "+company)
	}
	for _, a := range []struct{ label, v string }{{"billing ", c.CompanyBillingAddress}, {"delivery ", c.CompanyDeliveryAddress}} {
		if a.v != "" {
			lines = append(lines, "  "+styles.Hint.Render(a.label)+ui.Sanitize(a.v))
		}
	}
	return lines
}

// modal is the pending offer, framed, as the page's modal shows it.
func (m *Links) modal(o *noventiq.OfferView) string {
	w := min(m.width-6, 72)
	lines := []string{styles.Title.Render(ui.Sanitize(o.Title)) + styles.Hint.Render("  "+string(m.state.PendingOffer)+" offer")}
	if o.Description != "" {
		lines = append(lines, strings.Split(ansi.Wordwrap(ui.Sanitize(o.Description), w, ""), "\n")...)
	}
	if o.PictureURL != "" {
		lines = append(lines, styles.Hint.Render("picture ")+ui.Cut(ui.Sanitize(o.PictureURL), w-8))
	}
	replaced := fmt.Sprint(o.ProductID)
	for _, l := range m.state.Lines {
		if l.ProductID == o.ProductID {
			replaced = ui.Sanitize(l.Name) + " (" + replaced + ")"
		}
	}
	lines = append(lines, styles.Hint.Render("replaces ")+replaced, "")
	for i, p := range o.Products {
		price := p.Price.String()
		if p.Quantity > 1 {
			price = fmt.Sprintf("%d × %s", p.Quantity, p.Price)
		}
		benefit := ""
		if p.Benefit != nil {
			benefit = "save " + p.Benefit.String()
		}
		line := fmt.Sprintf("%-*s %14s  %s", max(10, w-30), ui.Cut(ui.Sanitize(p.NameForUpsell), max(10, w-30)), price, benefit)
		if i == m.choice {
			line = styles.Selected.Render("› " + line)
		} else {
			line = "  " + line
		}
		lines = append(lines, line)
	}
	lines = append(lines, "", styles.Hint.Render("enter accept · ↑/↓ choose · n or esc: no, thanks"))
	return styles.Overlay.Render(strings.Join(lines, "\n"))
}

// View renders the pane.
func (m *Links) View() string {
	switch m.mode {
	case modeForm:
		head := styles.Hint.Render("enter next field · shift+tab previous · esc back to the link")
		if f := m.form.form.GetFocusedField(); f != nil && f.GetKey() != "" {
			head = styles.Value.Render(m.form.numbered(f.GetKey())) + styles.Hint.Render(" · enter next field · shift+tab previous · esc back to the link")
		}
		if len(m.problems) > 0 {
			head = styles.Error.Render("✗ the sandbox refused: " + ui.Sanitize(fieldNames(m.problems)))
		}
		lines := []string{styles.Title.Render("Step two — customer and payment") + styles.Hint.Render(" · link "+ui.Sanitize(m.id)), head}
		return ui.Fit(append(lines, m.form.form.View()), m.width, m.height)
	case modeLink:
		view := m.frame(m.top())
		if o := m.pending(); o != nil {
			return ui.Overlay(view, m.modal(o), m.width, m.height)
		}
		return view
	}
	return m.linksView()
}

func (m *Links) linksView() string {
	return m.list.View(
		styles.Title.Render("Checkout")+styles.Hint.Render(" · opens a buy link in the terminal, as its customer would in a browser"),
		styles.Section.Render("Links made in this session")+styles.Hint.Render(" · enter opens one (o in Response opens its link)"),
		"none yet: send a request from Compose (1), or type an id with i")
}

// local is an address of the checkout's host on the sandbox's own
// address, where it opens.
func (m *Links) local(address string) string {
	u, err := url.Parse(address)
	if err != nil || u.Path == "" {
		return ui.Sanitize(address)
	}
	return ui.Sanitize(m.session.Client.Base + u.EscapedPath())
}

// ShortHelp lists the main keys of what is shown.
func (m *Links) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.mode == modeForm:
		return append(m.form.form.KeyBinds(), k.Cancel)
	case m.mode == modeLinks:
		return m.list.ShortHelp()
	case m.pending() != nil:
		return []key.Binding{k.Accept, k.Choose, k.Decline}
	}
	if m.state != nil && m.state.Order != nil {
		return []key.Binding{k.Refresh, k.Copy, k.Back, m.scroll.PageDown}
	}
	return []key.Binding{k.Continue, k.Leave, k.Refresh, k.Copy, k.Back}
}

// FullHelp lists every key of the pane.
func (m *Links) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		m.listHelp(),
		append([]key.Binding{k.Continue, k.Leave, k.Refresh, k.Copy, k.Back}, m.scroll.List()...),
		{k.Accept, k.Choose, k.Decline},
	}
}
