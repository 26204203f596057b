package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/journal"
	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// manyBadProducts is a generate_buy_link body with n products whose every
// name is missing: n errors, n paths in X-Sandbox-Error-Fields.
func manyBadProducts(n int) string {
	products := make([]string, n)
	for i := range products {
		products[i] = fmt.Sprintf(`{"id":%d,"price":"1.00","quantity":1}`, 111111)
	}
	return `{"currency":"EUR","products":[` + strings.Join(products, ",") + `]}`
}

// TestJournalIsBoundedInBytes sends requests whose bodies and diagnostic
// headers are large: the journal keeps within its byte budget, cuts the
// headers it keeps, and one read of it answers a bounded page.
func TestJournalIsBoundedInBytes(t *testing.T) {
	const budget = 1 << 20
	s := newTest(t, func(o *Options) { o.JournalBytes = budget })
	auth := "AuthorizationJWT: Bearer " + login(t, s)
	body := manyBadProducts(2000)
	for range 40 {
		if r := call(t, s, "POST", "/v1/generate_buy_link", body, auth, jsonCT); r.status != 400 {
			t.Fatalf("bad products: %d", r.status)
		}
	}
	var st Stats
	if err := json.Unmarshal([]byte(call(t, s, "GET", "/_sandbox/stats", "").body), &st); err != nil {
		t.Fatal(err)
	}
	if st.JournalBytes > budget || st.JournalBudget != budget || st.JournalDropped == 0 {
		t.Errorf("journal %d bytes of %d, %d dropped", st.JournalBytes, st.JournalBudget, st.JournalDropped)
	}
	r := call(t, s, "GET", "/_sandbox/journal?limit=1000", "")
	if len(r.body) > PageBytes+budget/4 {
		t.Errorf("one journal read answered %d bytes", len(r.body))
	}
	var page journalPage
	if err := json.Unmarshal([]byte(r.body), &page); err != nil || len(page.Entries) == 0 {
		t.Fatalf("journal page: %v", err)
	}
	for _, e := range page.Entries {
		if f := e.ResponseHeaders.Get(ErrorFieldsHeader); len(f) > 9<<10 {
			t.Errorf("entry %d keeps a %d-byte %s", e.Seq, len(f), ErrorFieldsHeader)
		}
	}
}

// TestJournalReadsDoNotGrowIt reads the journal again and again: its answer
// stays the size of the entries it holds, because a read of the journal is
// journaled without its answer's body.
func TestJournalReadsDoNotGrowIt(t *testing.T) {
	s := newTest(t)
	login(t, s)
	first := len(call(t, s, "GET", "/_sandbox/journal", "").body)
	var sizes []int
	for range 10 {
		sizes = append(sizes, len(call(t, s, "GET", "/_sandbox/journal", "").body))
	}
	// Each read adds one small entry (the read before it, without its body).
	if grow := sizes[9] - sizes[8]; grow > 1500 || sizes[9] > first+10*1500 {
		t.Errorf("journal answers grew %v from %d", sizes, first)
	}
	entries, _ := s.journal.Snapshot(nil)
	for _, e := range entries {
		if e.Path == "/_sandbox/journal" && e.ResponseBody != "" {
			t.Fatalf("a journal read kept its body: %.80s", e.ResponseBody)
		}
	}
}

func TestJournalPages(t *testing.T) {
	s := newTest(t)
	for range 5 {
		login(t, s)
	}
	var page journalPage
	r := call(t, s, "GET", "/_sandbox/journal?limit=2", "")
	if err := json.Unmarshal([]byte(r.body), &page); err != nil || len(page.Entries) != 2 || !page.More || page.NextAfter != 2 {
		t.Fatalf("first page: %s", r.body)
	}
	r = call(t, s, "GET", fmt.Sprintf("/_sandbox/journal?limit=2&after=%d", page.NextAfter), "")
	page = journalPage{}
	if err := json.Unmarshal([]byte(r.body), &page); err != nil || page.Entries[0].Seq != 3 {
		t.Fatalf("second page: %s", r.body)
	}
	for _, bad := range []string{"limit=0", "limit=1001", "limit=x", "after=-1"} {
		if r := call(t, s, "GET", "/_sandbox/journal?"+bad, ""); r.status != 400 || !strings.Contains(r.body, `"error"`) {
			t.Errorf("%s: %d %s", bad, r.status, r.body)
		}
	}
}

func TestWebhooksPages(t *testing.T) {
	h := newHarness(t, nil)
	link := h.link(`{"currency":"EUR","products":[{"id":222222,"name":"A","price":"9.00","quantity":1},{"id":555555,"name":"B","price":"9.00","quantity":1}],
		"customer":{"type":"physical","email":"a@b.io","first_name":"A","last_name":"B","country":"FR"}}`)
	h.json("POST", "/_sandbox/checkout/"+link+"/order", `{"card":"4242424242424242"}`, 200, nil)
	var all, page deliveriesPage
	h.json("GET", "/_sandbox/webhooks", "", 200, &all)
	if len(all.Deliveries) != 6 || all.More {
		t.Fatalf("%d deliveries, more %v", len(all.Deliveries), all.More)
	}
	var got []string
	for after := ""; ; after = page.NextAfter {
		page = deliveriesPage{}
		h.json("GET", "/_sandbox/webhooks?limit=4&after="+after, "", 200, &page)
		for _, d := range page.Deliveries {
			got = append(got, d.ID)
		}
		if !page.More {
			break
		}
	}
	if strings.Join(got, " ") != "wh_000001 wh_000002 wh_000003 wh_000004 wh_000005 wh_000006" {
		t.Errorf("paged through %v", got)
	}
	if rec := h.do("GET", "/_sandbox/webhooks?limit=5000", ""); rec.Code != 400 {
		t.Errorf("limit 5000: %d", rec.Code)
	}
}

// TestHostileWorldFiles reloads world files that are not worlds: a FIFO,
// a link to /dev/zero, a file over the size bound, one with too many
// values. Each is refused like any invalid world, at once, and the last
// good world keeps serving.
func TestHostileWorldFiles(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "world.yaml")
	if err := os.WriteFile(file, fixtures.DefaultYAML(), 0o600); err != nil {
		t.Fatal(err)
	}
	w, err := fixtures.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	s := newTest(t, func(o *Options) { o.World, o.WorldFile = w, file })
	replace := func(make func(string) error) {
		t.Helper()
		_ = os.Remove(file)
		if err := make(file); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		name string
		make func(string) error
		want string
	}{
		{"a FIFO", func(p string) error { return syscall.Mkfifo(p, 0o600) }, "is not a regular file"},
		{"a link to /dev/zero", func(p string) error { return os.Symlink("/dev/zero", p) }, "is not a regular file"},
		{"too big", func(p string) error { return os.WriteFile(p, make([]byte, fixtures.MaxFileBytes+1), 0o600) }, "a world file holds at most 1048576"},
		{"too many values", func(p string) error {
			return os.WriteFile(p, []byte("version: 2\nnoventiq:\n  x: ["+strings.Repeat("1,", 150_000)+"1]\n"), 0o600)
		}, "more than 100000 values"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			replace(tt.make)
			done := make(chan reply, 1)
			go func() { done <- call(t, s, "POST", "/_sandbox/world/reload", "") }()
			select {
			case r := <-done:
				var st WorldStatus
				if err := json.Unmarshal([]byte(r.body), &st); err != nil || r.status != 422 || !strings.Contains(st.Error, tt.want) {
					t.Errorf("reload: %d %s, want 422 saying %q", r.status, r.body, tt.want)
				}
			case <-time.After(30 * time.Second): // far more than it takes under -race on a loaded machine
				t.Fatal("the reload hangs")
			}
			if r := call(t, s, "GET", "/_sandbox/world", ""); r.status != 200 {
				t.Errorf("world status after the reload: %d", r.status)
			}
			if r := call(t, s, "POST", "/v1/login_check", `{"username":"demo","password":"demo"}`, jsonCT); r.status != 200 {
				t.Errorf("the last good world stopped serving: %d", r.status)
			}
		})
	}
}

// TestWorldStatusWhileAReloadReads keeps a reload busy and reads the world
// status: a reader never waits for a reload.
func TestWorldStatusWhileAReloadReads(t *testing.T) {
	s := newTest(t, func(o *Options) { o.WorldFile = filepath.Join(t.TempDir(), "w.yaml") })
	s.worlds.reloading.Lock() // a reload that reads for ever
	defer s.worlds.reloading.Unlock()
	done := make(chan int, 1)
	go func() { done <- call(t, s, "GET", "/_sandbox/world", "").status }()
	select {
	case status := <-done:
		if status != 200 {
			t.Errorf("status %d", status)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("GET /_sandbox/world waits for the reload")
	}
}

// fullDisk is a store whose writes fail as a full disk's do, once full.
type fullDisk struct {
	store.Store
	full *atomic.Bool
}

func (d fullDisk) Update(fn func(store.Tx) error) error {
	if d.full.Load() {
		return fmt.Errorf("store: commit: write state.db: %w", syscall.ENOSPC)
	}
	return d.Store.Update(fn)
}

// TestFullDisk answers a write on a full disk with a 500 whose hint, and
// journal entry, name the cause.
func TestFullDisk(t *testing.T) {
	full := &atomic.Bool{}
	s := newTest(t, func(o *Options) { o.store = fullDisk{store.NewMemory(), full} })
	tok := login(t, s)
	full.Store(true)
	r := call(t, s, "POST", "/v1/generate_buy_link", minimal, "AuthorizationJWT: Bearer "+tok, jsonCT)
	if r.status != 500 || r.body != `{"code":500,"message":"Internal Server Error"}` || !strings.Contains(r.header.Get(HintHeader), "no space left on device") {
		t.Errorf("%d %s hint %q", r.status, r.body, r.header.Get(HintHeader))
	}
	entries, _ := s.journal.Snapshot(func(e *journal.Entry) bool { return e.Status == 500 })
	if len(entries) != 1 || !strings.Contains(strings.Join(entries[0].Hints, " "), "no space left on device") {
		t.Errorf("journal %+v", entries)
	}
}

// TestStrictControlBodies sends control and checkout bodies with data after
// the JSON value, nulls and bad UTF-8: each is a 400 that changes nothing.
func TestStrictControlBodies(t *testing.T) {
	h := newHarness(t, nil)
	link := h.link(`{"currency":"EUR","products":[{"id":222222,"name":"A","price":"9.00","quantity":1}],
		"customer":{"type":"physical","email":"a@b.io","first_name":"A","last_name":"B","country":"FR"}}`)
	for _, tt := range []struct{ path, body string }{
		{"/_sandbox/reset", `{"account":"demo"} x`},
		{"/_sandbox/reset", `{"account":null}`},
		{"/_sandbox/reset", `{"vendor":null}`},
		{"/_sandbox/reset", `{"vendor":"nobody"}`},
		{"/_sandbox/reset", "{\"account\":\"de\xffmo\"}"},
		{"/_sandbox/checkout/" + link + "/order", `{"card":"4242424242424242"}{"card":"4000000000000002"} junk`},
		{"/_sandbox/checkout/" + link + "/order", "{\"card\":\"4242\xff\"}"},
		{"/_sandbox/checkout/" + link + "/exit-intent", `{"anything":1}`},
		{"/_sandbox/checkout/" + link + "/exit-intent", `{} {}`},
		{"/_sandbox/clock", `{"advance":"1h"} {"advance":"1h"}`},
		{"/_sandbox/faults", `{"path":"/v1/*","status":503} x`},
	} {
		if rec := h.do("POST", tt.path, tt.body); rec.Code != 400 || !strings.HasPrefix(rec.Body.String(), `{"error":`) {
			t.Errorf("POST %s %q: %d %s", tt.path, tt.body, rec.Code, rec.Body)
		}
	}
	var st struct {
		Status string `json:"status"`
		Order  any    `json:"order"`
	}
	h.json("GET", "/_sandbox/checkout/"+link, "", 200, &st)
	if st.Status != "open" || st.Order != nil {
		t.Errorf("the link after refused bodies: %+v", st)
	}
	var faults faultList
	h.json("GET", "/_sandbox/faults", "", 200, &faults)
	if len(faults.Faults) != 0 {
		t.Errorf("faults %+v", faults)
	}
	var clock clockState
	h.json("GET", "/_sandbox/clock", "", 200, &clock)
	if !clock.Now.Equal(t0) {
		t.Errorf("the clock moved to %v", clock.Now)
	}
}

// TestClockStaysInRange moves the clock past its ends by every means: each
// is a 400 naming the range, and the clock stays where it was.
func TestClockStaysInRange(t *testing.T) {
	h := newHarness(t, nil)
	for _, body := range []string{
		`{"advance":"2562047h"}`, `{"advance":"-2562047h"}`, `{"set":"9999-12-31T23:59:59Z"}`,
		`{"set":"1969-12-31T23:59:59Z"}`, `{"advance":"1600000h"}`,
	} {
		rec := h.do("POST", "/_sandbox/clock", body)
		if rec.Code != 400 || !strings.Contains(rec.Body.String(), "the sandbox clock stays between 1970-01-01T00:00:00Z and 2200-01-01T00:00:00Z") {
			t.Errorf("%s: %d %s", body, rec.Code, rec.Body)
		}
	}
	var clock clockState
	h.json("POST", "/_sandbox/clock", `{"set":"2199-12-31T00:00:00Z"}`, 200, &clock)
	if clock.Now.Year() != 2199 {
		t.Errorf("set inside the range: %v", clock.Now)
	}
	if rec := h.do("POST", "/_sandbox/clock", `{"advance":"48h"}`); rec.Code != 400 {
		t.Errorf("advance past the end: %d", rec.Code)
	}
}

// TestSearchBodiesInBadUTF8 sends an order search and a modify call whose
// values are not UTF-8: 110, like every other body.
func TestSearchBodiesInBadUTF8(t *testing.T) {
	h := newHarness(t, nil)
	for _, path := range []string{"/v1/order/search", "/v1/subscription/modify_activity"} {
		rec := h.do("POST", path, "{\"email\":\"a\xff@b.io\"}")
		if rec.Code != 400 || rec.Body.String() != `{"errors":[{"error":110,"message":"JSON is not valid. The request cannot be processed."}]}` {
			t.Errorf("%s: %d %s", path, rec.Code, rec.Body)
		}
	}
}

// TestWebhookRedirectIsJournaled points the webhooks at a receiver that
// redirects: the signed body is not posted to the redirect's target, the
// attempt fails, and the journal says why.
func TestWebhookRedirectIsJournaled(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { elsewhere.Add(1) }))
	defer other.Close()
	redirect := httptest.NewServer(http.RedirectHandler(other.URL, http.StatusFound))
	defer redirect.Close()
	w := fixtures.Default()
	if err := w.SetWebhook(redirect.URL, ""); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, w)
	link := h.link(`{"currency":"EUR","products":[{"id":222222,"name":"A","price":"9.00","quantity":1}],
		"customer":{"type":"physical","email":"a@b.io","first_name":"A","last_name":"B","country":"FR"}}`)
	h.json("POST", "/_sandbox/checkout/"+link+"/order", `{"card":"4242424242424242"}`, 200, nil)
	var got []journal.Entry
	for deadline := time.Now().Add(10 * time.Second); len(got) == 0 && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		got, _ = h.sb.journal.Snapshot(func(e *journal.Entry) bool { return e.Method == "WEBHOOK" })
	}
	if len(got) == 0 {
		t.Fatal("no webhook attempt in the journal")
	}
	e := got[0]
	if e.Status != 302 || e.Vendor != "noventiq" || e.Path != redirect.URL || !strings.Contains(e.Hints[0], "the receiver answered 302 Found (redirects are not followed)") {
		t.Errorf("journaled attempt %+v", e)
	}
	if elsewhere.Load() != 0 {
		t.Errorf("the redirect's target got %d posts", elsewhere.Load())
	}
}

// TestDiagnosticHeadersAreBounded answers a body with a thousand failing
// products: the diagnostic headers stay under 4 KiB in total and say how
// many paths they leave out; the journal keeps them all.
func TestDiagnosticHeadersAreBounded(t *testing.T) {
	s := newTest(t)
	r := call(t, s, "POST", "/v1/generate_buy_link", manyBadProducts(1000), "AuthorizationJWT: Bearer "+login(t, s), jsonCT)
	fields := r.header.Get(ErrorFieldsHeader)
	total := len(fields)
	for _, h := range r.header.Values(HintHeader) {
		total += len(h)
	}
	if r.status != 400 || total > 4096 || !strings.HasPrefix(fields, "products[0].name,") || !regexp.MustCompile(`,… and \d+ more$`).MatchString(fields) {
		t.Errorf("%d: %d bytes of diagnostics; fields end %q", r.status, total, fields[max(0, len(fields)-40):])
	}
	// Every product lacks its name and all but the first repeat its id:
	// 1999 errors.
	const errs = 1999
	kept := strings.Count(fields, ",")
	if n := regexp.MustCompile(`and (\d+) more$`).FindStringSubmatch(fields); n == nil || atoi(n[1])+kept != errs {
		t.Errorf("kept %d paths, says %v more", kept, n)
	}
	entries, _ := s.journal.Snapshot(func(e *journal.Entry) bool { return e.Status == 400 })
	if len(entries) != 1 || len(entries[0].ErrorFields) != errs || !slices.Contains(entries[0].ErrorFields, "products[999].name") {
		t.Errorf("the journal keeps %d error fields", len(entries[0].ErrorFields))
	}
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// TestLinksPastTheBoundEvictTheOldestNeverOpened keeps at most 10 links:
// the link that goes past the bound evicts the oldest link never opened,
// says so in a hint, and the stats count it; opened and changed links
// stay, and so does a link whose page was opened after it was made.
func TestLinksPastTheBoundEvictTheOldestNeverOpened(t *testing.T) {
	s := newTest(t, func(o *Options) { o.MaxLinks = 10 })
	auth := "AuthorizationJWT: Bearer " + login(t, s)
	var ids []string
	newLink := func() reply {
		r := call(t, s, "POST", "/v1/generate_buy_link", minimal, auth, jsonCT)
		var out struct {
			ExternalID string `json:"external_id"`
		}
		if r.status != 200 || json.Unmarshal([]byte(r.body), &out) != nil {
			t.Fatalf("link: %d %s", r.status, r.body)
		}
		ids = append(ids, out.ExternalID)
		return r
	}
	for range 10 {
		if r := newLink(); len(r.header.Values("X-Sandbox-Hint")) > 0 {
			t.Fatalf("a link within the bound: %v", r.header.Values("X-Sandbox-Hint"))
		}
	}
	if r := call(t, s, "GET", "/_sandbox/checkout/"+ids[0], ""); r.status != 200 {
		t.Fatalf("open the first link: %d", r.status)
	}
	if r := call(t, s, "POST", "/_sandbox/checkout/"+ids[1]+"/exit-intent", "", jsonCT); r.status != 200 {
		t.Fatalf("change the second link: %d %s", r.status, r.body)
	}
	r := newLink()
	want := "this link took the sandbox past its bound of 10 links (--max-links): 1 links never opened were evicted, oldest first, " + ids[2] + " to " + ids[2]
	if got := r.header.Values("X-Sandbox-Hint"); !slices.Equal(got, []string{want}) {
		t.Errorf("hint %q, want %q", got, want)
	}
	newLink()
	for i, want := range map[int]int{0: 200, 1: 200, 2: 404, 3: 404, 4: 200, 11: 200} {
		if got := call(t, s, "GET", "/_sandbox/checkout/"+ids[i], "").status; got != want {
			t.Errorf("link %d (%s): %d, want %d", i, ids[i], got, want)
		}
	}
	var st Stats
	if err := json.Unmarshal([]byte(call(t, s, "GET", "/_sandbox/stats", "").body), &st); err != nil {
		t.Fatal(err)
	}
	if st.Evicted["noventiq/links"] != 2 || st.Records["links"] != 10 {
		t.Errorf("stats: evicted %v, records %v; want 2 evicted, 10 kept", st.Evicted, st.Records)
	}
	entries, _ := s.Journal().Snapshot(nil)
	hinted := 0
	for _, e := range entries {
		for _, h := range e.Hints {
			if strings.Contains(h, "--max-links") {
				hinted++
			}
		}
	}
	if hinted != 2 {
		t.Errorf("%d journal entries say what was evicted, want 2", hinted)
	}
}
