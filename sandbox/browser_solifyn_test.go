package sandbox_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/sandbox/solifyn"
)

// script is request text that would run if a page did not escape it.
const script = `<script>document.title='owned'</script>`

// solifynCheckout starts a sandbox on a real socket with local links and
// creates a checkout session of the Community Access product, whose
// required custom field is pre-filled with script; it returns the session.
func solifynCheckout(t *testing.T) (*sandbox.Sandbox, solifyn.CheckoutResponse) {
	t.Helper()
	sb, srv := localSandbox(t)
	body, _ := json.Marshal(map[string]any{
		"productId": "prod_CustomF1eldsX", "quantity": 2, "customerEmail": "ann@example.com",
		"customFields": map[string]string{"57aa2241-eae4-43dc-b9ae-36069b84b2da": script},
	})
	req, _ := http.NewRequest("POST", srv.URL+solifyn.PathCreate, strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer fyn_test_demo_key")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out solifyn.CheckoutResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("create: %d %v", resp.StatusCode, err)
	}
	if !strings.HasPrefix(out.CheckoutURL, srv.URL+"/checkout/test/prod_CustomF1eldsX?checkout_id=") {
		t.Fatalf("checkout_url %q does not point at the sandbox %s", out.CheckoutURL, srv.URL)
	}
	return sb, out
}

func TestSolifynCheckoutInChromium(t *testing.T) {
	sb, session := solifynCheckout(t)
	b := newBrowser(t)
	field := `#pay-form input[name="cf.57aa2241-eae4-43dc-b9ae-36069b84b2da"]`
	value := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("value of %s: %v", sel, err)
		}
		return v
	}

	if status := b.load("open the checkout", chromedp.Navigate(session.CheckoutURL)); status != http.StatusOK {
		t.Fatalf("the checkout answered %d", status)
	}
	if title, _ := chromedp.Run(b.ctx, chromedp.Title()); title != "Community Access · Flashcart checkout" {
		t.Fatalf("title %q: request text ran as a script", title)
	}
	if got := b.text("tr.line .amount") + " / " + b.text("#total"); got != "98.00 USD / 98.00 USD" {
		t.Errorf("amounts %q", got)
	}
	if v := value(`#pay-form input[name="email"]`); v != "ann@example.com" {
		t.Errorf("the e-mail is not pre-filled: %q", v)
	}
	if v := value(field); v != script {
		t.Errorf("the custom field shows %q, want the request's text as text", v)
	}

	// A form with problems comes back with them; the customer's text stays text.
	b.do("change the e-mail and the name", chromedp.SetValue(chromedp.CSS(`#pay-form input[name="email"]`), "bob@example.com"),
		chromedp.SendKeys(chromedp.CSS(`#pay-form input[name="name"]`), script))
	if status := b.load("pay without a card", chromedp.Click(chromedp.CSS("#pay"))); status != http.StatusBadRequest {
		t.Fatalf("a form without a card answered %d", status)
	}
	if title, _ := chromedp.Run(b.ctx, chromedp.Title()); title != "Community Access · Flashcart checkout" || value(`#pay-form input[name="name"]`) != script {
		t.Fatalf("the refused form: title %q, name %q", title, value(`#pay-form input[name="name"]`))
	}
	if got := b.text(`#pay-form input[name="card"] + .problem`); !strings.HasPrefix(got, "Not a test card") {
		t.Errorf("the card's problem: %q", got)
	}

	b.do("enter the card", chromedp.SendKeys(chromedp.CSS(`#pay-form input[name="card"]`), "4242 4242 4242 4242"))
	if status := b.load("pay", chromedp.Click(chromedp.CSS("#pay"))); status != http.StatusOK {
		t.Fatalf("paying answered %d", status)
	}
	if b.text("#order-status") != "paid" || b.text("#order-email") != "bob@example.com" || b.text("#order-total") != "98.00 USD" {
		t.Fatalf("receipt: %q %q %q", b.text("#order-status"), b.text("#order-email"), b.text("#order-total"))
	}
	rec := httptest.NewRecorder()
	sb.Handler().ServeHTTP(rec, httptest.NewRequest("GET", solifyn.CheckoutTwinPath+session.ID, nil))
	var st solifyn.CheckoutState
	if err := json.Unmarshal(rec.Body.Bytes(), &st); err != nil || st.Status != solifyn.StatusPaid || st.CustomerName != script ||
		st.Order == nil || st.Order.ID != b.text("#payment-id") {
		t.Fatalf("the session after the page paid it: %+v", st)
	}

	if status := b.load("reopen the checkout", chromedp.Navigate(session.CheckoutURL)); status != http.StatusGone {
		t.Fatalf("reopening a paid checkout answered %d, want 410", status)
	}
	if !strings.Contains(b.text("main"), "already paid") {
		t.Errorf("the 410 page says %q", b.text("main"))
	}
}
