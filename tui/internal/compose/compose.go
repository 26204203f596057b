// Package compose is the workbench's compose pane: a form of a whole
// request of one vendor — a generate_buy_link body, a JSON-RPC method's
// params — built from the vendor's field table, validated as you type with
// the sandbox's own validator where the vendor package exposes one, with a
// raw JSON view of what is sent, editing in $EDITOR, presets, copy as curl,
// and sending as the vendor's session.
//
// The files hold: compose.go the model and its messages; edit.go the
// edits of the form; pickers.go the request and preset pickers; curl.go
// copy as curl; editor.go the $EDITOR round trip; view.go the views and
// help; keys.go the keys.
package compose

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/form"
	"github.com/flashcart/flashcart/tui/internal/presets"
	"github.com/flashcart/flashcart/tui/internal/requests"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

// Options configure the compose pane.
type Options struct {
	// Session sends the requests, as the vendor's clients do.
	Session *client.Session
	// Requests are what the pane composes: the first at start, the others
	// picked with m.
	Requests []requests.Request
	// Presets are the sources of the preset picker.
	Presets []presets.Source
	// Editor is the external editor's command line, such as "vi" or
	// "code --wait".
	Editor string
}

type mode int

const (
	modeForm mode = iota
	modeJSON
	modeCurl
	modePresets
	modeRequests
)

// draft is a request being composed, kept while another is.
type draft struct {
	doc *form.Doc
	// raw, when not nil, is the body sent instead of the form's JSON:
	// JSON the form cannot show exactly, or not JSON at all; notes say why.
	raw    []byte
	notes  []string
	origin string
	nav    ui.Cursor
}

// Model is the compose pane.
type Model struct {
	opts Options
	keys keyMap

	// req is the request composed, an index in opts.Requests; drafts the
	// others left, by name.
	req    int
	drafts map[string]draft
	draft

	rows    []form.Row
	errs    []client.Problem
	rowErrs map[int][]client.Problem
	// topErrs are errors no row shows (such as 110).
	topErrs []client.Problem

	editing bool
	input   textinput.Model

	mode    mode
	view    viewport.Model
	presets []presets.Preset
	// presetsIn is set once the preset sources have answered.
	presetsIn bool
	// picker is the preset or request picker open; pick its choice.
	picker *huh.Form
	pick   int
	curl   string
	// osc52 is set once the terminal says it sets the clipboard (its
	// terminfo's Ms capability): until then the curl view offers a file.
	osc52 bool

	width, height int
}

// New returns the compose pane holding the first request's initial body.
func New(opts Options) *Model {
	m := &Model{opts: opts, keys: newKeyMap(), input: textinput.New(), view: viewport.New(), drafts: map[string]draft{}}
	m.keys.Requests.SetEnabled(len(opts.Requests) > 1)
	m.input.Prompt = ""
	st := m.input.Styles()
	st.Cursor.Blink = false
	m.input.SetStyles(st)
	m.input.KeyMap.AcceptSuggestion.Unbind()
	m.input.KeyMap.NextSuggestion.Unbind()
	m.input.KeyMap.PrevSuggestion.Unbind()
	m.start(0)
	return m
}

// Init loads the presets.
func (m *Model) Init() tea.Cmd { return presets.Load(m.opts.Presets...) }

// Title names the pane.
func (m *Model) Title() string { return "Compose" }

// Capturing reports whether a field or a picker has the keyboard.
func (m *Model) Capturing() bool { return m.editing || m.mode == modePresets || m.mode == modeRequests }

// SetSize sets the pane's size.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.view.SetWidth(width)
	m.view.SetHeight(max(0, height-2))
	m.input.SetWidth(max(1, m.columns().value-1))
	m.scrollToCursor()
}

// request is the request composed.
func (m *Model) request() requests.Request { return m.opts.Requests[m.req] }

// Request names the request composed.
func (m *Model) Request() string { return m.request().Name }

// Body returns the body Send would send now (for a JSON-RPC method, its
// params after the session).
func (m *Model) Body() []byte {
	if m.raw != nil {
		return m.raw
	}
	return m.doc.JSON()
}

// call is what Send would send now.
func (m *Model) call() client.Call { return m.request().Call(m.Body()) }

// Errors returns the validator's errors for Body.
func (m *Model) Errors() []client.Problem { return m.errs }

// Cursor returns the path of the row under the cursor, and whether a field
// is being edited.
func (m *Model) Cursor() (path string, editing bool) {
	if m.nav.Pos >= len(m.rows) {
		return "", m.editing
	}
	return m.rows[m.nav.Pos].Path, m.editing
}

// start composes request i: its draft when it has one, else its initial
// body.
func (m *Model) start(i int) {
	if m.doc != nil {
		m.drafts[m.request().Name] = m.draft
	}
	m.req = i
	r := m.request()
	if d, ok := m.drafts[r.Name]; ok {
		m.draft = d
		m.editing, m.mode = false, modeForm
		m.input.Blur()
		m.refresh()
		return
	}
	m.draft = draft{}
	m.load(r.Initial, r.InitialName)
}

// load replaces the request's body with body (nil for an empty form),
// named origin. A body that is not JSON of the request's shape is sent as
// written, the form kept as it was.
func (m *Model) load(body []byte, origin string) {
	m.origin = origin
	schema := m.request().Schema
	doc, notes, err := form.Parse(schema, body)
	if m.doc == nil {
		m.doc = form.New(schema)
	}
	switch {
	case body == nil:
		m.doc, m.raw, m.notes = form.New(schema), nil, nil
	case err != nil:
		m.raw, m.notes = body, []string{err.Error()}
	case len(notes) > 0:
		m.doc, m.raw, m.notes = doc, body, notes
	default:
		m.doc, m.raw, m.notes = doc, nil, nil
	}
	m.nav.Pos, m.nav.Offset, m.editing, m.mode = 0, 0, false, modeForm
	m.input.Blur()
	m.refresh()
}

// adoptForm makes the form's JSON the body again.
func (m *Model) adoptForm() tea.Cmd {
	if m.raw == nil {
		return nil
	}
	m.raw, m.notes = nil, nil
	return ui.Status("now sending the form's JSON; the raw JSON was dropped")
}

// refresh lists the rows again, validates the body and places the errors.
func (m *Model) refresh() {
	m.rows = m.doc.Rows()
	m.nav.Pos = min(max(m.nav.Pos, 0), max(len(m.rows)-1, 0))
	m.errs = nil
	if v := m.request().Validate; v != nil {
		m.errs = v(m.Body())
	}
	m.rowErrs = map[int][]client.Problem{}
	m.topErrs = nil
	for _, e := range m.errs {
		if i := form.Nearest(m.rows, e.Path); i >= 0 {
			m.rowErrs[i] = append(m.rowErrs[i], e)
		} else {
			m.topErrs = append(m.topErrs, e)
		}
	}
	m.scrollToCursor()
}

// Update handles a message.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case presets.LoadedMsg:
		m.presets, m.presetsIn = msg.Presets, true
		if len(msg.Errs) > 0 {
			first, _, _ := strings.Cut(msg.Errs[0].Error(), "\n")
			if n := len(msg.Errs) - 1; n > 0 {
				first += fmt.Sprintf(" (and %d more)", n)
			}
			return ui.Problem("presets: " + first)
		}
		return nil
	case editorFileMsg:
		return m.openEditor(msg)
	case editorDoneMsg:
		return readEdited(msg)
	case editorResultMsg:
		return m.edited(msg)
	case tea.CapabilityMsg:
		m.osc52 = m.osc52 || strings.HasPrefix(msg.Content, "Ms")
		return nil
	case curlFileMsg:
		if msg.err != nil {
			return ui.Problem("cannot write the curl command: " + msg.err.Error())
		}
		return ui.Status("wrote the curl command to " + msg.path)
	case ui.JumpMsg:
		return m.jump(msg.Path)
	}
	switch m.mode {
	case modePresets, modeRequests:
		return m.updatePicker(msg)
	case modeJSON, modeCurl:
		return m.updateView(msg)
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if m.editing {
			return m.updateEditing(msg)
		}
		return m.updateForm(msg)
	case tea.PasteMsg:
		if m.editing {
			return m.updateEditing(msg)
		}
	case tea.MouseClickMsg:
		return m.click(msg.Mouse())
	case tea.MouseWheelMsg:
		m.wheel(msg.Mouse())
	}
	return nil
}

func (m *Model) updateForm(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	if m.nav.Key(msg, k.Nav, len(m.rows), m.rowsHeight()) {
		return nil
	}
	switch {
	case key.Matches(msg, k.Edit):
		return m.activate(false)
	case key.Matches(msg, k.Toggle):
		return m.activate(true)
	case key.Matches(msg, k.Clear):
		return m.clearField()
	case key.Matches(msg, k.Add):
		return m.add()
	case key.Matches(msg, k.Duplicate):
		return m.duplicate()
	case key.Matches(msg, k.Remove):
		return m.remove()
	}
	return m.common(msg)
}

// common handles the keys of both the form and the JSON view.
func (m *Model) common(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Send):
		return m.send()
	case key.Matches(msg, k.JSON):
		return m.toggleJSON()
	case key.Matches(msg, k.Editor):
		return writeTemp(m.Body())
	case key.Matches(msg, k.Presets):
		return m.openPresets()
	case key.Matches(msg, k.Requests):
		return m.openRequests()
	case key.Matches(msg, k.Curl):
		return m.copyCurl()
	case key.Matches(msg, k.Form) && m.raw != nil:
		cmd := m.adoptForm()
		m.refresh()
		return cmd
	}
	return nil
}

// jump shows the field at path, unfolding what hides it: the field, or
// the closest row to where it would be (a list for an element it does not
// hold); the top for an error about the whole request. A path the request
// has no field for leaves the cursor where it is, and says so.
func (m *Model) jump(path string) tea.Cmd {
	if m.editing {
		m.stopEditing()
	}
	m.mode = modeForm
	if path != "" && m.request().Schema.Lookup(path) == nil {
		return ui.Problem(path + ": " + m.request().Name + " has no such field, so the form has no row for it")
	}
	m.doc.Unfold(path)
	m.refresh()
	m.nav.Pos = max(0, form.Nearest(m.rows, path))
	m.scrollToCursor()
	return nil
}

func (m *Model) send() tea.Cmd {
	s := m.opts.Session
	if s == nil || s.Token == "" {
		return ui.Problem("not logged in yet: the request was not sent")
	}
	return tea.Batch(s.Send(m.call()), ui.Status("sending "+m.request().Name+"…"))
}

// sent is the request Send would send now, as the session authorizes it.
func (m *Model) sent() client.Request { return m.opts.Session.Preview(m.call()) }

func (m *Model) toggleJSON() tea.Cmd {
	if m.mode == modeJSON {
		m.mode = modeForm
		return nil
	}
	m.mode = modeJSON
	m.view.SetContentLines(ui.Lines(m.sent().Body))
	m.view.GotoTop()
	return nil
}

// updateView handles the JSON and curl views.
func (m *Model) updateView(msg tea.Msg) tea.Cmd {
	if kp, ok := msg.(tea.KeyPressMsg); ok {
		if m.mode == modeCurl && key.Matches(kp, m.keys.WriteCurl) {
			return writeCurl(m.curl)
		}
		if m.mode == modeCurl || key.Matches(kp, m.keys.Back) {
			m.mode = modeForm
			return nil
		}
		if cmd := m.common(kp); cmd != nil || m.mode != modeJSON {
			return cmd
		}
	}
	var cmd tea.Cmd
	m.view, cmd = m.view.Update(msg)
	return cmd
}

func (m *Model) scrollToCursor() { m.nav.Scroll(len(m.rows), m.rowsHeight()) }
