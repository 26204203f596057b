package orders

import (
	"charm.land/bubbles/v2/key"

	"github.com/flashcart/flashcart/tui/internal/ui"
)

type keyMap struct {
	Complete, Refresh, Back key.Binding
	Scroll                  ui.ScrollKeys
}

func newKeyMap() keyMap {
	return keyMap{
		Complete: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "complete it now")),
		Refresh:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "read the order and its IPNs again")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the orders")),
		Scroll:   ui.NewScrollKeys(),
	}
}
