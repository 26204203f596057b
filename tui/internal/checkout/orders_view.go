package checkout

import (
	"fmt"
	"net/url"
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/flashcart/flashcart/sandbox/twocheckout"
	"github.com/flashcart/flashcart/tui/internal/styles"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

// top is the fixed lines above an order's scrolling body.
func (m *Orders) top() []string {
	title := styles.Title.Render("Order "+ui.Sanitize(m.refNo)) + styles.Hint.Render(" · loading…")
	var when string
	if v := m.view; v != nil {
		o := v.Order
		kind := "TEST"
		if !v.Test {
			kind = "not a test"
		}
		title = styles.Title.Render("Order "+ui.Sanitize(o.RefNo)) + " " + orderStatus(o.Status) +
			styles.Hint.Render(fmt.Sprintf(" · %s · %s · %s · OrderNo %d", ui.Sanitize(o.ApproveStatus), kind, ui.Sanitize(v.Merchant), o.OrderNo))
		when = styles.Hint.Render("placed " + ui.Sanitize(v.Placed))
		switch {
		case v.CompletesAt != nil:
			when += styles.Hint.Render(" · completes at " + ui.Sanitize(*v.CompletesAt) + " by the sandbox clock; c completes it now")
		case o.FinishDate != nil:
			when += styles.Hint.Render(" · finished " + ui.Sanitize(*o.FinishDate))
		}
	}
	lines := []string{m.marked(title)}
	if when != "" {
		lines = append(lines, ui.Wrap(when, m.width, 2)...)
	}
	return m.withProblem(lines)
}

// status is an order's status, colored: complete is done.
func orderStatus(s string) string {
	if s == twocheckout.StatusComplete {
		return styles.Good.Render(s)
	}
	return styles.Warn.Render(ui.Sanitize(s))
}

// layout sizes the order's body and fills it; the body is built when the
// order or its IPNs change, not at every frame.
func (m *Orders) layout() { m.fill(m.top(), m.bodyLines()) }

// bodyLines are the items and totals, the buyer, the payment, the IPNs
// and the latest IPN's form.
func (m *Orders) bodyLines() []string {
	if m.view == nil {
		return nil
	}
	o, w := m.view.Order, m.width
	cur := ui.Sanitize(o.Currency)
	lines := []string{ui.Rule("items", w)}
	for _, it := range o.Items {
		code := ""
		if it.Code != nil {
			code = *it.Code
		}
		lines = append(lines, fmt.Sprintf("  %-18s %-28s %3s × %-8s %10s %s", ui.Cut(ui.Sanitize(code), 18), ui.Cut(ui.Sanitize(it.Name), 28),
			ui.Sanitize(it.Quantity), it.Price.UnitGrossPrice.String(), it.Price.GrossDiscountedPrice.String(), cur))
	}
	lines = append(lines, fmt.Sprintf("  %s net %s · VAT %s · discount %s · gross %s %s", styles.Section.Render("total"),
		o.NetPrice.String(), o.VAT.String(), o.Discount.String(), styles.Value.Render(o.GrossDiscountedPrice.String()), cur))
	if b := o.BillingDetails; b != nil {
		lines = append(lines, ui.Rule("buyer", w), "  "+joinTrimmed(b.FirstName+" "+b.LastName, b.Email, b.Company, b.CountryCode, b.City, b.Address1, b.Zip))
	}
	if p := o.PaymentDetails; p != nil {
		pay := []string{p.Type}
		if c := p.PaymentMethod; c != nil {
			pay = append(pay, fmt.Sprintf("%s %d…%d", c.CardType, c.FirstDigits, c.LastDigits), c.ExpirationMonth+"/"+c.ExpirationYear, c.HolderName)
		}
		lines = append(lines, ui.Rule("payment", w), "  "+joinTrimmed(pay...))
	}
	ipns := m.hooks.Deliveries()
	lines = append(lines, ui.Rule(fmt.Sprintf("IPN (%d)", len(ipns)), w))
	lines = append(lines, m.hooks.Lines()...)
	if n := len(ipns); n > 0 {
		last := ipns[n-1]
		lines = append(lines, ui.Rule("the latest IPN's form: "+ui.Sanitize(last.Event), w))
		lines = append(lines, ipnFormLines(string(last.Body))...)
	}
	return lines
}

// formLines are an IPN's form fields, one a line, decoded, in the order
// sent.
func ipnFormLines(body string) []string {
	var out []string
	for field := range strings.SplitSeq(body, "&") {
		k, v, _ := strings.Cut(field, "=")
		k, v = unescape(k), unescape(v)
		out = append(out, "  "+styles.Hint.Render(fmt.Sprintf("%-28s", ui.Sanitize(k)))+" "+ui.Sanitize(v))
	}
	return out
}

func unescape(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

// join writes the parts that are set, apart.
func joinTrimmed(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, ui.Sanitize(p))
		}
	}
	return strings.Join(out, " · ")
}

// View renders the pane.
func (m *Orders) View() string {
	if m.refNo == "" {
		return m.list.View(
			styles.Title.Render("Checkout")+styles.Hint.Render(" · 2Checkout orders, as the sandbox keeps them, and their IPNs"),
			styles.Section.Render("Orders placed in this session")+styles.Hint.Render(" · enter opens one (o in Response opens an order)"),
			"none yet: send placeOrder from Compose (1), or type a RefNo with i")
	}
	return m.frame(m.top())
}

// ShortHelp lists the main keys of what is shown.
func (m *Orders) ShortHelp() []key.Binding {
	k := m.keys
	if m.refNo == "" {
		return m.list.ShortHelp()
	}
	if m.view != nil && m.view.Order.Status == twocheckout.StatusComplete {
		return []key.Binding{k.Refresh, k.Back, m.scroll.PageDown}
	}
	return []key.Binding{k.Complete, k.Refresh, k.Back, m.scroll.PageDown}
}

// FullHelp lists every key of the pane.
func (m *Orders) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		m.listHelp(),
		append([]key.Binding{k.Complete, k.Refresh, k.Back}, m.scroll.List()...),
	}
}
