// Package presets lists the request bodies the compose pane can load. A
// Source yields presets of one origin: the seed examples now; the bundled
// and the user's scenario suites plug in as more sources, without the
// compose pane changing.
package presets

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/flashcart/flashcart/sandbox/buylink"
)

// Preset is a named generate_buy_link body.
type Preset struct {
	// Group is where the preset comes from, such as "seed" or a suite's
	// file name.
	Group string
	Name  string
	Body  []byte
}

// Source lists presets; it may read files, so it is called inside a
// command.
type Source func() ([]Preset, error)

// Seed is the source of the vendor reference's two examples.
func Seed() ([]Preset, error) {
	var out []Preset
	for _, ex := range buylink.SeedExamples() {
		out = append(out, Preset{Group: "seed", Name: ex.Name, Body: ex.Body})
	}
	return out, nil
}

// LoadedMsg carries the presets of every source, in source order, and the
// errors of the sources that failed.
type LoadedMsg struct {
	Presets []Preset
	Errs    []error
}

// Load returns a command that asks every source for its presets.
func Load(sources ...Source) tea.Cmd {
	return func() tea.Msg {
		var msg LoadedMsg
		for i, src := range sources {
			ps, err := src()
			if err != nil {
				msg.Errs = append(msg.Errs, fmt.Errorf("preset source %d: %w", i+1, err))
			}
			msg.Presets = append(msg.Presets, ps...)
		}
		return msg
	}
}
