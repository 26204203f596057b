package checkout

import (
	"charm.land/bubbles/v2/key"

	"github.com/flashcart/flashcart/tui/internal/ui"
)

type keyMap struct {
	// A link.
	Continue, Leave, Refresh, Copy, Back key.Binding
	Scroll                               ui.ScrollKeys
	// The offer modal.
	Choose, Accept, Decline key.Binding
	// The customer form.
	Cancel key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Continue: key.NewBinding(key.WithKeys("enter", "c"), key.WithHelp("enter/c", "customer and payment")),
		Leave:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "try to leave (exit intent)")),
		Refresh:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh state and webhooks")),
		Copy:     key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy the browser URL")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the links")),
		Scroll:   ui.NewScrollKeys(),
		Choose:   key.NewBinding(key.WithKeys("up", "k", "down", "j"), key.WithHelp("↑/↓", "choose a product")),
		Accept:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "accept the offer")),
		Decline:  key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "no, thanks")),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the link")),
	}
}
