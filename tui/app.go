package tui

import (
	"fmt"
	"io/fs"
	"net"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/tui/internal/checkout"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/compose"
	"github.com/flashcart/flashcart/tui/internal/journal"
	"github.com/flashcart/flashcart/tui/internal/presets"
	"github.com/flashcart/flashcart/tui/internal/response"
	"github.com/flashcart/flashcart/tui/internal/scenarios"
	"github.com/flashcart/flashcart/tui/internal/styles"
	"github.com/flashcart/flashcart/tui/internal/suites"
	"github.com/flashcart/flashcart/tui/internal/ui"
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
	// Presets are the compose pane's preset sources; nil means the seed
	// examples and the generate_buy_link requests of every scenario.
	Presets []presets.Source
}

// Model is the workbench's root model: it owns the layout, the global
// keys, the help overlay and the status bar, and routes messages to the
// panes.
type Model struct {
	cfg      Config
	session  *client.Session
	password string
	panes    []ui.Pane
	active   ui.ID
	keys     globalKeys
	help     help.Model
	showHelp bool
	// helpOffset is the first help line shown.
	helpOffset int

	status    string
	statusErr bool

	width, height int
}

// New returns the workbench for cfg; it logs in as the world's first
// account when it starts.
func New(cfg Config) *Model {
	set := suites.NewSet(suites.Roots(cfg.Bundled, cfg.Scenarios))
	if cfg.Presets == nil {
		cfg.Presets = []presets.Source{presets.Seed, presets.Scenarios(set)}
	}
	s := &client.Session{Client: client.New(cfg.URL)}
	m := &Model{cfg: cfg, session: s, help: help.New()}
	m.help.Styles = styles.Help()
	world := cfg.Sandbox.World()
	if len(world.Noventiq.Accounts) > 0 {
		s.Account, m.password = world.Noventiq.Accounts[0].Username, world.Noventiq.Accounts[0].Password
	}
	seed := noventiq.SeedExamples()[0]
	m.panes = []ui.Pane{
		ui.Compose: compose.New(compose.Options{
			Session: s, Catalogue: m.catalogue, Presets: cfg.Presets, Editor: cfg.Editor,
			Initial: seed.Body, InitialName: seed.Name,
		}),
		ui.Response:  response.New(s),
		ui.Checkout:  checkout.New(s),
		ui.Journal:   journal.New(cfg.Sandbox.Journal()),
		ui.Scenarios: scenarios.New(scenarios.Options{Suites: set, Seed: cfg.Seed}),
	}
	titles := make([]string, len(m.panes))
	for i, p := range m.panes {
		titles[i] = p.Title()
	}
	m.keys = newGlobalKeys(titles)
	return m
}

// catalogue is the account logged in as, for validation as you type.
func (m *Model) catalogue() noventiq.Catalogue {
	a, ok := m.cfg.Sandbox.World().Account(m.session.Account)
	if !ok {
		return nil
	}
	return a
}

// Config returns what the workbench was started with.
func (m *Model) Config() Config { return m.cfg }

// Pane returns one of the panes.
func (m *Model) Pane(id ui.ID) ui.Pane { return m.panes[id] }

// Active returns the pane shown.
func (m *Model) Active() ui.ID { return m.active }

// Session returns who the workbench is logged in as.
func (m *Model) Session() *client.Session { return m.session }

// Init starts every pane and logs in.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.login()}
	for _, p := range m.panes {
		cmds = append(cmds, p.Init())
	}
	return tea.Batch(cmds...)
}

func (m *Model) login() tea.Cmd {
	if m.session.Account == "" {
		m.session.Err = fmt.Errorf("the world has no account to log in as")
		return nil
	}
	m.session.Token, m.session.Err = "", nil
	return m.session.Client.Login(m.session.Account, m.password)
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
	case client.LoggedInMsg:
		m.session.Token, m.session.Err = msg.Token, nil
		return m, m.say("logged in as "+msg.Account, false)
	case client.LoginFailedMsg:
		m.session.Token, m.session.Err = "", msg.Err
		return m, m.say("login failed: "+msg.Err.Error(), true)
	case ui.FocusMsg:
		m.active = msg.Pane
		return m, nil
	case ui.StatusMsg:
		return m, m.say(msg.Text, msg.Err)
	case ui.JumpMsg:
		m.active = ui.Compose
		return m, m.panes[ui.Compose].Update(msg)
	case ui.OpenLinkMsg:
		m.active = ui.Checkout
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
	cmds := make([]tea.Cmd, len(m.panes))
	for i, p := range m.panes {
		cmds[i] = p.Update(msg)
	}
	return m, tea.Batch(cmds...)
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
	if m.showHelp {
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
	}
	if m.tooSmall() {
		if key.Matches(msg, k.Quit) {
			return tea.Quit
		}
		return nil
	}
	if p.Capturing() {
		return p.Update(msg)
	}
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Help):
		m.showHelp, m.helpOffset = true, 0
	case key.Matches(msg, k.Next):
		m.switchTo((m.active + 1) % ui.ID(len(m.panes)))
	case key.Matches(msg, k.Prev):
		m.switchTo((m.active + ui.ID(len(m.panes)) - 1) % ui.ID(len(m.panes)))
	case key.Matches(msg, k.Login):
		return tea.Batch(m.login(), m.say("logging in as "+m.session.Account+"…", false))
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
	if m.showHelp || m.tooSmall() {
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

func (m *Model) tooSmall() bool { return m.width < MinWidth || m.height < MinHeight }

// tabLabel is the text of a tab.
func (m *Model) tabLabel(i int) string { return fmt.Sprintf("%d %s", i+1, m.panes[i].Title()) }

// tabAt returns the pane whose tab is at column x.
func (m *Model) tabAt(x int) (ui.ID, bool) {
	left := 0
	for i := range m.panes {
		w := lipgloss.Width(styles.Tab.Render(m.tabLabel(i)))
		if x >= left && x < left+w {
			return ui.ID(i), true
		}
		left += w
	}
	return 0, false
}

// View lays out the tab bar, the pane, the help line and the status bar,
// with the help overlay on top when it is open.
func (m *Model) View() tea.View {
	var content string
	switch {
	case m.width == 0:
		content = "starting flashcart…"
	case m.tooSmall():
		content = m.tooSmallView()
	default:
		p := m.panes[m.active]
		content = strings.Join([]string{m.tabs(), p.View(), m.helpLine(p), m.statusBar()}, "\n")
		if m.showHelp {
			content = ui.Overlay(content, m.helpBox(p), m.width, m.height)
		}
	}
	v := tea.NewView(content)
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "flashcart"
	return v
}

func (m *Model) tooSmallView() string {
	msg := styles.TooSmall.Render("Terminal too small") + "\n\n" +
		fmt.Sprintf("flashcart needs at least %d×%d; this one is %d×%d.", MinWidth, MinHeight, m.width, m.height) + "\n" +
		"Enlarge the window, or press q to quit." + "\n\n" +
		styles.Hint.Render("The sandbox keeps serving at "+m.cfg.URL+".")
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center,
		lipgloss.NewStyle().Width(min(m.width, 60)).Align(lipgloss.Center).Render(msg))
}

func (m *Model) tabs() string {
	var b strings.Builder
	for i := range m.panes {
		st := styles.Tab
		if ui.ID(i) == m.active {
			st = styles.ActiveTab
		}
		b.WriteString(st.Render(m.tabLabel(i)))
	}
	tabs := b.String()
	name := styles.Hint.Render("flashcart ")
	gap := m.width - lipgloss.Width(tabs) - lipgloss.Width(name)
	if gap < 1 {
		return ui.Fit([]string{tabs}, m.width, 1)
	}
	return tabs + strings.Repeat(" ", gap) + name
}

func (m *Model) helpLine(p ui.Pane) string {
	bindings := append(p.ShortHelp(), m.keys.Help, m.keys.Quit)
	if p.Capturing() {
		bindings = append(p.ShortHelp(), m.keys.ForceQuit)
	}
	return ui.Fit([]string{m.help.ShortHelpView(bindings)}, m.width, 1)
}

// statusBar shows where the sandbox listens, the login, and the last
// message. When the line is too wide, the address gives way before the
// message: the note that the address was taken shortens, then the scheme
// goes, then the note.
func (m *Model) statusBar() string {
	var login string
	switch s := m.session; {
	case s.Token != "":
		login = styles.StatusOK.Render(s.Account + " ✓")
	case s.Err != nil:
		login = styles.StatusBad.Render("not logged in")
	default:
		login = styles.Hint.Render("logging in as " + s.Account + "…")
	}
	tail := styles.StatusBar.Render(" · ") + login
	if m.status != "" {
		st := styles.StatusMsg
		if m.statusErr {
			st = styles.StatusBad
		}
		tail += styles.StatusBar.Render(" │ ") + st.Render(m.status)
	}
	var line string
	for _, where := range m.addresses() {
		line = styles.StatusOK.Render("● ") + where + tail
		if lipgloss.Width(line) <= m.width {
			break
		}
	}
	return ui.Fit([]string{line}, m.width, 1)
}

// addresses are the ways to say where the sandbox listens, longest first.
func (m *Model) addresses() []string {
	bare := strings.TrimPrefix(m.cfg.URL, "http://")
	if !m.cfg.Moved {
		return []string{m.cfg.URL, bare}
	}
	note := func(s string) string { return styles.Warn.Render(" (" + s + ")") }
	short := "moved"
	if _, port, err := net.SplitHostPort(m.cfg.Requested); err == nil {
		short = ":" + port + " taken"
	}
	return []string{
		m.cfg.URL + note(m.cfg.Requested+" was taken"),
		m.cfg.URL + note(short),
		bare + note(short),
		bare,
	}
}

// helpLines lists every key in columns that fit width: the pane's, then
// the global ones, then the mouse.
func (m *Model) helpLines(p ui.Pane, width int) []string {
	var lines []string
	section := func(title string, bindings []key.Binding) {
		if len(bindings) == 0 {
			return
		}
		if len(lines) > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, styles.Title.Render(title))
		lines = append(lines, columnize(bindings, width)...)
	}
	var paneKeys []key.Binding
	for _, g := range p.FullHelp() {
		paneKeys = append(paneKeys, g...)
	}
	section(p.Title(), paneKeys)
	section("Global", m.keys.list())
	return append(lines, "", styles.Title.Render("Mouse"),
		"click a tab to switch panes; click a row to select it, again to open it;",
		"the wheel scrolls. ↑/↓ scroll this help; any other key closes it.")
}

// columnize lays bindings out column by column, as many columns as fit.
func columnize(bindings []key.Binding, width int) []string {
	var items []key.Binding
	keyW, itemW := 0, 0
	for _, b := range bindings {
		if !b.Enabled() {
			continue
		}
		items = append(items, b)
		keyW = max(keyW, lipgloss.Width(b.Help().Key))
	}
	for _, b := range items {
		itemW = max(itemW, keyW+1+lipgloss.Width(b.Help().Desc))
	}
	itemW = min(itemW, width)
	cols := max(1, (width+2)/(itemW+2))
	if cols == 1 && width >= 60 {
		cols, itemW = 2, (width-2)/2 // two columns, descriptions cut
	}
	rows := (len(items) + cols - 1) / cols
	st := styles.Help()
	out := make([]string, rows)
	for i, b := range items {
		h := b.Help()
		cell := st.FullKey.Render(fmt.Sprintf("%-*s", keyW, h.Key)) + " " + st.FullDesc.Render(h.Desc)
		if i/rows < cols-1 {
			cell = ui.Fit([]string{cell}, itemW, 1) + "  "
		} else {
			cell = ui.Fit([]string{cell}, itemW, 1)
		}
		out[i%rows] += cell
	}
	return out
}

// helpBox is the visible part of the help, framed.
func (m *Model) helpBox(p ui.Pane) string {
	lines := m.helpLines(p, m.width-4)
	h := min(len(lines), m.height-2)
	off := min(m.helpOffset, len(lines)-h)
	return styles.Overlay.Render(strings.Join(lines[off:off+h], "\n"))
}
