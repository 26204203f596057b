// Package compose is the workbench's compose pane: a form of the whole
// generate_buy_link request, validated as you type with the sandbox's own
// validator, with a raw JSON view, editing in $EDITOR, presets, copy as
// curl, and sending.
package compose

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/form"
	"github.com/flashcart/flashcart/tui/internal/presets"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

// Options configure the compose pane.
type Options struct {
	Session *client.Session
	// Catalogue returns what requests are validated against: the account
	// logged in as. Nil, or a nil result, checks the JSON syntax only.
	Catalogue func() noventiq.Catalogue
	// Presets are the sources of the preset picker.
	Presets []presets.Source
	// Editor is the external editor's command line, such as "vi" or
	// "code --wait".
	Editor string
	// Initial is the body the form starts with, and its name.
	Initial     []byte
	InitialName string
}

type mode int

const (
	modeForm mode = iota
	modeJSON
	modeCurl
	modePresets
)

// Model is the compose pane.
type Model struct {
	opts Options
	keys keyMap

	doc *form.Doc
	// raw, when not nil, is the body sent instead of the form's JSON:
	// JSON the form cannot show exactly, or not JSON at all; notes say why.
	raw    []byte
	notes  []string
	origin string

	rows    []form.Row
	errs    []noventiq.Error
	rowErrs map[int][]noventiq.Error
	// topErrs are errors no row shows (such as 110).
	topErrs []noventiq.Error

	nav     ui.Cursor
	editing bool
	input   textinput.Model

	mode    mode
	view    viewport.Model
	presets []presets.Preset
	// presetsIn is set once the preset sources have answered.
	presetsIn bool
	picker    *huh.Form
	pick      int
	curl      string
	// osc52 is set once the terminal says it sets the clipboard (its
	// terminfo's Ms capability): until then the curl view offers a file.
	osc52 bool

	width, height int
}

// New returns the compose pane holding opts.Initial.
func New(opts Options) *Model {
	m := &Model{opts: opts, keys: newKeyMap(), doc: form.New(), input: textinput.New(), view: viewport.New()}
	m.input.Prompt = ""
	st := m.input.Styles()
	st.Cursor.Blink = false
	m.input.SetStyles(st)
	m.input.KeyMap.AcceptSuggestion.Unbind()
	m.input.KeyMap.NextSuggestion.Unbind()
	m.input.KeyMap.PrevSuggestion.Unbind()
	m.load(opts.Initial, opts.InitialName)
	return m
}

// Init loads the presets.
func (m *Model) Init() tea.Cmd { return presets.Load(m.opts.Presets...) }

// Title names the pane.
func (m *Model) Title() string { return "Compose" }

// Capturing reports whether a field or the preset picker has the keyboard.
func (m *Model) Capturing() bool { return m.editing || m.mode == modePresets }

// SetSize sets the pane's size.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.view.SetWidth(width)
	m.view.SetHeight(max(0, height-2))
	m.input.SetWidth(max(1, m.columns().value-1))
	m.scrollToCursor()
}

// Body returns the body Send would send now.
func (m *Model) Body() []byte {
	if m.raw != nil {
		return m.raw
	}
	return m.doc.JSON()
}

// Errors returns the validator's errors for Body.
func (m *Model) Errors() []noventiq.Error { return m.errs }

// Cursor returns the path of the row under the cursor, and whether a field
// is being edited.
func (m *Model) Cursor() (path string, editing bool) {
	if m.nav.Pos >= len(m.rows) {
		return "", m.editing
	}
	return m.rows[m.nav.Pos].Path, m.editing
}

// load replaces the request with body, named origin.
func (m *Model) load(body []byte, origin string) {
	m.origin = origin
	doc, notes, err := form.Parse(body)
	switch {
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
	m.errs = validate(m.catalogue(), m.Body())
	m.rowErrs = map[int][]noventiq.Error{}
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

func (m *Model) catalogue() noventiq.Catalogue {
	if m.opts.Catalogue == nil {
		return nil
	}
	return m.opts.Catalogue()
}

// validate runs the sandbox's own decoder and validator on body.
func validate(cat noventiq.Catalogue, body []byte) []noventiq.Error {
	decoded, bad := noventiq.DecodeBuyLink(body)
	if bad != nil {
		return []noventiq.Error{*bad}
	}
	if cat == nil {
		return nil
	}
	_, errs := noventiq.ValidateBuyLink(cat, decoded)
	return errs
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
	case modePresets:
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
		return m.openPicker()
	case key.Matches(msg, k.Curl):
		return m.copyCurl()
	case key.Matches(msg, k.Form) && m.raw != nil:
		cmd := m.adoptForm()
		m.refresh()
		return cmd
	}
	return nil
}

func (m *Model) updateEditing(msg tea.Msg) tea.Cmd {
	if kp, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(kp, m.keys.SendNow):
			m.stopEditing()
			return m.send()
		case key.Matches(kp, m.keys.Done):
			m.stopEditing()
			return nil
		case key.Matches(kp, m.keys.Next):
			return m.nextField(1)
		case key.Matches(kp, m.keys.Prev):
			return m.nextField(-1)
		}
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	row := m.rows[m.nav.Pos]
	if row.Node.Value == m.input.Value() {
		return cmd
	}
	row.Node.Value = m.input.Value()
	adopt := m.adoptForm()
	m.refresh()
	return tea.Batch(cmd, adopt)
}

// editable reports whether row i is a field edited as text.
func (m *Model) editable(i int) bool {
	r := m.rows[i]
	return r.Kind == form.RowField && r.Node.Field.Kind != form.Bool
}

func (m *Model) startEditing() tea.Cmd {
	m.editing = true
	m.input.SetValue(m.rows[m.nav.Pos].Node.Value)
	m.input.CursorEnd()
	return m.input.Focus()
}

func (m *Model) stopEditing() {
	m.editing = false
	m.input.Blur()
}

// nextField moves the edit to the next (dir 1) or previous (-1) text
// field, staying on this one when there is none.
func (m *Model) nextField(dir int) tea.Cmd {
	for i := m.nav.Pos + dir; i >= 0 && i < len(m.rows); i += dir {
		if m.editable(i) {
			m.nav.Pos = i
			m.scrollToCursor()
			return m.startEditing()
		}
	}
	return nil
}

// activate acts on the row under the cursor: edit a text field, toggle a
// boolean, fold a section or add to a list. toggleOnly is space: it does
// not start editing.
func (m *Model) activate(toggleOnly bool) tea.Cmd {
	if len(m.rows) == 0 {
		return nil
	}
	row := m.rows[m.nav.Pos]
	switch row.Kind {
	case form.RowField:
		if row.Node.Field.Kind != form.Bool {
			if toggleOnly {
				return nil
			}
			return m.startEditing()
		}
		row.Node.Value = map[string]string{"": "true", "true": "false", "false": ""}[row.Node.Value]
		return m.changed()
	case form.RowAdd:
		return m.add()
	default:
		row.Node.Folded = !row.Node.Folded
		m.refresh()
	}
	return nil
}

// changed records an edit of the form.
func (m *Model) changed() tea.Cmd {
	cmd := m.adoptForm()
	m.refresh()
	return cmd
}

func (m *Model) clearField() tea.Cmd {
	row := m.rows[m.nav.Pos]
	if row.Kind != form.RowField || row.Node.Value == "" {
		return nil
	}
	row.Node.Value = ""
	return m.changed()
}

// listAt returns the list an add under the cursor goes to.
func (m *Model) listAt() *form.Node {
	row := m.rows[m.nav.Pos]
	switch {
	case row.Kind == form.RowList || row.Kind == form.RowAdd && row.Node.Field.Kind == form.List:
		return row.Node
	case row.List != nil:
		return row.List
	}
	return m.doc.Root.Child("products")
}

func (m *Model) add() tea.Cmd {
	list := m.listAt()
	list.Folded = false
	i := form.AddItem(list)
	cmd := m.changed()
	m.cursorTo(list.Items[i], 1)
	return tea.Batch(cmd, ui.Status("added "+list.Field.Noun+" "+itemName(list, i)))
}

func (m *Model) duplicate() tea.Cmd {
	row := m.rows[m.nav.Pos]
	if row.List == nil {
		return ui.Problem("put the cursor on a product to duplicate it")
	}
	i := form.DuplicateItem(row.List, row.Index)
	cmd := m.changed()
	m.cursorTo(row.List.Items[i], 0)
	return tea.Batch(cmd, ui.Status("duplicated as "+itemName(row.List, i)))
}

func (m *Model) remove() tea.Cmd {
	row := m.rows[m.nav.Pos]
	if row.List == nil {
		return ui.Problem("put the cursor on a product to remove it")
	}
	name := itemName(row.List, row.Index)
	form.RemoveItem(row.List, row.Index)
	cmd := m.changed()
	return tea.Batch(cmd, ui.Status("removed "+row.List.Field.Noun+" "+name))
}

// itemName names element i of a list as its row does.
func itemName(list *form.Node, i int) string {
	return list.Field.Key + "[" + strconv.Itoa(i) + "]"
}

// cursorTo puts the cursor on the row of node n, plus skip rows.
func (m *Model) cursorTo(n *form.Node, skip int) {
	for i, r := range m.rows {
		if r.Node == n && r.Kind == form.RowItem {
			m.nav.Pos = min(i+skip, len(m.rows)-1)
			break
		}
	}
	m.scrollToCursor()
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
	if path != "" && form.Schema.Lookup(path) == nil {
		return ui.Problem(path + ": generate_buy_link has no such field, so the form has no row for it")
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
	return tea.Batch(s.Client.Send(client.BuyLink(s.Token, m.Body())), ui.Status("sending generate_buy_link…"))
}

func (m *Model) toggleJSON() tea.Cmd {
	if m.mode == modeJSON {
		m.mode = modeForm
		return nil
	}
	m.mode = modeJSON
	m.view.SetContentLines(ui.Lines(m.Body()))
	m.view.GotoTop()
	return nil
}

func (m *Model) copyCurl() tea.Cmd {
	s := m.opts.Session
	if s == nil {
		return nil
	}
	m.curl = s.Client.Curl(client.BuyLink(s.Token, m.Body()))
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

func (m *Model) openPicker() tea.Cmd {
	if len(m.presets) == 0 {
		if !m.presetsIn {
			return ui.Problem("the presets are still loading: try again in a moment")
		}
		return ui.Problem("no presets are loaded")
	}
	opts := make([]huh.Option[int], len(m.presets))
	for i, p := range m.presets {
		opts[i] = huh.NewOption(p.Group+": "+p.Name, i)
	}
	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
	m.pick = 0
	m.picker = huh.NewForm(huh.NewGroup(
		huh.NewSelect[int]().Title("Load a preset").Description("It replaces the request being composed.").
			Options(opts...).Value(&m.pick),
	)).WithKeyMap(km).WithShowHelp(true).WithTheme(huh.ThemeFunc(huh.ThemeCharm)).
		WithWidth(max(20, m.width-2)).WithHeight(max(5, m.height-1))
	m.mode = modePresets
	return m.picker.Init()
}

func (m *Model) updatePicker(msg tea.Msg) tea.Cmd {
	f, cmd := m.picker.Update(msg)
	if hf, ok := f.(*huh.Form); ok {
		m.picker = hf
	}
	switch m.picker.State {
	case huh.StateCompleted:
		p := m.presets[m.pick]
		m.load(p.Body, p.Group+": "+p.Name)
		return ui.Status("loaded " + p.Group + ": " + p.Name)
	case huh.StateAborted:
		m.mode = modeForm
		return nil
	}
	return cmd
}

// Clicks and the wheel act on the rows.
func (m *Model) click(mouse tea.Mouse) tea.Cmd {
	i := m.nav.Offset + mouse.Y - m.rowsTop()
	if mouse.Button != tea.MouseLeft || mouse.Y < m.rowsTop() || mouse.Y >= m.rowsTop()+m.rowsHeight() || i >= len(m.rows) {
		return nil
	}
	if m.editing {
		m.stopEditing()
	}
	if i == m.nav.Pos {
		return m.activate(false)
	}
	m.nav.Pos = i
	return nil
}

// wheel scrolls the rows; not while a field is edited, which must stay in
// sight.
func (m *Model) wheel(mouse tea.Mouse) {
	if m.editing {
		return
	}
	switch mouse.Button {
	case tea.MouseWheelUp:
		m.nav.Wheel(-3, len(m.rows), m.rowsHeight())
	case tea.MouseWheelDown:
		m.nav.Wheel(3, len(m.rows), m.rowsHeight())
	}
}

func (m *Model) scrollToCursor() { m.nav.Scroll(len(m.rows), m.rowsHeight()) }
