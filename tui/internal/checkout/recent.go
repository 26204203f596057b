package checkout

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/styles"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

// recentMax bounds the list; the oldest go.
const recentMax = 100

// recentTop is the first line of the items.
const recentTop = 2

// recentItem is one thing made: its id, and what else the list shows of it.
type recentItem struct{ ID, Detail string }

// recentKeys are the list's keys.
type recentKeys struct {
	Nav          ui.Keys
	Open, Type   key.Binding
	Done, Cancel key.Binding
}

// recentList is the list a checkout pane starts on: what the workbench
// made this session (buy links, sessions, orders), newest first, with a
// field to type the id of one that any client made. It says which to open;
// the pane opens it.
type recentList struct {
	keys recentKeys
	// noun names an item ("link"); parse reads a typed id.
	noun  string
	parse func(string) string
	items []recentItem
	nav   ui.Cursor

	typing bool
	input  textinput.Model

	width, height int
}

// newRecentList returns an empty list of things called noun ("link", "order"); a
// typed id goes through parse (a buy link becomes its id).
func newRecentList(noun, placeholder string, parse func(string) string) *recentList {
	m := &recentList{noun: noun, parse: parse, input: textinput.New(), keys: recentKeys{
		Nav:    ui.NewKeys(noun),
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open the "+noun)),
		Type:   key.NewBinding(key.WithKeys("i", "/"), key.WithHelp("i", "type "+placeholder)),
		Done:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel, back")),
	}}
	m.input.Prompt = noun + " › "
	m.input.Placeholder = placeholder
	m.input.CharLimit = 512
	st := m.input.Styles()
	st.Cursor.Blink = false
	m.input.SetStyles(st)
	return m
}

// Keys returns the list's keys.
func (m *recentList) Keys() recentKeys { return m.keys }

// Typing reports whether the id field has the keyboard.
func (m *recentList) Typing() bool { return m.typing }

// SetSize sets the list's size.
func (m *recentList) SetSize(width, height int) {
	m.width, m.height = width, height
	m.input.SetWidth(max(10, width-10))
	m.nav.Scroll(len(m.items), m.listHeight())
}

// listHeight is how many items show at once; two lines stay for the id
// field and a problem.
func (m *recentList) listHeight() int { return max(0, m.height-recentTop-2) }

// Add puts an item first, once; an id seen before keeps what is known of
// it.
func (m *recentList) Add(it recentItem) {
	if it.ID == "" {
		return
	}
	if i := slices.IndexFunc(m.items, func(o recentItem) bool { return o.ID == it.ID }); i >= 0 {
		if it.Detail == "" {
			it.Detail = m.items[i].Detail
		}
		m.items = slices.Delete(m.items, i, i+1)
	}
	m.items = append([]recentItem{it}, m.items...)
	if len(m.items) > recentMax {
		m.items = m.items[:recentMax]
	}
	m.nav.Scroll(len(m.items), m.listHeight())
}

// Heard takes what the pane hears of things made: an exchange that made
// one adds it; a request to open one (o in Response) adds it and returns
// its id to open. heard is false for any other message.
func (m *recentList) Heard(msg tea.Msg) (open string, heard bool) {
	switch msg := msg.(type) {
	case client.ExchangeMsg:
		if made, ok := client.MadeBy(msg.Exchange); ok {
			m.Add(recentItem{ID: made.ID, Detail: cmp.Or(made.URL, made.Note)})
		}
		return "", true
	case ui.OpenMsg:
		m.Add(recentItem{ID: msg.ID, Detail: msg.URL})
		return msg.ID, true
	}
	return "", false
}

// Update handles the keys and the mouse of the list and of the id field;
// open is the id to open, "" for none.
func (m *recentList) Update(msg tea.Msg) (open string, cmd tea.Cmd) {
	if m.typing {
		if kp, ok := msg.(tea.KeyPressMsg); ok {
			switch {
			case key.Matches(kp, m.keys.Cancel):
				m.typing = false
				m.input.Blur()
				return "", nil
			case key.Matches(kp, m.keys.Done):
				id := m.parse(strings.TrimSpace(m.input.Value()))
				if id == "" {
					return "", ui.Problem(fmt.Sprintf("type the %s to open", m.input.Placeholder))
				}
				m.typing = false
				m.input.Blur()
				m.Add(recentItem{ID: id})
				return id, nil
			}
		}
		m.input, cmd = m.input.Update(msg)
		return "", cmd
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if m.nav.Key(msg, m.keys.Nav, len(m.items), m.listHeight()) {
			return "", nil
		}
		switch {
		case key.Matches(msg, m.keys.Open) && len(m.items) > 0:
			return m.items[m.nav.Pos].ID, nil
		case key.Matches(msg, m.keys.Type):
			m.typing = true
			m.input.SetValue("")
			return "", m.input.Focus()
		}
	case tea.MouseClickMsg:
		i := m.nav.Offset + msg.Y - recentTop
		if msg.Button != tea.MouseLeft || msg.Y < recentTop || i >= len(m.items) {
			return "", nil
		}
		if i == m.nav.Pos {
			return m.items[i].ID, nil
		}
		m.nav.Pos = i
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			m.nav.Wheel(-3, len(m.items), m.listHeight())
		} else if msg.Button == tea.MouseWheelDown {
			m.nav.Wheel(3, len(m.items), m.listHeight())
		}
	}
	return "", nil
}

// View renders the list under a title line and a heading, the id field
// (or its hint) last.
func (m *recentList) View(title, heading, empty string) string {
	lines := []string{title, heading}
	if len(m.items) == 0 {
		lines = append(lines, styles.Hint.Render("  "+empty))
	}
	end := min(m.nav.Offset+m.listHeight(), len(m.items))
	for i := m.nav.Offset; i < end; i++ {
		it := m.items[i]
		line := fmt.Sprintf("  %-10s %s", ui.Sanitize(it.ID), ui.Sanitize(it.Detail))
		if i == m.nav.Pos {
			line = styles.Selected.Render(line)
		}
		lines = append(lines, line)
	}
	for len(lines) < m.height-1 {
		lines = append(lines, "")
	}
	if m.typing {
		lines = append(lines, m.input.View())
	} else {
		lines = append(lines, styles.Hint.Render(fmt.Sprintf("i: type the %s (made by any client)", m.input.Placeholder)))
	}
	return ui.Fit(lines, m.width, m.height)
}

// ShortHelp lists the main keys of the list, or of the id field.
func (m *recentList) ShortHelp() []key.Binding {
	if m.typing {
		return []key.Binding{m.keys.Done, m.keys.Cancel}
	}
	return []key.Binding{m.keys.Open, m.keys.Type}
}
