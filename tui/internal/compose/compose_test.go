package compose

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/tui/internal/tuitest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/presets"
	"github.com/flashcart/flashcart/tui/internal/requests"
	"github.com/flashcart/flashcart/tui/internal/ui"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// newModel returns a compose pane on seed example 1, validating against
// the default world's demo account, 100×30.
func newModel(t *testing.T) (*Model, *[]tea.Msg) {
	t.Helper()
	acct, _ := fixtures.Default().Account("demo")
	m := New(Options{
		Session:  &client.Session{Client: client.New("http://sandbox.test"), Vendor: vendor.Noventiq, Account: "demo", Token: "tok"},
		Requests: requests.Noventiq(func() noventiq.Catalogue { return acct }),
		Presets:  []presets.Source{presets.Seed},
	})
	m.SetSize(100, 30)
	var seen []tea.Msg
	return m, &seen
}

// send gives the pane messages and runs their commands, recording the
// messages meant for the root (status, focus).
func send(m *Model, seen *[]tea.Msg, msgs ...tea.Msg) {
	tuitest.Send(func(msg tea.Msg) tea.Cmd {
		switch msg.(type) {
		case ui.StatusMsg, ui.FocusMsg, client.ExchangeMsg:
			*seen = append(*seen, msg)
			return nil
		}
		return m.Update(msg)
	}, msgs...)
}

// moveTo presses j until the cursor is on path.
func moveTo(t *testing.T, m *Model, seen *[]tea.Msg, path string) {
	t.Helper()
	send(m, seen, tuitest.Keys("g")...)
	for range 200 {
		if p, _ := m.Cursor(); p == path {
			return
		}
		send(m, seen, tuitest.Keys("j")...)
	}
	t.Fatalf("no row %s", path)
}

func codes(errs []client.Problem) string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Path+":"+e.Message)
	}
	return strings.Join(out, " | ")
}

func TestValidatesAsYouTypeBesideTheField(t *testing.T) {
	m, seen := newModel(t)
	if len(m.Errors()) != 0 {
		t.Fatalf("seed example 1 has errors: %s", codes(m.Errors()))
	}
	moveTo(t, m, seen, "products[0].name")
	send(m, seen, tuitest.Keys("enter", "ctrl+u")...)
	if _, editing := m.Cursor(); !editing || !m.Capturing() {
		t.Fatal("enter does not start editing")
	}
	if got := codes(m.Errors()); got != "products[0].name:Invalid field value: name." {
		t.Fatalf("errors after clearing the name: %s", got)
	}
	view := ansi.Strip(m.View())
	line := lineWith(view, "name*")
	if !strings.Contains(line, "3010 Invalid field value: name.") {
		t.Errorf("the error is not beside the field:\n%s", view)
	}
	send(m, seen, tuitest.Keys("Pro")...)
	if len(m.Errors()) != 0 || !strings.Contains(string(m.Body()), `"name": "Pro"`) {
		t.Errorf("after typing: %s\n%s", codes(m.Errors()), m.Body())
	}
	send(m, seen, tuitest.Keys("esc")...)
	if _, editing := m.Cursor(); editing {
		t.Error("esc does not stop editing")
	}
}

func lineWith(view, s string) string {
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

func TestTabMovesBetweenFieldsWhileEditing(t *testing.T) {
	m, seen := newModel(t)
	send(m, seen, tuitest.Keys("enter", "tab")...) // currency → market_id
	if p, editing := m.Cursor(); p != "market_id" || !editing {
		t.Fatalf("after tab: %s editing %v", p, editing)
	}
	send(m, seen, tuitest.Keys("1")...)
	send(m, seen, tuitest.Keys("tab")...) // skips the list and item headers
	if p, _ := m.Cursor(); p != "products[0].id" {
		t.Errorf("second tab lands on %s", p)
	}
	if !strings.Contains(string(m.Body()), `"market_id": 1,`) {
		t.Errorf("market_id not sent as a number:\n%s", m.Body())
	}
}

func TestAddDuplicateRemoveProducts(t *testing.T) {
	m, seen := newModel(t)
	moveTo(t, m, seen, "products[0].name")
	send(m, seen, tuitest.Keys("d")...)
	if got := codes(m.Errors()); !strings.Contains(got, "products[1].id:Single request must contain products with different products.id values.") {
		t.Fatalf("duplicating does not report 3070: %s", got)
	}
	send(m, seen, tuitest.Keys("a")...)
	if p, _ := m.Cursor(); p != "products[2].id" {
		t.Errorf("after add the cursor is on %s", p)
	}
	if n := strings.Count(string(m.Body()), `"id"`); n != 2 || !strings.Contains(string(m.Body()), "{}") {
		t.Errorf("after add:\n%s", m.Body())
	}
	send(m, seen, tuitest.Keys("x")...)
	moveTo(t, m, seen, "products[1].name")
	send(m, seen, tuitest.Keys("x")...)
	if n := strings.Count(string(m.Body()), `"id"`); n != 1 || len(m.Errors()) != 0 {
		t.Errorf("after removing two: %s\n%s", codes(m.Errors()), m.Body())
	}
}

func TestToggleBoolAndFold(t *testing.T) {
	m, seen := newModel(t)
	moveTo(t, m, seen, "products[0].is_service")
	send(m, seen, tuitest.Keys("space")...)
	if !strings.Contains(string(m.Body()), `"is_service": true`) {
		t.Fatalf("space does not set true:\n%s", m.Body())
	}
	send(m, seen, tuitest.Keys("space", "space")...)
	if strings.Contains(string(m.Body()), "is_service") {
		t.Errorf("third toggle does not unset:\n%s", m.Body())
	}
	moveTo(t, m, seen, "customer")
	send(m, seen, tuitest.Keys("enter", "j")...)
	if p, _ := m.Cursor(); p != "customer.type" {
		t.Errorf("unfolding customer leads to %s", p)
	}
}

func TestJumpUnfoldsAndFocusesTheField(t *testing.T) {
	m, seen := newModel(t)
	send(m, seen, ui.JumpMsg{Path: "customer.email"})
	if p, _ := m.Cursor(); p != "customer.email" {
		t.Errorf("jump lands on %s", p)
	}
	send(m, seen, ui.JumpMsg{Path: "products[7].price"})
	if p, _ := m.Cursor(); p != "products" {
		t.Errorf("jump to a missing product lands on %s", p)
	}
}

func TestEditorResultInvalidJSONIsShownNotFatal(t *testing.T) {
	m, seen := newModel(t)
	send(m, seen, editorResultMsg{body: []byte(`{"currency": "EUR",`)})
	if got := m.Errors(); len(got) != 1 || got[0].Code != fmt.Sprint(int(noventiq.InvalidJSON)) {
		t.Fatalf("errors %s", codes(got))
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "sending the JSON as written") || !strings.Contains(v, "110 JSON is not valid") {
		t.Errorf("view:\n%s", v)
	}
	send(m, seen, tuitest.Keys("f")...)
	if len(m.Errors()) != 0 || strings.Contains(m.View(), "as written") {
		t.Errorf("f does not return to the form: %s", codes(m.Errors()))
	}
	send(m, seen, editorResultMsg{body: []byte(`{"currency":"EUR","products":[{"id":111111,"name":"n","price":30,"quantity":1}]}`)})
	if m.raw == nil || !strings.Contains(ansi.Strip(m.View()), "products[0].price: not a string") {
		t.Errorf("a number price is not kept as written:\n%s", m.View())
	}
	if got := codes(m.Errors()); got != "products[0].price:Invalid field value: price." {
		t.Errorf("errors of the raw body: %s", got)
	}
}

func TestEditorRoundTripRunsTheEditor(t *testing.T) {
	m, seen := newModel(t)
	// The editor changes the quantity in the file, as a person would.
	m.opts.Editor = writeScript(t, `sed -i 's/"quantity": 10/"quantity": 2/' "$1"`)
	cmd := m.Update(tuitest.Keys("e")[0])
	fileMsg := cmd().(editorFileMsg)
	if fileMsg.err != nil {
		t.Fatal(fileMsg.err)
	}
	if run := m.Update(fileMsg); run == nil {
		t.Fatal("no editor command")
	}
	// Bubble Tea would run the process; the test runs the callback's
	// successor directly after running the same command line.
	send(m, seen, editorDoneMsg{path: fileMsg.path, err: exec.Command(m.opts.Editor, fileMsg.path).Run()})
	if !strings.Contains(string(m.Body()), `"quantity": 2`) || m.raw != nil {
		t.Errorf("edited body not loaded:\n%s", m.Body())
	}
}

func TestSendNeedsALoginAndCurlIsCopied(t *testing.T) {
	m, seen := newModel(t)
	m.opts.Session.Token = ""
	send(m, seen, tuitest.Keys("s")...)
	if st, ok := (*seen)[len(*seen)-1].(ui.StatusMsg); !ok || !st.Err || !strings.Contains(st.Text, "not logged in") {
		t.Fatalf("send without token: %#v", *seen)
	}
	m.opts.Session.Token = "tok"
	cmd := m.Update(tuitest.Keys("y")[0])
	if cmd == nil || !strings.Contains(m.curl, "'AuthorizationJWT: Bearer tok'") || !strings.Contains(m.curl, `--data-raw '{"currency":"EUR"`) {
		t.Fatalf("curl: %s", m.curl)
	}
	if !strings.Contains(m.View(), "copy as curl") {
		t.Error("the curl command is not shown")
	}
	send(m, seen, tuitest.Keys("q")...)
	if strings.Contains(m.View(), "copy as curl") {
		t.Error("a key does not close the curl view")
	}
}

func TestPresetPickerLoadsAPreset(t *testing.T) {
	m, seen := newModel(t)
	send(m, seen, tuitest.Keys("p")...)
	if st, ok := (*seen)[len(*seen)-1].(ui.StatusMsg); m.Capturing() || !ok || !strings.Contains(st.Text, "still loading") {
		t.Errorf("p before the presets are in: %#v", (*seen)[len(*seen)-1])
	}
	send(m, seen, m.Init()())
	send(m, seen, tuitest.Keys("p")...)
	if !m.Capturing() || !strings.Contains(m.View(), "Load a preset") {
		t.Fatalf("picker not open:\n%s", m.View())
	}
	send(m, seen, tuitest.Keys("down", "enter")...)
	if m.Capturing() || !strings.Contains(string(m.Body()), `"customer"`) {
		t.Errorf("seed example 2 not loaded:\n%s", m.Body())
	}
}

func TestJSONViewShowsTheBody(t *testing.T) {
	m, seen := newModel(t)
	send(m, seen, tuitest.Keys("v")...)
	v := m.View()
	if !strings.Contains(v, `"currency"`) || !strings.Contains(v, "validator accepts") {
		t.Errorf("JSON view:\n%s", v)
	}
	send(m, seen, tuitest.Keys("esc")...)
	if strings.Contains(m.View(), "raw JSON") {
		t.Error("esc does not leave the JSON view")
	}
}

func TestMouseSelectsAndEdits(t *testing.T) {
	m, seen := newModel(t)
	top := m.rowsTop()
	send(m, seen, tea.MouseClickMsg{X: 3, Y: top + 1, Button: tea.MouseLeft})
	if p, editing := m.Cursor(); p != "market_id" || editing {
		t.Fatalf("click selects %s editing %v", p, editing)
	}
	send(m, seen, tea.MouseClickMsg{X: 3, Y: top + 1, Button: tea.MouseLeft})
	if _, editing := m.Cursor(); !editing {
		t.Error("second click does not edit")
	}
}

// writeScript writes a shell script standing in for an editor.
func writeScript(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "editor.sh")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body+"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestJumpToAFieldTheRequestDoesNotHave(t *testing.T) {
	m, seen := newModel(t)
	moveTo(t, m, seen, "products[0].price")
	send(m, seen, ui.JumpMsg{Path: "colour"})
	st, ok := (*seen)[len(*seen)-1].(ui.StatusMsg)
	if p, _ := m.Cursor(); p != "products[0].price" || !ok || !st.Err || !strings.Contains(st.Text, "colour") {
		t.Errorf("a jump to colour lands on %s, saying %#v", p, (*seen)[len(*seen)-1])
	}
}

func TestTheCurlViewIsACopyableCommandAndAFile(t *testing.T) {
	m, seen := newModel(t)
	m.opts.Session.Token = strings.Repeat("eyJhbGciOiJIUzI1NiJ9", 6)
	m.SetSize(80, 30)
	send(m, seen, tuitest.Keys("y")...)
	view := strings.Split(ansi.Strip(m.View()), "\n")
	if !strings.Contains(view[0], "w writes it to a file") {
		t.Errorf("no offer to write a file without a confirmed OSC 52:\n%s", view[0])
	}
	var shown []string
	for _, l := range view[1:] {
		if l = strings.TrimRight(l, " "); l != "" {
			shown = append(shown, l)
		}
	}
	if got, want := client.Words(strings.Join(shown, "\n")), client.Words(m.curl); strings.Join(got, "\x00") != strings.Join(want, "\x00") {
		t.Errorf("a copy of the view is another command:\n%s", strings.Join(shown, "\n"))
	}
	send(m, seen, tuitest.Keys("w")...)
	st := (*seen)[len(*seen)-1].(ui.StatusMsg)
	path, ok := strings.CutPrefix(st.Text, "wrote the curl command to ")
	if !ok {
		t.Fatalf("w: %#v", st)
	}
	t.Cleanup(func() { _ = os.Remove(path) })
	if b, err := os.ReadFile(path); err != nil || string(b) != m.curl+"\n" {
		t.Errorf("the file holds %q (%v)", b, err)
	}
	send(m, seen, tuitest.Keys("esc")[0], tea.CapabilityMsg{Content: "Ms=\x1b]52;%p1%s;%p2%s\a"}, tuitest.Keys("y")[0])
	if v := ansi.Strip(m.View()); !strings.Contains(v, "in the clipboard (OSC 52)") {
		t.Errorf("a terminal that has OSC 52:\n%s", v)
	}
}

func TestTwoCheckoutMethodsKeepTheirDraftsAndSendTheSessionFirst(t *testing.T) {
	_, s := tuitest.StartVendor(t, vendor.TwoCheckout)
	m := New(Options{Session: s, Requests: requests.TwoCheckout()})
	m.SetSize(100, 30)
	var seen []tea.Msg
	if v := ansi.Strip(m.View()); m.Request() != "placeOrder" || !strings.Contains(v, "placeOrder · form · the reference's test order") || !strings.Contains(v, "the sandbox checks it when sent") {
		t.Fatalf("compose starts on:\n%s", v)
	}
	moveTo(t, m, &seen, "Order.Items[0].Code")
	send(m, &seen, tuitest.Keys("v")...)
	if v := ansi.Strip(m.View()); !strings.Contains(v, `"method": "placeOrder"`) || !strings.Contains(v, `"`+s.Token+`",`) {
		t.Errorf("the JSON view lacks the envelope with the session:\n%s", v)
	}
	send(m, &seen, tuitest.Keys("esc", "m")...)
	if !m.Capturing() || !strings.Contains(ansi.Strip(m.View()), "Compose another request") {
		t.Fatalf("m opens no picker:\n%s", ansi.Strip(m.View()))
	}
	send(m, &seen, tuitest.Keys("/", "getOrder", "enter")...)
	if m.Request() != "getOrder" {
		t.Fatalf("picked %s", m.Request())
	}
	moveTo(t, m, &seen, "orderReference")
	send(m, &seen, tuitest.Keys("enter", "123", "esc")...)
	if got := string(m.Body()); got != "[\n  \"123\"\n]\n" {
		t.Errorf("getOrder's params: %q", got)
	}
	send(m, &seen, tuitest.Keys("s")...)
	var x client.Exchange
	for _, msg := range seen {
		if xm, ok := msg.(client.ExchangeMsg); ok {
			x = xm.Exchange
		}
	}
	if got := client.Problems(x); x.Call.Name != "getOrder" || len(got) != 1 || got[0].Code != "10400 ORDER_NOT_FOUND" {
		t.Errorf("getOrder answered %+v: %s", got, x.Body)
	}
	send(m, &seen, tuitest.Keys("m", "/", "placeOrder", "enter")...) // as it was left
	if p, _ := m.Cursor(); m.Request() != "placeOrder" || p != "Order.Items[0].Code" {
		t.Errorf("back on %s at %s", m.Request(), p)
	}
}

func TestSolifynCopiesAsCurlWithItsKeyAndMPicksACollection(t *testing.T) {
	_, s := tuitest.StartVendor(t, vendor.Solifyn)
	m := New(Options{Session: s, Requests: requests.Solifyn(fixtures.Default())})
	m.SetSize(100, 30)
	var seen []tea.Msg
	if m.Request() != "checkout/create" {
		t.Fatalf("compose starts on %s", m.Request())
	}
	send(m, &seen, tuitest.Keys("y")...)
	if s.Token == "" || !strings.Contains(m.curl, "'Authorization: Bearer "+s.Token+"'") || !strings.Contains(m.curl, "/v1/checkout/create") || strings.Contains(m.curl, "AuthorizationJWT") {
		t.Errorf("the curl of checkout/create: %s", m.curl)
	}
	send(m, &seen, tuitest.Keys("esc", "m", "/", "collection", "enter")...)
	if m.Request() != "checkout/collection/create" || !strings.Contains(string(m.Body()), `"collectionId"`) {
		t.Fatalf("m picked %s: %s", m.Request(), m.Body())
	}
	send(m, &seen, tuitest.Keys("s")...)
	var x client.Exchange
	for _, msg := range seen {
		if xm, ok := msg.(client.ExchangeMsg); ok {
			x = xm.Exchange
		}
	}
	if x.Status != 201 || !strings.Contains(x.URL, "/v1/checkout/collection/create") {
		t.Errorf("a collection's checkout answered %d from %s: %s", x.Status, x.URL, x.Body)
	}
}
