package sandbox

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// BenchmarkGenerateBuyLink measures one successful generate_buy_link call
// through the whole handler (token, journal, validation, store);
// BenchmarkBareHandler is its baseline: a handler answering a fixed body.
func BenchmarkGenerateBuyLink(b *testing.B) {
	s := newTest(b)
	tok := login(b, s)
	body, err := os.ReadFile("noventiq/examples/seed_example_1.json")
	if err != nil {
		b.Fatal(err)
	}
	h := s.Handler()
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("POST", "/v1/generate_buy_link", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("AuthorizationJWT", "Bearer "+tok)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatal(rec.Body.String())
		}
	}
}

func BenchmarkBareHandler(b *testing.B) {
	body, err := os.ReadFile("noventiq/examples/seed_example_1.json")
	if err != nil {
		b.Fatal(err)
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"buy_link":"https://cart.checkout.noventiq.com.demoslweb.ru/basket/flash/12345678","external_id":"12345678"}`))
	})
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("POST", "/v1/generate_buy_link", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
	}
}
