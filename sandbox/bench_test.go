package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/flashcart/flashcart/sandbox/internal/store"

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
	// status is the call's status, and the bare handler's; 0 is 200.
	status int
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
			serve(b, s.Handler(), method, path, header, body, hp.statusOr200())
		})
		b.Run("case="+hp.name+"/handler=bare", func(b *testing.B) {
			method, path, header, body := hp.request(b, newTest(b))
			answer := []byte(hp.answer)
			bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(hp.statusOr200())
				_, _ = w.Write(answer)
			})
			serve(b, bare, method, path, header, body, hp.statusOr200())
		})
	}
}

func (hp hotPath) statusOr200() int {
	if hp.status == 0 {
		return http.StatusOK
	}
	return hp.status
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

// BenchmarkJournalRead has a client poll a full journal of 100 and of
// 1,000 entries, a page of up to 1,000 entries a read. Reads are
// journaled without their body, so once the reads have replaced the
// journal's first entries the answer stays the same size from read to
// read (answer-B, the last answer; the benchmark fails if it grew by more
// than a twentieth over the reads), and a read's cost follows the entries
// kept (ns/entry). handler=bare answers the same bytes, fixed, as the
// baseline.
func BenchmarkJournalRead(b *testing.B) {
	const page = "/_sandbox/journal?limit=1000"
	for _, n := range []int{100, 1000} {
		s := newTest(b, func(o *Options) { o.JournalSize = n })
		method, path, header, body := buyLinkCall("noventiq/examples/seed_example_2.json")(b, s)
		for range n {
			serve1(b, s.Handler(), method, path, header, body)
		}
		var steady []byte
		for range 2 * n { // the reads replace every entry, their own first answers included
			steady = serve1(b, s.Handler(), "GET", page, nil, nil)
		}
		b.Run(fmt.Sprintf("entries=%d/handler=flashcart", n), func(b *testing.B) {
			var last []byte
			b.ReportAllocs()
			for b.Loop() {
				last = serve1(b, s.Handler(), "GET", page, nil, nil)
			}
			if len(last) > len(steady)+len(steady)/20 {
				b.Fatalf("the journal's answer grew from %d to %d bytes over %d reads", len(steady), len(last), b.N)
			}
			b.ReportMetric(float64(len(last)), "answer-B")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/entry")
		})
		b.Run(fmt.Sprintf("entries=%d/handler=bare", n), func(b *testing.B) {
			bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write(steady)
			})
			b.ReportAllocs()
			for b.Loop() {
				serve1(b, bare, "GET", page, nil, nil)
			}
			b.ReportMetric(float64(len(steady)), "answer-B")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/entry")
		})
	}
}

// serve1 sends one request and returns the answer's body, which must be a 200.
func serve1(b *testing.B, h http.Handler, method, path string, header http.Header, body []byte) []byte {
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	maps.Copy(req.Header, header)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("%s %s: %d %s", method, path, rec.Code, rec.Body)
	}
	return rec.Body.Bytes()
}

// BenchmarkLinkMemory makes 100,000 and 1,000,000 buy links through the
// handler (short: the seed's first example; full: its second) and reports
// the live heap each link adds (B/link), after a garbage collection, once
// the journal is full. handler=json-record is the baseline: the same links
// kept as their encoded records in a map, as a store that keeps encodings
// holds them. Run it with -benchtime 1x: each iteration makes all the
// links.
func BenchmarkLinkMemory(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		for _, body := range []string{"short", "full"} {
			file := map[string]string{"short": "noventiq/examples/seed_example_1.json", "full": "noventiq/examples/seed_example_2.json"}[body]
			b.Run(fmt.Sprintf("links=%d/body=%s/handler=flashcart", n, body), func(b *testing.B) {
				for b.Loop() {
					s := newTest(b, func(o *Options) { o.MaxLinks = 2 * n })
					method, path, header, req := buyLinkCall(file)(b, s)
					h := s.Handler()
					for range 1000 { // the journal's 1,000 entries
						serve1(b, h, method, path, header, req)
					}
					before := liveHeap()
					for range n {
						serve1(b, h, method, path, header, req)
					}
					b.ReportMetric(float64(liveHeap()-before)/float64(n), "B/link")
					runtime.KeepAlive(s)
				}
			})
			b.Run(fmt.Sprintf("links=%d/body=%s/handler=json-record", n, body), func(b *testing.B) {
				for b.Loop() {
					s := newTest(b)
					method, path, header, req := buyLinkCall(file)(b, s)
					serve1(b, s.Handler(), method, path, header, req)
					var record []byte
					_ = s.store.View(func(tx store.Tx) error {
						return tx.ForEach("links", func(_ string, v []byte) error { record = v; return nil })
					})
					before := liveHeap()
					records := map[string][]byte{}
					for i := range n {
						records[strconv.Itoa(10_000_000+i)] = bytes.Clone(record)
					}
					b.ReportMetric(float64(liveHeap()-before)/float64(n), "B/link")
					runtime.KeepAlive(records)
				}
			})
		}
	}
}

// liveHeap is the heap in use after a garbage collection.
func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}
