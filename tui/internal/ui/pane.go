package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flashcart/flashcart/tui/internal/styles"
)

// Pane is one tab of the workbench. The root model owns the layout and the
// global keys; it gives a pane its size, the keys it does not use itself,
// the mouse messages inside the pane (with coordinates relative to the
// pane's top-left corner) and every other message.
type Pane interface {
	// Init returns the pane's first command.
	Init() tea.Cmd
	// Update handles a message; IO happens only in the returned command.
	Update(msg tea.Msg) tea.Cmd
	// View renders the pane in exactly the size last given to SetSize.
	View() string
	// SetSize tells the pane how much room it has.
	SetSize(width, height int)
	// Title names the pane in the tab bar.
	Title() string
	// Capturing reports whether the pane takes every key, such as while a
	// text field is being edited; the root's single-key bindings then pass
	// through to the pane.
	Capturing() bool
	// ShortHelp and FullHelp list the pane's keys for the help line and the
	// help overlay.
	help.KeyMap
}

// ID identifies a pane; the panes appear in the tab bar in this order.
type ID int

// The panes.
const (
	Compose ID = iota
	Response
	Checkout
	Journal
	Scenarios
)

// FocusMsg asks the root to show a pane.
type FocusMsg struct{ Pane ID }

// Focus returns a command asking the root to show a pane.
func Focus(id ID) tea.Cmd { return func() tea.Msg { return FocusMsg{Pane: id} } }

// StatusMsg asks the root to show a message in the status bar until the
// next one.
type StatusMsg struct {
	Text string
	// Err marks the message as a problem.
	Err bool
}

// Status returns a command showing an informative message.
func Status(text string) tea.Cmd { return func() tea.Msg { return StatusMsg{Text: text} } }

// Problem returns a command showing a problem.
func Problem(text string) tea.Cmd { return func() tea.Msg { return StatusMsg{Text: text, Err: true} } }

// JumpMsg asks the compose pane to put its cursor on the field at Path (as
// the validator names it, such as "products[1].price"). The root shows the
// compose pane first.
type JumpMsg struct{ Path string }

// OpenMsg asks the checkout pane to open what a request made: a buy link
// by its external id, an order by its RefNo; URL is where its customer
// opens it, when known. The root shows the checkout pane first.
type OpenMsg struct {
	ID  string
	URL string
}

// Open returns a command asking the checkout pane to open something.
func Open(id, url string) tea.Cmd {
	return func() tea.Msg { return OpenMsg{ID: id, URL: url} }
}

// Overlay draws framed centered over base, a view width columns wide and
// height lines tall.
func Overlay(base, framed string, width, height int) string {
	x := max(0, (width-lipgloss.Width(framed))/2)
	y := max(0, (height-lipgloss.Height(framed))/2)
	return lipgloss.NewCompositor(lipgloss.NewLayer(base), lipgloss.NewLayer(framed).X(x).Y(y).Z(1)).Render()
}

// Rule is a section line across width columns: "── label ─────".
func Rule(label string, width int) string {
	label = "── " + label + " "
	return styles.Rule.Render(label + strings.Repeat("─", max(0, width-lipgloss.Width(label))))
}

// Cut shortens s to at most w columns, ending it with "…" when cut.
func Cut(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, max(0, w-1), "…")
}

// CutPath shortens a URL path to at most w columns by leaving out its
// first segments, which requests to one API share, and keeping its last
// ones, which tell them apart: "/_sandbox/checkout/8350E7FCA5/upsell"
// becomes "…/8350E7FCA5/upsell", then "…/upsell". A last segment wider
// than w keeps its end.
func CutPath(path string, w int) string {
	if ansi.StringWidth(path) <= w {
		return path
	}
	tail := ""
	for rest := path; ; {
		i := strings.LastIndexByte(rest, '/')
		if i < 0 || ansi.StringWidth("…"+rest[i:]+tail) > w {
			break
		}
		rest, tail = rest[:i], rest[i:]+tail
	}
	if tail == "" {
		r := []rune(path)
		for len(r) > 0 && ansi.StringWidth("…"+string(r)) > w {
			r = r[1:]
		}
		tail = string(r)
	}
	return "…" + tail
}

// Wrap breaks s, which may hold styles, into lines of at most width
// columns, at spaces where it can; the lines after the first are indented
// by indent columns.
func Wrap(s string, width, indent int) []string {
	w := max(1, width-indent)
	lines := strings.Split(ansi.Wrap(s, w, ""), "\n")
	pad := strings.Repeat(" ", indent)
	for i := 1; i < len(lines); i++ {
		lines[i] = pad + lines[i]
	}
	return lines
}

// Link shows an address whole, indented on lines of its own: one wider
// than width goes on over the next lines, so that all of it can be read
// and selected.
func Link(address string, width int) []string {
	lines := strings.Split(ansi.Hardwrap(address, max(10, width-2), false), "\n")
	for i, l := range lines {
		lines[i] = "  " + styles.Value.Render(l)
	}
	return lines
}

// Fit makes lines exactly width columns wide and height lines tall:
// longer lines are cut with "…", shorter ones padded, missing lines blank;
// an element holding several lines (a component's view) counts as those
// lines. A pane's View ends with it, so that the root's layout never shifts.
func Fit(blocks []string, width, height int) string {
	if height <= 0 || width <= 0 {
		return ""
	}
	lines := make([]string, 0, height)
	for _, b := range blocks {
		if len(lines) >= height {
			break
		}
		if strings.IndexByte(b, '\n') < 0 {
			lines = append(lines, b)
			continue
		}
		lines = append(lines, strings.Split(b, "\n")...)
	}
	var b strings.Builder
	for i := range height {
		line := ""
		if i < len(lines) {
			line = lines[i]
		}
		if w := ansi.StringWidth(line); w > width {
			line = ansi.Truncate(line, width, "…")
		} else {
			line += strings.Repeat(" ", width-w)
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(line)
	}
	return b.String()
}
