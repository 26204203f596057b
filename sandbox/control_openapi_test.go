package sandbox

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/gorilla/mux"
)

func newTestSandbox(t *testing.T) *Sandbox {
	t.Helper()
	sb, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	return sb
}

func get(t *testing.T, sb *Sandbox, path string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Host = "127.0.0.1:8080"
	sb.Handler().ServeHTTP(rec, req)
	return rec
}

// TestEveryVendorHasADocument: each mounted vendor serves one, and the
// list names them all.
func TestEveryVendorHasADocument(t *testing.T) {
	sb := newTestSandbox(t)
	rec := get(t, sb, OpenAPIPath)
	var list openAPIList
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", OpenAPIPath, rec.Code, rec.Body)
	}
	if len(list.Documents) != len(sb.vendors.list) {
		t.Fatalf("%d documents for %d vendors: %+v", len(list.Documents), len(sb.vendors.list), list.Documents)
	}
	for i, m := range sb.vendors.list {
		d := list.Documents[i]
		if d.Vendor != m.name || d.Path != OpenAPIPath+"/"+m.name+".json" || d.Title == "" {
			t.Errorf("document %d is %+v, want vendor %s at %s/%s.json", i, d, m.name, OpenAPIPath, m.name)
		}
		rec := get(t, sb, d.Path)
		var doc struct {
			OpenAPI string `json:"openapi"`
			Servers []struct {
				URL string `json:"url"`
			} `json:"servers"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil || rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/json" {
			t.Fatalf("GET %s: %d %s: %v", d.Path, rec.Code, rec.Header().Get("Content-Type"), err)
		}
		if doc.OpenAPI != "3.1.0" || len(doc.Servers) < 2 || doc.Servers[0].URL != "http://127.0.0.1:8080" {
			t.Errorf("%s: openapi %q, servers %+v: want 3.1.0, this sandbox first, then the vendor's hosts", d.Path, doc.OpenAPI, doc.Servers)
		}
	}
}

func TestUnknownDocumentIs404NamingTheVendors(t *testing.T) {
	sb := newTestSandbox(t)
	for _, p := range []string{OpenAPIPath + "/nope.json", OpenAPIPath + "/noventiq", OpenAPIPath + "/noventiq.yaml"} {
		rec := get(t, sb, p)
		body := rec.Body.String()
		if rec.Code != http.StatusNotFound || !strings.Contains(body, `"error":"no OpenAPI document`) || !strings.Contains(body, strings.Join(sb.Vendors(), ", ")) {
			t.Errorf("GET %s: %d %s, want 404 naming the vendors %v", p, rec.Code, body, sb.Vendors())
		}
	}
}

// TestDocumentReadsAreJournaledWithoutBody: a document is large and the
// same every time, so its reads do not fill the journal.
func TestDocumentReadsAreJournaledWithoutBody(t *testing.T) {
	sb := newTestSandbox(t)
	get(t, sb, OpenAPIPath+"/noventiq.json")
	entries, _, _ := sb.journal.Page(nil, 0, 10, PageBytes)
	if len(entries) != 1 || entries[0].Path != OpenAPIPath+"/noventiq.json" || entries[0].ResponseBody != "" || entries[0].Status != http.StatusOK {
		t.Fatalf("journal: %+v", entries)
	}
}

// TestDocumentsHaveEveryAPIRoute compares each document with its vendor's
// router: every API route (not the customer pages) is a path of the
// document with each method it takes (a route of any method, POST), and
// the document has no other path.
func TestDocumentsHaveEveryAPIRoute(t *testing.T) {
	sb := newTestSandbox(t)
	for _, m := range sb.vendors.list {
		doc, ok, err := sb.openAPI(m.name)
		if err != nil || !ok {
			t.Fatalf("%s: no document (%v)", m.name, err)
		}
		routed := map[string]bool{}
		err = m.router.Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
			tpl, err := route.GetPathTemplate()
			if err != nil || !isAPI(m.v, tpl) {
				return nil
			}
			if _, err := route.GetPathRegexp(); err == nil && route.GetHandler() == nil {
				return nil // a subrouter
			}
			methods, err := route.GetMethods()
			if err != nil {
				methods = []string{http.MethodPost}
			}
			item := doc.Paths[tpl]
			if twin, ok := strings.CutSuffix(tpl, "/"); item == nil && ok && strings.Contains(doc.Info.Description, "also answers with a final slash") {
				item, tpl = doc.Paths[twin], twin // the document says every route has its twin
			}
			for _, method := range methods {
				if item == nil || item.Operations()[method] == nil {
					t.Errorf("%s: the route %s %s is not in the document", m.name, method, tpl)
				}
			}
			routed[tpl] = true
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range doc.PathNames() {
			if !routed[p] {
				t.Errorf("%s: the document's path %s is no route of the vendor", m.name, p)
			}
		}
		if !slices.ContainsFunc(doc.PathNames(), func(p string) bool { return routed[p] }) {
			t.Errorf("%s: no route in the document", m.name)
		}
	}
}
