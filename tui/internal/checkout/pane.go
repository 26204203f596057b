package checkout

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/styles"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

// pane is what the checkout panes of every vendor share: the session they
// call the sandbox as, the list they start on, the webhooks under what is
// open, and its scrolling body. Each pane embeds one and gives it what
// differs: how to open an id, and the lines of what is open.
type pane struct {
	session *client.Session
	// list is what was made this session, and the id field.
	list *recentList
	// hooks are the webhooks of what is open.
	hooks *webhookList
	// busy while a call is under way; problem the last refusal or
	// failure, shown until the next call.
	busy    bool
	problem string

	scroll        ui.ScrollKeys
	body          viewport.Model
	width, height int
}

func newPane(session *client.Session, list *recentList, hooks *webhookList) pane {
	p := pane{session: session, list: list, hooks: hooks, scroll: ui.NewScrollKeys(), body: viewport.New()}
	p.body.KeyMap = viewport.KeyMap{} // the pane's keys scroll it
	return p
}

// Init does nothing: what a pane opens arrives as it is made.
func (p *pane) Init() tea.Cmd { return nil }

// Title names the pane.
func (p *pane) Title() string { return "Checkout" }

// resize sets the pane's size and the list's; the pane lays out what is
// open.
func (p *pane) resize(width, height int) {
	p.width, p.height = width, height
	p.list.SetSize(width, height)
}

// heard takes the messages every pane takes alike: what the list hears
// of things made (opening the one it says), and the answers of the
// webhooks' reads (laying out again). done is false for any other message.
func (p *pane) heard(msg tea.Msg, open func(id string) tea.Cmd, layout func()) (cmd tea.Cmd, done bool) {
	if id, heard := p.list.Heard(msg); heard {
		if id != "" {
			return open(id), true
		}
		return nil, true
	}
	if cmd, mine := p.hooks.Update(p.session.Client, msg); mine {
		layout()
		return cmd, true
	}
	return nil, false
}

// updateList gives msg to the list and its id field, and opens the id
// they say.
func (p *pane) updateList(msg tea.Msg, open func(id string) tea.Cmd) tea.Cmd {
	id, cmd := p.list.Update(msg)
	if id != "" {
		return open(id)
	}
	return cmd
}

// scrollBody scrolls what is open: a scrolling key, or the mouse wheel.
func (p *pane) scrollBody(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		p.scroll.Scroll(msg, &p.body)
	case tea.MouseWheelMsg:
		var cmd tea.Cmd
		p.body, cmd = p.body.Update(msg)
		return cmd
	}
	return nil
}

// fill sizes the body under the top lines of what is open, and fills it;
// the body is built when what is open changes, not at every frame.
func (p *pane) fill(top []string, lines []string) {
	p.body.SetWidth(p.width)
	p.body.SetHeight(max(0, p.height-len(top)))
	p.body.SetContentLines(lines)
}

// formHeight is the height of a form under its two header lines.
func (p *pane) formHeight() int { return max(0, p.height-2) }

// frame renders what is open: its top lines, then the body.
func (p *pane) frame(top []string) string {
	return ui.Fit(append(top, p.body.View()), p.width, p.height)
}

// marked is a title marked while a call is under way.
func (p *pane) marked(title string) string {
	if p.busy {
		title += styles.Warn.Render(" · …")
	}
	return title
}

// withProblem is lines, then the last problem when there is one.
func (p *pane) withProblem(lines []string) []string {
	if p.problem != "" {
		lines = append(lines, styles.Error.Render("✗ "+ui.Sanitize(p.problem)))
	}
	return lines
}

// listHelp is the keys of the list, for FullHelp.
func (p *pane) listHelp() []key.Binding {
	l := p.list.Keys()
	return append(l.Nav.List(), l.Open, l.Type)
}
