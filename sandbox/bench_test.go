package sandbox

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/sandbox/twocheckout"
)

// hotPath is one vendor's busiest call, measured through the whole handler
// (journal, routing, the vendor's checks, the store) against a bare
// handler answering the same fixed body: BenchmarkHotPath runs both, as
// handler=flashcart and handler=bare, so that
//
//	go test -run '^$' -bench HotPath -benchmem -count 3 ./sandbox/ | benchstat -col /handler -
//
// prints each call's cost as a ratio of the bare one. A vendor joins the
// table by appending its case to hotPaths from a file of its own (Solifyn's
// POST /v1/checkout/create: bench_solifyn_test.go, an init that appends
// {name: "solifyn-create", …}).
type hotPath struct {
	name string
	// request makes one call's request on a fresh sandbox s, logging in
	// first as the call needs; answer is the fixed body the bare handler
	// answers in its place.
	request func(b *testing.B, s *Sandbox) (method, path string, header http.Header, body []byte)
	answer  string
}

var hotPaths = []hotPath{
	{name: "noventiq-generate_buy_link-short", request: buyLinkCall("noventiq/examples/seed_example_1.json"), answer: buyLinkAnswer},
	{name: "noventiq-generate_buy_link-full", request: buyLinkCall("noventiq/examples/seed_example_2.json"), answer: buyLinkAnswer},
	{name: "twocheckout-placeOrder", request: placeOrderCall, answer: placeOrderAnswer},
}

const buyLinkAnswer = `{"buy_link":"https://cart.checkout.noventiq.com.demoslweb.ru/basket/flash/12345678","external_id":"12345678"}`

// buyLinkCall is POST /v1/generate_buy_link with the body of a file.
func buyLinkCall(file string) func(b *testing.B, s *Sandbox) (string, string, http.Header, []byte) {
	return func(b *testing.B, s *Sandbox) (string, string, http.Header, []byte) {
		body, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		h := http.Header{"Content-Type": {"application/json"}}
		h.Set(noventiq.TokenHeader, "Bearer "+login(b, s))
		return http.MethodPost, noventiq.BuyLinkPath, h, body
	}
}

// placeOrderCall is the 2Checkout order of the bundled suite's first
// scenario: a TEST order of one product paid with the test Visa.
func placeOrderCall(b *testing.B, s *Sandbox) (string, string, http.Header, []byte) {
	date := s.Clock().Now().UTC().Format(twocheckout.LoginDateLayout)
	hash, err := twocheckout.LoginHash(twocheckout.AlgoSHA256, "SECRET_KEY", "MERCHANT_CODE", date)
	if err != nil {
		b.Fatal(err)
	}
	params, _ := json.Marshal([]string{"MERCHANT_CODE", date, hash, twocheckout.AlgoSHA256})
	r := call(b, s, "POST", "/rpc/6.0/", `{"jsonrpc":"2.0","method":"login","params":`+string(params)+`,"id":1}`, jsonCT)
	var login struct{ Result string }
	if err := json.Unmarshal([]byte(r.body), &login); err != nil || login.Result == "" {
		b.Fatalf("login: %s", r.body)
	}
	body := `{"jsonrpc":"2.0","method":"placeOrder","id":2,"params":["` + login.Result + `",{"Currency":"USD","Country":"US","Language":"en",
 "CustomerIP":"91.220.121.21","ExternalReference":"ORDER-1","Items":[{"Code":"FLASH_ANTIVIRUS","Quantity":1}],
 "BillingDetails":{"FirstName":"John","LastName":"Doe","CountryCode":"us","State":"CA","City":"San Francisco","Address1":"1 Market St","Zip":"94105","Email":"john.doe@example.com","Phone":"14155550100"},
 "PaymentDetails":{"Type":"TEST","Currency":"usd","CustomerIP":"91.220.121.21","PaymentMethod":{"CardNumber":"4111111111111111","CardType":"VISA",
  "ExpirationYear":"2030","ExpirationMonth":"12","HolderName":"John Doe","CCID":"123","Vendor3DSReturnURL":"https://shop.example/3ds/ok","Vendor3DSCancelURL":"https://shop.example/3ds/cancel"}}}]}`
	return http.MethodPost, "/rpc/6.0/", http.Header{"Content-Type": {"application/json"}}, []byte(body)
}

// placeOrderAnswer is about the size of placeOrder's answer.
var placeOrderAnswer = `{"jsonrpc":"2.0","id":2,"result":{"RefNo":"123456789","Status":"AUTHRECEIVED","Items":[` + string(bytes.Repeat([]byte(`"x",`), 700)) + `"x"]}}`

func BenchmarkHotPath(b *testing.B) {
	for _, hp := range hotPaths {
		b.Run("case="+hp.name+"/handler=flashcart", func(b *testing.B) {
			s := newTest(b)
			method, path, header, body := hp.request(b, s)
			serve(b, s.Handler(), method, path, header, body, http.StatusOK)
		})
		b.Run("case="+hp.name+"/handler=bare", func(b *testing.B) {
			method, path, header, body := hp.request(b, newTest(b))
			answer := []byte(hp.answer)
			bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write(answer)
			})
			serve(b, bare, method, path, header, body, http.StatusOK)
		})
	}
}

// serve sends the request to h once per iteration and checks the status.
func serve(b *testing.B, h http.Handler, method, path string, header http.Header, body []byte, want int) {
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(method, path, bytes.NewReader(body))
		maps.Copy(req.Header, header)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != want {
			b.Fatalf("%s %s: %d %s", method, path, rec.Code, rec.Body)
		}
	}
}
