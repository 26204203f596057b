package compose

import (
	"os"

	tea "charm.land/bubbletea/v2"

	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

// copyCurl shows the request as a curl command, laid out so that a mouse
// copy of it is the same command, and puts it in the clipboard.
func (m *Model) copyCurl() tea.Cmd {
	s := m.opts.Session
	if s == nil {
		return nil
	}
	m.curl = s.Client.Curl(m.sent())
	m.mode = modeCurl
	m.view.SetContentLines(client.CurlLines(ui.Sanitize(m.curl), m.width))
	m.view.GotoTop()
	said := ui.Status("curl command sent to the clipboard with OSC 52; w writes it to a file")
	if m.osc52 {
		said = ui.Status("curl command copied to the clipboard (OSC 52)")
	}
	return tea.Batch(tea.SetClipboard(m.curl), said)
}

// curlFileMsg says where the curl command was written.
type curlFileMsg struct {
	path string
	err  error
}

// writeCurl writes a command to a file of its own in the temporary
// folder, for a terminal whose clipboard OSC 52 does not reach.
func writeCurl(cmd string) tea.Cmd {
	return func() tea.Msg {
		f, err := os.CreateTemp("", "flashcart-curl-*.sh")
		if err != nil {
			return curlFileMsg{err: err}
		}
		_, err = f.WriteString(cmd + "\n")
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return curlFileMsg{path: f.Name(), err: err}
	}
}
