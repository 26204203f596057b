package tui

import (
	"fmt"
	"net"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/flashcart/flashcart/tui/internal/styles"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

// The layout: the tab bar, the pane, the help line and the status bar,
// the help overlay and the vendor picker, and the too-small message.

func (m *Model) tooSmall() bool { return m.width < MinWidth || m.height < MinHeight }

// tabLabel is the text of a tab.
func (m *Model) tabLabel(i int) string { return fmt.Sprintf("%d %s", i+1, m.panes[i].Title()) }

// tabAt returns the pane whose tab is at column x.
func (m *Model) tabAt(x int) (ui.ID, bool) {
	left := 0
	for i := range m.panes {
		w := lipgloss.Width(styles.Tab.Render(m.tabLabel(i)))
		if x >= left && x < left+w {
			return ui.ID(i), true
		}
		left += w
	}
	return 0, false
}

// View lays out the tab bar, the pane, the help line and the status bar,
// with the help overlay on top when it is open.
func (m *Model) View() tea.View {
	var content string
	switch {
	case m.width == 0:
		content = "starting flashcart…"
	case m.tooSmall():
		content = m.tooSmallView()
	default:
		p := m.panes[m.active]
		content = strings.Join([]string{m.tabs(), p.View(), m.helpLine(p), m.statusBar()}, "\n")
		switch {
		case m.showHelp:
			content = ui.Overlay(content, m.helpBox(p), m.width, m.height)
		case m.picking:
			content = ui.Overlay(content, m.pickerBox(), m.width, m.height)
		}
	}
	v := tea.NewView(content)
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "flashcart"
	return v
}

func (m *Model) tooSmallView() string {
	msg := styles.TooSmall.Render("Terminal too small") + "\n\n" +
		fmt.Sprintf("flashcart needs at least %d×%d; this one is %d×%d.", MinWidth, MinHeight, m.width, m.height) + "\n" +
		"Enlarge the window, or press q to quit." + "\n\n" +
		styles.Hint.Render("The sandbox keeps serving at "+m.cfg.URL+".")
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center,
		lipgloss.NewStyle().Width(min(m.width, 60)).Align(lipgloss.Center).Render(msg))
}

func (m *Model) tabs() string {
	var b strings.Builder
	for i := range m.panes {
		st := styles.Tab
		if ui.ID(i) == m.active {
			st = styles.ActiveTab
		}
		b.WriteString(st.Render(m.tabLabel(i)))
	}
	tabs := b.String()
	name := styles.Hint.Render("flashcart ")
	gap := m.width - lipgloss.Width(tabs) - lipgloss.Width(name)
	if gap < 1 {
		return ui.Fit([]string{tabs}, m.width, 1)
	}
	return tabs + strings.Repeat(" ", gap) + name
}

func (m *Model) helpLine(p ui.Pane) string {
	bindings := append(p.ShortHelp(), m.keys.Help, m.keys.Vendor, m.keys.Quit)
	if p.Capturing() {
		bindings = append(p.ShortHelp(), m.keys.ForceQuit)
	}
	return ui.Fit([]string{m.help.ShortHelpView(bindings)}, m.width, 1)
}

// statusBar shows where the sandbox listens, the vendor in use and the
// login to it, and the last message. When the line is too wide, the
// address and the login give way before the message, least useful first:
// the scheme, then the note that the address was taken shortens, then the
// account logged in as, then the note. The vendor always shows.
func (m *Model) statusBar() string {
	s := m.sessions[m.vendor]
	var who, short string
	switch {
	case s.Token != "":
		who, short = styles.StatusOK.Render(m.vendor.Title()+" "+s.Account+" ✓"), styles.StatusOK.Render(m.vendor.Title()+" ✓")
	case s.Err != nil:
		who = styles.StatusBad.Render(m.vendor.Title() + " not logged in")
		short = who
	default:
		who, short = styles.Hint.Render(m.vendor.Title()+" logging in as "+s.Account+"…"), styles.Hint.Render(m.vendor.Title()+" …")
	}
	tail := ""
	if m.status != "" {
		st := styles.StatusMsg
		if m.statusErr {
			st = styles.StatusBad
		}
		tail = styles.StatusBar.Render(" │ ") + st.Render(m.status)
	}
	bare := strings.TrimPrefix(m.cfg.URL, "http://")
	ways := [][2]string{{m.cfg.URL, who}, {bare, who}, {bare, short}}
	if m.cfg.Moved {
		note := func(s string) string { return styles.Warn.Render(" (" + s + ")") }
		taken := "moved"
		if _, port, err := net.SplitHostPort(m.cfg.Requested); err == nil {
			taken = ":" + port + " taken"
		}
		ways = [][2]string{
			{m.cfg.URL + note(m.cfg.Requested+" was taken"), who},
			{bare + note(m.cfg.Requested+" was taken"), who},
			{bare + note(taken), who},
			{bare + note(taken), short},
			{bare, short},
		}
	}
	var line string
	for _, w := range ways {
		line = styles.StatusOK.Render("● ") + w[0] + styles.StatusBar.Render(" · ") + w[1] + tail
		if lipgloss.Width(line) <= m.width {
			break
		}
	}
	return ui.Fit([]string{line}, m.width, 1)
}

// helpLines lists every key in columns that fit width: the pane's, then
// the global ones, then the mouse.
func (m *Model) helpLines(p ui.Pane, width int) []string {
	var lines []string
	section := func(title string, bindings []key.Binding) {
		if len(bindings) == 0 {
			return
		}
		if len(lines) > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, styles.Title.Render(title))
		lines = append(lines, columnize(bindings, width)...)
	}
	var paneKeys []key.Binding
	for _, g := range p.FullHelp() {
		paneKeys = append(paneKeys, g...)
	}
	section(p.Title(), paneKeys)
	section("Global", m.keys.list())
	return append(lines, "", styles.Title.Render("Mouse"),
		"click a tab to switch panes; click a row to select it, again to open it;",
		"the wheel scrolls. ↑/↓ scroll this help; any other key closes it.")
}

// columnize lays bindings out column by column, as many columns as fit.
func columnize(bindings []key.Binding, width int) []string {
	var items []key.Binding
	keyW, itemW := 0, 0
	for _, b := range bindings {
		if !b.Enabled() {
			continue
		}
		items = append(items, b)
		keyW = max(keyW, lipgloss.Width(b.Help().Key))
	}
	for _, b := range items {
		itemW = max(itemW, keyW+1+lipgloss.Width(b.Help().Desc))
	}
	itemW = min(itemW, width)
	cols := max(1, (width+2)/(itemW+2))
	if cols == 1 && width >= 60 {
		cols, itemW = 2, (width-2)/2 // two columns, descriptions cut
	}
	rows := (len(items) + cols - 1) / cols
	st := styles.Help()
	out := make([]string, rows)
	for i, b := range items {
		h := b.Help()
		cell := st.FullKey.Render(fmt.Sprintf("%-*s", keyW, h.Key)) + " " + st.FullDesc.Render(h.Desc)
		if i/rows < cols-1 {
			cell = ui.Fit([]string{cell}, itemW, 1) + "  "
		} else {
			cell = ui.Fit([]string{cell}, itemW, 1)
		}
		out[i%rows] += cell
	}
	return out
}

// helpBox is the visible part of the help, framed.
func (m *Model) helpBox(p ui.Pane) string {
	lines := m.helpLines(p, m.width-4)
	h := min(len(lines), m.height-2)
	off := min(m.helpOffset, len(lines)-h)
	return styles.Overlay.Render(strings.Join(lines[off:off+h], "\n"))
}
