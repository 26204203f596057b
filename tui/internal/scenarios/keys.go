package scenarios

import (
	"charm.land/bubbles/v2/key"

	"github.com/flashcart/flashcart/tui/internal/ui"
)

type keyMap struct {
	Nav ui.Keys
	// The tree.
	Open, Run, RunAll, Step, Cancel key.Binding
	// A scenario.
	Again, Next, Finish, Curl, Back, PageUp, PageDown key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Nav:      ui.NewKeys("row"),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open the scenario, fold the file")),
		Run:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "run it (a file: all its scenarios)")),
		RunAll:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "run all")),
		Step:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "step through it")),
		Cancel:   key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "cancel the run")),
		Again:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "run it again")),
		Next:     key.NewBinding(key.WithKeys("n", "enter", "space"), key.WithHelp("n/enter", "run the next step")),
		Finish:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "run the steps left")),
		Curl:     key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy the step as curl")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", "scroll the step up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "scroll the step down")),
	}
}
