package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/tui/internal/checkout"
	"github.com/flashcart/flashcart/tui/internal/compose"
	"github.com/flashcart/flashcart/tui/internal/journal"
	"github.com/flashcart/flashcart/tui/internal/presets"
	"github.com/flashcart/flashcart/tui/internal/requests"
	"github.com/flashcart/flashcart/tui/internal/response"
	"github.com/flashcart/flashcart/tui/internal/scenarios"
	"github.com/flashcart/flashcart/tui/internal/styles"
	"github.com/flashcart/flashcart/tui/internal/suites"
	"github.com/flashcart/flashcart/tui/internal/ui"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// vendorPanes are the panes, in tab order. Compose, Response and Checkout
// have a pane of each vendor, the one of the vendor in use shown; the
// Journal and the Scenarios are every vendor's.
func (m *Model) vendorPanes(set *suites.Set) []ui.Pane {
	nq, sol, tc := m.sessions[vendor.Noventiq], m.sessions[vendor.Solifyn], m.sessions[vendor.TwoCheckout]
	compose := ui.NewPerVendor(map[vendor.ID]ui.Pane{
		vendor.Noventiq: compose.New(compose.Options{Session: nq, Requests: requests.Noventiq(m.catalogue), Editor: m.cfg.Editor,
			Presets: []presets.Source{presets.Seed, presets.Scenarios(set, requests.NoventiqStep)}}),
		vendor.Solifyn: compose.New(compose.Options{Session: sol, Requests: requests.Solifyn(m.cfg.Sandbox.World()), Editor: m.cfg.Editor,
			Presets: []presets.Source{presets.Scenarios(set, requests.SolifynStep)}}),
		vendor.TwoCheckout: compose.New(compose.Options{Session: tc, Requests: requests.TwoCheckout(), Editor: m.cfg.Editor,
			Presets: []presets.Source{presets.Scenarios(set, requests.TwoCheckoutStep)}}),
	})
	resp := map[vendor.ID]ui.Pane{}
	for v, s := range m.sessions {
		resp[v] = response.New(s)
	}
	return []ui.Pane{
		ui.Compose:  compose,
		ui.Response: ui.NewPerVendor(resp),
		ui.Checkout: ui.NewPerVendor(map[vendor.ID]ui.Pane{
			vendor.Noventiq:    checkout.NewLinks(nq),
			vendor.Solifyn:     checkout.NewSessions(sol),
			vendor.TwoCheckout: checkout.NewOrders(tc),
		}),
		ui.Journal:   journal.New(m.cfg.Sandbox.Journal()),
		ui.Scenarios: scenarios.New(scenarios.Options{Suites: set, Seed: m.cfg.Seed}),
	}
}

// catalogue is the Noventiq account logged in as, which Compose validates
// against as you type.
func (m *Model) catalogue() noventiq.Catalogue {
	a, ok := m.cfg.Sandbox.World().Account(m.sessions[vendor.Noventiq].Account)
	if !ok {
		return nil
	}
	return a
}

// useVendor makes v the vendor in use: every pane follows, and the first
// use logs in.
func (m *Model) useVendor(v vendor.ID) tea.Cmd {
	if v == m.vendor {
		return nil
	}
	m.vendor, m.status, m.statusErr = v, "", false
	cmds := []tea.Cmd{m.broadcast(ui.VendorMsg{Vendor: v})}
	if !m.started[v] {
		cmds = append(cmds, m.login())
	}
	return tea.Batch(cmds...)
}

// pickKey handles a key of the vendor picker: ↑/↓ and enter, a vendor's
// own key, esc.
func (m *Model) pickKey(msg tea.KeyPressMsg) tea.Cmd {
	switch s := msg.String(); {
	case s == "up" || s == "k":
		m.pick = max(0, m.pick-1)
	case s == "down" || s == "j":
		m.pick = min(len(vendor.All)-1, m.pick+1)
	case s == "enter":
		m.picking = false
		return m.useVendor(vendor.All[m.pick])
	case s == "esc" || key.Matches(msg, m.keys.Vendor):
		m.picking = false
	default:
		if i := slices.IndexFunc(vendor.All, func(v vendor.ID) bool { return v.Key() == s }); i >= 0 {
			m.picking = false
			return m.useVendor(vendor.All[i])
		}
	}
	return nil
}

// pickerBox is the vendor picker, framed, as wide as the terminal at most:
// a line too wide for it loses the end of its description.
func (m *Model) pickerBox() string {
	lines := []string{styles.Title.Render("Vendor") + styles.Hint.Render("  every pane follows the vendor picked"), ""}
	for i, v := range vendor.All {
		mark := "  "
		if v == m.vendor {
			mark = "● "
		}
		line := mark + styles.Help().ShortKey.Render(v.Key()) + "  " + fmt.Sprintf("%-10s", v.Title()) + styles.Hint.Render(v.API())
		if i == m.pick {
			line = styles.Selected.Render(ansi.Strip(line))
		}
		lines = append(lines, line)
	}
	lines = append(lines, "", styles.Hint.Render("↑/↓ enter, or a vendor's key · esc cancels"))
	if inner := m.width - styles.Overlay.GetHorizontalFrameSize(); inner > 0 {
		for i, l := range lines {
			lines[i] = ansi.Truncate(l, inner, "…")
		}
	}
	return styles.Overlay.Render(strings.Join(lines, "\n"))
}
