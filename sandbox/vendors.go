package sandbox

import (
	"errors"
	"maps"
	"net/http/httptest"
	"regexp"
	"sync/atomic"

	"fmt"
	"net"
	"net/http"
	"strings"

	"github.com/flashcart/flashcart/fixtures"

	"github.com/flashcart/flashcart/sandbox/internal/journal"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/sandbox/solifyn"
	"github.com/flashcart/flashcart/sandbox/twocheckout"
	"github.com/gorilla/mux"
)

// vendor is one emulated vendor API, as the engine mounts it.
type vendor interface {
	// Name is the vendor's name in the journal, the outbox, the world file
	// and the control API.
	Name() string
	// Hosts are the vendor's real hosts in the world serving now (its API
	// hosts, and its customer pages' domains): a request to one of them is
	// the vendor's, whatever its path.
	Hosts() []string
	// Routes registers the vendor's API and customer pages; Control its
	// part of the control API, under /_sandbox/.
	Routes(r *mux.Router)
	Control(r *mux.Router)
	// NotFound answers a route the vendor does not have; Status answers
	// an injected HTTP status in the vendor framework's body.
	NotFound() http.Handler
	Status(code int) http.Handler
	// ForcedError answers the documented error an X-Sandbox-Force-Error
	// value names, or says why the value names none.
	ForcedError(value string) (http.Handler, error)
	// Buckets are the store buckets of the vendor's records.
	Buckets() []string
	// CatchUp does at once what the clock has made due (renewals billed,
	// orders completed) — cheaply, from the vendor's hints, unless force:
	// after the clock moved, and every catchUpEvery, so that a live clock
	// does it without a request.
	CatchUp(force bool)
	// Redact hides the secrets of a journal entry being read.
	Redact(e *journal.Entry)
}

// mounted is a vendor with its routes.
type mounted struct {
	name   string
	v      vendor
	router *mux.Router
	// static remembers the handlers of the routes without variables that
	// requests matched, by method and path, so that the router does not
	// match the busiest calls route by route; it is replaced, never
	// changed, and holds at most one entry per route and method.
	static atomic.Pointer[map[staticKey]http.Handler]
}

type staticKey struct{ method, path string }

// vendors are the mounted vendors: the first is the one whose 404 answers
// a path that no vendor serves.
type vendors struct {
	list   []*mounted
	byName map[string]*mounted
	world  func() *fixtures.World
	hosts  atomic.Pointer[hostTable]
}

// hostTable maps the vendors' hosts to their vendor, for one world.
type hostTable struct {
	world  *fixtures.World
	byHost map[string]*mounted
}

// build makes every vendor on the engine's services; Noventiq is first, so
// its 404 answers a path no vendor serves.
func build(env kit.Env) (*vendors, error) {
	nv, err := noventiq.New(env)
	if err != nil {
		return nil, err
	}
	return mount(env.World, nv, solifyn.New(env), twocheckout.New(env))
}

// mount routes the vendors; it fails when two of them claim a host.
func mount(world func() *fixtures.World, vs ...vendor) (*vendors, error) {
	out := &vendors{byName: map[string]*mounted{}, world: world}
	for _, v := range vs {
		m := &mounted{name: v.Name(), v: v, router: mux.NewRouter()}
		m.static.Store(&map[staticKey]http.Handler{})
		v.Routes(m.router)
		m.router.NotFoundHandler = v.NotFound()
		m.router.MethodNotAllowedHandler = v.NotFound()
		out.list = append(out.list, m)
		out.byName[m.name] = m
	}
	if err := out.overlaps(); err != nil {
		return nil, err
	}
	if _, err := out.table(world()); err != nil {
		return nil, err
	}
	return out, nil
}

// overlaps fails when a route of one vendor is also another's: a request
// made from each route's template must reach its own vendor only.
func (vs *vendors) overlaps() error {
	var errs []error
	for _, m := range vs.list {
		_ = m.router.Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
			tpl, err := route.GetPathTemplate()
			if err != nil {
				return nil // a route without a path of its own: a subrouter
			}
			methods, _ := route.GetMethods()
			if len(methods) == 0 {
				methods = []string{http.MethodGet}
			}
			for _, other := range vs.list {
				if other == m {
					continue
				}
				for _, method := range methods {
					re, _ := route.GetPathRegexp()
					req := httptest.NewRequest(method, samplePath(tpl, !strings.HasSuffix(re, "$")), nil)
					var rm mux.RouteMatch
					if other.router.Match(req, &rm) && (rm.MatchErr == nil || rm.MatchErr == mux.ErrMethodMismatch) {
						errs = append(errs, fmt.Errorf("%s %s of %s is also a route of %s", method, tpl, m.name, other.name))
					}
				}
			}
			return nil
		})
	}
	return errors.Join(errs...)
}

// varRE matches a route variable, with its pattern if it has one.
var varRE = regexp.MustCompile(`\{[^}]*\}`)

// samplePath is a path a route template matches: each variable becomes 1
// (a value every variable pattern of the vendors takes), and a prefix gets
// one more segment.
func samplePath(tpl string, prefix bool) string {
	p := varRE.ReplaceAllString(tpl, "1")
	if prefix {
		p = strings.TrimSuffix(p, "/") + "/1"
	}
	return p
}

// table returns the host table of the world, made anew when the world
// changed; it fails when two vendors claim a host.
func (vs *vendors) table(w *fixtures.World) (*hostTable, error) {
	if t := vs.hosts.Load(); t != nil && t.world == w {
		return t, nil
	}
	t := &hostTable{world: w, byHost: map[string]*mounted{}}
	for _, m := range vs.list {
		for _, h := range m.v.Hosts() {
			if other, taken := t.byHost[h]; taken && other != m {
				return nil, fmt.Errorf("vendors %s and %s both claim the host %s", other.name, m.name, h)
			}
			t.byHost[h] = m
		}
	}
	vs.hosts.Store(t)
	return t, nil
}

// owner returns the vendor whose real host the request was sent to.
func (vs *vendors) owner(host string) (*mounted, bool) {
	t, err := vs.table(vs.world())
	if err != nil {
		t = vs.hosts.Load() // a world whose hosts clash keeps the last good table
	}
	m, ok := t.byHost[hostname(host)]
	return m, ok
}

// Hosts lists every vendor's real hosts in the world serving now.
func (s *Sandbox) Hosts() []string {
	var out []string
	for _, m := range s.vendors.list {
		out = append(out, m.v.Hosts()...)
	}
	return out
}

// route finds the vendor of a request and its handler: by the vendor's
// real host, else by the first vendor with a route for the path (a route
// whose method differs still makes the path that vendor's). A path no
// vendor serves is the first vendor's 404.
func (vs *vendors) route(r *http.Request) (*mounted, http.Handler, *http.Request) {
	if m, ok := vs.owner(r.Host); ok {
		return m.match(r, true)
	}
	for _, m := range vs.list {
		if m, h, r := m.match(r, false); h != nil {
			return m, h, r
		}
	}
	first := vs.list[0]
	return first, first.v.NotFound(), r
}

// match returns the vendor's handler of the request, with the route's
// variables set; nil when the vendor has no route for the path, unless
// always, when it is the vendor's 404.
func (m *mounted) match(r *http.Request, always bool) (*mounted, http.Handler, *http.Request) {
	key := staticKey{r.Method, r.URL.Path}
	static := m.static.Load()
	if h, ok := (*static)[key]; ok {
		return m, h, r
	}
	var rm mux.RouteMatch
	m.router.Match(r, &rm)
	switch {
	case rm.MatchErr == nil && rm.Handler != nil && len(rm.Vars) == 0:
		// No variables: mux.Vars reads none, and the request keeps its
		// one context. A route of this very path is remembered.
		if tpl, err := rm.Route.GetPathTemplate(); err == nil && tpl == r.URL.Path {
			next := maps.Clone(*static)
			next[key] = rm.Handler
			m.static.CompareAndSwap(static, &next)
		}
		return m, rm.Handler, r
	case rm.MatchErr == nil && rm.Handler != nil:
		return m, rm.Handler, mux.SetURLVars(r, rm.Vars)
	case rm.MatchErr == mux.ErrMethodMismatch, always:
		return m, m.v.NotFound(), r
	}
	return m, nil, r
}

// hostname is a Host header without its port, in lower case.
func hostname(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return strings.ToLower(host)
}

// redact hides the secrets of a journal entry: credentials in headers, and
// what its vendor keeps secret in bodies.
func (vs *vendors) redact(e journal.Entry) journal.Entry {
	e.RequestHeaders = redactHeaders(e.RequestHeaders)
	for _, m := range vs.list {
		if e.Vendor == "" || e.Vendor == m.name {
			m.v.Redact(&e)
		}
	}
	return e
}

// redactHeaders returns a copy of h with credentials hidden: the scheme of
// an authorization stays, its secret goes.
func redactHeaders(h http.Header) http.Header {
	out := h.Clone()
	for _, k := range []string{"Authorizationjwt", "Authorization", ControlTokenHeader} {
		if v := out.Get(k); v != "" {
			scheme, _, found := strings.Cut(v, " ")
			if found {
				out.Set(k, scheme+" [redacted]")
			} else {
				out.Set(k, "[redacted]")
			}
		}
	}
	return out
}
