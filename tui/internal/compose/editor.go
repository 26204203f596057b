package compose

import (
	"fmt"
	"os"
	"os/exec"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

// The $EDITOR round trip: write the body to a temporary file, run the
// editor on it, read it back, load it. Each step that touches the disk or
// a process is a command.
type (
	editorFileMsg struct {
		path string
		err  error
	}
	editorDoneMsg struct {
		path string
		err  error
	}
	editorResultMsg struct {
		body []byte
		err  error
	}
)

func writeTemp(body []byte) tea.Cmd {
	return func() tea.Msg {
		f, err := os.CreateTemp("", "flashcart-request-*.json")
		if err != nil {
			return editorFileMsg{err: err}
		}
		_, err = f.Write(body)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return editorFileMsg{path: f.Name(), err: err}
	}
}

func (m *Model) openEditor(msg editorFileMsg) tea.Cmd {
	if msg.err != nil {
		return ui.Problem("cannot write the request for the editor: " + msg.err.Error())
	}
	argv := strings.Fields(m.opts.Editor)
	if len(argv) == 0 {
		argv = []string{"vi"}
	}
	cmd := exec.Command(argv[0], append(argv[1:], msg.path)...)
	return tea.ExecProcess(cmd, func(err error) tea.Msg { return editorDoneMsg{path: msg.path, err: err} })
}

func readEdited(msg editorDoneMsg) tea.Cmd {
	return func() tea.Msg {
		defer os.Remove(msg.path)
		if msg.err != nil {
			return editorResultMsg{err: fmt.Errorf("the editor failed: %w", msg.err)}
		}
		body, err := os.ReadFile(msg.path)
		return editorResultMsg{body: body, err: err}
	}
}

func (m *Model) edited(msg editorResultMsg) tea.Cmd {
	if msg.err != nil {
		return ui.Problem(msg.err.Error())
	}
	m.load(msg.body, "edited in $EDITOR")
	if m.raw != nil {
		return ui.Problem("the edited JSON is sent as written: " + m.notes[0])
	}
	return ui.Status("loaded the edited JSON into the form")
}
