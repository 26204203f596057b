package ui

import (
	"testing"
	"time"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

func TestWaits(t *testing.T) {
	answers := func() tea.Msg { return nil }
	ti := textinput.New()
	blink := ti.Focus()
	for _, tt := range []struct {
		name string
		cmd  tea.Cmd
		want bool
	}{
		{"a watch", Watch(answers), true},
		{"a tick", tea.Tick(time.Minute, func(time.Time) tea.Msg { return nil }), true},
		{"every", tea.Every(time.Minute, func(time.Time) tea.Msg { return nil }), true},
		{"a text input's blink", blink, true},
		{"a command that answers", answers, false},
		{"a batch", tea.Batch(answers, answers), false},
		{"nil", nil, false},
	} {
		if got := Waits(tt.cmd); got != tt.want {
			t.Errorf("Waits(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
	if Watch(nil) != nil {
		t.Error("Watch(nil) is not nil")
	}
}
