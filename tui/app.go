package tui

import (
	"fmt"
	"io/fs"
	"slices"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/styles"
	"github.com/flashcart/flashcart/tui/internal/suites"
	"github.com/flashcart/flashcart/tui/internal/ui"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// MinWidth and MinHeight are the smallest terminal the layout fits.
const (
	MinWidth  = 80
	MinHeight = 24
)

// chrome is the lines around the pane: the tab bar, the help line and the
// status bar.
const chrome = 3

// Config is what the workbench shows and talks to.
type Config struct {
	Sandbox *sandbox.Sandbox
	// URL is the sandbox's base URL; Requested the address asked for, and
	// Moved whether it was taken so that another port was used.
	URL       string
	Requested string
	Moved     bool
	// Editor is the external editor's command line.
	Editor string
	// Bundled holds the bundled scenario suites, as scenarios.Bundled
	// does (nil for none); Scenarios are the user's own files and folders.
	Bundled   fs.FS
	Scenarios []string
	// Seed is the seed of the scenario runs.
	Seed uint64
}

// Model is the workbench's root model: it owns the layout, the global
// keys, the vendor in use and its logins, the help overlay, the vendor
// picker and the status bar, and routes messages to the panes.
type Model struct {
	cfg    Config
	client *client.Client
	// vendor is the vendor in use; sessions the logins to each vendor,
	// started once a vendor is first used.
	vendor   vendor.ID
	sessions map[vendor.ID]*client.Session
	started  map[vendor.ID]bool

	panes    []ui.Pane
	active   ui.ID
	keys     globalKeys
	help     help.Model
	showHelp bool
	// helpOffset is the first help line shown.
	helpOffset int
	// picking is set while the vendor picker is open; pick is its cursor.
	picking bool
	pick    int

	status    string
	statusErr bool

	width, height int
}

// New returns the workbench for cfg, on the first vendor of vendor.All;
// it logs in as the world's first account of a vendor when the vendor is
// first used.
func New(cfg Config) *Model {
	m := &Model{cfg: cfg, client: client.New(cfg.URL), help: help.New(), vendor: vendor.All[0],
		sessions: map[vendor.ID]*client.Session{}, started: map[vendor.ID]bool{}}
	m.help.Styles = styles.Help()
	for _, v := range vendor.All {
		s := &client.Session{Client: m.client, Vendor: v}
		s.Account, s.Secret, _ = vendor.Credentials(cfg.Sandbox.World(), v)
		m.sessions[v] = s
	}
	set := suites.NewSet(suites.Roots(cfg.Bundled, cfg.Scenarios))
	m.panes = m.vendorPanes(set)
	titles := make([]string, len(m.panes))
	for i, p := range m.panes {
		titles[i] = p.Title()
	}
	m.keys = newGlobalKeys(titles)
	return m
}

// Config returns what the workbench was started with.
func (m *Model) Config() Config { return m.cfg }

// Pane returns one of the panes; a pane of every vendor is a
// *ui.PerVendor.
func (m *Model) Pane(id ui.ID) ui.Pane { return m.panes[id] }

// Active returns the pane shown.
func (m *Model) Active() ui.ID { return m.active }

// Vendor returns the vendor in use.
func (m *Model) Vendor() vendor.ID { return m.vendor }

// Session returns the workbench's login to a vendor.
func (m *Model) Session(v vendor.ID) *client.Session { return m.sessions[v] }

// Init starts every pane and logs in to the vendor in use.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.login()}
	for _, p := range m.panes {
		cmds = append(cmds, p.Init())
	}
	return tea.Batch(cmds...)
}

// login logs in to the vendor in use.
func (m *Model) login() tea.Cmd {
	s := m.sessions[m.vendor]
	m.started[m.vendor] = true
	if s.Account == "" {
		s.Err = fmt.Errorf("the world has no %s account to log in as", m.vendor.Title())
		return nil
	}
	s.Token, s.Err = "", nil
	return s.Login()
}

// loggedIn applies a login's answer to its session.
func (m *Model) loggedIn(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case client.LoggedInMsg:
		m.sessions[msg.Vendor].Token, m.sessions[msg.Vendor].Err = msg.Token, nil
		return m.say("logged in to "+msg.Vendor.Title()+" as "+msg.Account, false)
	case client.LoginFailedMsg:
		m.sessions[msg.Vendor].Token, m.sessions[msg.Vendor].Err = "", msg.Err
		return m.say(msg.Vendor.Title()+" login failed: "+msg.Err.Error(), true)
	}
	return nil
}

// Update routes a message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.SetWidth(msg.Width)
		for _, p := range m.panes {
			p.SetSize(msg.Width, max(0, msg.Height-chrome))
		}
		return m, nil
	case tea.EnvMsg:
		// Ask whether the terminal sets the clipboard (OSC 52): the
		// answer reaches the panes that copy. Terminal.app has no OSC 52
		// and answers the question with text on the screen.
		if msg.Getenv("TERM_PROGRAM") == "Apple_Terminal" {
			return m, nil
		}
		return m, tea.RequestCapability("Ms")
	case client.LoggedInMsg, client.LoginFailedMsg:
		return m, m.loggedIn(msg)
	case client.ExchangeMsg:
		// A call that found its session expired logged in again on its way.
		m.loggedIn(msg.Login)
		return m, m.broadcast(msg)
	case ui.FocusMsg:
		m.active = msg.Pane
		return m, nil
	case ui.StatusMsg:
		return m, m.say(msg.Text, msg.Err)
	case ui.JumpMsg:
		m.switchTo(ui.Compose)
		return m, m.panes[ui.Compose].Update(msg)
	case ui.OpenMsg:
		m.switchTo(ui.Checkout)
		return m, m.panes[ui.Checkout].Update(msg)
	case tea.KeyPressMsg:
		return m, m.key(msg)
	case tea.MouseClickMsg:
		return m, m.mouse(msg, msg.Mouse())
	case tea.MouseWheelMsg:
		return m, m.mouse(msg, msg.Mouse())
	case tea.MouseMsg:
		return m, nil // motion and release: the panes do not use them
	}
	return m, m.broadcast(msg)
}

// broadcast gives a message to every pane.
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, len(m.panes))
	for i, p := range m.panes {
		cmds[i] = p.Update(msg)
	}
	return tea.Batch(cmds...)
}

func (m *Model) say(text string, problem bool) tea.Cmd {
	m.status, m.statusErr = text, problem
	return nil
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	if key.Matches(msg, k.ForceQuit) {
		return tea.Quit
	}
	p := m.panes[m.active]
	switch {
	case m.showHelp:
		switch msg.String() {
		case "q":
			return tea.Quit
		case "up", "k":
			m.helpOffset = max(0, m.helpOffset-1)
		case "down", "j":
			m.helpOffset = min(m.helpOffset+1, max(0, len(m.helpLines(p, m.width-4))-(m.height-2)))
		default:
			m.showHelp = false
		}
		return nil
	case m.picking:
		return m.pickKey(msg)
	case m.tooSmall():
		if key.Matches(msg, k.Quit) {
			return tea.Quit
		}
		return nil
	case p.Capturing():
		return p.Update(msg)
	}
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Help):
		m.showHelp, m.helpOffset = true, 0
	case key.Matches(msg, k.Vendor):
		m.picking, m.pick = true, slices.Index(vendor.All, m.vendor)
	case key.Matches(msg, k.Next):
		m.switchTo((m.active + 1) % ui.ID(len(m.panes)))
	case key.Matches(msg, k.Prev):
		m.switchTo((m.active + ui.ID(len(m.panes)) - 1) % ui.ID(len(m.panes)))
	case key.Matches(msg, k.Login):
		return tea.Batch(m.login(), m.say("logging in to "+m.vendor.Title()+" as "+m.sessions[m.vendor].Account+"…", false))
	default:
		for i, b := range k.Panes {
			if key.Matches(msg, b) {
				m.switchTo(ui.ID(i))
				return nil
			}
		}
		return p.Update(msg)
	}
	return nil
}

// mouse switches panes from the tab bar and passes the pane its mouse
// messages with coordinates relative to the pane.
func (m *Model) mouse(msg tea.Msg, mouse tea.Mouse) tea.Cmd {
	if m.showHelp || m.picking || m.tooSmall() {
		return nil
	}
	if mouse.Y == 0 {
		if _, click := msg.(tea.MouseClickMsg); click {
			if id, ok := m.tabAt(mouse.X); ok {
				m.switchTo(id)
			}
		}
		return nil
	}
	if mouse.Y > m.height-chrome {
		return nil
	}
	mouse.Y--
	switch msg.(type) {
	case tea.MouseClickMsg:
		return m.panes[m.active].Update(tea.MouseClickMsg(mouse))
	default:
		return m.panes[m.active].Update(tea.MouseWheelMsg(mouse))
	}
}

// switchTo shows the pane the user asked for. The status bar's message
// was about the pane left, so it goes; a pane the program shows (FocusMsg)
// keeps the message that came with it.
func (m *Model) switchTo(id ui.ID) {
	if id != m.active {
		m.active, m.status, m.statusErr = id, "", false
	}
}
