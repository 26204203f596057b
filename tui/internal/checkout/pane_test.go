package checkout

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/flashcart/flashcart/tui/internal/tuitest"
)

func TestAnOpenOrderScrollsByKeyAndWheelAndAClosedOneDoesNot(t *testing.T) {
	m, _ := newOrdersPane(t)
	m.SetSize(80, 12)
	send(m, tuitest.Keys("enter")...)
	if m.body.YOffset() != 0 {
		t.Fatalf("opened scrolled: %d", m.body.YOffset())
	}
	send(m, tuitest.Keys("j")...)
	if m.body.YOffset() != 1 {
		t.Errorf("j scrolls a line: %d", m.body.YOffset())
	}
	send(m, tuitest.Keys("k")...)
	send(m, tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if m.body.YOffset() == 0 {
		t.Error("the wheel does not scroll the order")
	}
	send(m, tuitest.Keys("esc")...)
	if refNo, _ := m.Open(); refNo != "" {
		t.Fatalf("esc: %q", refNo)
	}
	before := m.body.YOffset()
	send(m, tuitest.Keys("j")...)
	if m.body.YOffset() != before {
		t.Error("a key of the list scrolls the closed order")
	}
	help := m.FullHelp()
	if len(help) != 2 || len(help[0]) != len(m.list.Keys().Nav.List())+2 || help[1][len(help[1])-1].Help() != m.scroll.PageDown.Help() {
		t.Errorf("help: %d rows", len(help))
	}
}
