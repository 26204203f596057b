// Package presets lists the request bodies the compose pane can load. A
// Source yields presets of one origin: Noventiq's seed examples, and the
// requests the scenarios of the bundled and the user's suites send, as a
// vendor's Step reads them.
package presets

import (
	"errors"
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/tui/internal/suites"
)

// Preset is a named body of a request.
type Preset struct {
	// Group is where the preset comes from, such as "seed" or a suite's
	// file name.
	Group string
	Name  string
	// Request names the request the body is for: "generate_buy_link", a
	// JSON-RPC method.
	Request string
	Body    []byte
}

// Step reads what a scenario step sends: the request it is and the body
// the Compose pane holds for it; ok is false for a step that sends none of
// the vendor's requests.
type Step func(st *scenarios.Step) (request string, body []byte, ok bool, err error)

// Source lists presets; it may read files, so it is called inside a
// command.
type Source func() ([]Preset, error)

// Seed is the source of the vendor reference's two examples.
func Seed() ([]Preset, error) {
	var out []Preset
	for _, ex := range noventiq.SeedExamples() {
		out = append(out, Preset{Group: "seed", Name: ex.Name, Request: noventiq.BuyLinkFields.Name, Body: ex.Body})
	}
	return out, nil
}

// Scenarios is the source of the bodies every scenario of the set sends,
// as step reads them, grouped by file ("bundled/noventiq/upsell-errors.yaml")
// and named by scenario (and step, when a scenario sends several).
// Templates (${…}) stay as written: they are filled in only when a scenario
// runs.
func Scenarios(set *suites.Set, step Step) Source {
	return func() ([]Preset, error) {
		files, loadErrs := set.Load()
		errs := slices.Clone(loadErrs)
		var out []Preset
		for _, f := range files {
			for _, sc := range f.Scenarios {
				var found []Preset
				var ids []string
				for _, st := range sc.Steps {
					req, body, ok, err := step(st)
					switch {
					case err != nil:
						errs = append(errs, fmt.Errorf("%s:%d: %w", f.Path, st.Line, err))
					case ok:
						found = append(found, Preset{Group: f.Title(), Name: sc.Name, Request: req, Body: body})
						ids = append(ids, st.ID)
					}
				}
				for i := range found {
					if len(found) > 1 {
						found[i].Name += " · " + ids[i]
					}
				}
				out = append(out, found...)
			}
		}
		return out, errors.Join(errs...)
	}
}

// LoadedMsg carries the presets of every source, in source order, and the
// errors of the sources that failed, one per file (each names its file).
type LoadedMsg struct {
	Presets []Preset
	Errs    []error
}

// Load returns a command that asks every source for its presets.
func Load(sources ...Source) tea.Cmd {
	return func() tea.Msg {
		var msg LoadedMsg
		for _, src := range sources {
			ps, err := src()
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				msg.Errs = append(msg.Errs, j.Unwrap()...)
			} else if err != nil {
				msg.Errs = append(msg.Errs, err)
			}
			msg.Presets = append(msg.Presets, ps...)
		}
		return msg
	}
}
