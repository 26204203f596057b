package compose

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/form"
	"github.com/flashcart/flashcart/tui/internal/styles"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

// footerHeight is the hint and error lines under the rows.
const footerHeight = 2

type columns struct{ label, value int }

// columns returns the widths of the label and value columns; errors take
// the rest.
func (m *Model) columns() columns {
	label := 32
	if m.width < 100 {
		label = 30
	}
	return columns{label: label, value: min(max((m.width-label)/3, 12), 40)}
}

// banner says when the body is not the form's JSON, and shows the errors
// no row can show.
func (m *Model) banner() []string {
	var out []string
	if m.raw != nil {
		out = append(out,
			styles.Warn.Render("⚠ sending the JSON as written: ")+ui.Sanitize(strings.Join(m.notes, "; ")),
			styles.Hint.Render("  f: drop it and send the form · e: fix it in $EDITOR · v: view it · editing a field uses the form"))
	}
	for _, e := range m.topErrs {
		out = append(out, errText(e))
	}
	return out
}

func (m *Model) rowsTop() int { return 1 + len(m.banner()) }

func (m *Model) rowsHeight() int { return max(0, m.height-m.rowsTop()-footerHeight) }

// View renders the pane.
func (m *Model) View() string {
	switch m.mode {
	case modePresets, modeRequests:
		return ui.Fit(strings.Split(m.picker.View(), "\n"), m.width, m.height)
	case modeJSON:
		title := "raw JSON, as sent"
		if m.raw != nil {
			title = "raw JSON, sent as written"
		}
		return ui.Fit(append([]string{m.header(title), m.view.View()}, m.summary()), m.width, m.height)
	case modeCurl:
		hint := "  in the clipboard (OSC 52) · w writes it to a file · any other key closes"
		if !m.osc52 {
			hint = "  OSC 52 not confirmed by this terminal: w writes it to a file · any other key closes"
		}
		return ui.Fit([]string{styles.Title.Render("copy as curl") + styles.Hint.Render(hint), m.view.View()}, m.width, m.height)
	}
	lines := append([]string{m.header("form")}, m.banner()...)
	end := min(m.nav.Offset+m.rowsHeight(), len(m.rows))
	for i := m.nav.Offset; i < end; i++ {
		lines = append(lines, m.rowLine(i))
	}
	for len(lines) < m.height-footerHeight {
		lines = append(lines, "")
	}
	lines = append(lines, m.footer()...)
	return ui.Fit(lines, m.width, m.height)
}

// header names the request, where it came from, and the validation result.
func (m *Model) header(view string) string {
	left := styles.Title.Render(m.request().Name) + styles.Hint.Render(" · "+view)
	if m.origin != "" {
		left += styles.Hint.Render(" · " + m.origin)
	}
	right := styles.Good.Render("✓ valid")
	switch {
	case len(m.errs) == 1:
		right = styles.Error.Render("✗ 1 error")
	case len(m.errs) > 1:
		right = styles.Error.Render(fmt.Sprintf("✗ %d errors", len(m.errs)))
	case m.request().Validate == nil:
		right = styles.Hint.Render("the sandbox checks it when sent")
	}
	if room := m.width - lipgloss.Width(right) - 1; lipgloss.Width(left) > room {
		left = ansi.Truncate(left, max(0, room), "…")
	}
	return left + strings.Repeat(" ", max(1, m.width-lipgloss.Width(left)-lipgloss.Width(right))) + right
}

// summary lists the errors under the JSON view.
func (m *Model) summary() string {
	switch {
	case m.request().Validate == nil:
		return styles.Hint.Render("the vendor package has no validator of this request: send it to see the sandbox's answer")
	case len(m.errs) == 0:
		return styles.Good.Render("✓ the sandbox's validator accepts this request")
	}
	parts := make([]string, len(m.errs))
	for i, e := range m.errs {
		parts[i] = e.Code + " " + pathOr(e.Path)
	}
	return styles.Error.Render("✗ " + strings.Join(parts, " · "))
}

func pathOr(p string) string {
	if p == "" {
		return "(request)"
	}
	return p
}

func errText(e client.Problem) string {
	return styles.ErrorCode.Render("✗ "+e.Code) + " " + styles.Error.Render(e.Message)
}

// rowLine renders row i: label, value, and its errors.
func (m *Model) rowLine(i int) string {
	row := m.rows[i]
	cols := m.columns()
	indent := strings.Repeat("  ", row.Depth)
	var label, value string
	switch row.Kind {
	case form.RowField:
		label = indent + row.Node.Field.Key
		if row.Node.Field.Required {
			label += styles.Required.Render("*")
		}
		value = fieldValue(row.Node)
		if i == m.nav.Pos && m.editing {
			value = m.input.View()
		}
	case form.RowAdd:
		label = indent + styles.Hint.Render("+ add "+row.Node.Field.Noun)
	default:
		label = indent + fold(row.Node) + " " + lastPart(row.Path)
		value = styles.Hint.Render(summarize(row))
	}
	label = cell(label, cols.label)
	if i == m.nav.Pos {
		label = styles.Selected.Render(ansi.Strip(label))
	}
	errs := m.rowErrs[i]
	if len(errs) == 0 {
		// A row without an error shows its value in all the room there is.
		return label + " " + cell(value, max(cols.value, m.width-cols.label-1))
	}
	line := label + " " + cell(value, cols.value) + " " + errText(errs[0])
	if len(errs) > 1 {
		line += styles.Error.Render(fmt.Sprintf(" (+%d)", len(errs)-1))
	}
	return line
}

// cell cuts or pads s to w columns.
func cell(s string, w int) string {
	if lw := lipgloss.Width(s); lw > w {
		return ansi.Truncate(s, w, "…")
	} else {
		return s + strings.Repeat(" ", w-lw)
	}
}

func fold(n *form.Node) string {
	if n.Folded {
		return "▸"
	}
	return "▾"
}

func lastPart(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}

func fieldValue(n *form.Node) string {
	if n.Value == "" {
		return styles.Unset.Render("—")
	}
	return styles.Value.Render(ui.Sanitize(n.Value))
}

// summarize says what a section holds.
func summarize(row form.Row) string {
	n := row.Node
	switch row.Kind {
	case form.RowList:
		noun := n.Field.Noun
		if len(n.Items) != 1 {
			noun += "s"
		}
		return fmt.Sprintf("%d %s", len(n.Items), noun)
	case form.RowItem:
		var parts []string
		for _, k := range []string{"id", "name", "price"} {
			if c := n.Child(k); c != nil && c.Value != "" {
				parts = append(parts, ui.Sanitize(c.Value))
			}
		}
		return strings.Join(parts, " · ")
	}
	if n.Empty() {
		return "not sent"
	}
	set := 0
	for _, c := range n.Fields {
		if !c.Empty() {
			set++
		}
	}
	return fmt.Sprintf("%d of %d set", set, len(n.Fields))
}

// footer shows the hint of the row under the cursor and its errors in
// full.
func (m *Model) footer() []string {
	if len(m.rows) == 0 {
		return nil
	}
	row := m.rows[m.nav.Pos]
	hint := styles.Hint.Render(row.Path)
	if f := row.Node.Field; f.Hint != "" {
		req := ""
		if f.Required {
			req = "required · "
		}
		hint += styles.Hint.Render(" — " + req + f.Hint)
	}
	var errs []string
	for _, e := range m.rowErrs[m.nav.Pos] {
		errs = append(errs, fmt.Sprintf("%s %s (%s)", e.Code, e.Message, pathOr(e.Path)))
	}
	return []string{hint, styles.Error.Render(strings.Join(errs, " · "))}
}

// ShortHelp lists the main keys of the current mode.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.editing:
		return []key.Binding{k.Done, k.Next, k.Prev, k.SendNow}
	case m.mode == modeJSON:
		return []key.Binding{k.Back, k.Send, k.Editor, k.Curl}
	case m.mode == modeCurl:
		return []key.Binding{k.WriteCurl}
	case m.mode != modeForm:
		return []key.Binding{k.Back}
	}
	if len(m.opts.Requests) > 1 {
		return []key.Binding{k.Edit, k.Send, k.Requests, k.JSON, k.Presets, k.Curl}
	}
	return []key.Binding{k.Edit, k.Send, k.Add, k.JSON, k.Presets, k.Curl}
}

// FullHelp lists every key of the pane.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		k.Nav.List(),
		{k.Edit, k.Toggle, k.Clear, k.Add, k.Duplicate, k.Remove},
		{k.Send, k.Requests, k.JSON, k.Editor, k.Presets, k.Curl, k.Form},
		{k.Done, k.Next, k.Prev, k.Back, k.WriteCurl}, // k.SendNow is k.Send's ctrl+s
	}
}
