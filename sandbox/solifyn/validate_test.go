package solifyn

import (
	"fmt"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// bad is the whole 400 body of a validation failure with these messages.
func bad(msgs ...string) string {
	return `{"message":["` + strings.Join(msgs, `","`) + `"],"error":"Bad Request","statusCode":400}`
}

// badOne is the whole 400 body of a single-message failure.
func badOne(msg string) string {
	return `{"message":"` + msg + `","error":"Bad Request","statusCode":400}`
}

func TestCreateValidation(t *testing.T) {
	h := newHarness(t)
	const p = `"productId":"` + starterID + `"`
	for name, tc := range map[string]struct{ body, want string }{
		"empty object":         {`{}`, bad("productId should not be empty", "productId must be a string")},
		"productId null":       {`{"productId":null}`, bad("productId should not be empty", "productId must be a string")},
		"productId empty":      {`{"productId":""}`, bad("productId should not be empty")},
		"productId number":     {`{"productId":5}`, bad("productId must be a string")},
		"productId object":     {`{"productId":{}}`, bad("productId must be a string")},
		"currency number":      {`{` + p + `,"currency":840}`, bad("currency must be a string")},
		"quantity string":      {`{` + p + `,"quantity":"2"}`, bad("quantity must not be less than 1", "quantity must be an integer number")},
		"quantity zero":        {`{` + p + `,"quantity":0}`, bad("quantity must not be less than 1")},
		"quantity negative":    {`{` + p + `,"quantity":-3}`, bad("quantity must not be less than 1")},
		"quantity fraction":    {`{` + p + `,"quantity":1.5}`, bad("quantity must be an integer number")},
		"quantity infinite":    {`{` + p + `,"quantity":1e400}`, bad("quantity must be an integer number")},
		"quantity bool":        {`{` + p + `,"quantity":true}`, bad("quantity must not be less than 1", "quantity must be an integer number")},
		"discountCode number":  {`{` + p + `,"discountCode":10}`, bad("discountCode must be a string")},
		"customPrice string":   {`{` + p + `,"customPrice":"15"}`, bad("customPrice must be a number conforming to the specified constraints")},
		"customPrice infinite": {`{` + p + `,"customPrice":-1e999}`, bad("customPrice must be a number conforming to the specified constraints")},
		"email malformed":      {`{` + p + `,"customerEmail":"nope"}`, bad("customerEmail must be an email")},
		"email no tld":         {`{` + p + `,"customerEmail":"a@localhost"}`, bad("customerEmail must be an email")},
		"email number":         {`{` + p + `,"customerEmail":5}`, bad("customerEmail must be an email", "customerEmail must be a string")},
		"email empty":          {`{` + p + `,"customerEmail":""}`, bad("customerEmail must be an email")},
		"checkoutData array":   {`{` + p + `,"checkoutData":[]}`, bad("checkoutData must be an object")},
		"checkoutData string":  {`{` + p + `,"checkoutData":"x"}`, bad("checkoutData must be an object")},
		"customFields number":  {`{` + p + `,"customFields":1}`, bad("customFields must be an object")},
		"aff number":           {`{` + p + `,"aff":1}`, bad("aff must be a string")},
		"checkoutId bool":      {`{` + p + `,"checkoutId":false}`, bad("checkoutId must be a string")},
		"everything at once": {`{"productId":1,"currency":1,"quantity":0.5,"discountCode":[],"customPrice":"x","customerEmail":"x",` +
			`"checkoutData":1,"customFields":[],"aff":{},"checkoutId":2}`, bad(
			"productId must be a string", "currency must be a string", "quantity must not be less than 1",
			"quantity must be an integer number", "discountCode must be a string",
			"customPrice must be a number conforming to the specified constraints", "customerEmail must be an email",
			"checkoutData must be an object", "customFields must be an object", "aff must be a string", "checkoutId must be a string")},
		"top-level array": {`[{"productId":"x"}]`, bad("an unknown value was passed to the validate function")},
		"syntax":          {`{"productId":}`, badOne("Unexpected token } in JSON at position 13")},
		"truncated":       {`{"productId":"x"`, badOne("Unexpected end of JSON input")},
		"blank":           {" \n\t", badOne("Unexpected end of JSON input")},
		"top-level str":   {` "x"`, badOne("Unexpected string in JSON at position 1")},
		"top-level num":   {`5`, badOne("Unexpected number in JSON at position 0")},
		"top-level null":  {`null`, badOne("Unexpected token n in JSON at position 0")},
		"trailing":        {`{"a":1} x`, badOne("Unexpected token x in JSON at position 8")},
		"string in place": {`{"a" "b"}`, badOne("Unexpected string in JSON at position 5")},
		"number in place": {`{"a":01}`, badOne("Unexpected number in JSON at position 6")},
		"utf-16 position": {`{"é😀":x}`, badOne("Unexpected token x in JSON at position 7")},
		"invalid utf-8":   {"{\"productId\":\"\xff\"}", badOne("Request body is not valid UTF-8")},
	} {
		t.Run(name, func(t *testing.T) {
			status, got := h.call(http.MethodPost, PathCreate, tc.body, demoKey)
			expect(t, tc.body, status, got, http.StatusBadRequest, tc.want)
		})
	}
}

// TestCreateValidationAccepts shows what the DTO lets through: null for an
// optional field, unknown keys, integers written as 1.0 or 1e0.
func TestCreateValidationAccepts(t *testing.T) {
	h := newHarness(t)
	for _, body := range []string{
		`{"productId":"` + starterID + `","quantity":null,"customerEmail":null,"checkoutData":null}`,
		`{"productId":"` + starterID + `","colour":"red","nested":{"deep":[1,2]}}`,
		`{"productId":"` + starterID + `","quantity":2.0}`,
		`{"productId":"` + starterID + `","quantity":1e0,"customerEmail":"first.last+tag@sub.example.co.uk"}`,
	} {
		status, got := h.call(http.MethodPost, PathCreate, body, demoKey)
		if status != http.StatusCreated {
			t.Errorf("%s: %d %s", body, status, got)
		}
	}
}

func TestBodyTransport(t *testing.T) {
	h := newHarness(t)
	missing := bad("productId should not be empty", "productId must be a string")
	post := func(contentType, body string) (int, string) {
		r := httptest.NewRequest(http.MethodPost, PathCreate, strings.NewReader(body))
		if contentType != "" {
			r.Header.Set("Content-Type", contentType)
		}
		r.Header.Set("Authorization", "Bearer "+demoKey)
		return h.serve(r)
	}
	valid := `{"productId":"` + starterID + `"}`
	status, got := post("text/plain", valid)
	expect(t, "text/plain is not parsed", status, got, http.StatusBadRequest, missing)
	if n := len(h.hints); n == 0 || !strings.Contains(h.hints[n-1], `Content-Type is "text/plain"`) {
		t.Errorf("hints %q", h.hints)
	}
	status, got = post("", valid)
	expect(t, "no content type", status, got, http.StatusBadRequest, missing)
	status, _ = post("Application/JSON; charset=utf-8", valid)
	if status != http.StatusCreated {
		t.Errorf("a JSON media type with parameters: %d", status)
	}
	status, got = post("application/json", "")
	expect(t, "empty body", status, got, http.StatusBadRequest, missing)
	huge := `{"productId":"` + starterID + `","aff":"` + strings.Repeat("a", kit.MaxBodyBytes) + `"}`
	status, got = post("application/json", huge)
	expect(t, "over 1 MiB", status, got, http.StatusRequestEntityTooLarge,
		`{"message":"request entity too large","error":"Payload Too Large","statusCode":413}`)
	status, got = post("text/plain", huge)
	expect(t, "an unparsed body is not read", status, got, http.StatusBadRequest, missing)
}

func TestCollectionValidation(t *testing.T) {
	h := newHarness(t)
	for body, want := range map[string]string{
		`{}`:                  bad("collectionId should not be empty", "collectionId must be a string"),
		`{"collectionId":[]}`: bad("collectionId must be a string"),
		`{"collectionId":"col_teamPack","quantity":0,"discountCode":1,"aff":2,"customFields":"x"}`: bad(
			"quantity must not be less than 1", "discountCode must be a string", "aff must be a string", "customFields must be an object"),
		`{"collectionId":"col_teamPack","productId":5,"customPrice":"x"}`: "", // not fields of this DTO
	} {
		status, got := h.call(http.MethodPost, PathCollectionCreate, body, demoKey)
		if want == "" {
			if status != http.StatusCreated {
				t.Errorf("%s: %d %s", body, status, got)
			}
			continue
		}
		expect(t, body, status, got, http.StatusBadRequest, want)
	}
}

// linkLimits are the spec's maxLength of every string of the link DTOs.
var linkLimits = map[string]int{
	"title": 100, "productId": 50, "collectionId": 50, "customerName": 100, "customerEmail": 255,
	"addressLine1": 255, "city": 100, "state": 100, "postalCode": 20, "country": 10,
	"redirectUrl": 2048, "cancelUrl": 2048,
}

func TestLinkValidation(t *testing.T) {
	h := newHarness(t)
	var link CheckoutLink
	h.must(http.MethodPost, PathCheckoutLinks, `{"productId":"`+starterID+`"}`, demoKey, http.StatusCreated, &link)
	update := Path(PathCheckoutLink, link.ID)
	for name, limit := range linkLimits {
		for _, target := range []struct{ method, path, base string }{
			{http.MethodPost, PathCheckoutLinks, `"productId":"` + starterID + `",`},
			{http.MethodPatch, update, ""},
		} {
			body := func(v string) string { return `{` + target.base + `"` + name + `":` + v + `}` }
			if name == "productId" {
				body = func(v string) string { return `{"productId":` + v + `}` }
			}
			tooLong := fmt.Sprintf(`%s must be shorter than or equal to %d characters`, name, limit)
			// Characters, not bytes, are counted: é is two bytes.
			status, got := h.call(target.method, target.path, body(`"`+strings.Repeat("é", limit+1)+`"`), demoKey)
			expect(t, target.method+" "+name+" too long", status, got, http.StatusBadRequest, bad(tooLong))
			status, got = h.call(target.method, target.path, body(`7`), demoKey)
			expect(t, target.method+" "+name+" number", status, got, http.StatusBadRequest, bad(tooLong, name+" must be a string"))
			if name == "productId" || name == "collectionId" {
				continue // at the limit these name no product of the world
			}
			status, got = h.call(target.method, target.path, body(`"`+strings.Repeat("é", limit)+`"`), demoKey)
			if status != http.StatusCreated && status != http.StatusOK {
				t.Errorf("%s %s at its limit: %d %s", target.method, name, status, got)
			}
		}
	}
	status, got := h.call(http.MethodPost, PathCheckoutLinks, `{}`, demoKey)
	expect(t, "create without productId", status, got, http.StatusBadRequest, bad(
		"productId must be shorter than or equal to 50 characters", "productId should not be empty", "productId must be a string"))
	status, got = h.call(http.MethodPost, PathCheckoutLinks, `{"productId":"","quantity":"1","showDiscounts":"yes"}`, demoKey)
	expect(t, "create with bad types", status, got, http.StatusBadRequest, bad(
		"productId should not be empty", "quantity must not be less than 1", "quantity must be an integer number",
		"showDiscounts must be a boolean value"))
	status, got = h.call(http.MethodPatch, update, `{"quantity":0,"showDiscounts":null,"title":null}`, demoKey)
	expect(t, "update", status, got, http.StatusBadRequest, bad("quantity must not be less than 1"))
	status, got = h.call(http.MethodPatch, update, `[]`, demoKey)
	expect(t, "update with an array", status, got, http.StatusBadRequest, bad("an unknown value was passed to the validate function"))
}

func TestIsEmail(t *testing.T) {
	for addr, want := range map[string]bool{
		"customer@example.com": true, "a.b+c@x.io": true, "o'neil@example.ie": true, "ü@exämple.de": true,
		"x@xn--bcher-kva.example": true,
		"":                        false, "plain": false, "@example.com": false, "a@": false, "a@b": false, "a@b.c": false,
		"a..b@example.com": false, ".a@example.com": false, "a b@example.com": false, "a@-x.com": false,
		"a@x-.com": false, "a@x..com": false, "a@x.c0m": false, "a@exa_mple.com": false,
		strings.Repeat("a", 65) + "@example.com": false,
	} {
		if got := isEmail(addr); got != want {
			t.Errorf("isEmail(%q) = %v, want %v", addr, got, want)
		}
	}
}
