package sandbox

import (
	"context"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/journal"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/gorilla/mux"
)

// fakeVendor serves one GET route and answers its 404 with its name.
type fakeVendor struct {
	name, route string
	hosts       []string
}

func (f *fakeVendor) Name() string    { return f.name }
func (f *fakeVendor) Hosts() []string { return f.hosts }
func (f *fakeVendor) Routes(r *mux.Router) {
	r.HandleFunc(f.route, func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, f.name+" route") }).Methods(http.MethodGet)
}
func (f *fakeVendor) Control(*mux.Router) {}
func (f *fakeVendor) NotFound() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { http.Error(w, f.name+" 404", http.StatusNotFound) })
}
func (f *fakeVendor) Status(code int) http.Handler             { return http.NotFoundHandler() }
func (f *fakeVendor) ForcedError(string) (http.Handler, error) { return http.NotFoundHandler(), nil }
func (f *fakeVendor) Buckets() []string                        { return nil }
func (f *fakeVendor) Run(context.Context)                      {}
func (f *fakeVendor) CatchUp(bool)                             {}
func (f *fakeVendor) Redact(*journal.Entry)                    {}
func world() *fixtures.World                                   { return fixtures.Default() }
func (f *fakeVendor) answer(t *testing.T, vs *vendors, host, method, path string) string {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	req.Host = host
	m, h, req := vs.route(req)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return m.name + ": " + strconv.Itoa(rec.Code) + " " + strings.TrimSpace(rec.Body.String())
}

func TestRouteTablesMustNotOverlap(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want string
	}{
		{"/v1/a", "/v1/b", ""},
		{"/v1/a/{id}", "/v1/a/x", "GET /v1/a/x of b is also a route of a"},
		{"/v1/{p}", "/v1/x/{id}", ""},
		{"/rpc/6.0/", "/rpc/{v}/", "GET /rpc/6.0/ of a is also a route of b"},
	} {
		_, err := mount(world, &fakeVendor{name: "a", route: tt.a}, &fakeVendor{name: "b", route: tt.b})
		got := ""
		if err != nil {
			got = err.Error()
		}
		if !strings.Contains(got, tt.want) || (tt.want == "") != (err == nil) {
			t.Errorf("%s beside %s: %v, want %q", tt.a, tt.b, err, tt.want)
		}
	}
}

// TestTheSandboxVendorsDoNotOverlap mounts the real vendors: New fails
// when their route tables or hosts overlap.
func TestTheSandboxVendorsDoNotOverlap(t *testing.T) {
	s := newTest(t)
	if err := s.vendors.overlaps(); err != nil {
		t.Fatal(err)
	}
	if len(s.Vendors()) == 0 || s.Vendors()[0] != "noventiq" {
		t.Errorf("vendors %v", s.Vendors())
	}
}

func TestHostsMustNotOverlap(t *testing.T) {
	_, err := mount(world, &fakeVendor{name: "a", route: "/a", hosts: []string{"api.a.test", "shared.test"}},
		&fakeVendor{name: "b", route: "/b", hosts: []string{"shared.test"}})
	if err == nil || err.Error() != "vendors a and b both claim the host shared.test" {
		t.Errorf("shared host: %v", err)
	}
}

func TestRouting(t *testing.T) {
	a := &fakeVendor{name: "a", route: "/a/{id}", hosts: []string{"api.a.test"}}
	b := &fakeVendor{name: "b", route: "/b", hosts: []string{"api.b.test"}}
	vs, err := mount(world, a, b)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ host, method, path, want string }{
		{"sandbox.test", "GET", "/a/1", "a: 200 a route"},
		{"sandbox.test", "GET", "/b", "b: 200 b route"},
		{"sandbox.test", "POST", "/b", "b: 404 b 404"},      // the path is b's whatever the method
		{"sandbox.test", "GET", "/nowhere", "a: 404 a 404"}, // the first vendor's 404
		{"api.b.test", "GET", "/a/1", "b: 404 b 404"},       // the host decides first
		{"API.B.TEST:8443", "GET", "/b", "b: 200 b route"},  // in any case, with a port
		{"sandbox.test", "GET", "//a/1", "a: 404 a 404"},    // no redirect to the clean path
		{"sandbox.test", "GET", "/a/./1", "a: 404 a 404"},
	} {
		if got := a.answer(t, vs, tt.host, tt.method, tt.path); got != tt.want {
			t.Errorf("%s %s (Host %s) = %q, want %q", tt.method, tt.path, tt.host, got, tt.want)
		}
	}
}

// TestVendorsImportNoOtherVendor reads the imports of every vendor package
// and of the engine's internal packages: a vendor never imports another,
// and what the engine shares imports none.
func TestVendorsImportNoOtherVendor(t *testing.T) {
	const module = "github.com/flashcart/flashcart/sandbox/"
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	vendorDirs := map[string]bool{}
	for _, e := range entries {
		if e.IsDir() && e.Name() != "internal" && e.Name() != "sandboxtest" && e.Name() != "schema" {
			vendorDirs[e.Name()] = true
		}
	}
	if !vendorDirs["noventiq"] {
		t.Fatalf("no vendor found in %v", vendorDirs)
	}
	check := func(dir, owner string) {
		_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.Contains(p, "testdata") {
				return err
			}
			f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if !strings.HasPrefix(path, module) {
					continue
				}
				top, _, _ := strings.Cut(strings.TrimPrefix(path, module), "/")
				if vendorDirs[top] && top != owner {
					t.Errorf("%s imports the vendor %s", p, path)
				}
			}
			return nil
		})
	}
	for v := range vendorDirs {
		check(v, v)
	}
	check("internal", "")
}

var _ vendor = (*fakeVendor)(nil)
var _ = kit.Env{}

// TestUncleanPathsAreNotRedirected sends a base URL's double slash and dot
// segments: the vendor's 404, no redirect, and a hint naming the path to
// send.
func TestUncleanPathsAreNotRedirected(t *testing.T) {
	s := newTest(t)
	for path, clean := range map[string]string{"//v1/generate_buy_link": "/v1/generate_buy_link", "/v1/./generate_buy_link": "/v1/generate_buy_link", "/v1/order/../login_check": "/v1/login_check"} {
		r := call(t, s, "POST", path, minimal, jsonCT)
		if r.status != 404 || r.header.Get("Location") != "" || r.body != `{"code":404,"message":"Not Found"}` ||
			!strings.Contains(strings.Join(r.header.Values(HintHeader), " "), "neither cleans nor redirects it: send "+clean) {
			t.Errorf("POST %s: %d %v %s", path, r.status, r.header, r.body)
		}
	}
	if r := call(t, s, "POST", "/v1/login_check", `{}`, jsonCT); strings.Contains(strings.Join(r.header.Values(HintHeader), " "), "dot segment") {
		t.Errorf("a clean path is hinted: %v", r.header)
	}
}
