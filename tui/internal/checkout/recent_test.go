package checkout

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/tuitest"
	"github.com/flashcart/flashcart/tui/internal/ui"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

func TestTheListHearsWhatWasMadeAndTakesATypedID(t *testing.T) {
	m := newRecentList("link", "external id or buy link", func(s string) string { return strings.TrimPrefix(s, "https://x/") })
	m.SetSize(80, 10)
	made := client.Exchange{Vendor: vendor.Noventiq, Status: 200, Body: []byte(`{"buy_link":"https://x/12","external_id":"12"}`)}
	if id, heard := m.Heard(client.ExchangeMsg{Exchange: made}); !heard || id != "" {
		t.Errorf("an exchange: %q %v", id, heard)
	}
	if id, heard := m.Heard(ui.OpenMsg{ID: "34"}); !heard || id != "34" {
		t.Errorf("open: %q %v", id, heard)
	}
	if _, heard := m.Heard(tea.KeyPressMsg{Code: 'x'}); heard {
		t.Error("a key is heard")
	}
	if v := ansi.Strip(m.View("t", "h", "none")); !strings.Contains(v, "34") || !strings.Contains(v, "12         https://x/12") || strings.Index(v, "34") > strings.Index(v, "12 ") {
		t.Errorf("newest first:\n%s", v)
	}
	var open string
	for _, k := range tuitest.Keys("i", "https://x/56", "enter") {
		if id, _ := m.Update(k); id != "" {
			open = id
		}
	}
	if open != "56" || m.Typing() {
		t.Errorf("typed: %q typing %v", open, m.Typing())
	}
	m.Add(recentItem{ID: "12"}) // seen before: it keeps what is known of it
	if v := ansi.Strip(m.View("t", "h", "none")); !strings.Contains(v, "12         https://x/12") {
		t.Errorf("an id seen again:\n%s", v)
	}
}
