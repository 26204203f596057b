package sandboxtest_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/sandbox/sandboxtest"
)

// exampleT stands in for a test's *testing.T, so that these examples run
// with their output checked: Fatal ends the example with a panic, Errorf
// prints, and the cleanups run at Finish. In a test, pass its t.
type exampleT struct {
	testing.TB
	cleanups []func()
}

func (t *exampleT) Helper()                   {}
func (t *exampleT) Fatal(args ...any)         { panic(fmt.Sprint(args...)) }
func (t *exampleT) Fatalf(f string, a ...any) { panic(fmt.Sprintf(f, a...)) }
func (t *exampleT) Errorf(f string, a ...any) { fmt.Printf("error: "+f+"\n", a...) }
func (t *exampleT) Cleanup(f func())          { t.cleanups = append(t.cleanups, f) }

// Finish runs the cleanups, last first, as a test's end does.
func (t *exampleT) Finish() {
	for i := len(t.cleanups) - 1; i >= 0; i-- {
		t.cleanups[i]()
	}
}

// buyLink asks for a buy link for one product as an integrator's client
// does, with a token from sb.Token.
func buyLink(client *http.Client, token string) (status int, body string) {
	req, _ := http.NewRequest("POST", sandboxtest.TestAPI+"/v1/generate_buy_link", bytes.NewReader([]byte(
		`{"currency":"EUR","products":[{"id":111111,"name":"Base version for 3 year","price":"30.00","quantity":1}]}`)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("AuthorizationJWT", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// A test hands its client to New: every call the client makes to the
// vendor's hosts is answered by a sandbox of the test's own, and the
// client is given back when the test ends.
func ExampleNew() {
	t := &exampleT{} // in a test: its t
	defer t.Finish()

	client := &http.Client{}
	sb := sandboxtest.New(t, client)
	status, body := buyLink(client, sb.Token(t))
	fmt.Println(status, body)
	sb.ExpectCalls(t, "POST", "/v1/generate_buy_link", 1)
	sb.ExpectCalls(t, "POST", "/v1/generate_buy_link", 2) // fails the test, saying what was called
	// Output:
	// 200 {"buy_link":"https://cart.checkout.noventiq.com.demoslweb.ru/basket/flash/74334950","external_id":"74334950"}
	// error: expected 2 call(s) to POST /v1/generate_buy_link, got 1; calls made:
	//   POST /v1/generate_buy_link → 200
}

// PlaceOrder buys a link as a hurried customer would on its checkout
// page: it declines the up-sell offer, fills the customer form and pays
// with a test card.
func ExampleSandbox_PlaceOrder() {
	t := &exampleT{}
	defer t.Finish()
	client := &http.Client{}
	sb := sandboxtest.New(t, client)
	_, body := buyLink(client, sb.Token(t))
	var link struct {
		BuyLink string `json:"buy_link"`
	}
	_ = json.Unmarshal([]byte(body), &link)

	order := sb.PlaceOrder(t, link.BuyLink, "4111 1111 1111 1111")
	fmt.Println(order.ID, order.Name, order.Status)
	// A link is for one order: a second purchase is refused.
	st := sb.Checkout(t, link.BuyLink).State()
	fmt.Println(st.Status)
	// Output:
	// 3693632 A0003693632 paid
	// ordered
}

// Advance moves the sandbox's frozen clock; a token is good for 24 hours.
func ExampleSandbox_Advance() {
	t := &exampleT{}
	defer t.Finish()
	client := &http.Client{}
	sb := sandboxtest.New(t, client)
	token := sb.Token(t)

	fmt.Println(sb.Advance(t, 25*time.Hour))
	fmt.Println(buyLink(client, token))
	// Output:
	// 2026-01-02 10:00:00 +0000 UTC
	// 401 {"errors":[{"error":1009,"message":"Your token is expired."}]}
}

// The integrator's receiver gets an order's webhooks and checks each
// with VerifyWebhook; Webhooks lists what the sandbox sent, or would have
// sent without a receiver, with every attempt.
func ExampleWithWebhook() {
	t := &exampleT{}
	defer t.Finish()
	type webhook struct {
		header http.Header
		body   []byte
	}
	received := make(chan webhook, 3)
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		received <- webhook{r.Header, body}
	}))
	defer receiver.Close()

	client := &http.Client{}
	sb := sandboxtest.New(t, client, sandboxtest.WithWebhook(receiver.URL))
	_, body := buyLink(client, sb.Token(t))
	var link struct {
		BuyLink string `json:"buy_link"`
	}
	_ = json.Unmarshal([]byte(body), &link)
	order := sb.PlaceOrder(t, link.BuyLink, "4111 1111 1111 1111")

	for range 3 {
		got := <-received
		var hook noventiq.WebhookBody
		_ = json.Unmarshal(got.body, &hook)
		fmt.Println(hook.Event, hook.OrderID == order.ID, sb.VerifyWebhook(got.header, got.body))
	}
	fmt.Println(len(sb.Webhooks(t, order.ID)), "deliveries recorded")
	// Output:
	// order.created true <nil>
	// order.payment.succeeded true <nil>
	// product.delivered true <nil>
	// 3 deliveries recorded
}

// A world of a test's own: here the default world with the account's
// password changed; WithWorldFile loads one from a YAML file instead.
func ExampleWithWorld() {
	t := &exampleT{}
	defer t.Finish()
	w := fixtures.Default()
	w.Noventiq.Accounts[0].Password = "s3cret"
	sb := sandboxtest.New(t, &http.Client{}, sandboxtest.WithWorld(w))

	_, err := sb.Login("demo", "demo")
	fmt.Println(err)
	tok, err := sb.Login("demo", "s3cret")
	fmt.Println(len(tok) > 0, err)
	// Output:
	// sandboxtest: POST /v1/login_check answered 401 {"code":401,"message":"Invalid credentials."}
	// true <nil>
}
