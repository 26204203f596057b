package tui

import "charm.land/bubbles/v2/key"

// globalKeys are the root's keys. Except ctrl+c, they pass to the pane
// while it captures the keyboard (a field being edited).
type globalKeys struct {
	Quit, ForceQuit, Help, Vendor, Next, Prev, Login key.Binding
	Panes                                            []key.Binding
}

func newGlobalKeys(titles []string) globalKeys {
	k := globalKeys{
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit, even while editing")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Vendor:    key.NewBinding(key.WithKeys("V"), key.WithHelp("V", "vendor")),
		Next:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		Prev:      key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),
		Login:     key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "log in to the vendor again")),
	}
	for i, t := range titles {
		n := string(rune('1' + i))
		k.Panes = append(k.Panes, key.NewBinding(key.WithKeys(n), key.WithHelp(n, t)))
	}
	return k
}

func (k globalKeys) list() []key.Binding {
	return append([]key.Binding{k.Help, k.Vendor, k.Next, k.Prev, k.Login, k.Quit, k.ForceQuit}, k.Panes...)
}
