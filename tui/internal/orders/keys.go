package orders

import "charm.land/bubbles/v2/key"

type keyMap struct {
	Complete, Refresh, Back                key.Binding
	ScrollUp, ScrollDown, PageUp, PageDown key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Complete:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "complete it now")),
		Refresh:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "read the order and its IPNs again")),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the orders")),
		ScrollUp:   key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		ScrollDown: key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
		PageUp:     key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup", "page up")),
		PageDown:   key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdn", "page down")),
	}
}
