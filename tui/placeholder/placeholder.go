// Package placeholder holds the panes whose features come from branches
// not merged yet (the checkout in the terminal, the scenario runner). Each
// says what it will do and how to get there today; none pretends to work.
package placeholder

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flashcart/flashcart/tui/pane"
	"github.com/flashcart/flashcart/tui/styles"
)

// Model is a pane that describes itself.
type Model struct {
	title, heading, text string
	width, height        int
}

// Checkout is the placeholder of the checkout pane.
func Checkout() *Model {
	return &Model{title: "Checkout", heading: "Checkout — not built yet", text: `This pane will open a link created in Compose in the terminal: the cart and its totals; the entry up-sell offer as a modal to accept or decline; the exit offer when you try to leave, when it applies; the customer step pre-filled from the request; payment with a test card; the order, and the webhooks it sent. It will also show the local URL that opens the same link in a browser.

It will drive the sandbox's checkout API: GET /_sandbox/checkout/{external_id} for the state; POST …/upsell {"offer":"entry"|"exit","choice":<index or null>}; POST …/exit-intent; POST …/customer; POST …/order {"card":…}; and GET /_sandbox/webhooks?order_id= for the notifications.

It arrives with the checkout pages of the sandbox. Until then, create links in Compose: their ids are in the Response pane and in the Journal.`}
}

// Scenarios is the placeholder of the scenarios pane.
func Scenarios() *Model {
	return &Model{title: "Scenarios", heading: "Scenarios — not built yet", text: `This pane will browse the bundled scenario suites and your own, run one scenario or all of them with progress, show pass and fail with the diff of each failed expectation, and step through a scenario one request at a time, each step showing here and in the Journal.

It arrives with the scenario runner. The bundled suites' generate_buy_link bodies will then also be presets in Compose (p).`}
}

// Init does nothing.
func (m *Model) Init() tea.Cmd { return nil }

// Update ignores every message: the pane has no behaviour yet.
func (m *Model) Update(tea.Msg) tea.Cmd { return nil }

// Title names the pane.
func (m *Model) Title() string { return m.title }

// Capturing is false.
func (m *Model) Capturing() bool { return false }

// SetSize sets the pane's size.
func (m *Model) SetSize(width, height int) { m.width, m.height = width, height }

// View renders the description, wrapped to the pane's width.
func (m *Model) View() string {
	body := ansi.Wordwrap(m.text, min(m.width, 100), "")
	lines := append([]string{styles.Title.Render(m.heading), ""}, strings.Split(body, "\n")...)
	return pane.Fit(lines, m.width, m.height)
}

// ShortHelp lists no keys.
func (m *Model) ShortHelp() []key.Binding { return nil }

// FullHelp lists no keys.
func (m *Model) FullHelp() [][]key.Binding { return nil }
