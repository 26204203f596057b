package form

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/sandbox/twocheckout"
)

func TestSeedExamplesRoundTrip(t *testing.T) {
	for _, ex := range noventiq.SeedExamples() {
		d, notes, err := Parse(buyLink, ex.Body)
		if err != nil || len(notes) > 0 {
			t.Fatalf("%s: err %v notes %v", ex.Name, err, notes)
		}
		dec := json.NewDecoder(strings.NewReader(string(ex.Body)))
		dec.UseNumber()
		var want any
		if err := dec.Decode(&want); err != nil {
			t.Fatal(err)
		}
		if !sameJSON(want, d.JSON()) {
			t.Errorf("%s: re-encoded differently:\n%s", ex.Name, d.JSON())
		}
	}
}

func TestParseNotesWhatTheFormCannotShow(t *testing.T) {
	for _, tc := range []struct{ body, note string }{
		{`{"currency":"EUR","colour":"red"}`, "colour: not a field of the request"},
		{`{"currency":"EUR","products":[{"price":30}]}`, "products[0].price: not a string"},
		{`{"market_id":"1"}`, "market_id: not a number"},
		{`{"products":[{"is_service":"yes"}]}`, "products[0].is_service: not true or false"},
		{`{"customer":null}`, "customer: null"},
		{`{"products":[1]}`, "products[0]: not an object"},
		{`{"currency":""}`, "empty strings, objects or lists are left out"},
		{`{"upsell":{"products":[{"additional_data":{"referer13":"x"}}]}}`, "upsell.products[0].additional_data.referer13: not a field of the request"},
	} {
		_, notes, err := Parse(buyLink, []byte(tc.body))
		if err != nil || !strings.Contains(strings.Join(notes, "|"), tc.note) {
			t.Errorf("%s: notes %q err %v, want %q", tc.body, notes, err, tc.note)
		}
	}
	// A string that is not a number, in a number field, is sent back as it came.
	if _, notes, err := Parse(buyLink, []byte(`{"market_id":"abc"}`)); err != nil || len(notes) > 0 {
		t.Errorf("market_id abc: notes %v err %v", notes, err)
	}
	for _, body := range []string{``, `[1]`, `{"a":1} x`, `{`, `{} }`} {
		if _, _, err := Parse(buyLink, []byte(body)); err == nil {
			t.Errorf("%q parsed", body)
		}
	}
}

func TestJSONEncodesKindsAndLeavesOutEmpty(t *testing.T) {
	d := New(buyLink)
	d.Root.Child("currency").Value = "EUR"
	d.Root.Child("market_id").Value = "abc"
	products := d.Root.Child("products")
	p := products.Items[AddItem(products)]
	p.Child("id").Value = "111111"
	p.Child("price").Value = "30"
	p.Child("is_service").Value = "false"
	AddItem(products) // an empty item is still sent
	got := string(d.JSON())
	want := `{
  "currency": "EUR",
  "market_id": "abc",
  "products": [
    {
      "id": 111111,
      "price": "30",
      "is_service": false
    },
    {}
  ]
}
`
	if got != want {
		t.Errorf("JSON:\n%s\nwant:\n%s", got, want)
	}
}

func TestListOperations(t *testing.T) {
	d := New(buyLink)
	products := d.Root.Child("products")
	AddItem(products)
	products.Items[0].Child("name").Value = "A"
	products.Items[0].Child("subscription").Child("period").Value = "P1Y"
	i := DuplicateItem(products, 0)
	products.Items[i].Child("name").Value = "B"
	if i != 1 || products.Items[0].Child("name").Value != "A" || products.Items[1].Child("subscription").Child("period").Value != "P1Y" {
		t.Fatalf("duplicate shares or loses state: %s", d.JSON())
	}
	RemoveItem(products, 0)
	if len(products.Items) != 1 || products.Items[0].Child("name").Value != "B" {
		t.Errorf("after remove: %s", d.JSON())
	}
}

func TestRowsPathsFoldingAndNearest(t *testing.T) {
	d, _, err := Parse(buyLink, noventiq.SeedExamples()[0].Body)
	if err != nil {
		t.Fatal(err)
	}
	rows := d.Rows()
	find := func(path string, kind RowKind) int {
		for i, r := range rows {
			if r.Path == path && r.Kind == kind {
				return i
			}
		}
		return -1
	}
	if find("products[0].name", RowField) < 0 || find("products", RowAdd) < 0 || find("customer", RowObject) < 0 {
		t.Fatalf("rows lack paths: %+v", rows)
	}
	if find("products[0].subscription.period", RowField) >= 0 || find("customer.email", RowField) >= 0 {
		t.Error("empty sections are not folded")
	}
	d.Root.Child("products").Items[0].Folded = true
	rows = d.Rows()
	if find("products[0].name", RowField) >= 0 {
		t.Error("folded item still lists its fields")
	}
	if i := Nearest(rows, "products[0].name"); i < 0 || rows[i].Path != "products[0]" {
		t.Errorf("nearest of a folded field = %d", i)
	}
	if !d.Unfold("products[0].subscription.period") {
		t.Fatal("unfold failed")
	}
	rows = d.Rows()
	if i := Nearest(rows, "products[0].subscription.period"); i < 0 || rows[i].Kind != RowField {
		t.Errorf("unfolded field not found: %d", i)
	}
	if Nearest(rows, "") != -1 || d.Unfold("products[5].name") || d.Unfold("nothing") {
		t.Error("nonexistent paths resolve")
	}
	if !Within("products[0].name", "products[0]") || Within("products[10]", "products[1]") {
		t.Error("Within is wrong")
	}
}

// FuzzParse checks that any body either fails to parse, or parses into a
// document whose JSON is valid and, without notes, means the same.
func FuzzParse(f *testing.F) {
	for _, ex := range noventiq.SeedExamples() {
		f.Add(ex.Body)
	}
	f.Add([]byte(`{"products":[{"subscription":{"period":1}},null,[]],"upsell":{"products":[{}]}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		d, notes, err := Parse(buyLink, body)
		if err != nil {
			return
		}
		out := d.JSON()
		if !json.Valid(out) {
			t.Fatalf("invalid JSON from %q:\n%s", body, out)
		}
		dec := json.NewDecoder(strings.NewReader(string(body)))
		dec.UseNumber()
		var want any
		if dec.Decode(&want) == nil && len(notes) == 0 && !sameJSON(want, out) {
			t.Fatalf("no notes but %q became %s", body, out)
		}
		_ = d.Rows()
	})
}

// buyLink is the generate_buy_link request.
var buyLink = Body(noventiq.BuyLinkFields.Fields)

func TestParamsArePositional(t *testing.T) {
	table, _ := twocheckout.Params(twocheckout.MethodPlaceOrder)
	root := Params(table.Fields[1:]) // the session is the workbench's
	d, notes, err := Parse(root, []byte(`[{"Currency":"USD","Items":[{"Code":"A","Quantity":1,"PriceOptions":["X"]}],"Promotions":["SPRING"]}]`))
	if err != nil || len(notes) > 0 {
		t.Fatalf("notes %v err %v", notes, err)
	}
	if got := string(d.JSON()); !strings.Contains(got, `"PriceOptions": ["X"]`) || !strings.HasPrefix(got, "[\n  {\n    \"Currency\": \"USD\"") {
		t.Errorf("JSON:\n%s", got)
	}
	var paths []string
	for _, r := range d.Rows() {
		paths = append(paths, r.Path)
	}
	if !strings.Contains(strings.Join(paths, " "), "Order.Items[0].Code") {
		t.Errorf("rows %v", paths)
	}
	if _, _, err := Parse(root, []byte(`{"Currency":"USD"}`)); err == nil {
		t.Error("an object parsed as params")
	}
	if _, notes, _ := Parse(root, []byte(`[{}, "extra"]`)); len(notes) == 0 || !strings.Contains(notes[0], "params[1]") {
		t.Errorf("an extra param: %v", notes)
	}
	empty := New(Params(table.Fields)) // sessionID, Order
	empty.Root.Fields[1].Child("Currency").Value = "USD"
	if got := string(empty.JSON()); got != "[\n  null,\n  {\n    \"Currency\": \"USD\"\n  }\n]\n" {
		t.Errorf("a param left empty before one set:\n%s", got)
	}
}

func TestANullableNullIsAbsent(t *testing.T) {
	table, _ := twocheckout.Params(twocheckout.MethodGetInstallments)
	d, notes, err := Parse(Params(table.Fields[1:]), []byte(`[{"Currency":"BRL","RefNo":null,"Affiliate":null}]`))
	if err != nil || len(notes) > 0 || !strings.Contains(string(d.JSON()), `"Currency": "BRL"`) {
		t.Errorf("notes %v err %v JSON %s", notes, err, d.JSON())
	}
}
