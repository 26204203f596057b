package solifyn

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/sandbox/schema"
)

// specField is a field as the published spec (and DESIGN decision 4)
// declare it, written out here independently of fields.go.
type specField struct {
	name     string
	typ      schema.Type
	required bool
	max      int
	min      float64 // 0: none
	format   string
	def      string
}

var linkSpec = func(productRequired bool) []specField {
	return []specField{
		{name: "title", typ: schema.String, max: 100},
		{name: "productId", typ: schema.String, max: 50, required: productRequired},
		{name: "collectionId", typ: schema.String, max: 50},
		{name: "customerName", typ: schema.String, max: 100},
		{name: "customerEmail", typ: schema.String, max: 255},
		{name: "addressLine1", typ: schema.String, max: 255},
		{name: "city", typ: schema.String, max: 100},
		{name: "state", typ: schema.String, max: 100},
		{name: "postalCode", typ: schema.String, max: 20},
		{name: "country", typ: schema.String, max: 10},
		{name: "quantity", typ: schema.Integer, min: 1, def: "1"},
		{name: "redirectUrl", typ: schema.String, max: 2048},
		{name: "cancelUrl", typ: schema.String, max: 2048},
		{name: "showDiscounts", typ: schema.Boolean, def: "true"},
	}
}

var specBodies = map[string][]specField{
	"CreateCheckoutDto": {
		{name: "productId", typ: schema.String, required: true},
		{name: "currency", typ: schema.String, format: "iso4217"},
		{name: "quantity", typ: schema.Integer, min: 1, def: "1"},
		{name: "discountCode", typ: schema.String},
		{name: "customPrice", typ: schema.Number},
		{name: "customerEmail", typ: schema.String, format: "email"},
		{name: "checkoutData", typ: schema.Object},
		{name: "customFields", typ: schema.Object},
		{name: "aff", typ: schema.String},
		{name: "checkoutId", typ: schema.String},
	},
	"CreateCollectionCheckoutDto": {
		{name: "collectionId", typ: schema.String, required: true},
		{name: "quantity", typ: schema.Integer, min: 1, def: "1"},
		{name: "discountCode", typ: schema.String},
		{name: "aff", typ: schema.String},
		{name: "customFields", typ: schema.Object},
	},
	"CreateCheckoutLinkDto": linkSpec(true),
	"UpdateCheckoutLinkDto": linkSpec(false),
}

// TestTablesMatchSpec fails when a table's field, order, type, limit,
// required flag, format or default differs from the spec's.
func TestTablesMatchSpec(t *testing.T) {
	if len(Bodies) != len(specBodies) {
		t.Fatalf("%d tables, %d spec bodies", len(Bodies), len(specBodies))
	}
	for _, b := range Bodies {
		want, ok := specBodies[b.Name]
		if !ok {
			t.Errorf("table %s is not a spec body", b.Name)
			continue
		}
		if len(b.Fields) != len(want) {
			t.Errorf("%s: %d fields, want %d", b.Name, len(b.Fields), len(want))
			continue
		}
		for i, f := range b.Fields {
			w := want[i]
			min := 0.0
			if f.Minimum != nil {
				min = *f.Minimum
			}
			got := specField{name: f.Name, typ: f.Type, required: f.Required, max: f.MaxLength, min: min, format: f.Format, def: f.Default}
			if got != w {
				t.Errorf("%s field %d: %+v, want %+v", b.Name, i, got, w)
			}
			if f.Doc == "" || f.Maximum != nil || f.Nullable || len(f.Enum) > 0 {
				t.Errorf("%s.%s: no doc, or a rule the validator does not apply", b.Name, f.Name)
			}
		}
	}
}

// TestWireRequestsMatchTables checks that the client request types name
// exactly the fields of their tables.
func TestWireRequestsMatchTables(t *testing.T) {
	for _, tc := range []struct {
		typ   any
		table *schema.Body
	}{
		{CreateCheckoutRequest{}, CreateBody},
		{CreateCollectionCheckoutRequest{}, CollectionCreateBody},
		{CheckoutLinkRequest{}, LinkCreateBody},
		{CheckoutLinkRequest{}, LinkUpdateBody},
	} {
		var tags, names []string
		rt := reflect.TypeOf(tc.typ)
		for i := range rt.NumField() {
			tags = append(tags, strings.Split(rt.Field(i).Tag.Get("json"), ",")[0])
		}
		for _, f := range tc.table.Fields {
			names = append(names, f.Name)
		}
		if !reflect.DeepEqual(tags, names) {
			t.Errorf("%s: JSON names %v, table %v", rt.Name(), tags, names)
		}
	}
}

// TestValidatorFollowsTable edits a copy of a table and shows the
// validator's answer follows: the table drives it.
func TestValidatorFollowsTable(t *testing.T) {
	f := *CreateBody.Fields[0]
	f.MaxLength = 3
	b := &schema.Body{Fields: []*schema.Field{&f}}
	got := validate(b, &parsed{fields: map[string]json.RawMessage{"productId": json.RawMessage(`"abcd"`)}})
	if got == nil || len(got.Messages) != 1 || got.Messages[0] != "productId must be shorter than or equal to 3 characters" {
		t.Fatalf("validate = %+v", got)
	}
}
