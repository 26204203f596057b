package sandbox

import (
	"net/http"
	"strings"

	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/internal/openapi"
	"github.com/gorilla/mux"
)

// OpenAPIPath is the control API's list of the vendors' OpenAPI documents;
// each one is at OpenAPIPath + "/<vendor>.json".
const OpenAPIPath = controlPrefix + "openapi"

// openAPIDocument is a vendor that describes its API in an OpenAPI 3.1
// document, built once from its field tables, wire types and error
// catalogue. The engine adds this sandbox's address to its servers.
type openAPIDocument interface {
	OpenAPI() (*openapi.Document, error)
}

// OpenAPIDocument is one entry of GET /_sandbox/openapi.
type OpenAPIDocument struct {
	Vendor string `json:"vendor"`
	Title  string `json:"title"`
	// Path is where the document is served, on the sandbox's address.
	Path string `json:"path"`
}

type openAPIList struct {
	Documents []OpenAPIDocument `json:"documents"`
}

// documented returns the vendors that have a document, in mount order.
func (s *Sandbox) documented() []*mounted {
	var out []*mounted
	for _, m := range s.vendors.list {
		if _, ok := m.v.(openAPIDocument); ok {
			out = append(out, m)
		}
	}
	return out
}

// openAPI returns a vendor's OpenAPI document; false when the vendor has
// none or is not mounted.
func (s *Sandbox) openAPI(vendor string) (*openapi.Document, bool, error) {
	m, ok := s.vendors.byName[vendor]
	if !ok {
		return nil, false, nil
	}
	d, ok := m.v.(openAPIDocument)
	if !ok {
		return nil, false, nil
	}
	doc, err := d.OpenAPI()
	return doc, true, err
}

// handleOpenAPIList is GET /_sandbox/openapi: every vendor's document,
// its title and path.
func (s *Sandbox) handleOpenAPIList() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		list := openAPIList{Documents: []OpenAPIDocument{}}
		for _, m := range s.documented() {
			doc, err := m.v.(openAPIDocument).OpenAPI()
			if err != nil {
				s.fail(w, r, err)
				return
			}
			list.Documents = append(list.Documents, OpenAPIDocument{Vendor: m.name, Title: doc.Info.Title, Path: OpenAPIPath + "/" + m.name + ".json"})
		}
		kit.WriteJSON(w, http.StatusOK, list)
	})
}

// handleOpenAPI is GET /_sandbox/openapi/<vendor>.json: the vendor's
// document, its first server this sandbox as the request reached it. Its
// answer is journaled without its body, as the journal's own reads are:
// it is large, and the same every time.
func (s *Sandbox) handleOpenAPI() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		kit.NoteOf(r).QuietBody = true
		file := mux.Vars(r)["file"]
		name, isJSON := strings.CutSuffix(file, ".json")
		doc, ok, err := s.openAPI(name)
		switch {
		case err != nil:
			s.fail(w, r, err)
			return
		case !ok || !isJSON:
			var names []string
			for _, m := range s.documented() {
				names = append(names, m.name)
			}
			kit.WriteControlError(w, http.StatusNotFound, "no OpenAPI document "+file+"; the vendors are "+strings.Join(names, ", ")+", each at "+OpenAPIPath+"/VENDOR.json")
			return
		}
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		raw, err := doc.WithServer(openapi.Server{URL: scheme + "://" + r.Host, Description: "this flashcart sandbox, as this document was read from it"}).Marshal()
		if err != nil {
			s.fail(w, r, err)
			return
		}
		kit.WriteRaw(w, http.StatusOK, openapi.JSON, raw)
	})
}
