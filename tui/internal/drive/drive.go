// Package drive runs a model's commands synchronously for tests: it feeds
// each command's message back to Update until nothing is left to do, so a
// test can send a key and then assert on the state it leads to, with IO
// included. Commands that block (a watch waiting for news) are abandoned
// after a short wait.
package drive

import (
	"reflect"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Wait is how long a command may take before it is taken to be blocking.
var Wait = 2 * time.Second

// Quick is how long a command that has not answered yet is waited for
// when it may be one that blocks for good.
var Quick = 150 * time.Millisecond

// Updater is what drive calls with each message.
type Updater func(tea.Msg) tea.Cmd

// Send gives msg to update and runs what follows from it.
func Send(update Updater, msgs ...tea.Msg) {
	for _, msg := range msgs {
		Run(update, update(msg))
	}
}

// Run runs cmd and every command that follows from it; tea.QuitMsg is
// dropped.
func Run(update Updater, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg, ok := call(c)
		if !ok || msg == nil {
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
}

// call runs c, giving up on it when it blocks.
func call(c tea.Cmd) (tea.Msg, bool) {
	done := make(chan tea.Msg, 1)
	go func() { done <- c() }()
	select {
	case msg := <-done:
		return msg, true
	case <-time.After(Quick):
	}
	select {
	case msg := <-done:
		return msg, true
	case <-time.After(Wait - Quick):
		return nil, false
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
