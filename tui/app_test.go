package tui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/flashcart/flashcart/tui/internal/tuitest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/sandbox/solifyn"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/compose"
	"github.com/flashcart/flashcart/tui/internal/ui"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

var start = time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)

// newApp returns the workbench on a sandbox with a frozen clock and the
// given journal entries, sized, its panes started and logged in, without
// touching the network: every message it gets is made by the test.
func newApp(t testing.TB, width, height int, entries ...sandbox.JournalEntry) *Model {
	t.Helper()
	seed := uint64(7)
	sb, err := sandbox.New(sandbox.Options{Seed: &seed, Clock: sandbox.FrozenClock(start)})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		sb.Journal().Add(e)
	}
	m := New(Config{Sandbox: sb, URL: "http://127.0.0.1:8080", Scenarios: []string{"internal/scenarios/testdata/suites"}, Seed: 1})
	// The address is what the goldens show; the requests go to this
	// test's sandbox, in process.
	m.client.HTTP = &http.Client{Transport: tuitest.InProcess(sb.Handler())}
	m.client.Now = func() time.Time { return start } // the exchanges' time and latency
	for _, p := range m.panes {
		tuitest.Run(func(msg tea.Msg) tea.Cmd { _, cmd := m.Update(msg); return cmd }, p.Init())
	}
	send(m, tea.WindowSizeMsg{Width: width, Height: height}, client.LoggedInMsg{Vendor: vendor.Noventiq, Account: "demo", Token: "tok"})
	return m
}

// shown is the pane of the vendor in use at tab id.
func shown[T ui.Pane](m *Model, id ui.ID) T { return m.Pane(id).(*ui.PerVendor).Shown().(T) }

func send(m *Model, msgs ...tea.Msg) {
	tuitest.Send(func(msg tea.Msg) tea.Cmd { _, cmd := m.Update(msg); return cmd }, msgs...)
}

func screen(m *Model) string { return ansi.Strip(m.View().Content) }

func TestTabsKeysAndCapture(t *testing.T) {
	m := newApp(t, 100, 30)
	send(m, tuitest.Keys("tab")...)
	if m.Active() != ui.Response {
		t.Fatalf("tab shows %d", m.Active())
	}
	send(m, tuitest.Keys("shift+tab", "shift+tab")...)
	if m.Active() != ui.Scenarios {
		t.Fatalf("shift+tab twice shows %d", m.Active())
	}
	send(m, tuitest.Keys("4")...)
	if m.Active() != ui.Journal {
		t.Fatalf("4 shows %d", m.Active())
	}
	send(m, tuitest.Keys("1", "enter", "2")...) // editing currency: 2 is typed, not a pane switch
	c := shown[*compose.Model](m, ui.Compose)
	if m.Active() != ui.Compose || !strings.Contains(string(c.Body()), `"currency": "EUR2"`) {
		t.Errorf("capture: active %d body %s", m.Active(), c.Body())
	}
	_, cmd := m.Update(tea.KeyPressMsg{Code: 'q', Text: "q"})
	if cmd != nil {
		if _, quit := cmd().(tea.QuitMsg); quit {
			t.Error("q quits while a field is edited")
		}
	}
	_, cmd = m.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	if cmd == nil {
		t.Fatal("ctrl+c does nothing")
	}
	if _, quit := cmd().(tea.QuitMsg); !quit {
		t.Error("ctrl+c does not quit")
	}
}

func TestHelpOverlayListsEveryKey(t *testing.T) {
	m := newApp(t, 120, 40)
	send(m, tuitest.Keys("?")...)
	s := screen(m)
	for _, want := range []string{"Compose", "copy as curl", "Global", "next pane", "Mouse"} {
		if !strings.Contains(s, want) {
			t.Errorf("help lacks %q:\n%s", want, s)
		}
	}
	send(m, tuitest.Keys("x")...)
	if strings.Contains(screen(m), "Global") {
		t.Error("a key does not close the help")
	}
}

func TestTooSmallAndMouseTabs(t *testing.T) {
	m := newApp(t, 79, 24)
	if s := screen(m); !strings.Contains(s, "Terminal too small") || !strings.Contains(s, "79×24") {
		t.Fatalf("79×24:\n%s", s)
	}
	send(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if strings.Contains(screen(m), "too small") {
		t.Fatal("80×24 is too small")
	}
	x := strings.Index(screen(m), "4 Journal")
	send(m, tea.MouseClickMsg{X: x + 1, Y: 0, Button: tea.MouseLeft})
	if m.Active() != ui.Journal {
		t.Errorf("click on the Journal tab shows %d", m.Active())
	}
	v := m.View()
	if !v.AltScreen || v.MouseMode != tea.MouseModeCellMotion {
		t.Error("the view does not ask for the alt screen and the mouse")
	}
}

func TestStatusBarSaysWhereAndWho(t *testing.T) {
	m := newApp(t, 100, 30)
	m.cfg.Moved, m.cfg.Requested = true, "127.0.0.1:8080"
	last := strings.Split(screen(m), "\n")[29]
	if !strings.Contains(last, "http://127.0.0.1:8080 (127.0.0.1:8080 was taken)") || !strings.Contains(last, "demo ✓") {
		t.Errorf("status bar %q", last)
	}
	send(m, client.LoginFailedMsg{Vendor: vendor.Noventiq, Account: "demo", Err: errTest("401")})
	if last := strings.Split(screen(m), "\n")[29]; !strings.Contains(last, "not logged in") || !strings.Contains(last, "login failed: 401") {
		t.Errorf("status bar after a failed login %q", last)
	}
}

type errTest string

func (e errTest) Error() string { return string(e) }

func TestJumpFromResponseFocusesTheField(t *testing.T) {
	m := newApp(t, 100, 30)
	send(m, client.ExchangeMsg{Exchange: badExchange()})
	if m.Active() != ui.Response {
		t.Fatalf("a response shows pane %d", m.Active())
	}
	send(m, tuitest.Keys("enter")...)
	c := shown[*compose.Model](m, ui.Compose)
	if p, _ := c.Cursor(); m.Active() != ui.Compose || p != "products[0].name" {
		t.Errorf("jump: pane %d cursor %s", m.Active(), p)
	}
}

func badExchange() client.Exchange {
	body := []byte(`{"currency":"EUR","products":[{"id":111111,"price":"30.00","quantity":10}]}`)
	return client.Exchange{
		Vendor: vendor.Noventiq, Call: client.BuyLinkCall(body), Request: client.BuyLink("tok", body),
		URL: "http://127.0.0.1:8080/v1/generate_buy_link", Sent: start, Latency: 2 * time.Millisecond, Status: 400,
		Header: http.Header{"Content-Type": {"application/json"}, client.ErrorFieldsHeader: {"products[0].name"}},
		Body:   []byte(`{"errors":[{"error":3010,"message":"Invalid field value: name."}]}`),
	}
}

// asciiView renders the view as a terminal with the ASCII color profile
// would receive it: no colors, attributes kept.
func asciiView(m *Model) []byte {
	var b bytes.Buffer
	w := &colorprofile.Writer{Forward: &b, Profile: colorprofile.Ascii}
	_, _ = w.Write([]byte(m.View().Content))
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, tc := range []struct {
			name  string
			setup func(*testing.T, *Model)
		}{
			{"compose", func(*testing.T, *Model) {}},
			{"compose-error", func(_ *testing.T, m *Model) {
				send(m, tuitest.Keys("j", "j", "j", "j", "j", "j", "j", "enter")...)
				send(m, tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
			}},
			{"response", func(_ *testing.T, m *Model) { send(m, client.ExchangeMsg{Exchange: badExchange()}) }},
			{"journal", func(_ *testing.T, m *Model) { send(m, tuitest.Keys("4")...) }},
			{"journal-detail", func(_ *testing.T, m *Model) { send(m, tuitest.Keys("4", "k", "enter")...) }},
			{"checkout", func(_ *testing.T, m *Model) { send(m, tuitest.Keys("3")...) }},
			{"checkout-offer", func(t *testing.T, m *Model) { openLink(t, m) }},
			{"checkout-form", func(t *testing.T, m *Model) {
				c := openLink(t, m)
				c.answer(t, m, "upsell", `{"offer":"entry","choice":null}`)
				send(m, tuitest.Keys("enter")...)
			}},
			{"checkout-order", func(t *testing.T, m *Model) {
				c := openLink(t, m)
				c.answer(t, m, "upsell", `{"offer":"entry","choice":1}`)
				st := c.answer(t, m, "order", `{"card":"4242424242424242"}`)
				c.webhooks(t, m, st.Order.ID)
			}},
			{"scenarios", func(_ *testing.T, m *Model) { send(m, tuitest.Keys("5", "G", "enter", "a")...) }},
			{"scenarios-failure", func(_ *testing.T, m *Model) { send(m, tuitest.Keys("5", "G", "enter", "a", "j", "enter")...) }},
			{"scenarios-step", func(_ *testing.T, m *Model) {
				send(m, tuitest.Keys("5", "G", "enter", "G", "s", "n", "n", "n", "n")...)
			}},
			{"help", func(_ *testing.T, m *Model) { send(m, tuitest.Keys("?")...) }},
			{"vendor-picker", func(_ *testing.T, m *Model) { send(m, tuitest.Keys("V", "down")...) }},
			{"sol-compose", func(_ *testing.T, m *Model) { send(m, tuitest.Keys("V", "s")...) }},
			{"sol-compose-error", func(_ *testing.T, m *Model) {
				send(m, tuitest.Keys("V", "s", "j", "j", "enter", "0", "esc", "k", "k", "enter")...)
				send(m, tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
			}},
			{"sol-response", func(_ *testing.T, m *Model) { send(m, tuitest.Keys("V", "s", "s")...) }},
			{"sol-response-error", func(t *testing.T, m *Model) {
				send(m, tuitest.Keys("V", "s")...)
				send(m, tuitest.Msg(t, m.Session(vendor.Solifyn).Send(client.BodyCall(solifyn.CreateBody, []byte(`{"quantity":0,"customerEmail":"ada"}`)))))
			}},
			{"sol-checkout", func(_ *testing.T, m *Model) { send(m, tuitest.Keys("V", "s", "s", "o")...) }},
			{"sol-checkout-form", func(_ *testing.T, m *Model) { send(m, tuitest.Keys("V", "s", "s", "o", "enter")...) }},
			{"sol-checkout-paid", func(_ *testing.T, m *Model) {
				send(m, tuitest.Keys("V", "s", "s", "o", "enter", "enter", "Ada Lovelace", "enter", "FR", "enter", "enter")...)
			}},
			{"2co-compose", func(_ *testing.T, m *Model) { send(m, tuitest.Keys("V", "2")...) }},
			{"2co-response", func(_ *testing.T, m *Model) { send(m, tuitest.Keys("V", "2", "s")...) }},
			{"2co-response-error", func(t *testing.T, m *Model) {
				send(m, tuitest.Keys("V", "2")...)
				send(m, tuitest.Msg(t, m.Session(vendor.TwoCheckout).Send(client.RPCCall(client.MethodPlaceOrder, []byte(`[{"Currency":"USD"}]`)))))
			}},
			{"2co-checkout", func(_ *testing.T, m *Model) { send(m, tuitest.Keys("V", "2", "s", "o")...) }},
			{"2co-checkout-complete", func(_ *testing.T, m *Model) { send(m, tuitest.Keys("V", "2", "s", "o", "c")...) }},
		} {
			t.Run(fmt.Sprintf("%s-%dx%d", tc.name, size[0], size[1]), func(t *testing.T) {
				m := newApp(t, size[0], size[1], goldenEntries...)
				tc.setup(t, m)
				for i, l := range strings.Split(m.View().Content, "\n") {
					if w := ansi.StringWidth(l); w > size[0] {
						t.Errorf("line %d is %d columns wide: %q", i+1, w, ansi.Strip(l))
					}
				}
				golden.RequireEqual(t, asciiView(m))
			})
		}
	}
	t.Run("too-small-70x20", func(t *testing.T) {
		golden.RequireEqual(t, asciiView(newApp(t, 70, 20)))
	})
}

// checkoutCall answers the checkout pane as the sandbox would: the app's
// own sandbox serves each call in-process, so the goldens never touch the
// network.
type checkoutCall struct{ id string }

// openLink makes a link from tuitest.UpsellBody on the app's sandbox and
// opens it in the checkout pane.
func openLink(t *testing.T, m *Model) checkoutCall {
	t.Helper()
	h := m.cfg.Sandbox.Handler()
	var tok struct{ Token string }
	serve(t, h, http.MethodPost, client.LoginPath, "", `{"username":"demo","password":"demo"}`, &tok)
	var link struct {
		ExternalID string `json:"external_id"`
	}
	serve(t, h, http.MethodPost, client.BuyLinkPath, tok.Token, tuitest.UpsellBody, &link)
	_, _ = m.Update(ui.OpenMsg{ID: link.ExternalID}) // its GET is answered below
	c := checkoutCall{link.ExternalID}
	c.answer(t, m, client.ActionState, "")
	return c
}

// answer serves an action on the link and gives the pane the answer.
func (c checkoutCall) answer(t *testing.T, m *Model, action, body string) *noventiq.CheckoutState {
	t.Helper()
	var st noventiq.CheckoutState
	method := http.MethodPost
	if action == client.ActionState {
		method = http.MethodGet
	}
	serve(t, m.cfg.Sandbox.Handler(), method, client.CheckoutPath(c.id, action), "", body, &st)
	send(m, client.CheckoutMsg{ExternalID: c.id, Action: action, Status: http.StatusOK, State: &st})
	return &st
}

func (c checkoutCall) webhooks(t *testing.T, m *Model, orderID int64) {
	t.Helper()
	var out struct{ Deliveries []sandbox.WebhookDelivery }
	serve(t, m.cfg.Sandbox.Handler(), http.MethodGet, fmt.Sprintf("%s?order_id=%d", client.WebhooksPath, orderID), "", "", &out)
	send(m, client.WebhooksMsg{Vendor: vendor.Noventiq, Query: fmt.Sprintf("order_id=%d", orderID), Deliveries: out.Deliveries})
}

// serve sends a request to h and decodes its 200 answer into out.
func serve(t *testing.T, h http.Handler, method, path, token, body string, out any) {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set(client.TokenHeader, "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("%s %s: %d %s", method, path, rec.Code, rec.Body)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), out); err != nil {
		t.Fatal(err)
	}
}

// goldenEntries are a login and a token sent in the wrong header.
var goldenEntries = []sandbox.JournalEntry{
	{Time: start, Vendor: "noventiq", Method: "POST", Path: "/v1/login_check", Status: 200, Latency: 180 * time.Microsecond, Account: "demo",
		RequestBody: `{"username":"demo","password":"[redacted]"}`, ResponseBody: `{"token":"[redacted]"}`},
	{Time: start.Add(time.Second), Vendor: "noventiq", Method: "POST", Path: "/v1/generate_buy_link", Status: 401, Codes: []int{1008},
		Latency: 75 * time.Microsecond, RequestHeaders: http.Header{"Authorization": {"Bearer [redacted]"}},
		ResponseHeaders: http.Header{"Content-Type": {"application/json"}}, ResponseBody: `{"errors":[{"error":1008,"message":"Missing token."}]}`,
		Hints: []string{"the token was sent in Authorization; the vendor reads it from AuthorizationJWT: Bearer <token>"}},
}

func TestStatusBarAt80KeepsTheMessage(t *testing.T) {
	m := newApp(t, 80, 24)
	m.cfg.Moved, m.cfg.Requested = true, "127.0.0.1:8080"
	send(m, ui.StatusMsg{Text: "#1: 400 Bad Request"})
	last := strings.Split(screen(m), "\n")[23]
	if !strings.Contains(last, "#1: 400 Bad Request") || !strings.Contains(last, "8080") || !strings.Contains(last, "demo ✓") {
		t.Errorf("status bar at 80 columns %q", last)
	}
}

func TestStatusMessagesDoNotFollowToAnotherPane(t *testing.T) {
	m := newApp(t, 100, 30)
	send(m, ui.StatusMsg{Text: "loaded seed: example 1"})
	send(m, tuitest.Keys("4")...)
	if last := strings.Split(screen(m), "\n")[29]; strings.Contains(last, "loaded seed") {
		t.Errorf("the compose pane's message lingers in the journal: %q", last)
	}
	send(m, client.ExchangeMsg{Exchange: badExchange()}) // focuses Response, with its message
	if last := strings.Split(screen(m), "\n")[29]; m.Active() != ui.Response || !strings.Contains(last, "#1: 400 Bad Request") {
		t.Errorf("a pane shown by the program keeps its message: %q", last)
	}
}

func TestComposeHelpListsCtrlSOnce(t *testing.T) {
	m := newApp(t, 120, 40)
	help := ansi.Strip(strings.Join(m.helpLines(m.Pane(ui.Compose), 116), "\n"))
	if n := strings.Count(help, "ctrl+s"); n != 1 {
		t.Errorf("the compose help names ctrl+s %d times:\n%s", n, help)
	}
}

func TestTheVendorPickerSwitchesEveryPane(t *testing.T) {
	m := newApp(t, 80, 24)
	send(m, tuitest.Keys("V", "esc")...)
	if m.picking || m.Vendor() != vendor.Noventiq {
		t.Fatalf("esc: picking %v vendor %s", m.picking, m.Vendor())
	}
	send(m, tuitest.Keys("V", "down", "down", "enter")...)
	if m.Vendor() != vendor.TwoCheckout || shown[*compose.Model](m, ui.Compose).Request() != "placeOrder" {
		t.Fatalf("picked %s, composing %s", m.Vendor(), shown[*compose.Model](m, ui.Compose).Request())
	}
	if s := m.Session(vendor.TwoCheckout); s.Token == "" || s.Account != "MERCHANT_CODE" {
		t.Errorf("not logged in to 2Checkout: %+v", s)
	}
	m.cfg.Moved, m.cfg.Requested = true, "127.0.0.1:8080"
	send(m, ui.StatusMsg{Text: "#1: 200 OK · error"})
	if last := strings.Split(screen(m), "\n")[23]; !strings.Contains(last, "2Checkout") || !strings.Contains(last, "#1: 200 OK · error") {
		t.Errorf("the status bar at 80 columns: %q", last)
	}
	send(m, tuitest.Keys("3")...)
	if !strings.Contains(screen(m), "Orders placed in this session") {
		t.Errorf("Checkout does not follow:\n%s", screen(m))
	}
	send(m, tuitest.Keys("V", "n")...)
	if m.Vendor() != vendor.Noventiq || !strings.Contains(screen(m), "Links made in this session") {
		t.Errorf("n picks Noventiq again:\n%s", screen(m))
	}
}

func TestAnExpiredSessionLogsInAgainOnTheWay(t *testing.T) {
	m := newApp(t, 100, 30)
	send(m, tuitest.Keys("V", "2")...)
	old := m.Session(vendor.TwoCheckout).Token
	m.Session(vendor.TwoCheckout).Token = "0123456789abcdef0123456789abcdef" // as if its 10 minutes were over
	send(m, tuitest.Keys("s")...)
	if tok := m.Session(vendor.TwoCheckout).Token; tok == old || len(tok) != 32 || tok == "0123456789abcdef0123456789abcdef" {
		t.Errorf("the session after a FORBIDDEN: %q", tok)
	}
	s := screen(m)
	if !strings.Contains(s, "✓ order · RefNo") || !strings.Contains(s, "after a new login") || !strings.Contains(s, "the session had expired") {
		t.Errorf("the order sent again:\n%s", s)
	}
}

func TestASolifynMessageJumpsToItsField(t *testing.T) {
	m := newApp(t, 100, 30)
	send(m, tuitest.Keys("V", "s")...)
	send(m, tuitest.Msg(t, m.Session(vendor.Solifyn).Send(client.BodyCall(solifyn.CreateBody, []byte(`{"quantity":0}`)))))
	send(m, tuitest.Keys("down", "down", "enter")...) // the third message: quantity's
	if p, _ := shown[*compose.Model](m, ui.Compose).Cursor(); m.Active() != ui.Compose || p != "quantity" {
		t.Errorf("the jump lands on %s in pane %d", p, m.Active())
	}
}
