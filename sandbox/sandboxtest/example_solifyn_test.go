package sandboxtest_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/flashcart/flashcart/sandbox/sandboxtest"
)

// A Solifyn client creates a checkout session on the vendor's test host,
// the customer pays it (here through the hosted checkout's twin), and the
// integrator's webhook receiver gets payment.created, then
// payment.succeeded, and verifies them as Svix's libraries do.
func Example_solifyn() {
	type webhook struct {
		header http.Header
		body   []byte
	}
	received := make(chan webhook, 2)
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		received <- webhook{r.Header, body}
	}))
	defer receiver.Close()

	sb, err := sandboxtest.Start(sandboxtest.WithSolifynWebhook(receiver.URL))
	if err != nil {
		panic(err)
	}
	defer sb.Close()
	client := &http.Client{}
	restore, _ := sb.Intercept(client)
	defer restore()

	req, _ := http.NewRequest("POST", sandboxtest.SolifynTestAPI+"/v1/checkout/create",
		strings.NewReader(`{"productId":"prod_z2o92kEl6cYYX","customerEmail":"ann@example.com"}`))
	req.Header.Set("Authorization", "Bearer "+sb.SolifynKey())
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		panic(err)
	}
	var session struct {
		ID          string `json:"id"`
		SessionID   string `json:"session_id"`
		CheckoutURL string `json:"checkout_url"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&session)
	resp.Body.Close()
	fmt.Println(resp.StatusCode, session.CheckoutURL)

	st, err := sb.PaySolifyn(session.CheckoutURL, "4242 4242 4242 4242")
	if err != nil {
		panic(err)
	}
	fmt.Println(st.Status, st.Order.TotalAmount, st.Order.Currency)

	for range 2 {
		hook := <-received
		var body struct {
			Status string `json:"status"`
		}
		_ = json.Unmarshal(hook.body, &body)
		fmt.Println(body.Status, sb.VerifySolifynWebhook(hook.header, hook.body))
	}
	// Output:
	// 201 https://solifyn.com/checkout/test/prod_z2o92kEl6cYYX?checkout_id=019b78c9-0a80-7d15-9158-ddb2cde481aa
	// paid 2900 usd
	// created <nil>
	// paid <nil>
}
