package solifyn

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"testing"
)

// createMessages are every validation message CreateBody can produce.
func createMessages() []string {
	msgs := []string{msgUnknownValue}
	for _, f := range CreateBody.Fields {
		for _, m := range []string{msgNotEmpty, msgString, msgInt, msgNumber, msgObject, msgEmail} {
			msgs = append(msgs, fmt.Sprintf(m, f.Name))
		}
		msgs = append(msgs, fmt.Sprintf(msgMin, f.Name, "1"))
	}
	return msgs
}

var parseMessageRE = regexp.MustCompile(`(?s)^(Unexpected (token .+|string|number) in JSON at position \d+|Unexpected end of JSON input|Request body is not valid UTF-8)$`)

// FuzzCreate sends any body to POST /v1/checkout/create: the decoder,
// validator and business rules never panic and always answer 201 with the
// three fields, or a documented 4xx body.
func FuzzCreate(f *testing.F) {
	for _, seed := range []string{
		`{"productId":"prod_z2o92kEl6cYYX","quantity":2,"discountCode":"PROMO10","customerEmail":"a@example.com"}`,
		`{"productId":"prod_lBrPxQcGN8dBM","customPrice":7.5,"currency":"eur","checkoutData":{"a":[1,{"b":null}]}}`,
		`{"productId":"prod_Lim1tedEd1t10","quantity":1e400,"customPrice":"x","checkoutId":"ch_x"}`,
		`[{"productId":1}]`,
		`{"productId":"\ud800","aff":"é😀"} trailing`,
	} {
		f.Add([]byte(seed))
	}
	h := newHarness(f)
	allowed := createMessages()
	documented := map[string]bool{}
	for _, e := range Catalogue {
		documented[e.Message] = true
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		r := httptest.NewRequest(http.MethodPost, PathCreate, bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Authorization", "Bearer "+demoKey)
		w := httptest.NewRecorder()
		h.router.ServeHTTP(w, r)
		got := w.Body.Bytes()
		dec := json.NewDecoder(bytes.NewReader(got))
		dec.DisallowUnknownFields()
		switch w.Code {
		case http.StatusCreated:
			var out CheckoutResponse
			if dec.Decode(&out) != nil || !uuid7RE.MatchString(out.ID) || !sessionIDRE.MatchString(out.SessionID) || out.CheckoutURL == "" {
				t.Fatalf("201 %s", got)
			}
		case http.StatusBadRequest, http.StatusNotFound, http.StatusRequestEntityTooLarge:
			var many ValidationErrorBody
			if json.Unmarshal(got, &many) == nil && many.Message != nil {
				for _, m := range many.Message {
					if !slices.Contains(allowed, m) {
						t.Fatalf("undocumented validation message %q in %s", m, got)
					}
				}
				if many.Error != "Bad Request" || many.StatusCode != 400 || w.Code != 400 {
					t.Fatalf("validation body %s with status %d", got, w.Code)
				}
				return
			}
			var one ErrorBody
			if dec.Decode(&one) != nil || one.StatusCode != w.Code || one.Error != statusName(w.Code) {
				t.Fatalf("%d %s", w.Code, got)
			}
			if !documented[one.Message] && !parseMessageRE.MatchString(one.Message) {
				t.Fatalf("undocumented message %q", one.Message)
			}
		default:
			t.Fatalf("status %d: %s", w.Code, got)
		}
	})
}
