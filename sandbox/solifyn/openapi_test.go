package solifyn

import (
	"strings"
	"testing"
)

// TestDocumentHasEveryRouteAndError: every endpoint is described, and
// every error of the catalogue is answered by some route of the document.
func TestDocumentHasEveryRouteAndError(t *testing.T) {
	doc, err := document()
	if err != nil {
		t.Fatal(err)
	}
	for _, ep := range Endpoints() {
		if item := doc.Paths[ep.Path]; item == nil || item.Operations()[ep.Method] == nil {
			t.Errorf("%s %s is not in the document", ep.Method, ep.Path)
		}
	}
	raw, err := doc.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Catalogue {
		if !strings.Contains(string(raw), `"`+f.Message+`"`) {
			t.Errorf("no route answers %d %s", f.Status, f.Message)
		}
	}
}
