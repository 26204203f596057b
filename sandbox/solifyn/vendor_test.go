package solifyn

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/sandbox/internal/journal"
)

func TestForcedError(t *testing.T) {
	h := newHarness(t)
	for _, tc := range []struct {
		value  string
		status int
		body   string
	}{
		{"404 Product not found", 404, notFound("Product not found")},
		{"404 product NOT found", 404, notFound("Product not found")},
		{" 401 Invalid API Key ", 401, invalidKey},
		{"401 Unauthorized", 401, unauthorized},
		{"400 Invalid discount code", 400, `{"message":"Invalid discount code","error":"Bad Request","statusCode":400}`},
		{"413", 413, `{"message":"request entity too large","error":"Payload Too Large","statusCode":413}`},
		{"500", 500, `{"statusCode":500,"message":"Internal server error"}`},
	} {
		f, err := h.v.ForcedError(tc.value)
		if err != nil {
			t.Errorf("%q: %v", tc.value, err)
			continue
		}
		w := httptest.NewRecorder()
		f.ServeHTTP(w, httptest.NewRequest(http.MethodPost, PathCreate, nil))
		expect(t, tc.value, w.Code, w.Body.String(), tc.status, tc.body)
		if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Errorf("%q: Content-Type %q", tc.value, ct)
		}
	}
	for value, want := range map[string]string{
		"":                 `must be "<HTTP status> <message>" of a documented error, such as "404 Product not found"; the documented errors are 401 Unauthorized; 401 Invalid API Key; 404 Product not found;`,
		"Product":          `must be "<HTTP status> <message>"`,
		"401":              "401 names several documented errors: add the message; the documented errors are 401 Unauthorized;",
		"404 Page missing": `"404 Page missing" is not a documented error; the documented errors are`,
		"418":              `"418" is not a documented error`,
	} {
		if _, err := h.v.ForcedError(value); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: %v, want %q…", value, err, want)
		}
	}
}

func TestEveryCatalogueErrorCanBeForced(t *testing.T) {
	h := newHarness(t)
	for _, f := range Catalogue {
		value := f.Error()
		if _, err := h.v.ForcedError(value); err != nil {
			t.Errorf("%s: %v", value, err)
		}
	}
}

func TestStatus(t *testing.T) {
	h := newHarness(t)
	for code, want := range map[int]string{
		503: `{"message":"Service Unavailable","statusCode":503}`,
		429: `{"message":"Too Many Requests","statusCode":429}`,
		413: `{"message":"Payload Too Large","statusCode":413}`,
		500: `{"statusCode":500,"message":"Internal server error"}`,
	} {
		w := httptest.NewRecorder()
		h.v.Status(code).ServeHTTP(w, httptest.NewRequest(http.MethodGet, PathProducts, nil))
		expect(t, "status", w.Code, w.Body.String(), code, want)
	}
}

func TestRedact(t *testing.T) {
	h := newHarness(t)
	e := journal.Entry{Query: "key=" + demoKey, RequestBody: `{"note":"` + demoKey + `"}`,
		ResponseBody: `{"secret":"` + vectorSecret + `","other":"` + otherKey + `"}`}
	h.v.Redact(&e)
	if e.Query != "key=[redacted]" || e.RequestBody != `{"note":"[redacted]"}` || e.ResponseBody != `{"secret":"[redacted]","other":"[redacted]"}` {
		t.Errorf("redacted %+v", e)
	}
}

func TestHostsAndBuckets(t *testing.T) {
	h := newHarness(t)
	if got := h.v.Hosts(); !slices.Equal(got, []string{SandboxAPIHost, APIHost, CheckoutHost}) {
		t.Errorf("hosts %v", got)
	}
	b := h.v.Buckets()
	b[0] = "changed"
	if h.v.Buckets()[0] != bucketSessions || len(h.v.Buckets()) != 7 {
		t.Errorf("buckets %v", h.v.Buckets())
	}
}

// TestNoSection: a world without a Solifyn section serves no business.
func TestNoSection(t *testing.T) {
	h := newHarness(t)
	h.v.env.World().Solifyn = nil
	status, body := h.call(http.MethodGet, PathSupportedCurrencies, "", "")
	expect(t, "currencies", status, body, http.StatusOK, `[]`)
	status, body = h.call(http.MethodPost, PathCreate, `{"productId":"`+starterID+`"}`, demoKey)
	expect(t, "create", status, body, http.StatusUnauthorized, invalidKey)
}

func TestIsAPI(t *testing.T) {
	h := newHarness(t)
	for path, want := range map[string]bool{
		PathCreate: true, PathGuideCreate: true, PathGuideCollectionCreate + "/": true, "/v1/nope": true, "/": true,
		Path(PathHostedCheckout, starterID): false, AssetsPath + "checkout.css": false,
	} {
		if got := h.v.IsAPI(path); got != want {
			t.Errorf("IsAPI(%s) = %v", path, got)
		}
	}
}
