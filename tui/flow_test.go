package tui

import (
	"bytes"
	"net/http/httptest"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/tui/compose"
	"github.com/flashcart/flashcart/tui/journal"
	"github.com/flashcart/flashcart/tui/pane"
)

// TestFlowErrorOnItsFieldThenALink drives the real program against a real
// sandbox over HTTP as a person would: compose, send, see the error,
// jump to its field, fix it, send again, get a link.
func TestFlowErrorOnItsFieldThenALink(t *testing.T) {
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sb.Handler())
	defer srv.Close()
	tm := teatest.NewTestModel(t, New(Config{Sandbox: sb, URL: srv.URL}),
		teatest.WithInitialTermSize(120, 40), teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	wait := func(what string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
			teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
	key := func(code rune, mod tea.KeyMod) { tm.Send(tea.KeyPressMsg{Code: code, Mod: mod}) }

	wait("demo ✓")
	tm.Type("jjjjjjj") // down to products[0].name
	key(tea.KeyEnter, 0)
	key('u', tea.ModCtrl) // clear it
	key(tea.KeyEscape, 0)
	tm.Type("s")
	wait("Errors (1)")   // the response pane, not the form's own check
	key(tea.KeyEnter, 0) // jump to the field
	wait("✗ 3010")
	key(tea.KeyEnter, 0)
	tm.Type("Flash Office Base")
	key(tea.KeyEscape, 0)
	tm.Type("s")
	wait("✓ buy link https://cart.checkout.noventiq.com.demoslweb.ru/basket/flash/")
	tm.Type("4") // the journal lists the workbench's own requests
	wait("3 requests")
	tm.Type("q")

	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	c := m.Pane(pane.Compose).(*compose.Model)
	if p, _ := c.Cursor(); p != "products[0].name" || len(c.Errors()) != 0 {
		t.Errorf("compose ends on %s with %v", p, c.Errors())
	}
	paths := map[string]int{}
	for _, e := range m.Pane(pane.Journal).(*journal.Model).Entries() {
		paths[e.Path]++
	}
	if paths["/v1/login_check"] != 1 || paths["/v1/generate_buy_link"] != 2 {
		t.Errorf("the journal shows %v", paths)
	}
}
