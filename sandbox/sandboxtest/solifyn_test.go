package sandboxtest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
)

// createSolifyn creates a checkout session through the client.
func createSolifyn(t *testing.T, c *http.Client, base, key string) (int, map[string]string) {
	t.Helper()
	req, _ := http.NewRequest("POST", base+"/v1/checkout/create", strings.NewReader(`{"productId":"prod_z2o92kEl6cYYX","customerEmail":"ann@example.com"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]string
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func TestInterceptsTheSolifynHosts(t *testing.T) {
	t.Parallel()
	client := &http.Client{}
	sb := New(t, client)
	for _, base := range []string{SolifynAPI, SolifynTestAPI, "http://" + "sandbox-api.solifyn.com:8443"} {
		if code, out := createSolifyn(t, client, base, sb.SolifynKey()); code != 201 || !strings.HasPrefix(out["session_id"], "ch_") {
			t.Errorf("%s: %d %v", base, code, out)
		}
	}
	_, out := createSolifyn(t, client, SolifynTestAPI, sb.SolifynKey())
	resp, err := client.Get(out["checkout_url"])
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(page), `<h1 id="store-name">Flashcart Demo Store</h1>`) {
		t.Errorf("the checkout_url at solifyn.com: %d", resp.StatusCode)
	}
	sb.ExpectCalls(t, "POST", "/v1/checkout/create", 4)
	if key := sb.SolifynKey(); key != "fyn_test_demo_key" {
		t.Errorf("key %q", key)
	}
}

func TestSolifynStateIsPerTest(t *testing.T) {
	t.Parallel()
	a, b := &http.Client{}, &http.Client{}
	sa, sbb := New(t, a), New(t, b)
	_, out := createSolifyn(t, a, SolifynTestAPI, sa.SolifynKey())
	if _, err := sbb.PaySolifyn(out["id"], "4242424242424242"); err == nil || !strings.Contains(err.Error(), "answered 404") {
		t.Errorf("another test's sandbox knows the session: %v", err)
	}
	st, err := sa.PaySolifyn(out["session_id"], "4000000000000002")
	if err != nil || st.Status != "failed" {
		t.Fatalf("pay: %+v %v", st, err)
	}
	hooks := sa.SolifynWebhooks(t, out["session_id"])
	if len(hooks) != 2 || hooks[0].Event != "payment.created" || hooks[1].Event != "payment.failed" || len(sa.SolifynWebhooks(t, "")) != 2 {
		t.Fatalf("webhooks %+v", hooks)
	}
	if err := sa.VerifySolifynWebhook(hooks[1].Header, hooks[1].Body); err != nil {
		t.Errorf("a recorded webhook: %v", err)
	}
	if err := sa.VerifySolifynWebhook(hooks[1].Header, append([]byte(" "), hooks[1].Body...)); err == nil {
		t.Error("a changed body verified")
	}
	sa.Advance(t, 6*time.Minute)
	if err := sa.VerifySolifynWebhook(hooks[1].Header, hooks[1].Body); err == nil || !strings.Contains(err.Error(), "outside the tolerance") {
		t.Errorf("an old webhook: %v", err)
	}
}

func TestWithoutASolifynSection(t *testing.T) {
	w := fixtures.Default()
	w.Solifyn = nil
	sb := New(t, &http.Client{}, WithWorld(w))
	if sb.SolifynKey() != "" || sb.VerifySolifynWebhook(http.Header{}, nil) == nil {
		t.Error("a world without a Solifyn section has a key or a secret")
	}
	if _, err := Start(WithWorld(w), WithSolifynWebhook("http://127.0.0.1:1/hooks")); err == nil {
		t.Error("a webhook for a world without businesses")
	}
}
