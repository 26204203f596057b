package sandboxtest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkThroughMock measures one generate_buy_link call made by a client
// whose transport the package intercepts; BenchmarkHandlerDirect is its
// baseline: the same call on the sandbox's handler.
func BenchmarkThroughMock(b *testing.B) {
	client := &http.Client{}
	sb := New(b, client)
	tok := sb.Token(b)
	b.ReportAllocs()
	for b.Loop() {
		req, _ := http.NewRequest("POST", TestAPI+"/v1/generate_buy_link", strings.NewReader(linkBody))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("AuthorizationJWT", "Bearer "+tok)
		resp, err := client.Do(req)
		if err != nil || resp.StatusCode != 200 {
			b.Fatal(err, resp)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

func BenchmarkHandlerDirect(b *testing.B) {
	sb, err := Start()
	if err != nil {
		b.Fatal(err)
	}
	tok := sb.Token(b)
	h := sb.Handler()
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("POST", "/v1/generate_buy_link", strings.NewReader(linkBody))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("AuthorizationJWT", "Bearer "+tok)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatal(rec.Body.String())
		}
	}
}
