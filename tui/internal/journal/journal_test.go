package journal

import (
	"net/http"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/tui/internal/ui"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

var at = time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)

func entry(path string, status int, codes ...int) sandbox.JournalEntry {
	return sandbox.JournalEntry{Time: at, Method: "POST", Path: path, Status: status, Codes: codes, Latency: 250 * time.Microsecond,
		RequestHeaders: http.Header{"Content-Type": {"application/json"}}, RequestBody: `{"currency":"EUR"}`,
		ResponseHeaders: http.Header{"Content-Type": {"application/json"}}, ResponseBody: `{"errors":[]}`}
}

// newJournal returns the journal of a fresh sandbox.
func newJournal(t *testing.T) *sandbox.Journal {
	t.Helper()
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sb.Close() })
	return sb.Journal()
}

// started returns a pane watching j, with what j held already listed.
func started(t *testing.T, j *sandbox.Journal) *Model {
	t.Helper()
	m := New(j)
	m.SetSize(100, 20)
	m.Update(m.Init()())
	return m
}

// pump delivers the entries waiting for the pane, as the program would.
func pump(t *testing.T, m *Model) {
	t.Helper()
	done := make(chan tea.Msg, 1)
	go func() { done <- next(m.watch)() }()
	select {
	case msg := <-done:
		m.Update(msg)
	case <-time.After(5 * time.Second):
		t.Fatal("no entry arrived")
	}
}

func TestListsLiveAndShowsDetailsWithHints(t *testing.T) {
	j := newJournal(t)
	j.Add(entry("/v1/login_check", 200))
	m := started(t, j)
	e := entry("/v1/generate_buy_link", 401, 1008)
	e.Hints = []string{"the token was sent in Authorization; the vendor reads it from AuthorizationJWT: Bearer <token>"}
	j.Add(e)
	pump(t, m)
	if len(m.Entries()) != 2 {
		t.Fatalf("entries %d", len(m.Entries()))
	}
	v := ansi.Strip(m.View())
	for _, want := range []string{"2 requests · following", "/v1/login_check", "401", "1008", "250µs", "⚑"} {
		if !strings.Contains(v, want) {
			t.Errorf("list lacks %q:\n%s", want, v)
		}
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	v = ansi.Strip(m.View())
	for _, want := range []string{"request #2", "Sandbox hints", "AuthorizationJWT: Bearer <token>", "── request body", `"currency": "EUR"`} {
		if !strings.Contains(v, want) {
			t.Errorf("detail lacks %q:\n%s", want, v)
		}
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	if strings.Contains(m.View(), "request #2") {
		t.Error("esc does not go back to the list")
	}
}

func TestFollowStopsWhenScrollingUp(t *testing.T) {
	j := newJournal(t)
	for range 3 {
		j.Add(entry("/v1/generate_buy_link", 200))
	}
	m := started(t, j)
	m.Update(tea.KeyPressMsg{Code: 'k', Text: "k"})
	j.Add(entry("/_sandbox/health", 200))
	pump(t, m)
	if m.nav.Pos != 1 || m.follow {
		t.Errorf("cursor %d follow %v after scrolling up", m.nav.Pos, m.follow)
	}
	m.Update(tea.KeyPressMsg{Code: 'G', Text: "G"})
	j.Add(entry("/_sandbox/health", 200))
	pump(t, m)
	if m.nav.Pos != 4 || !m.follow {
		t.Errorf("cursor %d follow %v after G", m.nav.Pos, m.follow)
	}
}

func TestMissedEntriesAreReadBack(t *testing.T) {
	j := newJournal(t)
	m := started(t, j)
	j.Add(entry("/a", 200))
	pump(t, m)
	// Entries the watch missed (its buffer was full) arrive by snapshot.
	m.merge([]sandbox.JournalEntry{{Seq: 3, Path: "/c"}, {Seq: 2, Path: "/b"}})
	var paths []string
	for _, e := range m.Entries() {
		paths = append(paths, e.Path)
	}
	if strings.Join(paths, " ") != "/a /b /c" {
		t.Errorf("after merge: %v", paths)
	}
	cmd := m.Update(entriesMsg{entries: []sandbox.JournalEntry{{Seq: 9, Path: "/i"}}})
	if cmd == nil {
		t.Error("a gap does not read the journal back")
	}
}

func TestMouseSelectsThenOpens(t *testing.T) {
	j := newJournal(t)
	j.Add(entry("/a", 200))
	j.Add(entry("/b", 400, 3010))
	m := started(t, j)
	m.Update(tea.MouseClickMsg{X: 5, Y: 2, Button: tea.MouseLeft})
	if m.nav.Pos != 0 || m.detail {
		t.Fatalf("first click: cursor %d detail %v", m.nav.Pos, m.detail)
	}
	m.Update(tea.MouseClickMsg{X: 5, Y: 2, Button: tea.MouseLeft})
	if !m.detail {
		t.Error("second click does not open")
	}
}

func TestAt80ThePathShowsWhatDiffersBetweenCheckoutCalls(t *testing.T) {
	j := newJournal(t)
	for _, action := range []string{"upsell", "exit-intent", "customer", "order"} {
		j.Add(entry("/_sandbox/checkout/8350E7FCA5/"+action, 200))
	}
	m := started(t, j)
	m.SetSize(80, 20)
	v := ansi.Strip(m.View())
	for _, want := range []string{"/upsell ", "…/exit-intent ", "/customer ", "/order "} {
		if !strings.Contains(v, want) {
			t.Errorf("the journal at 80 columns lacks %q:\n%s", want, v)
		}
	}
}

func TestVendorsMethodsAndWebhookAttempts(t *testing.T) {
	j := newJournal(t)
	nq := entry("/v1/login_check", 200)
	nq.Vendor = "noventiq"
	rpc := entry("/rpc/6.0/", 200, 55201)
	rpc.Vendor, rpc.Hints = "twocheckout", []string{"JSON-RPC method placeOrder"}
	hook := sandbox.JournalEntry{Time: at, Vendor: "noventiq", Method: "WEBHOOK", Path: "http://127.0.0.1:9/hooks",
		Hints: []string{"order.created wh_000001 (attempt 1, now pending): connection refused"}}
	for _, e := range []sandbox.JournalEntry{nq, rpc, hook} {
		j.Add(e)
	}
	m := started(t, j)
	v := ansi.Strip(m.View())
	for _, want := range []string{"nvq POST    /v1/login_check", "2co POST    /rpc/6.0/ placeOrder", "200    55201", "nvq WEBHOOK order.created → http://127.0.0.1:9/hooks", "hooks   —  "} {
		if !strings.Contains(v, want) {
			t.Errorf("the list lacks %q:\n%s", want, v)
		}
	}
	m.Update(tea.KeyPressMsg{Code: 'v', Text: "v"})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "2 requests · following · Noventiq only") || strings.Contains(v, "placeOrder") {
		t.Errorf("v lists the vendor in use alone:\n%s", v)
	}
	m.Update(ui.VendorMsg{Vendor: vendor.TwoCheckout})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "1 request · following · 2Checkout only") || !strings.Contains(v, "placeOrder") {
		t.Errorf("the list follows the vendor:\n%s", v)
	}
	m.Update(tea.KeyPressMsg{Code: 'v', Text: "v"})
	m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "webhook attempt #3") || !strings.Contains(v, "connection refused") || strings.Contains(v, "request headers") {
		t.Errorf("a webhook attempt's detail:\n%s", v)
	}
}

func TestAQueryKeepsItsEndpointAndTheControlAPIFollowsItsVendor(t *testing.T) {
	j := newJournal(t)
	e := entry("/_sandbox/webhooks", 200)
	e.Method, e.Query = "GET", "refno=192703393&vendor=twocheckout"
	j.Add(e)
	m := started(t, j)
	m.SetSize(80, 20)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "…/webhooks?refno=192… ") {
		t.Errorf("the query at 80 columns:\n%s", v)
	}
	m.Update(ui.VendorMsg{Vendor: vendor.TwoCheckout})
	m.Update(tea.KeyPressMsg{Code: 'v', Text: "v"})
	if len(m.rows) != 1 {
		t.Errorf("the control API's request about 2Checkout is not 2Checkout's: %v", m.rows)
	}
}

func TestSolifynsRequestsAndItsTwinAreTaggedAndKeptTogether(t *testing.T) {
	j := newJournal(t)
	create := entry("/v1/checkout/create", 201)
	create.Vendor = "solifyn"
	pay := entry("/_sandbox/solifyn/checkout/019b78c9-0a80-7458-919d-693fb215af08/pay", 200)
	hooks := entry("/_sandbox/webhooks", 200)
	hooks.Method, hooks.Query = "GET", "session_id=ch_C8kgUVwer9SwwO&vendor=solifyn"
	for _, e := range []sandbox.JournalEntry{create, pay, hooks, entry("/v1/generate_buy_link", 201)} {
		j.Add(e)
	}
	m := started(t, j)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "sol POST    /v1/checkout/create") || !strings.Contains(v, "-693fb215af08/pay") {
		t.Errorf("the list:\n%s", v)
	}
	m.Update(ui.VendorMsg{Vendor: vendor.Solifyn})
	m.Update(tea.KeyPressMsg{Code: 'v', Text: "v"})
	if v := ansi.Strip(m.View()); len(m.rows) != 3 || !strings.Contains(v, "3 requests · following · Solifyn only") {
		t.Errorf("v on Solifyn keeps its requests and the control API's about it (%d rows):\n%s", len(m.rows), v)
	}
}
