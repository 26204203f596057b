package checkout

import (
	"fmt"
	"net/url"
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/flashcart/flashcart/sandbox/solifyn"
	"github.com/flashcart/flashcart/tui/internal/styles"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

// local is the session's hosted checkout on the sandbox's own address,
// where it opens.
func (m *Sessions) local() string {
	if m.state == nil {
		return ""
	}
	u, err := url.Parse(m.state.CheckoutURL)
	if err != nil || u.Path == "" {
		return ui.Sanitize(m.state.CheckoutURL)
	}
	u.Scheme, u.Host = "", ""
	return ui.Sanitize(m.session.Client.Base + u.String())
}

// top is the fixed lines above a session's scrolling body.
func (m *Sessions) top() []string {
	title := styles.Title.Render("Session "+ui.Sanitize(m.id)) + styles.Hint.Render(" · loading…")
	var hosted []string
	if st := m.state; st != nil {
		title = styles.Title.Render("Session "+ui.Sanitize(st.ID)) + " " + sessionStatus(st.Status) +
			styles.Hint.Render(fmt.Sprintf(" · session_id %s · %s · expires\u00a0%s", ui.Sanitize(st.SessionID), ui.Sanitize(st.StoreName), st.ExpiresAt.Format("2006-01-02\u00a015:04")))
		hosted = append([]string{styles.Hint.Render("hosted checkout (y copies), on this address:")}, ui.Link(m.local(), m.width)...)
	}
	return m.withProblem(append(ui.Wrap(m.marked(title), m.width, 2), hosted...))
}

// status is a session's status, colored: paid is done, failed is not.
func sessionStatus(s string) string {
	switch s {
	case solifyn.StatusPaid:
		return styles.Good.Render(s)
	case solifyn.StatusFailed, solifyn.StatusExpired:
		return styles.Error.Render(s)
	}
	return styles.Warn.Render(ui.Sanitize(s))
}

// layout sizes the session's body and fills it; the body is built when
// the state or the webhooks change, not at every frame.
func (m *Sessions) layout() { m.fill(m.top(), m.bodyLines()) }

// bodyLines are the cart and its totals, the customer, the custom fields,
// the order and the webhooks.
func (m *Sessions) bodyLines() []string {
	st := m.state
	if st == nil {
		return nil
	}
	w, cur := m.width, strings.ToUpper(ui.Sanitize(st.Currency))
	lines := []string{ui.Rule("cart: "+ui.Sanitize(st.Title), w)}
	for _, l := range st.Lines {
		lines = append(lines, fmt.Sprintf("  %-24s %-18s %3d × %-8s %10s %s", ui.Cut(ui.Sanitize(l.Name), 24), ui.Cut(ui.Sanitize(l.ProductID), 18),
			l.Quantity, l.UnitPrice.String(), l.Amount.String(), cur))
	}
	total := fmt.Sprintf("  %s subtotal %s · discount %s", styles.Section.Render("total"), st.Subtotal.String(), st.Discount.String())
	if st.DiscountCode != "" {
		total += " (" + ui.Sanitize(st.DiscountCode) + ")"
	}
	lines = append(lines, total+fmt.Sprintf(" · tax %s · %s %s", st.Tax.String(), styles.Value.Render(st.Total.String()), cur))
	if st.PayWhatYouWant {
		lines = append(lines, styles.Hint.Render("  pay what you want: the customer chooses the amount"))
	}
	lines = append(lines, ui.Rule("customer", w))
	who := joinSet(st.CustomerEmail, st.CustomerName, st.BillingAddress.Country)
	if who == "" {
		who = styles.Hint.Render("none yet: enter (or c) fills it in and pays with a test card")
	}
	lines = append(lines, "  "+who)
	for _, f := range st.CustomFields {
		v := ui.Sanitize(f.Value)
		if v == "" {
			v = styles.Unset.Render("—")
		}
		req := ""
		if f.Required {
			req = styles.Required.Render("*")
		}
		lines = append(lines, "  "+styles.Hint.Render(ui.Sanitize(f.Name))+req+" "+v)
	}
	if st.FailureMessage != "" {
		lines = append(lines, styles.Error.Render("  ✗ "+ui.Sanitize(st.FailureMessage)))
	}
	if o := st.Order; o != nil {
		lines = append(lines, ui.Rule("order", w), fmt.Sprintf("  %s %s · %s %s (%d cents) · %s", styles.Value.Render(ui.Sanitize(o.ID)),
			sessionStatus(o.Status), cents(o.TotalAmount), strings.ToUpper(ui.Sanitize(o.Currency)), o.TotalAmount, joinSet(o.CardNetwork, o.CardLastFour)))
		if o.InvoiceURL != "" {
			lines = append(lines, "  "+styles.Hint.Render("invoice ")+ui.Sanitize(o.InvoiceURL))
		}
	}
	if st.Status != solifyn.StatusPending || len(m.hooks.Deliveries()) > 0 {
		lines = append(lines, ui.Rule(fmt.Sprintf("webhooks (%d)", len(m.hooks.Deliveries())), w))
		lines = append(lines, m.hooks.Lines()...)
	}
	return lines
}

// cents writes integer cents in major units: 2900 is 29.00.
func cents(n int64) string { return fmt.Sprintf("%d.%02d", n/100, n%100) }

// join writes the parts that are set, apart.
func joinSet(parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += " · "
		}
		out += ui.Sanitize(p)
	}
	return out
}

// View renders the pane.
func (m *Sessions) View() string {
	switch {
	case m.form != nil:
		lines := []string{styles.Title.Render("Pay — the hosted checkout") + styles.Hint.Render(" · session "+ui.Sanitize(m.id)),
			styles.Hint.Render("enter next field · shift+tab previous · esc back to the session")}
		return ui.Fit(append(lines, m.form.form.View()), m.width, m.height)
	case m.id == "":
		return m.list.View(
			styles.Title.Render("Checkout")+styles.Hint.Render(" · Solifyn checkout sessions, walked to a paid order as on the hosted checkout"),
			styles.Section.Render("Sessions made in this session")+styles.Hint.Render(" · enter opens one (o in Response opens a session)"),
			"none yet: send checkout/create from Compose (1), or type an id with i")
	}
	return m.frame(m.top())
}

// ShortHelp lists the main keys of what is shown.
func (m *Sessions) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.form != nil:
		return append(m.form.form.KeyBinds(), k.Cancel)
	case m.id == "":
		return m.list.ShortHelp()
	case m.state != nil && m.state.Status != solifyn.StatusPending:
		return []key.Binding{k.Refresh, k.Copy, k.Back, m.scroll.PageDown}
	}
	return []key.Binding{k.Pay, k.Refresh, k.Copy, k.Back}
}

// FullHelp lists every key of the pane.
func (m *Sessions) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		m.listHelp(),
		append([]key.Binding{k.Pay, k.Refresh, k.Copy, k.Back}, m.scroll.List()...),
	}
}
