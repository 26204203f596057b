// Package record turns live traffic into a scenario file: a reverse proxy
// keeps every exchange, and Scenario writes the exchanges as steps, with
// passwords and tokens redacted and volatile values (ids, tokens, dates)
// turned into captures and matchers, so the recording replays green.
package record

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sync"
)

// maxBodyBytes bounds what is kept of each body.
const maxBodyBytes = 4 << 20

// Exchange is one request and its response.
type Exchange struct {
	Method   string
	Path     string
	RawQuery string
	Header   http.Header
	Body     []byte

	Status     int
	RespHeader http.Header
	RespBody   []byte
}

// Proxy forwards requests to a target and keeps the exchanges. It is safe
// for concurrent use.
type Proxy struct {
	rp        *httputil.ReverseProxy
	log       *slog.Logger
	onRecord  func([]Exchange)
	mu        sync.Mutex
	exchanges []Exchange
}

type exchangeKey struct{}

// NewProxy returns a proxy to target; onRecord, when set, is called with
// every exchange so far after each one (one call at a time).
func NewProxy(target string, log *slog.Logger, onRecord func([]Exchange)) (*Proxy, error) {
	u, err := url.Parse(target)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("target must be an http or https URL, got %q", target)
	}
	p := &Proxy{log: log, onRecord: onRecord}
	p.rp = &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(u)
			// The transport then asks for and undoes compression itself,
			// so the recorded body is plain.
			pr.Out.Header.Del("Accept-Encoding")
		},
		ModifyResponse: p.keep,
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			log.Warn("target did not answer; exchange not recorded", "method", r.Method, "path", r.URL.Path, "err", err)
			w.WriteHeader(http.StatusBadGateway)
		},
	}
	return p, nil
}

// ServeHTTP forwards the request and records the exchange.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	if err != nil {
		http.Error(w, "read request body: "+err.Error(), http.StatusBadRequest)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	ex := &Exchange{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Header: r.Header.Clone(), Body: body}
	p.rp.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), exchangeKey{}, ex)))
}

// keep reads the response, hands it on unchanged and records the exchange.
func (p *Proxy) keep(resp *http.Response) error {
	ex, ok := resp.Request.Context().Value(exchangeKey{}).(*Exchange)
	if !ok {
		return nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
	resp.Body.Close()
	if err != nil {
		return fmt.Errorf("read response body: %w", err)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	ex.Status, ex.RespHeader, ex.RespBody = resp.StatusCode, resp.Header.Clone(), body
	p.mu.Lock()
	defer p.mu.Unlock()
	p.exchanges = append(p.exchanges, *ex)
	if p.onRecord != nil {
		p.onRecord(append([]Exchange(nil), p.exchanges...))
	}
	return nil
}

// Exchanges returns the exchanges recorded so far.
func (p *Proxy) Exchanges() []Exchange {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]Exchange(nil), p.exchanges...)
}
