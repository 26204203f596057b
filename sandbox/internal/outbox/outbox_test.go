package outbox

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/store"
)

var start = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func message(url string, n int) Message {
	return Message{
		Vendor: "noventiq", Account: "demo", Event: "order.created", URL: url,
		Subject: map[string]any{"order_id": 1234567, "product_id": "11111" + string(rune('0'+n))},
		Header:  http.Header{"Signature": {"sig"}}, Body: []byte(`{"n":` + string(rune('0'+n)) + `}`),
	}
}

func enqueue(t *testing.T, st store.Store, ms ...Message) {
	t.Helper()
	err := st.Update(func(tx store.Tx) error {
		for _, m := range ms {
			if _, err := Enqueue(tx, m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func list(t *testing.T, st store.Store, f Filter) []Delivery {
	t.Helper()
	var ds []Delivery
	if err := st.View(func(tx store.Tx) (err error) { ds, err = List(tx, f); return err }); err != nil {
		t.Fatal(err)
	}
	return ds
}

// indexed counts the pending index's entries.
func indexed(t *testing.T, st store.Store) int {
	t.Helper()
	n := 0
	_ = st.View(func(tx store.Tx) error {
		return tx.ForEach(PendingBucket, func(string, []byte) error { n++; return nil })
	})
	return n
}

func testOutbox(st store.Store) *Outbox {
	o := New(st, func() time.Time { return start }, slog.New(slog.DiscardHandler))
	o.Register("noventiq", Policy{Backoff: func(int) time.Duration { return 0 }, MaxAttempts: 10})
	return o
}

func TestDeliveryJSON(t *testing.T) {
	st := store.NewMemory()
	enqueue(t, st, message("", 1), Message{Vendor: "twocheckout", Account: "m", Event: "COMPLETE", URL: "http://x",
		ContentType: "application/x-www-form-urlencoded", Body: []byte("REFNO=1&HASH=ab")})
	ds := list(t, st, Filter{})
	raw, err := json.Marshal(ds)
	if err != nil {
		t.Fatal(err)
	}
	const want = `[{"account":"demo","attempts":[],"body":{"n":1},"event":"order.created","headers":{"Signature":["sig"]},` +
		`"id":"wh_000001","order_id":1234567,"product_id":"111111","state":"no_receiver","url":"","vendor":"noventiq"},` +
		`{"account":"m","attempts":[],"body":"REFNO=1\u0026HASH=ab","content_type":"application/x-www-form-urlencoded",` +
		`"event":"COMPLETE","id":"wh_000002","state":"pending","url":"http://x","vendor":"twocheckout"}]`
	if string(raw) != want {
		t.Errorf("deliveries\n got %s\nwant %s", raw, want)
	}
	if string(ds[1].Body) != "REFNO=1&HASH=ab" || ds[0].Subject["order_id"] != json.Number("1234567") {
		t.Errorf("decoded %+v", ds)
	}
	if n := indexed(t, st); n != 1 {
		t.Errorf("%d indexed as pending, want only the one with a receiver", n)
	}
	for _, f := range []Filter{{Subject: map[string]string{"order_id": "1234567"}}, {Vendor: "noventiq"}, {Event: "order.created", Account: "demo"}} {
		if got := list(t, st, f); len(got) != 1 || got[0].ID != "wh_000001" {
			t.Errorf("filter %+v kept %d", f, len(got))
		}
	}
	for _, f := range []Filter{{Subject: map[string]string{"order_id": "1"}}, {Subject: map[string]string{"colour": "red"}}, {State: Failed}} {
		if got := list(t, st, f); len(got) != 0 {
			t.Errorf("filter %+v kept %d", f, len(got))
		}
	}
}

func TestEnqueueRefuses(t *testing.T) {
	st := store.NewMemory()
	for _, m := range []Message{
		{Vendor: "v", Subject: map[string]any{"state": "x"}, Body: []byte(`{}`)},
		{Vendor: "v", Body: []byte(`not json`)},
	} {
		err := st.Update(func(tx store.Tx) error { _, err := Enqueue(tx, m); return err })
		if err == nil {
			t.Errorf("%+v was enqueued", m)
		}
	}
}

// receiver records deliveries and fails the first fails requests.
type receiver struct {
	mu       sync.Mutex
	fails    int
	received []*http.Request
	bodies   []string
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	body, _ := io.ReadAll(req.Body)
	r.received = append(r.received, req)
	r.bodies = append(r.bodies, string(body))
	if len(r.received) <= r.fails {
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
	}
}

func TestRetriesUntilDelivered(t *testing.T) {
	rec := &receiver{fails: 2}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	st := store.NewMemory()
	enqueue(t, st, message(srv.URL, 1), message(srv.URL, 2), message(srv.URL, 3))
	o := testOutbox(st)
	for range 3 {
		if err := o.DeliverDue(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	ds := list(t, st, Filter{})
	// Round one: wh_000001 and wh_000002 meet the failing receiver, wh_000003
	// gets through; round two delivers the first two.
	if a := ds[0].Attempts; len(a) != 2 || a[0].Status != 503 || a[0].Error != "the receiver answered 503 Service Unavailable" || a[1].Status != 200 || a[1].Error != "" || !a[0].At.Equal(start) {
		t.Errorf("attempts of the first delivery %+v", a)
	}
	if len(rec.received) != 5 {
		t.Errorf("%d requests, want 5 (2 failed, 3 delivered, no more)", len(rec.received))
	}
	for _, d := range ds {
		if d.State != Delivered {
			t.Errorf("%s is %s", d.ID, d.State)
		}
	}
	if n := indexed(t, st); n != 0 {
		t.Errorf("%d delivered deliveries still indexed as pending", n)
	}
	third := rec.received[2]
	if third.Header.Get("Content-Type") != "application/json" || third.Header.Get("Signature") != "sig" || rec.bodies[2] != `{"n":3}` {
		t.Errorf("third request %v %s", third.Header, rec.bodies[2])
	}
}

func TestGivesUpVisiblyWhenTheReceiverIsDown(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens there now
	st := store.NewMemory()
	enqueue(t, st, message(url, 1))
	o := testOutbox(st)
	o.Register("noventiq", Policy{Backoff: func(int) time.Duration { return 0 }, MaxAttempts: 3})
	for range 5 {
		if err := o.DeliverDue(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range list(t, st, Filter{}) {
		if d.State != Failed || len(d.Attempts) != 3 || !strings.Contains(d.Attempts[0].Error, "connection refused") || d.Attempts[0].Status != 0 {
			t.Errorf("%s = %+v, want failed after 3 recorded attempts", d.ID, d)
		}
	}
}

func TestRedirectIsAFailedAttempt(t *testing.T) {
	var elsewhere int
	other := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { elsewhere++ }))
	defer other.Close()
	srv := httptest.NewServer(http.RedirectHandler(other.URL, http.StatusTemporaryRedirect))
	defer srv.Close()
	st := store.NewMemory()
	enqueue(t, st, message(srv.URL, 1))
	if err := testOutbox(st).DeliverDue(context.Background()); err != nil {
		t.Fatal(err)
	}
	d := list(t, st, Filter{})[0]
	if elsewhere != 0 || d.State != Pending || len(d.Attempts) != 1 || d.Attempts[0].Status != 307 ||
		d.Attempts[0].Error != "the receiver answered 307 Temporary Redirect (redirects are not followed)" {
		t.Errorf("redirect followed %d times; delivery %+v", elsewhere, d)
	}
}

func TestWaitsForTheBackoff(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(500) }))
	defer srv.Close()
	st := store.NewMemory()
	enqueue(t, st, message(srv.URL, 1))
	now := start
	o := testOutbox(st)
	o.Now = func() time.Time { return now }
	o.Poll = time.Hour
	o.Register("noventiq", DefaultPolicy)
	attempts := func() int { return len(list(t, st, Filter{})[0].Attempts) }
	_ = o.DeliverDue(context.Background())
	if wait, _ := o.dispatch(context.Background(), &sync.WaitGroup{}); wait != time.Second {
		t.Fatalf("next look in %v, want the 1s backoff", wait)
	}
	if n := attempts(); n != 1 {
		t.Errorf("%d attempts before the backoff passed, want 1", n)
	}
	now = now.Add(time.Second)
	_ = o.DeliverDue(context.Background())
	if wait, _ := o.dispatch(context.Background(), &sync.WaitGroup{}); attempts() != 2 || wait != 2*time.Second {
		t.Errorf("%d attempts, next look in %v; want 2 and a 2s backoff", attempts(), wait)
	}
}

func TestSandboxClockPolicy(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(500) }))
	defer srv.Close()
	st := store.NewMemory()
	m := message(srv.URL, 1)
	m.Vendor = "solifyn"
	enqueue(t, st, m)
	clock := start
	o := testOutbox(st)
	o.Clock = func() time.Time { return clock }
	o.Register("solifyn", Policy{Backoff: func(int) time.Duration { return time.Hour }, MaxAttempts: 2, SandboxClock: true})
	_ = o.DeliverDue(context.Background())
	d := list(t, st, Filter{})[0]
	if !d.NextAt.Equal(start.Add(time.Hour)) {
		t.Fatalf("next attempt at %v, want an hour later on the sandbox clock", d.NextAt)
	}
	_ = o.DeliverDue(context.Background())
	if n := len(list(t, st, Filter{})[0].Attempts); n != 1 {
		t.Fatalf("%d attempts before the clock moved", n)
	}
	clock = clock.Add(time.Hour)
	_ = o.DeliverDue(context.Background())
	if d := list(t, st, Filter{})[0]; len(d.Attempts) != 2 || d.State != Failed {
		t.Errorf("after the clock moved: %+v", d)
	}
}

func TestAcceptDecides(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "receipt") }))
	defer srv.Close()
	st := store.NewMemory()
	enqueue(t, st, message(srv.URL, 1))
	o := testOutbox(st)
	var seen string
	o.Register("noventiq", Policy{Backoff: func(int) time.Duration { return 0 }, MaxAttempts: 1, Accept: func(_ *Delivery, status int, body []byte) error {
		seen = string(body)
		return io.ErrUnexpectedEOF
	}})
	_ = o.DeliverDue(context.Background())
	if d := list(t, st, Filter{})[0]; seen != "receipt" || d.State != Failed || d.Attempts[0].Error != io.ErrUnexpectedEOF.Error() {
		t.Errorf("accept saw %q; delivery %+v", seen, d)
	}
}

// TestHangingReceiverStallsOnlyItself sends to a receiver that never
// answers and to one that does: the second is delivered while the first
// still hangs.
func TestHangingReceiverStallsOnlyItself(t *testing.T) {
	hang := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	defer close(hang)
	fast := &receiver{}
	quick := httptest.NewServer(fast)
	defer quick.Close()
	st := store.NewMemory()
	enqueue(t, st, message(slow.URL, 1), message(slow.URL, 2), message(quick.URL, 3))
	o := testOutbox(st)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { o.Run(ctx); close(done) }()
	deadline := time.After(10 * time.Second)
	for len(list(t, st, Filter{State: Delivered})) == 0 {
		select {
		case <-deadline:
			t.Fatal("the answering receiver got nothing while the other hung")
		case <-time.After(5 * time.Millisecond):
		}
	}
	if got := list(t, st, Filter{State: Delivered}); len(got) != 1 || got[0].ID != "wh_000003" {
		t.Errorf("delivered %+v", got)
	}
	cancel()
	<-done
}

// TestResetDeliveriesStayGone resets the account of pending deliveries,
// one of them while it is being sent: the outbox neither sends the removed
// ones nor brings the one in flight back.
func TestResetDeliveriesStayGone(t *testing.T) {
	st := store.NewMemory()
	sent := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sent++
		if _, err := store.Reset(st, store.Scope{Account: "demo"}); err != nil {
			t.Error(err)
		}
	}))
	defer srv.Close()
	enqueue(t, st, message(srv.URL, 1), message(srv.URL, 2))
	o := testOutbox(st)
	for range 2 {
		if err := o.DeliverDue(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if ds := list(t, st, Filter{}); sent != 1 || len(ds) != 0 {
		t.Errorf("after the reset: %d sent (want 1, the one in flight), deliveries %+v (want none)", sent, ds)
	}
}

func TestDefaultBackoff(t *testing.T) {
	tests := map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 5: 16 * time.Second, 9: 256 * time.Second, 10: 5 * time.Minute, 60: 5 * time.Minute}
	for n, want := range tests {
		if got := DefaultBackoff(n); got != want {
			t.Errorf("DefaultBackoff(%d) = %v, want %v", n, got, want)
		}
	}
}

// TestOrderedPolicy: a receiver's later deliveries of an ordered vendor
// wait for an older one's retries, in the same round and in the next ones;
// the unordered vendor's go ahead.
func TestOrderedPolicy(t *testing.T) {
	rec := &receiver{fails: 1}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	st := store.NewMemory()
	ordered := func(n int) Message {
		m := message(srv.URL, n)
		m.Vendor = "solifyn"
		return m
	}
	enqueue(t, st, ordered(1), ordered(2), message(srv.URL, 3))
	clock := start
	o := testOutbox(st)
	o.Clock = func() time.Time { return clock }
	o.Register("solifyn", Policy{Backoff: func(int) time.Duration { return time.Minute }, MaxAttempts: 3, SandboxClock: true, Ordered: true})
	deliver := func() {
		if err := o.DeliverDue(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	deliver()
	deliver()
	if got := strings.Join(rec.bodies, " "); got != `{"n":1} {"n":3}` {
		t.Fatalf("before the retry: %s", got)
	}
	clock = clock.Add(time.Minute)
	deliver()
	if got := strings.Join(rec.bodies, " "); got != `{"n":1} {"n":3} {"n":1} {"n":2}` {
		t.Errorf("after the retry: %s", got)
	}
	for _, d := range list(t, st, Filter{}) {
		if d.State != Delivered {
			t.Errorf("%s is %s", d.ID, d.State)
		}
	}
}

// TestAStaleListingDoesNotSendTwice: a lane that listed a delivery before
// another lane's failed attempt was recorded does not send it again before
// its backoff.
func TestAStaleListingDoesNotSendTwice(t *testing.T) {
	rec := &receiver{fails: 5}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	st := store.NewMemory()
	enqueue(t, st, message(srv.URL, 1))
	o := testOutbox(st)
	o.Register("noventiq", Policy{Backoff: func(int) time.Duration { return time.Hour }, MaxAttempts: 3})
	stale := list(t, st, Filter{})[0]
	for range 2 {
		if _, err := o.attempt(context.Background(), stale.ID); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(rec.received); n != 1 {
		t.Errorf("%d requests, want 1 before the backoff", n)
	}
}

// TestPendingListsDecodeOnlyWhatChanged: the worker's listing of pending
// deliveries reuses what it decoded before for records unchanged since,
// and reads a record written since (an attempt recorded) anew; a delivery
// no longer pending leaves it.
func TestPendingListsDecodeOnlyWhatChanged(t *testing.T) {
	rec := &receiver{fails: 1}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	st := store.NewMemory()
	enqueue(t, st, message(srv.URL, 1), message("http://127.0.0.1:1/never", 2))
	o := testOutbox(st)
	first, err := o.listed.pending(st)
	if err != nil || len(first) != 2 {
		t.Fatalf("pending: %v %v", first, err)
	}
	again, _ := o.listed.pending(st)
	if &again[0].Body[0] != &first[0].Body[0] || &again[1].Body[0] != &first[1].Body[0] {
		t.Error("an unchanged delivery was decoded again")
	}
	if _, err := o.attempt(context.Background(), first[0].ID); err != nil { // the receiver fails it once
		t.Fatal(err)
	}
	after, _ := o.listed.pending(st)
	if len(after) != 2 || len(after[0].Attempts) != 1 || after[0].Attempts[0].Error == "" || len(after[1].Attempts) != 0 {
		t.Fatalf("after a failed attempt: %+v", after)
	}
	if &after[1].Body[0] != &first[1].Body[0] {
		t.Error("the delivery not attempted was decoded again")
	}
	if _, err := o.attempt(context.Background(), first[0].ID); err != nil { // delivered now
		t.Fatal(err)
	}
	if last, _ := o.listed.pending(st); len(last) != 1 || last[0].ID != first[1].ID || len(o.listed.decoded) != 1 {
		t.Errorf("after delivery: %+v, %d kept decoded", last, len(o.listed.decoded))
	}
	if first[0].State != Pending || len(first[0].Attempts) != 0 {
		t.Errorf("a listed delivery changed under its reader: %+v", first[0])
	}
}
