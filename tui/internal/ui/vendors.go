package ui

import (
	"reflect"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// VendorMsg tells every pane which vendor is in use: the root sends it at
// start and when the user picks another.
type VendorMsg struct{ Vendor vendor.ID }

// ForVendor is a message about one vendor: an exchange, a checkout's
// answer. A PerVendor pane gives it to that vendor's pane alone.
type ForVendor interface{ ForVendor() vendor.ID }

// PerVendor is a pane made of one pane per vendor; it shows, and gives the
// keys and the mouse to, the pane of the vendor in use. The messages its
// panes' commands answer come back to the pane that asked (they are tagged
// with its vendor on the way), except those for the root.
type PerVendor struct {
	panes   map[vendor.ID]Pane
	current vendor.ID
	width   int
	height  int
}

// NewPerVendor returns the pane of panes, showing the first vendor's of
// vendor.All that it has.
func NewPerVendor(panes map[vendor.ID]Pane) *PerVendor {
	p := &PerVendor{panes: panes}
	for _, v := range vendor.All {
		if _, ok := panes[v]; ok {
			p.current = v
			break
		}
	}
	return p
}

// Of returns the pane of a vendor, nil when there is none.
func (p *PerVendor) Of(v vendor.ID) Pane { return p.panes[v] }

// Shown returns the pane shown.
func (p *PerVendor) Shown() Pane { return p.panes[p.current] }

// vendored is a message a vendor's pane asked for, on its way back to it.
type vendored struct {
	vendor vendor.ID
	msg    tea.Msg
}

// Init starts every vendor's pane.
func (p *PerVendor) Init() tea.Cmd {
	var cmds []tea.Cmd
	for v, pane := range p.panes {
		cmds = append(cmds, tag(v, pane.Init()))
	}
	return tea.Batch(cmds...)
}

// Update routes a message: the vendor in use to every pane, a message
// about a vendor to its pane, the user's input to the pane shown, the
// terminal's answers to every pane, anything else to the pane shown.
func (p *PerVendor) Update(msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case VendorMsg:
		if _, ok := p.panes[m.Vendor]; ok {
			p.current = m.Vendor
		}
		return p.all(msg)
	case vendored:
		return p.to(m.vendor, m.msg)
	case ForVendor:
		return p.to(m.ForVendor(), msg)
	case tea.CapabilityMsg:
		return p.all(msg)
	}
	return p.to(p.current, msg)
}

func (p *PerVendor) to(v vendor.ID, msg tea.Msg) tea.Cmd {
	pane, ok := p.panes[v]
	if !ok {
		return nil
	}
	if inner, ok := msg.(vendored); ok { // another PerVendor's, for the same vendor
		msg = inner.msg
	}
	return tag(v, pane.Update(msg))
}

func (p *PerVendor) all(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for v := range p.panes {
		cmds = append(cmds, p.to(v, msg))
	}
	return tea.Batch(cmds...)
}

// tag makes the messages cmd answers come back to the vendor's pane: the
// workbench's own messages (not Bubble Tea's, which the program acts on,
// nor those for the root or naming their vendor) go wrapped in vendored.
// A command that waits stays one (Waits).
func tag(v vendor.ID, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	tagged := func() tea.Msg { return retag(v, cmd()) }
	if Waits(cmd) {
		return Watch(tagged)
	}
	return tagged
}

// ownPackage prefixes the packages of the workbench's own messages.
const ownPackage = "github.com/flashcart/flashcart/"

func retag(v vendor.ID, msg tea.Msg) tea.Msg {
	switch m := msg.(type) {
	case nil, StatusMsg, FocusMsg, JumpMsg, OpenMsg, ForVendor, vendored:
		return msg
	case tea.BatchMsg:
		out := make(tea.BatchMsg, len(m))
		for i, c := range m {
			out[i] = tag(v, c)
		}
		return out
	}
	t := reflect.TypeOf(msg)
	if t.Kind() == reflect.Slice && t.Elem() == reflect.TypeFor[tea.Cmd]() { // tea.Sequence's message
		in := reflect.ValueOf(msg)
		out := reflect.MakeSlice(t, in.Len(), in.Len())
		for i := range in.Len() {
			out.Index(i).Set(reflect.ValueOf(tag(v, in.Index(i).Interface().(tea.Cmd))))
		}
		return out.Interface()
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if strings.HasPrefix(t.PkgPath(), ownPackage) {
		return vendored{vendor: v, msg: msg}
	}
	return msg
}

// View renders the pane shown.
func (p *PerVendor) View() string {
	if pane := p.Shown(); pane != nil {
		return pane.View()
	}
	return Fit(nil, p.width, p.height)
}

// SetSize sizes every vendor's pane.
func (p *PerVendor) SetSize(width, height int) {
	p.width, p.height = width, height
	for _, pane := range p.panes {
		pane.SetSize(width, height)
	}
}

// Title is the pane shown's title.
func (p *PerVendor) Title() string { return p.Shown().Title() }

// Capturing reports whether the pane shown takes every key.
func (p *PerVendor) Capturing() bool { return p.Shown().Capturing() }

// ShortHelp lists the main keys of the pane shown.
func (p *PerVendor) ShortHelp() []key.Binding { return p.Shown().ShortHelp() }

// FullHelp lists every key of the pane shown.
func (p *PerVendor) FullHelp() [][]key.Binding { return p.Shown().FullHelp() }
