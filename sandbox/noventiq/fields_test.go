package noventiq

import (
	"encoding/json"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/sandbox/schema"
)

// fullBody sends every field of the table once, valid for the default world.
const fullBody = `{"currency":"EUR","market_id":1,
 "products":[
  {"id":111111,"sku":"S","vendor_code":"V","name":"N","name_for_invoice":"I","price":"30.00","discount_percent":10,"quantity":1,
   "is_delivery_needed":false,"is_installments_unavailable":false,"is_service":false,"subscription":{"period":"P1Y","name":"R","price":"30.00"}},
  {"id":222222,"name":"B","price":"10.00","quantity":1}],
 "customer":{"type":"physical","email":"a@b.io","first_name":"A","last_name":"B","phone":"1","vat_number":"1","company_name":"C",
  "company_billing_address":"X","company_delivery_address":"Y","country":"FR"},
 "additional_data":{"referer7":"a","referer8":"b","referer9":"c","referer10":"d","referer11":"e","referer12":"f"},
 "upsell":{"product_id":111111,"name":"U","description":"D","picture_url":"https://x.example/p.png","products":[
  {"id":333333,"sku":"S","vendor_code":"V","name":"P","name_for_upsell":"PU","name_for_invoice":"PI","price":"60.00","benefit":"5.00","quantity":1,
   "subscription":{"period":"P1Y","name":"R","price":"60.00"},"additional_data":{"referer7":"u","referer8":"b","referer9":"c","referer10":"d","referer11":"e","referer12":"f"}}]},
 "upsell_exit":{"product_id":222222,"name":"E","description":"D","picture_url":"https://x.example/p.jpg","products":[
  {"id":444444,"sku":"S","vendor_code":"V","name":"T","name_for_upsell":"TU","name_for_invoice":"TI","price":"9.00","benefit":"1.00","quantity":1,
   "subscription":{"period":"P1M","name":"R","price":"9.00"},"additional_data":{"referer7":"x","referer8":"b","referer9":"c","referer10":"d","referer11":"e","referer12":"f"}}]}}`

// errorPaths validates a body and returns the path of every error.
func errorPaths(t *testing.T, body map[string]any) []string {
	t.Helper()
	raw, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	m, derr := DecodeBuyLink(raw)
	if derr != nil {
		t.Fatalf("decode: %v", derr)
	}
	_, errs := ValidateBuyLink(demoCatalogue(t), m)
	var out []string
	for _, e := range errs {
		out = append(out, e.Path)
	}
	return out
}

// parse decodes the full body afresh.
func parseFull(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(fullBody), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// parentOf walks the body to the object holding the field at path
// ("products.subscription.period": the first product's subscription),
// returning it and the field's path as the validator names it.
func parentOf(body map[string]any, path string) (map[string]any, string) {
	parts := strings.Split(path, ".")
	obj, at := body, ""
	for _, p := range parts[:len(parts)-1] {
		at += p
		switch v := obj[p].(type) {
		case map[string]any:
			obj = v
		case []any:
			obj = v[0].(map[string]any)
			at += "[0]"
		}
		at += "."
	}
	return obj, at + parts[len(parts)-1]
}

// wrongType is a value of another JSON type than the field's.
func wrongType(f *schema.Field) any {
	switch f.Type {
	case schema.String:
		return 12345
	case schema.Integer, schema.Number:
		return "1"
	case schema.Boolean:
		return "true"
	default:
		return "x"
	}
}

// ofLength is a valid value of the field that is n characters long.
func ofLength(f *schema.Field, n int) string {
	switch f.Format {
	case "email":
		return strings.Repeat("é", n-len("@b.io")) + "@b.io"
	case "uri":
		return "https://x.example/" + strings.Repeat("p", n-len("https://x.example/.png")) + ".png"
	}
	return strings.Repeat("é", n)
}

// TestValidatorFollowsTheFieldTable changes the full body one field at a
// time, as BuyLinkFields describes it, and checks that the validator
// answers as the table says: a wrong type, a missing required field, a
// string over its length, a number out of its bounds, a value outside the
// enumeration and an unknown key are errors at that field; the table's
// limits themselves are accepted.
func TestValidatorFollowsTheFieldTable(t *testing.T) {
	if errs := errorPaths(t, parseFull(t)); len(errs) > 0 {
		t.Fatalf("the full body is refused at %v", errs)
	}
	has := func(errs []string, path string) bool {
		return slices.ContainsFunc(errs, func(e string) bool {
			return e == path || strings.HasPrefix(e, path+".") || strings.HasPrefix(e, path+"[")
		})
	}
	checks := 0
	expect := func(path, what string, v any, wantErr bool, del bool) {
		body := parseFull(t)
		parent, at := parentOf(body, path)
		if del {
			delete(parent, path[strings.LastIndex(path, ".")+1:])
		} else {
			parent[path[strings.LastIndex(path, ".")+1:]] = v
		}
		errs := errorPaths(t, body)
		checks++
		if got := has(errs, at); got != wantErr {
			t.Errorf("%s %s: errors %v, want an error at %s: %v", path, what, errs, at, wantErr)
		}
	}
	objects := []string{""}
	BuyLinkFields.Walk(func(path string, f *schema.Field) {
		expect(path, "of the wrong type", wrongType(f), true, false)
		expect(path, "left out", nil, f.Required, true)
		if f.MaxLength > 0 {
			expect(path, "at its length", ofLength(f, f.MaxLength), false, false)
			expect(path, "over its length", ofLength(f, f.MaxLength+1), true, false)
		}
		if f.Type == schema.Integer && f.Maximum != nil {
			expect(path, "over its maximum", json.Number(strconv.FormatFloat(*f.Maximum+1, 'f', 0, 64)), true, false)
			expect(path, "under its minimum", json.Number(strconv.FormatFloat(*f.Minimum-1, 'f', 0, 64)), true, false)
		}
		for _, v := range f.Enum {
			expect(path, "= "+v, v, false, false)
		}
		if len(f.Enum) > 0 {
			expect(path, "outside its values", "neither", true, false)
		}
		if f.Type == schema.Object || f.Type == schema.Array {
			objects = append(objects, path)
		}
	})
	for _, o := range objects {
		p := "zzz_unknown"
		if o != "" {
			p = o + ".zzz_unknown"
		}
		expect(p, "(a key the table does not have)", "x", true, false)
	}
	if checks < 150 {
		t.Errorf("only %d checks ran", checks)
	}
}

// TestSeedExamplesUseOnlyTableFields reads the reference's examples: every
// key they send is in the table.
func TestSeedExamplesUseOnlyTableFields(t *testing.T) {
	for _, file := range []string{"examples/seed_example_1.json", "examples/seed_example_2.json"} {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		var walk func(prefix string, v any)
		walk = func(prefix string, v any) {
			switch v := v.(type) {
			case map[string]any:
				for k, c := range v {
					p := strings.TrimPrefix(prefix+"."+k, ".")
					if BuyLinkFields.Lookup(p) == nil {
						t.Errorf("%s sends %s, which the table lacks", file, p)
					}
					walk(p, c)
				}
			case []any:
				for _, c := range v {
					walk(prefix, c)
				}
			}
		}
		walk("", m)
	}
}
