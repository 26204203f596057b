package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"
)

// handlerTransport sends requests straight to a handler: no sockets, no
// goroutines, so in-process runs cost what the sandbox costs.
type handlerTransport struct{ h http.Handler }

// RoundTrip serves the request with the handler.
func (t handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body == nil {
		req.Body = http.NoBody
	}
	req.RemoteAddr = "127.0.0.1:1"
	req.RequestURI = req.URL.RequestURI()
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, req)
	return rec.Result(), nil
}

// noRedirects hands redirects back to the step, which may expect them.
func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

func inProcessClient(h http.Handler) *http.Client {
	return &http.Client{Transport: handlerTransport{h}, CheckRedirect: noRedirects}
}

func targetClient(timeout time.Duration) *http.Client {
	return &http.Client{Timeout: timeout, CheckRedirect: noRedirects}
}

// probe checks that the target answers, and whether it is a flashcart
// sandbox (GET /_sandbox/health answers {"status":"ok"}).
func probe(ctx context.Context, c *http.Client, base string) (bool, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(base, "/")+"/_sandbox/health", nil)
	if err != nil {
		return false, fmt.Errorf("target URL: %w", err)
	}
	resp, err := c.Do(req)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	var health struct {
		Status string `json:"status"`
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	return resp.StatusCode == http.StatusOK && json.Unmarshal(body, &health) == nil && health.Status == "ok", nil
}
