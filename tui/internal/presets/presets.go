// Package presets lists the request bodies the compose pane can load. A
// Source yields presets of one origin: the seed examples, and the
// generate_buy_link requests of the bundled and the user's scenario
// suites.
package presets

import (
	"errors"
	"fmt"
	"net/http"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/suites"
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
	for _, ex := range noventiq.SeedExamples() {
		out = append(out, Preset{Group: "seed", Name: ex.Name, Body: ex.Body})
	}
	return out, nil
}

// Scenarios is the source of the bodies every scenario of the set sends
// to generate_buy_link, grouped by file ("bundled/upsell-errors.yaml") and
// named by scenario (and step, when a scenario sends several). Templates
// (${…}) stay as written: they are filled in only when a scenario runs.
func Scenarios(set *suites.Set) Source {
	return func() ([]Preset, error) {
		files, loadErrs := set.Load()
		errs := slices.Clone(loadErrs)
		var out []Preset
		for _, f := range files {
			for _, sc := range f.Scenarios {
				var steps []*scenarios.Step
				for _, st := range sc.Steps {
					r := st.Request
					if st.Kind == scenarios.KindRequest && r.Method == http.MethodPost && r.Path == client.BuyLinkPath && (r.Body != nil || r.RawBody != nil) {
						steps = append(steps, st)
					}
				}
				for _, st := range steps {
					body, err := st.Request.BodyJSON()
					if err != nil {
						errs = append(errs, fmt.Errorf("%s:%d: %w", f.Path, st.Line, err))
						continue
					}
					name := sc.Name
					if len(steps) > 1 {
						name += " · " + st.ID
					}
					out = append(out, Preset{Group: f.Title(), Name: name, Body: body})
				}
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
