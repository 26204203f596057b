package checkout

import (
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flashcart/flashcart/tui/internal/tuitest"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

// testPane is what the tests drive of a checkout pane.
type testPane interface {
	Update(tea.Msg) tea.Cmd
	View() string
}

// send gives the pane msgs, and every message their commands answer.
func send(m testPane, msgs ...tea.Msg) { tuitest.Send(m.Update, msgs...) }

// said is send, but the status messages meant for the root are kept and
// returned.
func said(m testPane, msgs ...tea.Msg) []ui.StatusMsg { return tuitest.Said(m.Update, msgs...) }

// screen is the pane's view, without its styles.
func screen(m testPane) string { return ansi.Strip(m.View()) }
