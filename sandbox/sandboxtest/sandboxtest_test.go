package sandboxtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
)

const linkBody = `{"currency":"EUR","products":[{"id":111111,"name":"A","price":"10.00","quantity":1}]}`

// post sends a JSON POST with the client, as an integrator's code would.
func post(t *testing.T, c *http.Client, url, token, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("AuthorizationJWT", "Bearer "+token)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func loginWith(t *testing.T, c *http.Client, base string) string {
	t.Helper()
	code, body := post(t, c, base+"/v1/login_check", "", `{"username":"demo","password":"demo"}`)
	var out struct{ Token string }
	if code != 200 || json.Unmarshal([]byte(body), &out) != nil {
		t.Fatalf("login via %s: %d %s", base, code, body)
	}
	return out.Token
}

func TestInterceptsEveryVendorHost(t *testing.T) {
	t.Parallel()
	client := &http.Client{}
	sb := New(t, client)
	for _, base := range []string{SoftlineAPI, NoventiqAPI, TestAPI, "https://api.ecommerce.noventiq.com.demonqweb.com", "http://api.ecommerce.softline.com.demoslweb.com:8443"} {
		tok := loginWith(t, client, base)
		if code, body := post(t, client, base+"/v1/generate_buy_link", tok, linkBody); code != 200 {
			t.Errorf("%s: %d %s", base, code, body)
		}
	}
	sb.ExpectCalls(t, "POST", "/v1/generate_buy_link", 5)
	sb.ExpectCalls(t, "POST", "/v1/login_check", 5)
	sb.ExpectBody(t, "POST", "/v1/generate_buy_link", -1, linkBody)
	links := sb.Calls("POST", "/v1/generate_buy_link")
	var link struct {
		BuyLink string `json:"buy_link"`
	}
	_ = json.Unmarshal([]byte(links[0].ResponseBody), &link)
	resp, err := client.Get(link.BuyLink)
	if err != nil {
		t.Fatalf("following the buy link %s: %v", link.BuyLink, err)
	}
	resp.Body.Close()
	if got := sb.Calls("GET", ""); len(got) != 1 || !strings.HasPrefix(got[0].Path, "/basket/flash/") {
		t.Errorf("the buy link's host was not intercepted: %+v", got)
	}
}

func TestOtherHostsPassThrough(t *testing.T) {
	t.Parallel()
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "real") }))
	defer other.Close()
	client := &http.Client{}
	sb := New(t, client)
	resp, err := client.Get(other.URL)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "real" {
		t.Errorf("another host answered %q", b)
	}
	sb.ExpectCalls(t, "", "", 0)
}

func TestEachTestHasItsOwnState(t *testing.T) {
	links := make(chan string, 2)
	for i := range 2 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			client := &http.Client{}
			New(t, client)
			tok := loginWith(t, client, TestAPI)
			_, body := post(t, client, TestAPI+"/v1/generate_buy_link", tok, linkBody)
			links <- body
		})
	}
	t.Cleanup(func() {
		a, b := <-links, <-links
		if a != b || !strings.Contains(a, "external_id") {
			t.Errorf("two fresh sandboxes with the same seed answered differently: %s / %s", a, b)
		}
	})
}

func TestCleanupRestoresTheClient(t *testing.T) {
	client := &http.Client{}
	t.Run("inner", func(t *testing.T) { New(t, client) })
	if client.Transport != nil {
		t.Errorf("the client's transport was not restored: %T", client.Transport)
	}
}

func TestDefaultTransport(t *testing.T) {
	prev := http.DefaultTransport
	t.Run("inner", func(t *testing.T) {
		sb := New(t, nil)
		resp, err := http.Post(TestAPI+"/v1/login_check", "application/json", strings.NewReader(`{"username":"demo","password":"demo"}`))
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("default client: %v %v", err, resp)
		}
		resp.Body.Close()
		sb.ExpectCalls(t, "POST", "/v1/login_check", 1)
		other, _ := Start()
		if _, err := other.Intercept(nil); !errors.Is(err, ErrDefaultTransportInUse) {
			t.Errorf("a second interception of the default transport: %v", err)
		}
	})
	if http.DefaultTransport != prev {
		t.Error("http.DefaultTransport was not restored")
	}
}

func TestServerAlternative(t *testing.T) {
	t.Parallel()
	sb := NewServer(t)
	tok := loginWith(t, http.DefaultClient, sb.URL())
	if code, body := post(t, http.DefaultClient, sb.URL()+"/v1/generate_buy_link", tok, `{"currency":"JPY"}`); code != 400 || !strings.Contains(body, `"error":3120`) {
		t.Errorf("%d %s", code, body)
	}
	sb.ExpectCalls(t, "POST", "/v1/generate_buy_link", 1)
	if sb.Calls("POST", "/v1/generate_buy_link")[0].Status != 400 {
		t.Error("the call's status was not recorded")
	}
}

func TestTokenAndClock(t *testing.T) {
	t.Parallel()
	client := &http.Client{}
	sb := New(t, client, WithTime(time.Date(2030, 5, 1, 0, 0, 0, 0, time.UTC)))
	tok := sb.Token(t)
	if code, _ := post(t, client, TestAPI+"/v1/generate_buy_link", tok, linkBody); code != 200 {
		t.Fatal("fresh token refused")
	}
	if now := sb.Advance(t, 25*time.Hour); !now.Equal(time.Date(2030, 5, 2, 1, 0, 0, 0, time.UTC)) || !sb.Now().Equal(now) {
		t.Errorf("advanced to %v", now)
	}
	if code, body := post(t, client, TestAPI+"/v1/generate_buy_link", tok, linkBody); code != 401 || body != `{"errors":[{"error":1009,"message":"Your token is expired."}]}` {
		t.Errorf("expired token: %d %s", code, body)
	}
	if at := sb.SetTime(t, time.Date(2030, 5, 1, 1, 0, 0, 0, time.UTC)); at.Hour() != 1 {
		t.Errorf("set time: %v", at)
	}
	if _, err := sb.Login("demo", "wrong"); err == nil || !strings.Contains(err.Error(), "401") {
		t.Errorf("login with a wrong password: %v", err)
	}
}

func TestCustomWorld(t *testing.T) {
	t.Parallel()
	src := strings.Replace(string(fixtures.DefaultYAML()), "username: demo\n      password: demo", "username: acme\n      password: s3cret", 1)
	w, err := fixtures.Parse("acme.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{}
	sb := New(t, client, WithWorld(w))
	if sb.Username() != "acme" || sb.Password() != "s3cret" || sb.World() != w {
		t.Fatalf("credentials %s/%s", sb.Username(), sb.Password())
	}
	if tok := sb.Token(t); tok == "" {
		t.Error("no token for the custom account")
	}
	if _, err := Start(WithWorldFile("/nonexistent.yaml")); err == nil {
		t.Error("a missing world file was accepted")
	}
}

// fakeT records what assertions report.
type fakeT struct {
	testing.TB
	errs []string
}

func (f *fakeT) Helper()                        {}
func (f *fakeT) Errorf(format string, a ...any) { f.errs = append(f.errs, fmt.Sprintf(format, a...)) }
func (f *fakeT) Fatalf(format string, a ...any) { f.Errorf(format, a...) }
func (f *fakeT) Fatal(a ...any)                 { f.errs = append(f.errs, fmt.Sprint(a...)); panic("fatal") }

func TestAssertionMessagesSayWhatWasExpected(t *testing.T) {
	t.Parallel()
	client := &http.Client{}
	sb := New(t, client)
	tok := sb.Token(t)
	post(t, client, TestAPI+"/v1/generate_buy_link", tok, linkBody)
	f := &fakeT{}
	sb.ExpectCalls(f, "POST", "/v1/generate_buy_link", 2)
	sb.ExpectBody(f, "POST", "/v1/generate_buy_link", 0, `{"currency":"GBP"}`)
	sb.ExpectBody(f, "POST", "/v1/generate_buy_link", 3, `{}`)
	sb.ExpectCalls(f, "POST", "/v1/generate_buy_link", 1)
	sb.ExpectBody(f, "POST", "/v1/generate_buy_link", 0, `{"products":[{"id":111111,"name":"A","price":"10.00","quantity":1}],"currency":"EUR"}`)
	if len(f.errs) != 3 {
		t.Fatalf("want 3 failures, got %d: %q", len(f.errs), f.errs)
	}
	for i, want := range []string{
		"expected 2 call(s) to POST /v1/generate_buy_link, got 1; calls made:\n  POST /v1/generate_buy_link → 200",
		"call #0 to POST /v1/generate_buy_link:\nexpected body {\n  \"currency\": \"GBP\"\n}\n     got body {\n  \"currency\": \"EUR\",",
		"expected a call #3 to POST /v1/generate_buy_link with body {}, but there were 1 such calls",
	} {
		if !strings.Contains(f.errs[i], want) {
			t.Errorf("failure %d = %q, want it to contain %q", i, f.errs[i], want)
		}
	}
}
