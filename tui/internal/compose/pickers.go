package compose

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/flashcart/flashcart/tui/internal/requests"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

// The pickers: of a preset, which replaces the body (and picks its
// request), and of the request composed.

func (m *Model) openPresets() tea.Cmd {
	if len(m.presets) == 0 {
		if !m.presetsIn {
			return ui.Problem("the presets are still loading: try again in a moment")
		}
		return ui.Problem("no presets are loaded")
	}
	var opts []huh.Option[int]
	for i, p := range m.presets {
		if !slices.ContainsFunc(m.opts.Requests, func(r requests.Request) bool { return r.Name == p.Request }) {
			continue // a request the pane does not build, such as a method the API does not have
		}
		label := p.Group + ": " + p.Name
		if len(m.opts.Requests) > 1 {
			label = p.Request + " · " + label
		}
		opts = append(opts, huh.NewOption(label, i))
	}
	return m.openPicker(modePresets, "Load a preset", "It replaces the request being composed.", opts)
}

func (m *Model) openRequests() tea.Cmd {
	if len(m.opts.Requests) < 2 {
		return ui.Problem(m.request().Name + " is the one request Compose builds here")
	}
	opts := make([]huh.Option[int], len(m.opts.Requests))
	for i, r := range m.opts.Requests {
		opts[i] = huh.NewOption(r.Name, i)
	}
	return m.openPicker(modeRequests, "Compose another request",
		"Each keeps its own draft; its form holds the params after the session, which the workbench puts first.", opts)
}

// openPicker opens a huh select over opts, with / to filter.
func (m *Model) openPicker(md mode, title, about string, opts []huh.Option[int]) tea.Cmd {
	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
	m.pick = 0
	if md == modeRequests {
		m.pick = m.req
	}
	m.picker = huh.NewForm(huh.NewGroup(
		huh.NewSelect[int]().Title(title).Description(about).Options(opts...).Value(&m.pick),
	)).WithKeyMap(km).WithShowHelp(true).WithTheme(huh.ThemeFunc(huh.ThemeCharm)).
		WithWidth(max(20, m.width-2)).WithHeight(max(5, m.height-1))
	m.mode = md
	return m.picker.Init()
}

func (m *Model) updatePicker(msg tea.Msg) tea.Cmd {
	f, cmd := m.picker.Update(msg)
	if hf, ok := f.(*huh.Form); ok {
		m.picker = hf
	}
	switch m.picker.State {
	case huh.StateCompleted:
		if m.mode == modeRequests {
			m.start(m.pick)
			return ui.Status("composing " + m.request().Name)
		}
		p := m.presets[m.pick]
		for i, r := range m.opts.Requests {
			if r.Name == p.Request && i != m.req {
				m.start(i)
			}
		}
		m.load(p.Body, p.Group+": "+p.Name)
		return ui.Status("loaded " + p.Group + ": " + p.Name)
	case huh.StateAborted:
		m.mode = modeForm
		return nil
	}
	return cmd
}
