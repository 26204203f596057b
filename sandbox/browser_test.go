package sandbox_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/flashcart/flashcart/internal/browsertest"
	"github.com/flashcart/flashcart/sandbox"
)

// browserLink is a request with both up-sell offers and a customer.
const browserLink = `{"currency":"EUR","products":[
  {"id":111111,"name":"Flash Office Base, 1 year","price":"100.00","quantity":1,"subscription":{"period":"P1Y"}},
  {"id":555555,"name":"<script>document.title='owned'</script>","price":"20.00","quantity":1}],
 "customer":{"type":"physical","email":"ann@example.com","first_name":"Ann","last_name":"Lee","country":"FR"},
 "upsell":{"product_id":111111,"name":"Upgrade to Pro","description":"Cloud storage included","picture_url":"https://img.example.com/pro.png","products":[
   {"id":333333,"name":"Flash Office Pro, 1 year","name_for_upsell":"Pro for a year","price":"150.00","quantity":1,"benefit":"30.00"}]},
 "upsell_exit":{"product_id":555555,"name":"Before you go","products":[
   {"id":222222,"name":"Perpetual licence","name_for_upsell":"Forever","price":"35.00","quantity":1}]}}`

// localSandbox starts a sandbox on a real socket with local links, so that
// the links it makes can be opened in the browser.
func localSandbox(t *testing.T) (*sandbox.Sandbox, *httptest.Server) {
	t.Helper()
	seed := uint64(7)
	sb, err := sandbox.New(sandbox.Options{Seed: &seed, LocalLinks: true})
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
	if b.count("#offer-entry") != 0 || b.text("tr.line .name") != "Flash Office Base, 1 year" {
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
	b.do("enter the card", chromedp.SendKeys(chromedp.CSS(`#customer input[name="card"]`), "4242 4242 4242 4242"))
	if status := b.load("pay", chromedp.Click(chromedp.CSS("#pay"))); status != 200 {
		t.Fatalf("the order page answered %d", status)
	}
	if got := b.text("#order-status"); got != "paid" {
		t.Fatalf("order status %q", got)
	}

	// The link is used now.
	if status := b.load("reopen link two", chromedp.Navigate(links[1])); status != http.StatusGone {
		t.Fatalf("reopening a used link answered %d, want 410", status)
	}
	if !strings.Contains(b.text("main"), "already used") {
		t.Errorf("the 410 page says %q", b.text("main"))
	}
}
