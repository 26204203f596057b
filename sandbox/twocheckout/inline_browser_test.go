package twocheckout_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/internal/browsertest"
	"github.com/flashcart/flashcart/sandbox"
	tc "github.com/flashcart/flashcart/sandbox/twocheckout"
)

// These tests run the InLine cart in a headless Chromium as a merchant's
// page uses it: the page, on its own site (localhost), loads the client
// from the sandbox (127.0.0.1) with the vendor's loader, and the cart opens
// in a cross-site iframe of the sandbox.

// loader is the vendor's loader, as merchants paste it, pointed at SANDBOX.
const loader = `(function (document, src, libName, config) {
    var script             = document.createElement('script');
    script.src             = src;
    script.async           = true;
    var firstScriptElement = document.getElementsByTagName('script')[0];
    script.onload          = function () {
        for (var namespace in config) {
            if (config.hasOwnProperty(namespace)) {
                window[libName].setup.setConfig(namespace, config[namespace]);
            }
        }
        window[libName].register();
    };

    firstScriptElement.parentNode.insertBefore(script, firstScriptElement);
})(document, 'SANDBOX/checkout/client/twoCoInlineCart.js', 'TwoCoInlineCart',{"app":{"merchant":"MERCHANT_CODE"},"cart":{"host":"SANDBOX"}});`

// seedPage is the seed's example ("Assign values for the additional order
// fields"), as written, on a page with the loader.
const seedPage = `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<title>Shop</title>
<script type="text/javascript">
` + loader + `
</script>
</head>
<body>
<a href="#" class="btn btn-success" id="buy-button">Buy now!</a>
<script type="text/javascript">
window.document.getElementById('buy-button').addEventListener('click', function() {
TwoCoInlineCart.cart.setCurrency('USD');
TwoCoInlineCart.cart.setAdditionalFields([
// textbox type example
{
code : 'TextInIPNCustom123',
value : 'Some text value'
},
// listbox type example
{
code : 'SourceOrder',
value : 'The WWW'
},
// hidden type example
{
code : 'cart2cotestorderhidden',
value : 'Some text for the hidden field'
},
// checkbox type example
{
code : 'cart2cotestordercheckbox',
value : true
}
]);
TwoCoInlineCart.products.add({
code: '2CO3MONTHS',
quantity: 1
});
TwoCoInlineCart.cart.checkout();
});
</script>
</body>
</html>`

// hostileValue is an order field value a page sends.
const hostileValue = `"><script>document.title='owned'</script>`

// refusalsPage sells a product that does not exist, and one whose name and
// required field's label are hostile, with a hostile field value.
const refusalsPage = `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<title>Shop</title>
<script type="text/javascript">
` + loader + `
</script>
</head>
<body>
<a href="#" id="buy-unknown">Buy what is not sold</a>
<a href="#" id="buy-button">Buy now!</a>
<script type="text/javascript">
document.getElementById('buy-unknown').addEventListener('click', function () {
  TwoCoInlineCart.products.removeAll();
  TwoCoInlineCart.products.add({code: 'NOPE', quantity: 1});
  TwoCoInlineCart.cart.checkout().catch(function (e) { window.refused = e.message; });
});
document.getElementById('buy-button').addEventListener('click', function () {
  TwoCoInlineCart.cart.setCurrency('USD');
  TwoCoInlineCart.cart.setAdditionalFields([{code: 'TextInIPNCustom123', value: "\"><script>document.title='owned'<\/script>"}]);
  TwoCoInlineCart.products.removeAll();
  TwoCoInlineCart.products.add({code: 'EVIL', quantity: 1});
  TwoCoInlineCart.cart.checkout();
});
</script>
</body>
</html>`

// The hostile product and its required field's label.
const (
	hostileName  = `<img src=x onerror="document.title='owned'">Evil & Co`
	hostileLabel = `<script>document.title='owned'</script>Engraving`
)

// inlineShop is a sandbox, an IPN receiver and a merchant's page, on three
// servers, with a browser tab on the page.
type inlineShop struct {
	t       *testing.T
	e       *engine
	ipn     *receiver
	sandbox string
	page    string
	ctx     context.Context
	mu      sync.Mutex
	console []chromedp.ConsoleMessage
	frames  []target.ID
}

func newInlineShop(t *testing.T, html string, world func(*fixtures.TwoCheckout)) *inlineShop {
	t.Helper()
	ctx := browsertest.New(t)
	s := &inlineShop{t: t, ctx: ctx, ipn: &receiver{t: t}}
	ipn := httptest.NewServer(s.ipn)
	t.Cleanup(ipn.Close)
	w := fixtures.Default()
	w.TwoCheckout.Merchants[0].IPNURL = ipn.URL + "/ipn"
	if world != nil {
		world(w.TwoCheckout)
	}
	s.e = newEngine(t, func(o *sandbox.Options) { o.World = w })
	sb := httptest.NewServer(s.e.sb.Handler())
	t.Cleanup(sb.Close)
	s.sandbox = sb.URL
	shop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/favicon.ico" {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(strings.ReplaceAll(html, "SANDBOX", sb.URL)))
	}))
	t.Cleanup(shop.Close)
	// Another site than the sandbox's, as a merchant's shop is.
	s.page = strings.Replace(shop.URL, "127.0.0.1", "localhost", 1)

	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			s.mu.Lock()
			s.console = append(s.console, m)
			s.mu.Unlock()
		}
	}()
	s.do("open the shop", chromedp.Navigate(s.page))
	s.wait("the client loads", `typeof window.TwoCoInlineCart === 'object'`)
	return s
}

// shot saves a screenshot of the page, the cart's overlay in it, when
// FLASHCART_BROWSER_SHOTS names a folder.
func (s *inlineShop) shot(name string) {
	dir := os.Getenv("FLASHCART_BROWSER_SHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(s.ctx, chromedp.FullScreenshot(100))
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "inline_"+strings.ReplaceAll(name, " ", "_")+".png"), png, 0o644)
	}
	if err != nil {
		s.t.Logf("screenshot %s: %v", name, err)
	}
}

// wait waits until a boolean expression holds in the merchant's page.
func (s *inlineShop) wait(what, expr string) {
	s.t.Helper()
	if _, err := chromedp.Run(s.ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		s.t.Fatalf("%s: %v", what, err)
	}
}

func (s *inlineShop) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	if err := chromedp.Do(s.ctx, actions...); err != nil {
		s.t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates an expression in the merchant's page.
func eval[T any](s *inlineShop, expr string) T {
	s.t.Helper()
	v, err := chromedp.Run(s.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		s.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// frame waits for the cart's iframe, a target of its own, and answers a
// context that runs actions in it.
func (s *inlineShop) frame() context.Context {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		infos, err := chromedp.Targets(s.ctx)
		if err != nil {
			s.t.Fatal(err)
		}
		for _, info := range infos {
			if info.Type == "iframe" && strings.HasPrefix(info.URL, s.sandbox+tc.InlineCartsPath) && !slices.Contains(s.frames, info.TargetID) {
				s.frames = append(s.frames, info.TargetID)
				ctx, cancel := chromedp.NewContext(s.ctx, chromedp.WithTargetID(info.TargetID))
				s.t.Cleanup(cancel)
				return ctx
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	infos, _ := chromedp.Targets(s.ctx)
	for _, info := range infos {
		s.t.Logf("target %s %s %s", info.Type, info.URL, info.TargetID)
	}
	s.t.Fatalf("the cart's iframe did not open on the sandbox; console: %q", s.errorsLogged())
	return nil
}

func in(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("in the cart, %s: %v", what, err)
	}
}

func inEval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("in the cart, evaluate %s: %v", expr, err)
	}
	return v
}

// fillBilling types the billing details and the card.
func fillBilling(t *testing.T, f context.Context, card string) {
	t.Helper()
	for name, value := range map[string]string{
		"billing.name": "John Doe", "billing.email": "john.doe@example.com", "billing.address": "1 Market St",
		"billing.city": "San Francisco", "billing.zip": "94105", "billing.country": "US",
		"card.number": card, "card.month": "12", "card.year": "2030", "card.cvv": "123",
	} {
		in(t, f, "type "+name, chromedp.SendKeys(chromedp.CSS(`input[name="`+name+`"]`), value))
	}
}

// errorsLogged answers the console errors of the merchant's page so far.
func (s *inlineShop) errorsLogged() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, m := range s.console {
		if m.Type == chromedp.ConsoleError || m.IsException() {
			out = append(out, m.Text)
		}
	}
	return out
}

// waitLogged waits until the page logged an error holding text.
func (s *inlineShop) waitLogged(text string) {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if slices.ContainsFunc(s.errorsLogged(), func(m string) bool { return strings.Contains(m, text) }) {
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	s.t.Fatalf("the page's console never showed %q; it showed %q", text, s.errorsLogged())
}

// TestInlineCartInChromium: the seed's page opens the cart with its four
// fields and product, the shopper pays with the universal test Visa, and
// the order is an ordinary order: getOrder answers it with the field values
// and the merchant's receiver gets its IPN, whose signatures check.
func TestInlineCartInChromium(t *testing.T) {
	s := newInlineShop(t, seedPage, nil)
	eval[bool](s, `window.seen = []; ['cart:opened', 'cart:closed', 'payment:finalized'].forEach(function (n) {
		TwoCoInlineCart.events.subscribe(n, function (e) { window.seen.push(n + ' ' + (e.refNo || '')); });
	}); true`)
	s.do("click Buy now!", chromedp.Click(chromedp.CSS("#buy-button")))
	f := s.frame()
	in(t, f, "the cart shows", chromedp.WaitVisible(chromedp.CSS("#place-order")))

	if got := inEval[string](t, f, `document.querySelector('.item .name').textContent + ' | ' + document.querySelector('.total td').textContent`); got != "Flash Backup Pro (3 months) | 24.99 USD" {
		t.Errorf("the cart shows %q", got)
	}
	fields := inEval[string](t, f, `[
		document.querySelector('input[name="field.TextInIPNCustom123"]').value,
		document.querySelector('select[name="field.SourceOrder"]').value,
		Array.from(document.querySelectorAll('select[name="field.SourceOrder"] option')).map(function (o) { return o.textContent; }).join('/'),
		document.querySelector('input[name="field.cart2cotestordercheckbox"]').checked,
		document.querySelectorAll('[name="field.cart2cotestorderhidden"]').length
	].join(' | ')`)
	if fields != "Some text value | The WWW | —/The WWW/A friend/An advert | true | 0" {
		t.Errorf("the order fields show %q", fields)
	}
	s.shot("seed cart")
	fillBilling(t, f, "4111 1111 1111 1111")
	in(t, f, "place the order", chromedp.Click(chromedp.CSS("#place-order")))
	in(t, f, "the order is placed", chromedp.WaitVisible(chromedp.CSS("#refno")))
	s.shot("seed paid")
	ref := inEval[string](t, f, `document.getElementById('refno').textContent`)
	if got := inEval[string](t, f, `document.getElementById('total').textContent`); got != "24.99 USD" {
		t.Errorf("the paid cart shows the total %q", got)
	}
	s.wait("payment:finalized reaches the page", `window.seen.indexOf('payment:finalized `+ref+`') >= 0`)
	in(t, f, "close the cart", chromedp.Click(chromedp.CSS("button.primary[data-close]")))
	s.wait("the overlay closes", `document.querySelectorAll('.twoco-inline-overlay').length === 0 && window.seen.indexOf('cart:closed ') >= 0`)
	if seen := eval[[]string](s, `window.seen`); !slices.Equal(seen, []string{"cart:opened ", "payment:finalized " + ref, "cart:closed "}) {
		t.Errorf("the page saw the events %q", seen)
	}

	// The order, as the JSON-RPC API answers it.
	var got struct{ Result tc.Order }
	if err := json.Unmarshal([]byte(s.e.rpc(tc.MethodGetOrder, s.e.login("MERCHANT_CODE"), ref)), &got); err != nil {
		t.Fatal(err)
	}
	o := got.Result
	wantFields := []tc.AdditionalFieldValue{
		{Code: "TextInIPNCustom123", Text: "Anything we should know?", Value: "Some text value"},
		{Code: "SourceOrder", Text: "How did you hear about us?", Value: "The WWW"},
		{Code: "cart2cotestorderhidden", Text: "Campaign", Value: "Some text for the hidden field"},
		{Code: "cart2cotestordercheckbox", Text: "Send me the newsletter", Value: true},
	}
	if o.RefNo != ref || o.Status != "AUTHRECEIVED" || o.Currency != "USD" || len(o.Items) != 1 || *o.Items[0].Code != "2CO3MONTHS" ||
		o.GrossDiscountedPrice.String() != "24.99" || !slices.Equal(o.AdditionalFields, wantFields) ||
		o.BillingDetails.FirstName != "John" || o.BillingDetails.LastName != "Doe" || o.PaymentDetails.Type != "CC" ||
		o.PaymentDetails.PaymentMethod.FirstDigits != 4111 || o.CustomerIP != "127.0.0.1" {
		t.Errorf("getOrder answers %+v", o)
	}

	// Its IPN, checked by a receiver that signs independently.
	d := s.e.settle("refno="+ref, 1)
	forms, failed := s.ipn.seen()
	if len(d) != 1 || d[0].State != "delivered" || len(forms) != 1 || len(failed) != 0 {
		t.Fatalf("the IPN: deliveries %+v, the receiver got %d forms, failures %v", d, len(forms), failed)
	}
	if f := tc.ParseForm(t, forms[0]); tc.Field(f, "REFNO") != ref || tc.Field(f, "IPN_PCODE[]") != "2CO3MONTHS" || tc.Field(f, "ORDERSTATUS") != "PAYMENT_AUTHORIZED" {
		t.Errorf("the IPN form: %s", forms[0])
	}
	if errs := s.errorsLogged(); len(errs) != 0 {
		t.Errorf("the page logged errors: %q", errs)
	}
}

// TestInlineCartRefusesInChromium: an unknown call fails loudly; an
// unknown product and a missing required field are shown in the cart and
// in the page's console, and place nothing; request-provided text (a
// product name, a field label, a field value) stays text.
func TestInlineCartRefusesInChromium(t *testing.T) {
	s := newInlineShop(t, refusalsPage, func(w *fixtures.TwoCheckout) {
		m := &w.Merchants[0]
		m.AdditionalFields = append(m.AdditionalFields, fixtures.TwoCheckoutField{Code: "Engraving", Label: hostileLabel, Type: "TEXT", ApplyTo: "PRODUCT"})
		m.Products = append(m.Products, fixtures.TwoCheckoutProduct{Code: "EVIL", ID: "4639399", Name: hostileName,
			Prices:           []fixtures.TwoCheckoutPrice{{Currency: "USD", Amount: "10.00"}},
			AdditionalFields: []fixtures.TwoCheckoutAssignment{{Code: "Engraving", Required: true}}})
	})

	// A call the sandbox does not offer throws and says so in the console.
	msg := eval[string](s, `(function () { try { TwoCoInlineCart.cart.setReturnMethod({type: 'redirect', url: 'https://shop.example/'}); return 'no error'; } catch (e) { return e.message; } })()`)
	if !strings.Contains(msg, "TwoCoInlineCart.cart.setReturnMethod is not supported by the flashcart sandbox") {
		t.Errorf("an unknown call answered %q", msg)
	}
	s.waitLogged("TwoCoInlineCart.cart.setReturnMethod is not supported")

	// An unknown product: the cart says so, and so does the console.
	s.do("buy what is not sold", chromedp.Click(chromedp.CSS("#buy-unknown")))
	f := s.frame()
	in(t, f, "the refusal shows", chromedp.WaitVisible(chromedp.CSS("#problems")))
	s.shot("unknown product")
	if got := inEval[string](t, f, `document.querySelector('#problems li').textContent`); got != "ORDER_PRODUCT_CODE_INVALID Requested product [NOPE] was not found." {
		t.Errorf("the refusal shows %q", got)
	}
	s.waitLogged("ORDER_PRODUCT_CODE_INVALID: Requested product [NOPE] was not found.")
	s.wait("checkout() rejects", `typeof window.refused === 'string' && window.refused.indexOf('Requested product [NOPE] was not found.') >= 0`)
	in(t, f, "close the cart", chromedp.Click(chromedp.CSS("button.close")))
	s.wait("the overlay closes", `document.querySelectorAll('.twoco-inline-overlay').length === 0`)

	// The hostile product: its texts are shown as text.
	s.do("click Buy now!", chromedp.Click(chromedp.CSS("#buy-button")))
	f = s.frame()
	in(t, f, "the cart shows", chromedp.WaitVisible(chromedp.CSS("#place-order")))
	shown := inEval[[]string](t, f, `[
		document.title,
		document.querySelector('.item .name').textContent,
		document.querySelector('.item-fields label').textContent,
		document.querySelector('input[name="field.TextInIPNCustom123"]').value,
		String(document.querySelectorAll('img').length),
		String(document.querySelectorAll('script').length)
	]`)
	want := []string{"Your cart · 2Checkout InLine cart · flashcart sandbox", hostileName, hostileLabel + " (required) ", hostileValue, "0", "1"}
	if !slices.Equal(shown, want) {
		t.Errorf("the cart shows\n%q, want\n%q", shown, want)
	}

	// Paying without the required field is refused, and places nothing.
	fillBilling(t, f, "4242 4242 4242 4242")
	in(t, f, "place the order", chromedp.Click(chromedp.CSS("#place-order")))
	in(t, f, "the refusal shows", chromedp.WaitVisible(chromedp.CSS("#problems")))
	s.shot("required field")
	if got := inEval[string](t, f, `document.querySelector('#problems li').textContent`); !strings.HasPrefix(got, "ORDER_ADDITIONAL_FIELD_INVALID Invalid additional field [Engraving].") {
		t.Errorf("the refusal shows %q", got)
	}
	if got := inEval[string](t, f, `document.querySelector('input[name="billing.name"]').value + ' | ' + document.querySelector('input[name="card.number"]').value`); got != "John Doe | 4242 4242 4242 4242" {
		t.Errorf("the refused form keeps %q", got)
	}
	s.waitLogged("ORDER_ADDITIONAL_FIELD_INVALID: Invalid additional field [Engraving].")
	if d := s.e.deliveries("vendor=twocheckout"); len(d) != 0 {
		t.Errorf("a refused cart sent IPNs: %+v", d)
	}
	if title := eval[string](s, `document.title`); title != "Shop" {
		t.Errorf("the page's title became %q", title)
	}

	// Filled in, it pays; the item carries the value.
	in(t, f, "fill the engraving", chromedp.SendKeys(chromedp.CSS(`input[name="item.0.Engraving"]`), "<b>Ann</b>"))
	in(t, f, "place the order", chromedp.Click(chromedp.CSS("#place-order")))
	in(t, f, "the order is placed", chromedp.WaitVisible(chromedp.CSS("#refno")))
	ref := inEval[string](t, f, `document.getElementById('refno').textContent`)
	var got struct{ Result tc.Order }
	if err := json.Unmarshal([]byte(s.e.rpc(tc.MethodGetOrder, s.e.login("MERCHANT_CODE"), ref)), &got); err != nil {
		t.Fatal(err)
	}
	if it := got.Result.Items; len(it) != 1 || it[0].Name != hostileName ||
		!slices.Equal(it[0].AdditionalFields, []tc.AdditionalFieldValue{{Code: "Engraving", Text: hostileLabel, Value: "<b>Ann</b>"}}) ||
		!slices.Equal(got.Result.AdditionalFields, []tc.AdditionalFieldValue{{Code: "TextInIPNCustom123", Text: "Anything we should know?", Value: hostileValue}}) {
		t.Errorf("getOrder answers %+v", got.Result)
	}
}

// TestInlineDemoInChromium: the demo merchant page, served by the sandbox,
// opens the seed's cart, with nothing refused by its CSP or the overlay's.
func TestInlineDemoInChromium(t *testing.T) {
	ctx := browsertest.New(t)
	e := newEngine(t)
	sb := httptest.NewServer(e.sb.Handler())
	t.Cleanup(sb.Close)
	messages := chromedp.Console(ctx)
	var mu sync.Mutex
	var logged []string
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			mu.Lock()
			logged = append(logged, m.String())
			mu.Unlock()
		}
	}()
	if err := chromedp.Do(ctx, chromedp.Navigate(sb.URL+tc.InlineDemoPath)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`typeof window.TwoCoInlineCart === 'object'`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("the client did not load: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#buy-button"))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById('events').textContent === 'cart:opened'`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("the cart did not open: %v", err)
	}
	nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS("iframe")))
	if err != nil || len(nodes) != 1 {
		t.Fatalf("the overlay's iframe: %v %d", err, len(nodes))
	}
	total, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#place-order"), chromedp.FromNode(nodes[0])))
	if err != nil || total != "Place order · 24.99 USD" {
		t.Errorf("the overlay shows %q (%v)", total, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(logged) != 0 {
		t.Errorf("the console: %q", logged)
	}
}
