package ui

import (
	"reflect"
	"runtime"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// Watch marks cmd as one that waits for news for as long as it takes — the
// journal's next entries, the next poll of a delivery — rather than one
// that answers. The program runs it like any command; a test driving a
// model with its commands can tell it apart (Waits) and leave it unrun.
//
//go:noinline
func Watch(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg { return cmd() }
}

// waiting are the functions of the commands that wait: Watch's, and the
// timers of Bubble Tea (Tick, Every) and of the bubbles' blinking cursor,
// named as the runtime names their closures.
var waiting = []string{
	"github.com/flashcart/flashcart/tui/internal/ui.Watch.func",
	"charm.land/bubbletea/v2.Tick.func",
	"charm.land/bubbletea/v2.Every.func",
	"charm.land/bubbles/v2/cursor.(*Model).Blink.func",
}

// Waits reports whether cmd waits for news or for a timer rather than
// answering: made by Watch, tea.Tick, tea.Every, or a cursor's blink.
func Waits(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	f := runtime.FuncForPC(reflect.ValueOf(cmd).Pointer())
	if f == nil {
		return false
	}
	name := f.Name()
	for _, w := range waiting {
		if strings.HasPrefix(name, w) {
			return true
		}
	}
	return false
}
