package twocheckout

import (
	"strings"
	"testing"
)

// TestDocumentHasEveryMethod: every method has its request and result
// schemas, and results names no other method.
func TestDocumentHasEveryMethod(t *testing.T) {
	doc, err := document()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range Methods() {
		if _, ok := results[m]; !ok {
			t.Errorf("%s has no result type", m)
		}
		req := doc.Components.Schemas[requestSchema(m)]
		if req == nil || doc.Components.Schemas[ResultSchema(m)] == nil {
			t.Errorf("%s: no request or result schema", m)
			continue
		}
		if got, want := len(req.Properties["params"].PrefixItems), len(methods[m].body.Fields); got != want {
			t.Errorf("%s: %d params, the table has %d", m, got, want)
		}
	}
	for m := range results {
		if _, ok := methods[m]; !ok {
			t.Errorf("results names %s, which is no method", m)
		}
	}
}

// TestDocumentHasEveryError: every catalogue entry is a branch of the
// error object, with its codes and text.
func TestDocumentHasEveryError(t *testing.T) {
	doc, err := document()
	if err != nil {
		t.Fatal(err)
	}
	branches := doc.Components.Schemas["Error"].AnyOf
	if len(branches) != len(catalogue) {
		t.Fatalf("%d branches for %d entries", len(branches), len(catalogue))
	}
	for i, e := range catalogue {
		b := branches[i]
		msg := b.Properties["message"]
		if b.Properties["code"].Const != e.Code || b.Properties["data"].Properties["error_code"].Const != e.ErrorCode ||
			msg.Const != e.Message && (msg.Pattern == "" || !strings.Contains(e.Message, "%s")) {
			t.Errorf("entry %s: %+v", e.ErrorCode, b.Properties)
		}
	}
}
