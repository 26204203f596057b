package compose

import (
	"charm.land/bubbles/v2/key"

	"github.com/flashcart/flashcart/tui/internal/ui"
)

// keyMap lists the compose pane's keys.
type keyMap struct {
	Nav                                               ui.Keys
	Edit, Toggle, Clear                               key.Binding
	Add, Duplicate, Remove                            key.Binding
	Send, Requests, JSON, Editor, Presets, Curl, Form key.Binding
	// While editing a field.
	Done, Next, Prev, SendNow key.Binding
	// In the JSON and curl views and the preset picker.
	Back key.Binding
	// In the curl view.
	WriteCurl key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Nav:       ui.NewKeys("row"),
		Edit:      key.NewBinding(key.WithKeys("enter", "i"), key.WithHelp("enter/i", "edit, fold, add")),
		Toggle:    key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "toggle true/false, fold")),
		Clear:     key.NewBinding(key.WithKeys("delete", "backspace"), key.WithHelp("del", "clear field")),
		Add:       key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add to this list")),
		Duplicate: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "duplicate this element")),
		Remove:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "remove this element")),
		Send:      key.NewBinding(key.WithKeys("s", "ctrl+s"), key.WithHelp("s/ctrl+s", "send")),
		Requests:  key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "another request")),
		JSON:      key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "form / raw JSON view")),
		Editor:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit JSON in $EDITOR")),
		Presets:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "load a preset")),
		Curl:      key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy as curl")),
		Form:      key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "use the form, not raw JSON")),
		Done:      key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp("enter/esc", "stop editing")),
		Next:      key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab/↓", "next field")),
		Prev:      key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab/↑", "previous field")),
		SendNow:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "send")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the form")),
		WriteCurl: key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "write curl to a file")),
	}
}
