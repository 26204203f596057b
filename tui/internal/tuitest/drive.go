// Package tuitest is what the workbench's tests share. Run and Send drive
// a model's commands synchronously: they feed
// each command's message back to Update until nothing is left to do, so a
// test can send a key and then assert on the state it leads to, with IO
// included. Commands that wait for news or for a timer (ui.Waits: a watch,
// a tick, a cursor's blink) are not run: they are handed back, for a test
// that wants one to run it. Start serves a sandbox over HTTP and Link
// makes buy links on it, so that tests of the panes and of the client
// drive the real checkout API.
package tuitest

import (
	"reflect"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

// Stuck is how long a command that does not wait (ui.Waits) may take
// before drive gives up on the test: such a command should answer, and one
// that does not must be marked with ui.Watch.
const Stuck = 30 * time.Second

// Updater is what drive calls with each message.
type Updater func(tea.Msg) tea.Cmd

// Send gives each message to update and runs what follows from it; it
// returns the commands that wait, not run.
func Send(update Updater, msgs ...tea.Msg) (waiting []tea.Cmd) {
	for _, msg := range msgs {
		waiting = append(waiting, Run(update, update(msg))...)
	}
	return waiting
}

// Said is Send to a pane: the status messages meant for the root are
// kept, in order, and returned, the others given to update.
func Said(update Updater, msgs ...tea.Msg) []ui.StatusMsg {
	var said []ui.StatusMsg
	Send(func(msg tea.Msg) tea.Cmd {
		if st, ok := msg.(ui.StatusMsg); ok {
			said = append(said, st)
			return nil
		}
		return update(msg)
	}, msgs...)
	return said
}

// Run runs cmd and every command that follows from it, except those that
// wait (ui.Waits), which it returns; tea.QuitMsg is dropped.
func Run(update Updater, cmd tea.Cmd) (waiting []tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		if ui.Waits(c) {
			waiting = append(waiting, c)
			continue
		}
		msg := call(c)
		if msg == nil {
			continue
		}
		if cmds, isBatch := batch(msg); isBatch {
			queue = append(queue, cmds...)
			continue
		}
		if _, quit := msg.(tea.QuitMsg); quit {
			continue
		}
		queue = append(queue, update(msg))
	}
	return waiting
}

// call runs c; a command that does not answer within Stuck is a bug of
// the test or of the model, and panics saying so.
func call(c tea.Cmd) tea.Msg {
	done := make(chan tea.Msg, 1)
	go func() { done <- c() }()
	select {
	case msg := <-done:
		return msg
	case <-time.After(Stuck):
		panic("drive: a command did not answer in " + Stuck.String() + "; mark a command that waits for news with ui.Watch")
	}
}

// batch unwraps tea.BatchMsg and Bubble Tea's sequence message, which is
// a slice of commands too.
func batch(msg tea.Msg) ([]tea.Cmd, bool) {
	if b, ok := msg.(tea.BatchMsg); ok {
		return b, true
	}
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeOf(tea.Cmd(nil)) {
		return nil, false
	}
	out := make([]tea.Cmd, v.Len())
	for i := range out {
		out[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return out, true
}

// named are the keys Keys knows by name.
var named = map[string]tea.KeyPressMsg{
	"enter":     {Code: tea.KeyEnter},
	"esc":       {Code: tea.KeyEscape},
	"tab":       {Code: tea.KeyTab},
	"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
	"up":        {Code: tea.KeyUp},
	"down":      {Code: tea.KeyDown},
	"pgdown":    {Code: tea.KeyPgDown},
	"space":     {Code: tea.KeySpace, Text: " "},
}

// Keys turns names into key presses: the names above, "ctrl+<letter>",
// or text, typed one character at a time.
func Keys(names ...string) []tea.Msg {
	var out []tea.Msg
	for _, n := range names {
		if k, ok := named[n]; ok {
			out = append(out, k)
			continue
		}
		if letter, ok := strings.CutPrefix(n, "ctrl+"); ok && len(letter) == 1 {
			out = append(out, tea.KeyPressMsg{Code: rune(letter[0]), Mod: tea.ModCtrl})
			continue
		}
		for _, r := range n {
			out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
		}
	}
	return out
}
