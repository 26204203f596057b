package noventiq

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/fixtures"
)

func demoCatalogue(t testing.TB) Catalogue {
	t.Helper()
	a, ok := fixtures.Default().Account("demo")
	if !ok {
		t.Fatal("no demo account")
	}
	return a
}

// run decodes and validates src, returning the errors as "code path message" lines.
func run(t *testing.T, src string) (*Request, []string) {
	t.Helper()
	body, derr := DecodeBuyLink([]byte(src))
	if derr != nil {
		return nil, []string{fmt.Sprintf("%d - %s", derr.Code, derr.Message)}
	}
	req, errs := ValidateBuyLink(demoCatalogue(t), body)
	var out []string
	for _, e := range errs {
		path := e.Path
		if path == "" {
			path = "-"
		}
		out = append(out, fmt.Sprintf("%d %s %s", e.Code, path, e.Message))
	}
	return req, out
}

func TestSeedExamples(t *testing.T) {
	for _, file := range []string{"examples/seed_example_1.json", "examples/seed_example_2.json"} {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		req, errs := run(t, string(src))
		if len(errs) > 0 {
			t.Fatalf("%s: %v", file, errs)
		}
		if req.MarketID != 1 || req.Currency != "EUR" || len(req.Products) != 1 || req.Products[0].ID != 111111 {
			t.Errorf("%s: resolved %+v", file, req)
		}
	}
	req, _ := run(t, mustRead(t, "examples/seed_example_2.json"))
	p := req.Products[0]
	if p.DiscountPercent.String() != "10" || p.Subscription.Period.String() != "P1Y" || p.Subscription.Price.String() != "30" ||
		*p.SKU != "L1-1" || req.Customer.Country != "FR" || req.AdditionalData["referer12"] != "testF" {
		t.Errorf("seed example 2 decoded as %+v", req)
	}
}

func mustRead(t *testing.T, name string) string {
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// minimal is a minimal valid request; cases edit it with strings.Replace.
const minimal = `{"currency":"EUR","products":[{"id":111111,"name":"A","price":"10.00","quantity":1}]}`

const upsellTmpl = `{"currency":"EUR","products":[{"id":111111,"name":"A","price":"10.00","quantity":1},{"id":222222,"name":"B","price":"5","quantity":1}],
 "KEY":{"product_id":111111,"name":"Offer","products":[{"id":333333,"name":"Pro","name_for_upsell":"Go Pro","price":"20.00","quantity":1}]}}`

func edit(src string, pairs ...string) string {
	for i := 0; i < len(pairs); i += 2 {
		if !strings.Contains(src, pairs[i]) {
			panic("edit: " + pairs[i] + " not in " + src)
		}
		src = strings.Replace(src, pairs[i], pairs[i+1], 1)
	}
	return src
}

func msg(c Code) string { e, _ := LookupError(c); return e.Message }

func fieldMessage(path string) string {
	leaf := path[strings.LastIndexAny(path, ".")+1:]
	if i := strings.IndexByte(leaf, '['); i >= 0 {
		leaf = leaf[:i]
	}
	return fmt.Sprintf("3010 %s Invalid field value: %s.", path, leaf)
}

func code(c Code, path string) string { return fmt.Sprintf("%d %s %s", c, path, msg(c)) }

func TestValidate(t *testing.T) {
	p0 := "products[0]"
	for _, tc := range []struct {
		name string
		src  string
		want []string
	}{
		// 110 and decoding (fidelity decision 3).
		{"empty body", ``, []string{"110 - " + msg(110)}},
		{"invalid json", `{"currency":`, []string{"110 - " + msg(110)}},
		{"array", `[]`, []string{"110 - " + msg(110)}},
		{"string", `"x"`, []string{"110 - " + msg(110)}},
		{"null", `null`, []string{"110 - " + msg(110)}},
		{"trailing data", minimal + `{}`, []string{"110 - " + msg(110)}},
		{"invalid utf-8", "{\"currency\":\"EUR\xff\"}", []string{"110 - " + msg(110)}},
		{"deep nesting", strings.Repeat("[", 20000) + strings.Repeat("]", 20000), []string{"110 - " + msg(110)}},

		// currency and market_id (fidelity decision 5).
		{"missing currency", `{"products":[{"id":111111,"name":"A","price":"1","quantity":1}]}`, []string{fieldMessage("currency")}},
		{"lower-case currency", edit(minimal, `"EUR"`, `"eur"`), []string{fieldMessage("currency")}},
		{"not ISO currency", edit(minimal, `"EUR"`, `"XYZ"`), []string{fieldMessage("currency")}},
		{"currency number", edit(minimal, `"EUR"`, `978`), []string{fieldMessage("currency")}},
		{"currency null", edit(minimal, `"EUR"`, `null`), []string{fieldMessage("currency")}},
		{"currency sold nowhere", edit(minimal, `"EUR"`, `"JPY"`), []string{code(3120, "currency")}},
		{"3120 is alone", `{"currency":"JPY","products":[]}`, []string{code(3120, "currency")}},
		{"bad currency accumulates", `{"currency":"EURO","products":[{"id":111111,"price":"1","quantity":1}]}`,
			[]string{fieldMessage("currency"), fieldMessage(p0 + ".name")}},
		{"USD needs market_id", edit(minimal, `"EUR"`, `"USD"`), []string{fieldMessage("market_id")}},
		{"USD with market 2", edit(minimal, `"EUR"`, `"USD","market_id":2`), nil},
		{"USD with market 3", edit(minimal, `"EUR"`, `"USD","market_id":3`), nil},
		{"market does not sell currency", edit(minimal, `"EUR"`, `"USD","market_id":1`), []string{code(3125, "market_id")}},
		{"unknown market", edit(minimal, `"EUR"`, `"EUR","market_id":99`), []string{code(3125, "market_id")}},
		{"3125 is alone", `{"currency":"RUB","market_id":2,"products":"x"}`, []string{code(3125, "market_id")}},
		{"market_id string", edit(minimal, `"EUR"`, `"EUR","market_id":"1"`), []string{fieldMessage("market_id")}},
		{"market_id fraction", edit(minimal, `"EUR"`, `"EUR","market_id":1.5`), []string{fieldMessage("market_id")}},
		{"market_id zero", edit(minimal, `"EUR"`, `"EUR","market_id":0`), []string{fieldMessage("market_id")}},
		{"market_id null", edit(minimal, `"EUR"`, `"EUR","market_id":null`), []string{fieldMessage("market_id")}},

		// products.
		{"missing products", `{"currency":"EUR"}`, []string{fieldMessage("products")}},
		{"empty products", `{"currency":"EUR","products":[]}`, []string{fieldMessage("products")}},
		{"products object", `{"currency":"EUR","products":{}}`, []string{fieldMessage("products")}},
		{"product not object", `{"currency":"EUR","products":[1]}`, []string{fieldMessage("products[0]")}},
		{"missing id", edit(minimal, `"id":111111,`, ``), []string{fieldMessage(p0 + ".id")}},
		{"id string", edit(minimal, `111111`, `"111111"`), []string{fieldMessage(p0 + ".id")}},
		{"id negative", edit(minimal, `111111`, `-1`), []string{fieldMessage(p0 + ".id")}},
		{"unknown product", edit(minimal, `111111`, `999999`), []string{code(3050, p0+".id")}},
		{"duplicate products", edit(minimal, `]}`, `,{"id":111111,"name":"B","price":"1","quantity":1}]}`), []string{code(3070, "products[1].id")}},
		{"sku 40", edit(minimal, `"name"`, `"sku":"`+strings.Repeat("é", 40)+`","name"`), nil},
		{"sku 41 characters", edit(minimal, `"name"`, `"sku":"`+strings.Repeat("é", 41)+`","name"`), []string{fieldMessage(p0 + ".sku")}},
		{"vendor_code 256", edit(minimal, `"name"`, `"vendor_code":"`+strings.Repeat("x", 256)+`","name"`), []string{fieldMessage(p0 + ".vendor_code")}},
		{"missing name", edit(minimal, `"name":"A",`, ``), []string{fieldMessage(p0 + ".name")}},
		{"empty name", edit(minimal, `"name":"A"`, `"name":""`), []string{fieldMessage(p0 + ".name")}},
		{"name number", edit(minimal, `"name":"A"`, `"name":1`), []string{fieldMessage(p0 + ".name")}},
		{"name_for_invoice bool", edit(minimal, `"name":"A"`, `"name":"A","name_for_invoice":true`), []string{fieldMessage(p0 + ".name_for_invoice")}},
		{"missing price", edit(minimal, `"price":"10.00",`, ``), []string{fieldMessage(p0 + ".price")}},
		{"price number", edit(minimal, `"10.00"`, `10`), []string{fieldMessage(p0 + ".price")}},
		{"price three decimals", edit(minimal, `"10.00"`, `"10.001"`), []string{fieldMessage(p0 + ".price")}},
		{"price comma", edit(minimal, `"10.00"`, `"10,00"`), []string{fieldMessage(p0 + ".price")}},
		{"price negative", edit(minimal, `"10.00"`, `"-1"`), []string{fieldMessage(p0 + ".price")}},
		{"price without decimals", edit(minimal, `"10.00"`, `"30"`), nil},
		{"zero price alone", edit(minimal, `"10.00"`, `"0.00"`), []string{code(3020, "products")}},
		{"full discount alone", edit(minimal, `"quantity"`, `"discount_percent":100,"quantity"`), []string{code(3020, "products")}},
		{"gift next to paid product", edit(minimal, `]}`, `,{"id":222222,"name":"Gift","price":"0","quantity":1}]}`), nil},
		{"two gifts", edit(minimal, `"10.00"`, `"0"`, `]}`, `,{"id":222222,"name":"Gift","price":"5","discount_percent":100,"quantity":1}]}`), []string{code(3020, "products")}},
		{"no 3020 when a price is invalid", edit(minimal, `"10.00"`, `"0"`, `]}`, `,{"id":222222,"name":"B","price":"x","quantity":1}]}`), []string{fieldMessage("products[1].price")}},
		{"discount 10.5", edit(minimal, `"quantity"`, `"discount_percent":10.5,"quantity"`), nil},
		{"discount six decimals", edit(minimal, `"quantity"`, `"discount_percent":10.123456,"quantity"`), nil},
		{"discount seven decimals", edit(minimal, `"quantity"`, `"discount_percent":10.1234567,"quantity"`), []string{fieldMessage(p0 + ".discount_percent")}},
		{"discount zero", edit(minimal, `"quantity"`, `"discount_percent":0,"quantity"`), []string{code(3030, p0+".discount_percent")}},
		{"discount negative", edit(minimal, `"quantity"`, `"discount_percent":-5,"quantity"`), []string{code(3030, p0+".discount_percent")}},
		{"discount over 100", edit(minimal, `"quantity"`, `"discount_percent":100.000001,"quantity"`), []string{code(3030, p0+".discount_percent")}},
		{"discount string", edit(minimal, `"quantity"`, `"discount_percent":"10","quantity"`), []string{fieldMessage(p0 + ".discount_percent")}},
		{"discount exponent", edit(minimal, `"quantity"`, `"discount_percent":1e1,"quantity"`), []string{fieldMessage(p0 + ".discount_percent")}},
		{"missing quantity", edit(minimal, `,"quantity":1`, ``), []string{fieldMessage(p0 + ".quantity")}},
		{"quantity zero", edit(minimal, `"quantity":1`, `"quantity":0`), []string{fieldMessage(p0 + ".quantity")}},
		{"quantity fraction", edit(minimal, `"quantity":1`, `"quantity":1.5`), []string{fieldMessage(p0 + ".quantity")}},
		{"quantity string", edit(minimal, `"quantity":1`, `"quantity":"1"`), []string{fieldMessage(p0 + ".quantity")}},
		{"quantity too big", edit(minimal, `"quantity":1`, `"quantity":1000000`), []string{fieldMessage(p0 + ".quantity")}},
		{"booleans", edit(minimal, `"quantity"`, `"is_delivery_needed":true,"is_installments_unavailable":true,"is_service":false,"quantity"`), nil},
		{"boolean as string", edit(minimal, `"quantity"`, `"is_delivery_needed":"true","quantity"`), []string{fieldMessage(p0 + ".is_delivery_needed")}},
		{"is_service null", edit(minimal, `"quantity"`, `"is_service":null,"quantity"`), []string{fieldMessage(p0 + ".is_service")}},
		{"unknown product field", edit(minimal, `"quantity"`, `"colour":"red","quantity"`), []string{fieldMessage(p0 + ".colour")}},
		{"empty field name", edit(minimal, `]}`, `],"":[]}`), []string{fieldMessage(`""`)}},

		// subscription (fidelity decision 9).
		{"subscription", edit(minimal, `"quantity"`, `"subscription":{"period":"P1M"},"quantity"`), nil},
		{"subscription 6 days", edit(minimal, `"quantity"`, `"subscription":{"period":"P6D"},"quantity"`), nil},
		{"subscription 5 days", edit(minimal, `"quantity"`, `"subscription":{"period":"P5D"},"quantity"`), []string{fieldMessage(p0 + ".subscription.period")}},
		{"subscription weeks", edit(minimal, `"quantity"`, `"subscription":{"period":"P2W"},"quantity"`), []string{fieldMessage(p0 + ".subscription.period")}},
		{"subscription without period", edit(minimal, `"quantity"`, `"subscription":{"name":"R"},"quantity"`), []string{fieldMessage(p0 + ".subscription.period")}},
		{"subscription price format", edit(minimal, `"quantity"`, `"subscription":{"period":"P1Y","price":"1.999"},"quantity"`), []string{fieldMessage(p0 + ".subscription.price")}},
		{"subscription unknown field", edit(minimal, `"quantity"`, `"subscription":{"period":"P1Y","term":"x"},"quantity"`), []string{fieldMessage(p0 + ".subscription.term")}},
		{"subscription not an object", edit(minimal, `"quantity"`, `"subscription":"P1Y","quantity"`), []string{fieldMessage(p0 + ".subscription")}},
		{"subscription without auto-renewal", edit(minimal, `111111`, `222222`, `"quantity"`, `"subscription":{"period":"P1Y"},"quantity"`), []string{code(3040, p0+".subscription")}},

		// customer.
		{"customer", edit(minimal, `]}`, `],"customer":{"type":"physical","email":"a.b@c.co.uk","country":"GB"}}`), nil},
		{"customer type", edit(minimal, `]}`, `],"customer":{"type":"company"}}`), []string{fieldMessage("customer.type")}},
		{"email format", edit(minimal, `]}`, `],"customer":{"email":"a@b"}}`), []string{code(3060, "customer.email")}},
		{"email empty", edit(minimal, `]}`, `],"customer":{"email":""}}`), []string{code(3060, "customer.email")}},
		{"email 73 characters", edit(minimal, `]}`, `],"customer":{"email":"`+strings.Repeat("a", 61)+`@example.com"}}`), []string{fieldMessage("customer.email")}},
		{"email 72 characters", edit(minimal, `]}`, `],"customer":{"email":"`+strings.Repeat("a", 60)+`@example.com"}}`), nil},
		{"phone 65", edit(minimal, `]}`, `],"customer":{"phone":"`+strings.Repeat("1", 65)+`"}}`), []string{fieldMessage("customer.phone")}},
		{"first_name 256", edit(minimal, `]}`, `],"customer":{"first_name":"`+strings.Repeat("ж", 256)+`"}}`), []string{fieldMessage("customer.first_name")}},
		{"country", edit(minimal, `]}`, `],"customer":{"country":"FRA"}}`), []string{fieldMessage("customer.country")}},
		{"customer unknown", edit(minimal, `]}`, `],"customer":{"age":3}}`), []string{fieldMessage("customer.age")}},
		{"customer array", edit(minimal, `]}`, `],"customer":[]}`), []string{fieldMessage("customer")}},

		// additional_data (fidelity decision 10).
		{"referers", edit(minimal, `]}`, `],"additional_data":{"referer7":"a","referer12":"b"}}`), nil},
		{"referer6", edit(minimal, `]}`, `],"additional_data":{"referer6":"a"}}`), []string{fieldMessage("additional_data.referer6")}},
		{"referer number", edit(minimal, `]}`, `],"additional_data":{"referer8":8}}`), []string{fieldMessage("additional_data.referer8")}},
		{"referer 256", edit(minimal, `]}`, `],"additional_data":{"referer9":"`+strings.Repeat("x", 256)+`"}}`), []string{fieldMessage("additional_data.referer9")}},

		// top level.
		{"unknown top-level fields sorted", edit(minimal, `]}`, `],"zeta":1,"alpha":2}`), []string{fieldMessage("alpha"), fieldMessage("zeta")}},
		{"seed's multi-error example", `{"currency":"EU","products":[{"id":111111,"price":"1","quantity":1}]}`,
			[]string{fieldMessage("currency"), fieldMessage(p0 + ".name")}},
		{"many errors in reference order", `{"currency":"EUR","products":[{"id":"x","sku":1,"name":"","price":1,"discount_percent":0,"quantity":0,"is_service":1}],"customer":{"email":"x"},"extra":1}`,
			[]string{fieldMessage(p0 + ".id"), fieldMessage(p0 + ".sku"), fieldMessage(p0 + ".name"), fieldMessage(p0 + ".price"), code(3030, p0+".discount_percent"),
				fieldMessage(p0 + ".quantity"), fieldMessage(p0 + ".is_service"), code(3060, "customer.email"), fieldMessage("extra")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := run(t, tc.src)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestUpsell(t *testing.T) {
	for _, kind := range []struct {
		key                          string
		unknown, inCart, zero, count Code
	}{
		{"upsell", 3210, 3220, 3230, 3240},
		{"upsell_exit", 3310, 3320, 3330, 3340},
	} {
		base := edit(upsellTmpl, "KEY", kind.key)
		u := kind.key
		up0 := u + ".products[0]"
		for _, tc := range []struct {
			name string
			src  string
			want []string
		}{
			{"valid", base, nil},
			{"replace with the same original product", edit(base, `"id":333333`, `"id":111111`), nil},
			{"three offers", edit(base, `"quantity":1}]}}`, `"quantity":1},{"id":333333,"name":"P2","name_for_upsell":"P2","price":"1","quantity":1},{"id":444444,"name":"P3","name_for_upsell":"P3","price":"1","quantity":2}]}}`), nil},
			{"four offers", edit(base, `"quantity":1}]}}`, `"quantity":1},{"id":333333,"name":"P2","name_for_upsell":"P2","price":"1","quantity":1},{"id":444444,"name":"P3","name_for_upsell":"P3","price":"1","quantity":2},{"id":555555,"name":"P4","name_for_upsell":"P4","price":"1","quantity":1}]}}`),
				[]string{code(kind.count, u+".products")}},
			{"no offers", edit(base, `"products":[{"id":333333,"name":"Pro","name_for_upsell":"Go Pro","price":"20.00","quantity":1}]`, `"products":[]`), []string{code(kind.count, u+".products")}},
			{"offers missing", edit(base, `,"products":[{"id":333333,"name":"Pro","name_for_upsell":"Go Pro","price":"20.00","quantity":1}]`, ``), []string{fieldMessage(u + ".products")}},
			{"product_id not in cart", edit(base, `"product_id":111111`, `"product_id":333333`), []string{code(kind.unknown, u+".product_id")}},
			{"product_id missing", edit(base, `"product_id":111111,`, ``), []string{fieldMessage(u + ".product_id")}},
			{"offer is another cart product", edit(base, `"id":333333`, `"id":222222`), []string{code(kind.inCart, up0+".id")}},
			{"offer unknown original", edit(base, `"id":333333`, `"id":999999`), []string{code(3050, up0+".id")}},
			{"zero price", edit(base, `"20.00"`, `"0.00"`), []string{code(kind.zero, up0+".price")}},
			{"missing name_for_upsell", edit(base, `"name_for_upsell":"Go Pro",`, ``), []string{fieldMessage(up0 + ".name_for_upsell")}},
			{"missing title", edit(base, `"name":"Offer",`, ``), []string{fieldMessage(u + ".name")}},
			{"title 256", edit(base, `"name":"Offer"`, `"name":"`+strings.Repeat("x", 256)+`"`), []string{fieldMessage(u + ".name")}},
			{"picture ok", edit(base, `"name":"Offer"`, `"name":"Offer","picture_url":"https://cdn.example.com/a/offer.JPEG?v=1"`), nil},
			{"picture http", edit(base, `"name":"Offer"`, `"name":"Offer","picture_url":"http://cdn.example.com/offer.png"`), []string{fieldMessage(u + ".picture_url")}},
			{"picture svg", edit(base, `"name":"Offer"`, `"name":"Offer","picture_url":"https://cdn.example.com/offer.svg"`), []string{fieldMessage(u + ".picture_url")}},
			{"picture 256", edit(base, `"name":"Offer"`, `"name":"Offer","picture_url":"https://cdn.example.com/`+strings.Repeat("a", 228)+`.png"`), []string{fieldMessage(u + ".picture_url")}},
			{"benefit", edit(base, `"quantity":1}]}}`, `"quantity":1,"benefit":"5.00"}]}}`), nil},
			{"benefit number", edit(base, `"quantity":1}]}}`, `"quantity":1,"benefit":5}]}}`), []string{fieldMessage(up0 + ".benefit")}},
			{"offer subscription", edit(base, `"quantity":1}]}}`, `"quantity":1,"subscription":{"period":"P1Y"}}]}}`), nil},
			{"offer subscription without auto-renewal", edit(base, `"id":333333`, `"id":555555`, `"quantity":1}]}}`, `"quantity":1,"subscription":{"period":"P1Y"}}]}}`), []string{code(3040, up0+".subscription")}},
			{"offer referers", edit(base, `"quantity":1}]}}`, `"quantity":1,"additional_data":{"referer7":"u"}}]}}`), nil},
			{"offer referer unknown", edit(base, `"quantity":1}]}}`, `"quantity":1,"additional_data":{"ref":"u"}}]}}`), []string{fieldMessage(up0 + ".additional_data.ref")}},
			{"offer discount is unknown", edit(base, `"quantity":1}]}}`, `"quantity":1,"discount_percent":5}]}}`), []string{fieldMessage(up0 + ".discount_percent")}},
			{"unknown offer field", edit(base, `"name":"Offer"`, `"name":"Offer","colour":"red"`), []string{fieldMessage(u + ".colour")}},
		} {
			t.Run(kind.key+"/"+tc.name, func(t *testing.T) {
				_, got := run(t, tc.src)
				if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
					t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
				}
			})
		}
	}
}

func TestMerge(t *testing.T) {
	req := Referers{"referer7": "request", "referer8": "only-request"}
	up := Referers{"referer7": "upsell", "referer9": "only-upsell"}
	got := req.Merge(up)
	want := Referers{"referer7": "upsell", "referer8": "only-request", "referer9": "only-upsell"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("merge = %v, want %v", got, want)
	}
	if req["referer7"] != "request" {
		t.Error("merge changed the request's referers")
	}
	if got := req.Merge(nil); fmt.Sprint(got) != fmt.Sprint(req) {
		t.Errorf("merge without up-sell referers = %v", got)
	}
	if got := Referers(nil).Merge(nil); got != nil {
		t.Errorf("empty merge = %v", got)
	}
}

func TestSeedExamplesAreValid(t *testing.T) {
	examples := SeedExamples()
	if len(examples) != 2 {
		t.Fatalf("%d examples", len(examples))
	}
	for _, ex := range examples {
		if _, errs := run(t, string(ex.Body)); len(errs) > 0 {
			t.Errorf("%s: %v", ex.Name, errs)
		}
	}
}
