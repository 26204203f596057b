package noventiq

import (
	"strconv"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/sandbox/internal/openapi"
)

// TestDocumentHasEveryCode: every code of the catalogue has its schema,
// with its message, and some route answers it.
func TestDocumentHasEveryCode(t *testing.T) {
	doc, err := document()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := doc.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ErrorCatalogue {
		name := "Error" + strconv.Itoa(int(e.Code))
		s := doc.Components.Schemas[name]
		if s == nil {
			t.Errorf("no schema %s", name)
			continue
		}
		msg := s.Properties["message"]
		if msg.Const != e.Message && (msg.Pattern == "" || !strings.HasPrefix(e.Message, "Invalid field value")) {
			t.Errorf("%s: message %+v, want %q", name, msg, e.Message)
		}
		if !strings.Contains(string(raw), `"$ref": "#/components/schemas/`+name+`"`) {
			t.Errorf("no route answers %d", e.Code)
		}
	}
}

// TestDocumentBodiesAreTheTables: each request body is its field table,
// closed (an unknown key is 3010) but for login_check, whose framework
// ignores other keys.
func TestDocumentBodiesAreTheTables(t *testing.T) {
	doc, err := document()
	if err != nil {
		t.Fatal(err)
	}
	for _, rt := range apiRoutes() {
		op := doc.Paths[rt.path].Operations()[rt.method]
		if rt.body == nil {
			if op.RequestBody != nil {
				t.Errorf("%s %s has a body", rt.method, rt.path)
			}
			continue
		}
		s := op.RequestBody.Content[openapi.JSON].Schema
		for _, f := range rt.body.Fields {
			if s.Properties[f.Name] == nil {
				t.Errorf("%s: no property %s", rt.id, f.Name)
			}
		}
		if len(s.Properties) != len(rt.body.Fields) {
			t.Errorf("%s: %d properties, the table has %d fields", rt.id, len(s.Properties), len(rt.body.Fields))
		}
		if closed := s.AdditionalProperties == false; closed != (rt.body != LoginFields) {
			t.Errorf("%s: additionalProperties %v", rt.id, s.AdditionalProperties)
		}
	}
}
