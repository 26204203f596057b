// Package sandboxtest runs the flashcart sandbox inside a Go test: requests
// that an integrator's client sends to the vendor's API hosts are answered
// in-process by a fresh, isolated sandbox through github.com/jarcoal/httpmock,
// with no network and no process to start. For clients that cannot take a
// custom http.Client, NewServer starts the sandbox on a loopback server.
//
//	func TestCheckout(t *testing.T) {
//		t.Parallel()
//		client := &http.Client{}
//		sb := sandboxtest.New(t, client)
//		myapp := app.New(client, sandboxtest.TestAPI, sb.Username(), sb.Password())
//		// … exercise myapp, then:
//		sb.ExpectCalls(t, "POST", "/v1/generate_buy_link", 1)
//	}
//
// Solifyn clients are intercepted the same way, at SolifynAPI and
// SolifynTestAPI: SolifynKey is the world's key, PaySolifyn pays a session
// as its customer would, WithSolifynWebhook points the webhooks at the
// test's receiver and VerifySolifynWebhook checks what it got.
package sandboxtest

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/jarcoal/httpmock"
)

// The vendor's API hosts.
const (
	// SoftlineAPI is the production API of the Softline brand.
	SoftlineAPI = "https://" + noventiq.SoftlineAPIHost
	// NoventiqAPI is the production API of the Noventiq brand.
	NoventiqAPI = "https://" + noventiq.NoventiqAPIHost
	// TestAPI is the test environment named by the API reference.
	TestAPI = SoftlineAPI + ".demoslweb.ru"
)

// Hosts lists every host the mock answers: each vendor's real hosts in
// the sandbox's world — API hosts in production and test, and the customer
// pages' domains, so that a checkout link can be followed too.
func (s *Sandbox) Hosts() []string { return s.sb.Hosts() }

// DefaultStart is where a sandbox's frozen clock starts unless WithTime says
// otherwise.
var DefaultStart = time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)

type config struct {
	world *fixtures.World
	seed  uint64
	start time.Time
}

// Option configures a sandbox.
type Option func(*config) error

// WithWorld serves w instead of the default world.
func WithWorld(w *fixtures.World) Option {
	return func(c *config) error { c.world = w; return nil }
}

// WithWorldFile loads the world file at path.
func WithWorldFile(path string) Option {
	return func(c *config) error {
		w, err := fixtures.Load(path)
		c.world = w
		return err
	}
}

// WithSeed sets the seed of ids and tokens (default 1).
func WithSeed(seed uint64) Option {
	return func(c *config) error { c.seed = seed; return nil }
}

// WithTime starts the sandbox's frozen clock at t (default DefaultStart).
func WithTime(t time.Time) Option {
	return func(c *config) error { c.start = t; return nil }
}

// Sandbox is one isolated sandbox and the record of the calls it answered.
// Its clock is frozen: it moves only with Advance and SetTime, so tests
// repeat exactly.
type Sandbox struct {
	sb     *sandbox.Sandbox
	world  *fixtures.World
	hostRE *regexp.Regexp

	mu     sync.Mutex
	calls  []Call
	server *httptest.Server
}

// Start builds a sandbox; Close releases it.
func Start(opts ...Option) (*Sandbox, error) {
	c := config{world: fixtures.Default(), seed: 1, start: DefaultStart}
	for _, o := range opts {
		if err := o(&c); err != nil {
			return nil, fmt.Errorf("sandboxtest: %w", err)
		}
	}
	sb, err := sandbox.New(sandbox.Options{World: c.world, Seed: &c.seed, Clock: sandbox.FrozenClock(c.start)})
	if err != nil {
		return nil, fmt.Errorf("sandboxtest: %w", err)
	}
	hosts := sb.Hosts()
	for i, h := range hosts {
		hosts[i] = regexp.QuoteMeta(h)
	}
	re := regexp.MustCompile(`^https?://(` + strings.Join(hosts, "|") + `)(:\d+)?(/|$)`)
	return &Sandbox{sb: sb, world: c.world, hostRE: re}, nil
}

// New starts a sandbox for the test and routes client's requests to the
// vendor's hosts to it; other hosts go through client's own transport. A nil
// client means http.DefaultTransport, which only one test at a time may
// intercept: tests that call t.Parallel() must pass their own client.
// Everything is undone when the test ends.
func New(t testing.TB, client *http.Client, opts ...Option) *Sandbox {
	t.Helper()
	s, err := Start(opts...)
	if err != nil {
		t.Fatal(err)
	}
	restore, err := s.Intercept(client)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { restore(); s.Close() })
	return s
}

// NewServer starts a sandbox for the test on a loopback httptest.Server,
// for clients that cannot take a custom http.Client; URL gives its address.
func NewServer(t testing.TB, opts ...Option) *Sandbox {
	t.Helper()
	s, err := Start(opts...)
	if err != nil {
		t.Fatal(err)
	}
	s.Serve()
	t.Cleanup(s.Close)
	return s
}

var (
	defaultMu    sync.Mutex
	defaultOwner *Sandbox
)

// ErrDefaultTransportInUse is returned when two sandboxes try to intercept
// http.DefaultTransport at once.
var ErrDefaultTransportInUse = errors.New("sandboxtest: http.DefaultTransport is already intercepted by another sandbox; pass your own *http.Client to run tests in parallel")

// Intercept makes client's requests to the vendor's hosts reach this
// sandbox; nil means http.DefaultTransport. It returns the function that
// restores the previous transport.
func (s *Sandbox) Intercept(client *http.Client) (restore func(), err error) {
	if client == nil {
		defaultMu.Lock()
		defer defaultMu.Unlock()
		if defaultOwner != nil {
			return nil, ErrDefaultTransportInUse
		}
		defaultOwner = s
		prev := http.DefaultTransport
		http.DefaultTransport = s.transport(prev)
		return func() {
			defaultMu.Lock()
			defer defaultMu.Unlock()
			http.DefaultTransport, defaultOwner = prev, nil
		}, nil
	}
	prev := client.Transport
	next := prev
	if next == nil {
		next = http.DefaultTransport
	}
	client.Transport = s.transport(next)
	return func() { client.Transport = prev }, nil
}

// methods are the methods the mock answers on the vendor's hosts.
var methods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions}

// transport is an httpmock transport answering the vendor's hosts from the
// sandbox and passing every other request to next.
func (s *Sandbox) transport(next http.RoundTripper) *httpmock.MockTransport {
	mt := httpmock.NewMockTransport()
	for _, m := range methods {
		mt.RegisterRegexpResponder(m, s.hostRE, s.respond)
	}
	mt.RegisterNoResponder(next.RoundTrip)
	return mt
}

// respond serves one intercepted request with the sandbox's handler.
func (s *Sandbox) respond(req *http.Request) (*http.Response, error) {
	rec, err := s.record(req)
	if err != nil {
		return nil, err
	}
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

// record serves req with the sandbox's handler and records the call.
func (s *Sandbox) record(req *http.Request) (*httptest.ResponseRecorder, error) {
	call, err := newCall(req)
	if err != nil {
		return nil, err
	}
	rec := httptest.NewRecorder()
	s.sb.Handler().ServeHTTP(rec, req)
	call.Status, call.ResponseBody = rec.Code, rec.Body.String()
	s.mu.Lock()
	s.calls = append(s.calls, call)
	s.mu.Unlock()
	return rec, nil
}

// Serve starts the sandbox on a loopback httptest.Server (once) and returns
// its base URL; calls to it are recorded like intercepted ones.
func (s *Sandbox) Serve() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.server == nil {
		s.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			r.URL.Scheme, r.URL.Host = "http", r.Host
			rec, err := s.record(r)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
		}))
	}
	return s.server.URL
}

// URL returns the loopback server's base URL; NewServer or Serve start it.
func (s *Sandbox) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.server == nil {
		return ""
	}
	return s.server.URL
}

// Close stops the loopback server, if any, and the sandbox's background
// work (webhook delivery, renewals).
func (s *Sandbox) Close() {
	s.mu.Lock()
	srv := s.server
	s.server = nil
	s.mu.Unlock()
	if srv != nil {
		srv.Close()
	}
	_ = s.sb.Close()
}

// Sandbox returns the underlying sandbox, for anything this package does
// not wrap.
func (s *Sandbox) Sandbox() *sandbox.Sandbox { return s.sb }

// Handler returns the sandbox's handler, to call it directly.
func (s *Sandbox) Handler() http.Handler { return s.sb.Handler() }

// World returns the world the sandbox serves.
func (s *Sandbox) World() *fixtures.World { return s.world }

// Username and Password are the credentials of the world's first account.
func (s *Sandbox) Username() string { return s.world.Noventiq.Accounts[0].Username }

// Password returns the password of the world's first account.
func (s *Sandbox) Password() string { return s.world.Noventiq.Accounts[0].Password }

// Now returns the sandbox's time.
func (s *Sandbox) Now() time.Time { return s.sb.Clock().Now() }
