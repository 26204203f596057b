// Package response is the workbench's response pane: the status, headers
// and colored JSON body of each request sent to a vendor, its errors as
// the vendor writes them (Noventiq's codes, each jumping to its field in
// the compose form; 2Checkout's code, error_code and message), what it
// made (a buy link, an order) to open in Checkout, and a history of sent
// requests to browse, resend and compare.
package response

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/aymanbagabas/go-udiff"

	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/styles"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

// MaxHistory bounds the history; the oldest exchanges are forgotten.
const MaxHistory = 200

// maxErrorLines is how many errors are listed above the body at once.
const maxErrorLines = 6

type mode int

const (
	modeDetail mode = iota
	modeHistory
	modeCompare
)

type keyMap struct {
	Up, Down, Jump, Headers, Resend, Older, Newer key.Binding
	History, Compare, Mark, Back, Open            key.Binding
	Checkout                                      key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous error (or scroll)")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next error (or scroll)")),
		Jump:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "jump to the error's field")),
		Headers:  key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "show/hide headers")),
		Resend:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "resend this request")),
		Older:    key.NewBinding(key.WithKeys("["), key.WithHelp("[", "older exchange")),
		Newer:    key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "newer exchange")),
		History:  key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "history list")),
		Compare:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "compare with the marked (or previous)")),
		Mark:     key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mark for compare")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Checkout: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open what it made in Checkout")),
	}
}

// scrollKeys are the body's scrolling keys; ↑/↓ are the error list's when
// there are errors.
func scrollKeys() viewport.KeyMap {
	km := viewport.DefaultKeyMap()
	km.PageDown = key.NewBinding(key.WithKeys("pgdown", "space", "f"), key.WithHelp("pgdn/space", "page down"))
	km.PageUp = key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", "page up"))
	km.HalfPageDown = key.NewBinding(key.WithKeys("ctrl+d", "d"), key.WithHelp("ctrl+d", "½ page down"))
	km.HalfPageUp = key.NewBinding(key.WithKeys("ctrl+u", "u"), key.WithHelp("ctrl+u", "½ page up"))
	km.Left = key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "scroll left"))
	km.Right = key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "scroll right"))
	return km
}

// Model is the response pane.
type Model struct {
	session *client.Session
	keys    keyMap

	history []*entry
	next    int // number of the next entry
	// sel is the entry shown; errSel its selected error.
	sel, errSel int
	headers     bool
	mode        mode
	// cursor and mark are the history list's selection and compare mark
	// (-1: none).
	cursor, mark int
	compare      string

	view          viewport.Model
	width, height int
}

// New returns an empty response pane that resends as session.
func New(session *client.Session) *Model {
	m := &Model{session: session, keys: newKeyMap(), mark: -1, next: 1, view: viewport.New()}
	m.view.KeyMap = scrollKeys()
	return m
}

// Init does nothing.
func (m *Model) Init() tea.Cmd { return nil }

// Title names the pane.
func (m *Model) Title() string { return "Response" }

// Capturing is always false: the pane has no text input.
func (m *Model) Capturing() bool { return false }

// SetSize sets the pane's size.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.layout()
}

// entryMsg is an exchange prepared for display off the UI loop.
type entryMsg struct{ e *entry }

// Update handles a message.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case client.ExchangeMsg:
		x := msg.Exchange
		_, relogged := msg.Login.(client.LoggedInMsg)
		return func() tea.Msg {
			e := newEntry(x)
			e.relogged = relogged
			return entryMsg{e}
		}
	case entryMsg:
		m.add(msg.e)
		said := fmt.Sprintf("#%d: %s", msg.e.n, msg.e.statusText())
		if msg.e.relogged {
			said += " (the session had expired: logged in again and sent once more)"
		}
		return tea.Batch(ui.Focus(ui.Response), ui.Status(said))
	case tea.KeyPressMsg:
		switch m.mode {
		case modeHistory:
			return m.updateHistory(msg)
		case modeCompare:
			if key.Matches(msg, m.keys.Back) {
				m.mode = modeDetail
				m.show(m.sel)
				return nil
			}
		default:
			if cmd, ok := m.updateDetail(msg); ok {
				return cmd
			}
		}
	case tea.MouseClickMsg:
		return m.click(msg.Mouse())
	}
	var cmd tea.Cmd
	m.view, cmd = m.view.Update(msg)
	return cmd
}

func (m *Model) add(e *entry) {
	e.n = m.next
	m.next++
	m.history = append(m.history, e)
	if len(m.history) > MaxHistory {
		m.history = m.history[1:]
		m.mark = max(-1, m.mark-1)
	}
	m.mode = modeDetail
	m.show(len(m.history) - 1)
}

// show makes entry i the one shown.
func (m *Model) show(i int) {
	if len(m.history) == 0 {
		return
	}
	m.sel = min(max(i, 0), len(m.history)-1)
	m.cursor, m.errSel = m.sel, 0
	m.layout()
	m.view.GotoTop()
}

// current returns the entry shown, or nil.
func (m *Model) current() *entry {
	if len(m.history) == 0 {
		return nil
	}
	return m.history[m.sel]
}

// updateDetail handles a key of the detail view; ok is false when the key
// is the body's to scroll.
func (m *Model) updateDetail(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	e := m.current()
	if e == nil {
		return nil, true
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Up) && len(e.errs) > 0:
		m.errSel = max(0, m.errSel-1)
	case key.Matches(msg, k.Down) && len(e.errs) > 0:
		m.errSel = min(len(e.errs)-1, m.errSel+1)
	case key.Matches(msg, k.Jump):
		return m.jump(), true
	case key.Matches(msg, k.Headers):
		m.headers = !m.headers
		m.layout()
	case key.Matches(msg, k.Resend):
		return m.resend(e), true
	case key.Matches(msg, k.Older):
		m.show(m.sel - 1)
	case key.Matches(msg, k.Newer):
		m.show(m.sel + 1)
	case key.Matches(msg, k.History):
		m.mode, m.cursor = modeHistory, m.sel
	case key.Matches(msg, k.Compare):
		return m.startCompare(), true
	case key.Matches(msg, k.Checkout):
		if e.made != nil {
			return ui.Open(e.made.ID, e.made.URL), true
		}
		return ui.Problem("this response made nothing Checkout opens"), true
	default:
		return nil, false
	}
	return nil, true
}

func (m *Model) jump() tea.Cmd {
	e := m.current()
	if e == nil || len(e.errs) == 0 {
		return nil
	}
	path := e.errs[m.errSel].Path
	return func() tea.Msg { return ui.JumpMsg{Path: path} }
}

// resend sends the exchange's call again, authorized as the session is
// now.
func (m *Model) resend(e *entry) tea.Cmd {
	if m.session == nil || m.session.Token == "" {
		return ui.Problem("not logged in yet: nothing was sent")
	}
	return tea.Batch(m.session.Send(e.x.Call), ui.Status(fmt.Sprintf("resending #%d…", e.n)))
}

func (m *Model) updateHistory(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.cursor = max(0, m.cursor-1)
	case key.Matches(msg, k.Down):
		m.cursor = min(len(m.history)-1, m.cursor+1)
	case key.Matches(msg, k.Open):
		m.mode = modeDetail
		m.show(m.cursor)
	case key.Matches(msg, k.Back), key.Matches(msg, k.History):
		m.mode = modeDetail
	case key.Matches(msg, k.Mark):
		if m.mark == m.cursor {
			m.mark = -1
		} else {
			m.mark = m.cursor
		}
	case key.Matches(msg, k.Resend) && len(m.history) > 0:
		return m.resend(m.history[m.cursor])
	case key.Matches(msg, k.Compare):
		m.sel = m.cursor
		return m.startCompare()
	}
	return nil
}

// startCompare diffs the shown entry against the marked one, or the one
// before it.
func (m *Model) startCompare() tea.Cmd {
	other := m.mark
	if other < 0 || other == m.sel {
		other = m.sel - 1
	}
	if other < 0 || other >= len(m.history) {
		return ui.Problem("nothing to compare with: mark an exchange with m in the history (l)")
	}
	a, b := m.history[other], m.history[m.sel]
	m.compare = udiff.Unified(fmt.Sprintf("#%d", a.n), fmt.Sprintf("#%d", b.n), a.comparable(), b.comparable())
	if m.compare == "" {
		m.compare = "the two exchanges are identical\n"
	}
	m.mode = modeCompare
	m.layout()
	m.view.GotoTop()
	return nil
}

func (m *Model) click(mouse tea.Mouse) tea.Cmd {
	if mouse.Button != tea.MouseLeft {
		return nil
	}
	switch m.mode {
	case modeHistory:
		if i := mouse.Y - 1; i >= 0 && i < len(m.history) {
			m.cursor = i
			m.mode = modeDetail
			m.show(i)
		}
	case modeDetail:
		e := m.current()
		const first = 1 // the errors' title line; the errors follow
		if e == nil || mouse.Y < first+1 || mouse.Y >= first+1+m.errorLines() {
			return nil
		}
		m.errSel = m.errOffset() + mouse.Y - first - 1
		return m.jump()
	}
	return nil
}

func (m *Model) errorLines() int {
	e := m.current()
	if e == nil {
		return 0
	}
	return min(len(e.errs), maxErrorLines)
}

// errOffset is the first error listed, so that the selected one shows.
func (m *Model) errOffset() int {
	return max(0, m.errSel-maxErrorLines+1)
}

// topLines is how many lines stand above the body.
func (m *Model) topLines() int {
	e := m.current()
	switch {
	case e == nil:
		return 0
	case len(e.errs) > 0:
		return 2 + m.errorLines() + 1
	case e.made != nil:
		return 2 + len(m.linkLines(e)) + 1
	}
	return 1 + 1
}

// layout sizes the body view and fills it for the mode.
func (m *Model) layout() {
	m.view.SetWidth(m.width)
	switch m.mode {
	case modeCompare:
		m.view.SetHeight(max(0, m.height-1))
		m.view.SetContentLines(ui.DiffLines(m.compare))
		return
	}
	m.view.SetHeight(max(0, m.height-m.topLines()))
	e := m.current()
	if e == nil {
		return
	}
	if !m.headers {
		m.view.SetContentLines(e.body)
		return
	}
	lines := append(append(append([]string{}, e.headers...), ""), e.body...)
	m.view.SetContentLines(lines)
}

// View renders the pane.
func (m *Model) View() string {
	e := m.current()
	switch {
	case e == nil:
		return ui.Fit([]string{
			styles.Title.Render("No response yet"),
			"",
			"Compose a request and send it with s (or ctrl+s): its status, headers and body",
			"show here, with each error linked to its field in the form.",
		}, m.width, m.height)
	case m.mode == modeHistory:
		return m.historyView()
	case m.mode == modeCompare:
		return ui.Fit([]string{styles.Title.Render("compare") + styles.Hint.Render("  request, status and body · esc back"), m.view.View()}, m.width, m.height)
	}
	lines := []string{m.statusLine(e)}
	switch {
	case len(e.errs) > 0:
		head := styles.Section.Render(fmt.Sprintf("Errors (%d)", len(e.errs)))
		if e.paths() {
			head += styles.Hint.Render(" — enter or click jumps to the field")
		}
		lines = append(lines, head)
		off, codeW, pathW := m.errOffset(), 0, 0
		for _, er := range e.errs {
			codeW = max(codeW, lipgloss.Width(er.Code))
			if e.paths() {
				pathW = max(pathW, lipgloss.Width(pathOf(er)))
			}
		}
		for i := off; i < off+m.errorLines(); i++ {
			lines = append(lines, m.errorLine(e.errs[i], i == m.errSel, codeW, pathW))
		}
	case e.made != nil:
		about := styles.Good.Render("✓ "+e.made.What) + styles.Hint.Render(" · "+e.made.IDName+" "+e.made.ID)
		for _, more := range []string{e.made.Note, "o opens it in Checkout"} { // as they fit
			if more != "" && lipgloss.Width(about)+3+lipgloss.Width(more) <= m.width {
				about += styles.Hint.Render(" · " + more)
			}
		}
		lines = append(lines, about)
		lines = append(lines, m.linkLines(e)...)
	}
	lines = append(lines, m.rule(e), m.view.View())
	return ui.Fit(lines, m.width, m.height)
}

func (m *Model) statusLine(e *entry) string {
	target := e.x.Request.Method + " " + e.x.Request.Path
	if name := e.x.Call.Name; name != "" && !strings.Contains(e.x.Request.Path, name) {
		target += " " + name // a JSON-RPC method
	}
	left := fmt.Sprintf("#%d %s → ", e.n, ui.Sanitize(target)) +
		styles.StatusCode(e.x.Status).Render(e.statusText()) +
		styles.Hint.Render(fmt.Sprintf(" · %s · %s", e.x.Latency.Round(100_000), e.x.Sent.Format("15:04:05")))
	if e.relogged {
		left += styles.Warn.Render(" · after a new login")
	}
	right := styles.Hint.Render(fmt.Sprintf("%d of %d", m.sel+1, len(m.history)))
	gap := m.width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		return left
	}
	return left + strings.Repeat(" ", gap) + right
}

// errorLine shows an error: its code (padded to codeW), its field (padded
// to pathW; none when pathW is 0) and its message.
func (m *Model) errorLine(e client.Problem, selected bool, codeW, pathW int) string {
	marker := "  "
	if selected {
		marker = styles.Selected.Render("›") + " "
	}
	line := marker + styles.ErrorCode.Render(fmt.Sprintf("%-*s", codeW, e.Code)) + " "
	if pathW > 0 {
		line += styles.Value.Render(fmt.Sprintf("%-*s", pathW, pathOf(e))) + "  "
	}
	return line + styles.Error.Render(e.Message)
}

func pathOf(e client.Problem) string {
	if e.Path == "" {
		return "(request)"
	}
	return e.Path
}

// linkLines show the address of what a success made whole, on lines of
// its own: a link wider than the pane goes on over the next lines, so that
// all of it can be read and selected.
func (m *Model) linkLines(e *entry) []string {
	if e.made.URL == "" {
		return nil
	}
	return ui.Link(e.made.URL, m.width)
}

// rule heads the body, counting what it shows.
func (m *Model) rule(e *entry) string {
	what := fmt.Sprintf("body (%s, %d bytes)", plural(len(e.body), "line"), len(e.x.Body))
	if m.headers {
		what = fmt.Sprintf("headers and body (%s, %s, %d bytes)",
			plural(len(e.headers), "header line"), plural(len(e.body), "body line"), len(e.x.Body))
	}
	return ui.Rule(what, m.width)
}

// plural is "1 line", "2 lines".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func (m *Model) historyView() string {
	lines := []string{styles.Title.Render("History") + styles.Hint.Render("  enter open · m mark · c compare · r resend · esc back")}
	first := max(0, m.cursor-(m.height-2))
	for i := first; i < len(m.history) && len(lines) < m.height; i++ {
		e := m.history[i]
		mark := " "
		if i == m.mark {
			mark = "*"
		}
		what := ""
		switch {
		case len(e.errs) > 0:
			codes := make([]string, len(e.errs))
			for j, er := range e.errs {
				codes[j] = er.Code
			}
			what = strings.Join(codes, " ")
		case e.made != nil:
			what = e.made.What + " " + e.made.ID
		}
		line := fmt.Sprintf("%s #%-3d %s  %-20s %-24s %7s  %s", mark, e.n, e.x.Sent.Format("15:04:05"), ui.Cut(ui.Sanitize(e.x.Call.Name), 20), e.statusText(), e.x.Latency.Round(100_000), what)
		if i == m.cursor {
			line = styles.Selected.Render(line)
		}
		lines = append(lines, line)
	}
	return ui.Fit(lines, m.width, m.height)
}

// ShortHelp lists the main keys of the current view.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch m.mode {
	case modeHistory:
		return []key.Binding{k.Open, k.Mark, k.Compare, k.Resend, k.Back}
	case modeCompare:
		return []key.Binding{k.Back}
	}
	switch e := m.current(); {
	case e != nil && e.made != nil:
		return []key.Binding{k.Checkout, k.Resend, k.Older, k.Newer, k.History, k.Compare, k.Headers}
	case e != nil && e.paths():
		return []key.Binding{k.Jump, k.Resend, k.Older, k.Newer, k.History, k.Compare, k.Headers}
	}
	return []key.Binding{k.Resend, k.Older, k.Newer, k.History, k.Compare, k.Headers}
}

// FullHelp lists every key of the pane.
func (m *Model) FullHelp() [][]key.Binding {
	k, s := m.keys, m.view.KeyMap
	return [][]key.Binding{
		{k.Up, k.Down, k.Jump, k.Checkout, k.Headers, k.Resend, k.Older, k.Newer},
		{k.History, k.Mark, k.Compare, k.Back},
		{s.PageDown, s.PageUp, s.HalfPageDown, s.HalfPageUp, s.Left, s.Right},
	}
}
