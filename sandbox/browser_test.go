package sandbox_test

import (
	"context"
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/flashcart/flashcart/internal/browsertest"
	"github.com/flashcart/flashcart/sandbox"
)

// browserLink is a request with both up-sell offers and a customer.
const browserLink = `{"currency":"EUR","products":[
  {"id":111111,"name":"Flash Office Base, 2 years","price":"100.00","quantity":1,"subscription":{"period":"P2Y"}},
  {"id":555555,"name":"<script>document.title='owned'</script>","price":"20.00","quantity":1}],
 "customer":{"type":"physical","email":"ann@example.com","first_name":"Ann","last_name":"Lee","country":"FR"},
 "upsell":{"product_id":111111,"name":"Upgrade to Pro","description":"Cloud storage included","picture_url":"https://img.example.com/pro.png","products":[
   {"id":333333,"name":"Flash Office Pro, 1 year","name_for_upsell":"Pro for a year","price":"150.00","quantity":1,"benefit":"30.00"}]},
 "upsell_exit":{"product_id":555555,"name":"Before you go","products":[
   {"id":222222,"name":"Perpetual licence","name_for_upsell":"Forever","price":"35.00","quantity":1}]}}`

// browserNow is the time of the browser tests' sandbox clock, which stands
// still: orders are placed then.
var browserNow = time.Date(2026, time.March, 7, 14, 5, 9, 0, time.UTC)

// localSandbox starts a sandbox on a real socket with local links, so that
// the links it makes can be opened in the browser, its clock frozen at
// browserNow.
func localSandbox(t *testing.T) (*sandbox.Sandbox, *httptest.Server) {
	t.Helper()
	seed := uint64(7)
	sb, err := sandbox.New(sandbox.Options{Seed: &seed, LocalLinks: true, Clock: sandbox.FrozenClock(browserNow)})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sb.Handler())
	t.Cleanup(func() { srv.Close(); _ = sb.Close() })
	return sb, srv
}

// buyLinks starts a sandbox on a real socket with local links and makes n links.
func buyLinks(t *testing.T, n int) []string {
	t.Helper()
	_, srv := localSandbox(t)
	post := func(path, token, body string, v any) {
		req, _ := http.NewRequest("POST", srv.URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("AuthorizationJWT", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil || resp.StatusCode != 200 {
			t.Fatalf("POST %s: %d %v", path, resp.StatusCode, err)
		}
	}
	var login struct{ Token string }
	post("/v1/login_check", "", `{"username":"demo","password":"demo"}`, &login)
	var links []string
	for range n {
		var out struct {
			BuyLink string `json:"buy_link"`
		}
		post("/v1/generate_buy_link", login.Token, browserLink, &out)
		if !strings.HasPrefix(out.BuyLink, srv.URL+"/basket/flash/") {
			t.Fatalf("buy link %q does not point at the sandbox %s", out.BuyLink, srv.URL)
		}
		links = append(links, out.BuyLink)
	}
	return links
}

// browser is one headless Chromium tab.
type browser struct {
	t   *testing.T
	ctx context.Context
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	return &browser{t: t, ctx: browsertest.New(t)}
}

// do runs actions, failing the test on an error.
func (b *browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// load runs actions that load a page and returns its HTTP status.
func (b *browser) load(what string, actions ...chromedp.Action[chromedp.Void]) int64 {
	b.t.Helper()
	resp, err := chromedp.RunResponse(b.ctx, actions...)
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	b.shot(what)
	return resp.Status
}

// text returns the text of the first element matching the CSS selector.
func (b *browser) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// count returns how many elements match the CSS selector now.
func (b *browser) count(sel string) int {
	b.t.Helper()
	n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+jsString(sel)+`).length`))
	if err != nil {
		b.t.Fatalf("count %s: %v", sel, err)
	}
	return n
}

// attr returns the attribute name of the first element matching the CSS
// selector.
func (b *browser) attr(sel, name string) string {
	b.t.Helper()
	if b.count(sel) == 0 {
		b.t.Fatalf("no element matches %s", sel)
	}
	v, err := chromedp.Run(b.ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
	if err != nil || !v.Exists {
		b.t.Fatalf("attribute %s of %s: %v (present: %v)", name, sel, err, v.Exists)
	}
	return v.Value
}

// eval evaluates a script expression in the page into a T.
func eval[T any](b *browser, what, expr string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	return v
}

// box is an element's place in the window, in CSS pixels.
type box struct{ Left, Right, Top, Bottom float64 }

// fieldBoxes is where the rows of a form are: each row's label, its input
// and its problem (nil without one).
type fieldBoxes struct {
	Name                  string
	Label, Input, Problem *box
}

// checkFieldsAligned checks that the rows of the form (the "field"
// template) are two columns: every label starts at one x, every input at
// another, right of every label, and each problem shows under its input,
// starting where it starts.
func (b *browser) checkFieldsAligned(form string) {
	b.t.Helper()
	rows := eval[[]fieldBoxes](b, "the boxes of the fields of "+form, `(() => {
	  const box = e => { if (!e) return null; const r = e.getBoundingClientRect(); return {Left: r.left, Right: r.right, Top: r.top, Bottom: r.bottom}; };
	  return Array.from(document.querySelectorAll(`+jsString(form+" .field")+`), f => ({
	    Name: f.querySelector('input, select').name, Label: box(f.querySelector('.label')),
	    Input: box(f.querySelector('input, select')), Problem: box(f.querySelector('.problem'))}));
	})()`)
	if len(rows) < 2 {
		b.t.Fatalf("%s has %d fields", form, len(rows))
	}
	const slack = 0.5 // px
	first := rows[0]
	for _, r := range rows {
		if r.Label == nil || r.Input == nil {
			b.t.Fatalf("%s: the field %s lacks its label or input", form, r.Name)
		}
		if math.Abs(r.Label.Left-first.Label.Left) > slack || math.Abs(r.Input.Left-first.Input.Left) > slack {
			b.t.Errorf("%s: the field %s starts its label at x=%.1f and its input at x=%.1f, the field %s at %.1f and %.1f",
				form, r.Name, r.Label.Left, r.Input.Left, first.Name, first.Label.Left, first.Input.Left)
		}
		if r.Input.Left < r.Label.Right {
			b.t.Errorf("%s: the input of %s (x=%.1f) starts left of its label's end (x=%.1f)", form, r.Name, r.Input.Left, r.Label.Right)
		}
		if p := r.Problem; p != nil && (math.Abs(p.Left-r.Input.Left) > slack || p.Top < r.Input.Bottom-slack) {
			b.t.Errorf("%s: the problem of %s is at x=%.1f y=%.1f, not under its input (x=%.1f, bottom y=%.1f)",
				form, r.Name, p.Left, p.Top, r.Input.Left, r.Input.Bottom)
		}
	}
}

// checkFooterAtBottom checks, in a 1280×900 window, that the page is
// shorter than the window and that its footer ends at the window's bottom.
func (b *browser) checkFooterAtBottom(page string) {
	b.t.Helper()
	b.do("a 1280×900 window", chromedp.EmulateViewport(1280, 900))
	defer b.do("the window as it was", chromedp.ResetViewport())
	got := eval[struct{ Footer, Window, Page float64 }](b, "the footer's place", `({
	  Footer: document.querySelector('footer.bottom').getBoundingClientRect().bottom,
	  Window: window.innerHeight, Page: document.documentElement.scrollHeight})`)
	if got.Window != 900 || got.Page > got.Window {
		b.t.Fatalf("%s: not a short page: %.0f px high in a window of %.0f", page, got.Page, got.Window)
	}
	if math.Abs(got.Footer-got.Window) > 0.5 {
		b.t.Errorf("%s: the footer ends at y=%.1f, not at the window's bottom (%.0f)", page, got.Footer, got.Window)
	}
}

func jsString(s string) string {
	raw, _ := json.Marshal(s)
	return string(raw)
}

// leaveWindow moves the real mouse over the page and then out of the
// window through its top edge, as a customer heading for the tabs does.
func (b *browser) leaveWindow() {
	b.t.Helper()
	b.do("move the mouse in", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 600, 300), chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 600, 5))
	b.do("move the mouse out of the window", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 600, -20))
}

// shot saves a screenshot when FLASHCART_BROWSER_SHOTS names a folder.
func (b *browser) shot(name string) {
	dir := os.Getenv("FLASHCART_BROWSER_SHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".png"), png, 0o644)
	}
	if err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
	}
}

func TestCheckoutInChromium(t *testing.T) {
	links := buyLinks(t, 2)
	b := newBrowser(t)

	// Link one: accept the entry offer; leaving the window then shows nothing.
	if status := b.load("open link one", chromedp.Navigate(links[0])); status != 200 {
		t.Fatalf("link one answered %d", status)
	}
	b.do("see the entry offer", chromedp.WaitVisible(chromedp.CSS("#offer-entry")))
	if got := b.text("#offer-entry .offer-name"); got != "Pro for a year" {
		t.Errorf("offer shows %q", got)
	}
	if b.count("#offer-entry .offer-benefit") != 1 || b.count("#offer-entry img.offer-picture") != 0 {
		t.Error("the offer lacks its benefit, or shows a picture that cannot be loaded")
	}
	if title, _ := chromedp.Run(b.ctx, chromedp.Title()); title == "owned" || !strings.Contains(b.text("tr.line:nth-child(2) .name"), "<script>") {
		t.Fatal("a product name from the request ran as a script")
	}
	if got, want := b.text("tr.line .renewal"), "Renew automatically: Flash Office Base renewal for 1 year for 30.00 EUR every year; first term 2 years"; got != want {
		t.Errorf("the renewal says %q, want %q", got, want)
	}
	b.load("accept the entry offer", chromedp.Click(chromedp.CSS(`#offer-entry button.accept[data-index="0"]`)))
	if b.count("#offer-entry") != 0 || b.text("tr.line .name") != "Flash Office Pro, 1 year" || b.text("#order-total") != "170.00 EUR" {
		t.Fatalf("after accepting: offer %d, first line %q, total %q", b.count("#offer-entry"), b.text("tr.line .name"), b.text("#order-total"))
	}
	b.leaveWindow()
	b.do("the exit intent is reported", chromedp.WaitReady(chromedp.CSS(`body[data-exit-intent="sent"]`)))
	if b.count("#offer-exit") != 0 {
		t.Fatal("the exit offer showed after a product was replaced")
	}

	// Link two: decline the entry offer; leaving the window shows the exit offer.
	b.load("open link two", chromedp.Navigate(links[1]))
	b.do("see the entry offer", chromedp.WaitVisible(chromedp.CSS("#offer-entry")))
	b.load("decline the entry offer", chromedp.Click(chromedp.CSS("#offer-entry button.decline")))
	if b.count("#offer-entry") != 0 || b.text("tr.line .name") != "Flash Office Base, 2 years" {
		t.Fatal("declining changed the cart or kept the offer")
	}
	if status := b.load("leave the window", chromedp.Func(func(context.Context, *chromedp.Target) error { b.leaveWindow(); return nil })); status != 200 {
		t.Fatalf("the reload for the exit offer answered %d", status)
	}
	b.do("see the exit offer", chromedp.WaitVisible(chromedp.CSS("#offer-exit")))
	if got := b.text("#offer-exit .offer-name"); got != "Forever" {
		t.Errorf("exit offer shows %q", got)
	}
	b.load("decline the exit offer", chromedp.Click(chromedp.CSS("#offer-exit button.decline")))

	// Step two, pre-filled from the request's customer; pay.
	b.load("continue to step two", chromedp.Click(chromedp.CSS("#to-customer")))
	for field, want := range map[string]string{"email": "ann@example.com", "first_name": "Ann", "last_name": "Lee"} {
		got, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.CSS(`#customer input[name="`+field+`"]`)))
		if err != nil || got != want {
			t.Errorf("step two %s = %q (%v), want %q", field, got, err, want)
		}
	}
	country, _ := chromedp.Run(b.ctx, chromedp.Value(chromedp.CSS(`#customer select[name="country"]`)))
	if country != "FR" {
		t.Errorf("step two country = %q, want FR", country)
	}
	// The countries of the checkout page, named, sorted by name.
	type option struct{ Value, Text string }
	countries := eval[[]option](b, "the country options", `Array.from(document.querySelectorAll('#customer select[name="country"] option'), o => ({Value: o.value, Text: o.textContent}))`)
	if want := []option{{"", ""}, {"FR", "France (FR)"}, {"DE", "Germany (DE)"}, {"IE", "Ireland (IE)"}, {"IT", "Italy (IT)"},
		{"NL", "Netherlands (NL)"}, {"ES", "Spain (ES)"}, {"GB", "United Kingdom (GB)"}}; !slices.Equal(countries, want) {
		t.Errorf("the country options are %q, want %q", countries, want)
	}
	b.checkFieldsAligned("#customer")
	if status := b.load("pay with no card", chromedp.Click(chromedp.CSS("#pay"))); status != http.StatusBadRequest {
		t.Fatalf("paying with no card answered %d", status)
	}
	if b.count(`#customer input[name="card"] + .problem`) != 1 {
		t.Fatal("the card's problem does not follow its input")
	}
	b.checkFieldsAligned("#customer")
	b.do("enter the card", chromedp.SendKeys(chromedp.CSS(`#customer input[name="card"]`), "4242 4242 4242 4242"))
	if status := b.load("pay", chromedp.Click(chromedp.CSS("#pay"))); status != 200 {
		t.Fatalf("the order page answered %d", status)
	}
	if got := b.text("#order-status"); got != "paid" {
		t.Fatalf("order status %q", got)
	}
	// Dates for people, each in a <time> holding the instant for machines.
	for _, sel := range []string{"#order-date time", "#pay-date time"} {
		if dt, text := b.attr(sel, "datetime"), b.text(sel); dt != "2026-03-07T14:05:09Z" || text != "7 March 2026, 14:05 UTC" {
			t.Errorf("%s: datetime %q, text %q; want 2026-03-07T14:05:09Z and 7 March 2026, 14:05 UTC", sel, dt, text)
		}
	}
	b.checkFooterAtBottom("the order page")

	// The link is used now.
	if status := b.load("reopen link two", chromedp.Navigate(links[1])); status != http.StatusGone {
		t.Fatalf("reopening a used link answered %d, want 410", status)
	}
	if !strings.Contains(b.text("main"), "already used") {
		t.Errorf("the 410 page says %q", b.text("main"))
	}
	b.checkFooterAtBottom("the 410 page")
}
