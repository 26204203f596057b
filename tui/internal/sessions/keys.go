package sessions

import (
	"charm.land/bubbles/v2/key"

	"github.com/flashcart/flashcart/tui/internal/ui"
)

type keyMap struct {
	Pay, Refresh, Copy, Back, Cancel key.Binding
	Scroll                           ui.ScrollKeys
}

func newKeyMap() keyMap {
	return keyMap{
		Pay:     key.NewBinding(key.WithKeys("enter", "c"), key.WithHelp("enter/c", "customer and card, then pay")),
		Refresh: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "read the session and its webhooks again")),
		Copy:    key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy the hosted checkout's URL")),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the sessions")),
		Cancel:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the session")),
		Scroll:  ui.NewScrollKeys(),
	}
}
