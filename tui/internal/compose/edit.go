package compose

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/flashcart/flashcart/tui/internal/form"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

// The edits of the form: a field's text, a boolean, folding, the
// elements of a list; the cursor and the mouse.

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

// listAt returns the list an add under the cursor goes to: the one the
// cursor is on or in, else the request's first.
func (m *Model) listAt() *form.Node {
	row := m.rows[m.nav.Pos]
	switch {
	case row.Kind == form.RowList || row.Kind == form.RowAdd && row.Node.Field.Kind == form.List:
		return row.Node
	case row.List != nil:
		return row.List
	}
	return firstList(m.doc.Root)
}

// firstList is the first list of n, depth first; nil for none.
func firstList(n *form.Node) *form.Node {
	for _, c := range n.Fields {
		if c.Field.Kind == form.List {
			return c
		}
		if l := firstList(c); l != nil {
			return l
		}
	}
	return nil
}

func (m *Model) add() tea.Cmd {
	list := m.listAt()
	if list == nil {
		return ui.Problem(m.request().Name + " has no list to add to")
	}
	list.Folded = false
	i := form.AddItem(list)
	cmd := m.changed()
	m.cursorTo(list.Items[i], 1)
	return tea.Batch(cmd, ui.Status("added "+list.Field.Noun+" "+itemName(list, i)))
}

func (m *Model) duplicate() tea.Cmd {
	row := m.rows[m.nav.Pos]
	if row.List == nil {
		return ui.Problem("put the cursor on an element of a list to duplicate it")
	}
	i := form.DuplicateItem(row.List, row.Index)
	cmd := m.changed()
	m.cursorTo(row.List.Items[i], 0)
	return tea.Batch(cmd, ui.Status("duplicated as "+itemName(row.List, i)))
}

func (m *Model) remove() tea.Cmd {
	row := m.rows[m.nav.Pos]
	if row.List == nil {
		return ui.Problem("put the cursor on an element of a list to remove it")
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
