package ui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// Keys move the cursor.
type Keys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

// NewKeys returns the keys, their help naming the items ("row",
// "request").
func NewKeys(item string) Keys {
	return Keys{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous "+item)),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next "+item)),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+f"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first "+item)),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last "+item)),
	}
}

// List returns the keys for help.
func (k Keys) List() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
}

// Cursor is the selected item and the first item in sight.
type Cursor struct {
	Pos, Offset int
}

// Key moves the cursor for a navigation key, over n items with height in
// sight; it reports whether msg was one.
func (c *Cursor) Key(msg tea.KeyPressMsg, k Keys, n, height int) bool {
	switch {
	case key.Matches(msg, k.Up):
		c.Move(-1, n, height)
	case key.Matches(msg, k.Down):
		c.Move(1, n, height)
	case key.Matches(msg, k.PageUp):
		c.Move(-height, n, height)
	case key.Matches(msg, k.PageDown):
		c.Move(height, n, height)
	case key.Matches(msg, k.Top):
		c.Move(-n, n, height)
	case key.Matches(msg, k.Bottom):
		c.Move(n, n, height)
	default:
		return false
	}
	return true
}

// Move moves the cursor by delta, staying within the n items.
func (c *Cursor) Move(delta, n, height int) {
	c.Pos = min(max(c.Pos+delta, 0), max(n-1, 0))
	c.Scroll(n, height)
}

// Scroll keeps the cursor in sight and the view within the n items.
func (c *Cursor) Scroll(n, height int) {
	if height <= 0 {
		return
	}
	if c.Pos < c.Offset {
		c.Offset = c.Pos
	}
	if c.Pos >= c.Offset+height {
		c.Offset = c.Pos - height + 1
	}
	c.Offset = max(0, min(c.Offset, n-height))
}

// Wheel scrolls the view by delta lines, moving the cursor to stay in
// sight.
func (c *Cursor) Wheel(delta, n, height int) {
	c.Offset = max(0, min(c.Offset+delta, n-height))
	c.Pos = min(max(c.Pos, c.Offset), c.Offset+height-1, n-1)
	c.Pos = max(c.Pos, 0)
}

// ScrollRows keeps the cursor in sight, as Scroll does, over n items of
// which item i takes lines(i) lines of the height shown; the view starts as
// late as it may and ends as early as it must.
func (c *Cursor) ScrollRows(lines func(i int) int, n, height int) {
	if n == 0 || height <= 0 {
		c.Pos, c.Offset = 0, 0
		return
	}
	c.Pos = min(max(c.Pos, 0), n-1)
	c.Offset = min(max(c.Offset, 0), c.Pos)
	used := 0
	for i := c.Offset; i <= c.Pos; i++ {
		used += lines(i)
	}
	for used > height && c.Offset < c.Pos {
		used -= lines(c.Offset)
		c.Offset++
	}
	// No blank lines at the end while items above are out of sight.
	below := 0
	for i := c.Offset; i < n; i++ {
		below += lines(i)
	}
	for c.Offset > 0 && below+lines(c.Offset-1) <= height {
		c.Offset--
		below += lines(c.Offset)
	}
}

// RowAt returns the item shown on line y of the view, when item i takes
// lines(i) lines; ok is false below the last item.
func (c *Cursor) RowAt(y int, lines func(i int) int, n int) (i int, ok bool) {
	for i = c.Offset; i < n && y >= 0; i++ {
		if y < lines(i) {
			return i, true
		}
		y -= lines(i)
	}
	return 0, false
}

// ScrollKeys scroll a body line by line and page by page.
type ScrollKeys struct {
	Up, Down, PageUp, PageDown key.Binding
}

// NewScrollKeys returns the keys that scroll a body.
func NewScrollKeys() ScrollKeys {
	return ScrollKeys{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdn", "page down")),
	}
}

// List returns the keys for help.
func (k ScrollKeys) List() []key.Binding { return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown} }

// Scroll scrolls v for a scrolling key; it reports whether msg was one.
func (k ScrollKeys) Scroll(msg tea.KeyPressMsg, v *viewport.Model) bool {
	switch {
	case key.Matches(msg, k.Up):
		v.ScrollUp(1)
	case key.Matches(msg, k.Down):
		v.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		v.PageUp()
	case key.Matches(msg, k.PageDown):
		v.PageDown()
	default:
		return false
	}
	return true
}
