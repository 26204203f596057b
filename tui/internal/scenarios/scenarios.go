package scenarios

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	scen "github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/scenarios/runner"
	"github.com/flashcart/flashcart/tui/internal/suites"
	"github.com/flashcart/flashcart/tui/internal/ui"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// Options configure the pane.
type Options struct {
	// Suites are the suites to offer.
	Suites *suites.Set
	// Seed is the seed of every run's sandboxes, shown so that a run can
	// be repeated with flashcart run --seed.
	Seed uint64
	// Jobs is how many scenarios run at once; 0 means the number of CPUs.
	Jobs int
}

type mode int

const (
	modeTree   mode = iota
	modeDetail      // a scenario's last result, or its step-through
)

// row is an item of the tree: a file that could not be read (broken ≥ 0,
// its index in the errors), a file, or one of its scenarios (sc ≥ 0). An
// item may take several lines.
type row struct{ broken, file, sc int }

// progress is a run under way.
type progress struct {
	what        string
	done, total int
	count       map[runner.Status]int
	cancel      context.CancelFunc
	ch          <-chan tea.Msg
}

// stepping is a scenario being stepped through.
type stepping struct {
	s *runner.Stepper
	// steps are the results so far, as the last step left them.
	steps []*runner.StepResult
	busy  bool
	// closing is set when the pane left the scenario while a step ran.
	closing bool
}

// Model is the scenarios pane.
type Model struct {
	opts Options
	keys keyMap

	loaded bool
	files  []suites.File
	errs   []error
	folded map[string]bool
	rows   []row
	nav    ui.Cursor

	results map[*scen.Scenario]*runner.ScenarioResult
	queued  map[*scen.Scenario]bool
	run     *progress
	// last sums up the last run that ended.
	last string

	mode mode
	// open is the scenario shown; step its selected step.
	open *scen.Scenario
	step int
	// stepper is the step-through of open, when one is under way.
	stepper *stepping

	view          viewport.Model
	width, height int
}

// New returns the scenarios pane; it loads the suites when it starts.
func New(opts Options) *Model {
	m := &Model{opts: opts, keys: newKeyMap(), folded: map[string]bool{}, view: viewport.New(),
		results: map[*scen.Scenario]*runner.ScenarioResult{}, queued: map[*scen.Scenario]bool{}}
	m.view.KeyMap = viewport.KeyMap{} // the pane's keys scroll it
	return m
}

type loadedMsg struct {
	files []suites.File
	errs  []error
}

// Init loads the suites.
func (m *Model) Init() tea.Cmd {
	set := m.opts.Suites
	return func() tea.Msg {
		files, errs := set.Load()
		return loadedMsg{files, errs}
	}
}

// Title names the pane.
func (m *Model) Title() string { return "Scenarios" }

// Capturing is always false: the pane has no text input.
func (m *Model) Capturing() bool { return false }

// SetSize sets the pane's size.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.scrollTree()
	m.layout()
}

// Files returns the suites loaded, and the problems of the roots that
// could not be read.
func (m *Model) Files() ([]suites.File, []error) { return m.files, m.errs }

// Result returns the last result of a scenario, nil when it has not run.
func (m *Model) Result(sc *scen.Scenario) *runner.ScenarioResult { return m.results[sc] }

// Running reports whether a run is under way.
func (m *Model) Running() bool { return m.run != nil }

// Update handles a message.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case loadedMsg:
		m.loaded, m.files, m.errs = true, msg.files, msg.errs
		for _, f := range m.files {
			m.folded[f.Title()] = true
		}
		m.nav.Pos = len(m.errs) // the first file; the broken ones stand above it
		m.rebuild()
		if len(m.errs) > 0 {
			return ui.Problem(fmt.Sprintf("scenarios: %s could not be read; the tree lists them first", plural(len(m.errs), "file")))
		}
		return nil
	case ui.VendorMsg:
		m.toVendor(msg.Vendor)
		return nil
	case progressMsg:
		return m.progressed(msg)
	case runDoneMsg:
		return m.finished(msg)
	case stepperMsg:
		return m.stepperReady(msg)
	case steppedMsg:
		return m.stepped(msg)
	case tea.KeyPressMsg:
		if m.mode == modeDetail {
			return m.updateDetail(msg)
		}
		return m.updateTree(msg)
	case tea.MouseClickMsg:
		if m.mode == modeTree {
			return m.click(msg.Mouse())
		}
	case tea.MouseWheelMsg:
		delta := 3
		if msg.Button == tea.MouseWheelUp {
			delta = -3
		}
		if m.mode == modeTree {
			m.nav.Move(delta, len(m.rows), m.treeHeight())
			m.scrollTree()
		} else {
			m.view.ScrollDown(delta)
		}
	}
	return nil
}

// rebuild lists the rows of the tree: the files that could not be read,
// every file, and the scenarios of the unfolded ones.
func (m *Model) rebuild() {
	m.rows = m.rows[:0]
	for i := range m.errs {
		m.rows = append(m.rows, row{broken: i, file: -1, sc: -1})
	}
	for i, f := range m.files {
		m.rows = append(m.rows, row{broken: -1, file: i, sc: -1})
		if !m.folded[f.Title()] {
			for j := range f.Scenarios {
				m.rows = append(m.rows, row{broken: -1, file: i, sc: j})
			}
		}
	}
	m.scrollTree()
}

// toVendor puts the cursor on the first file of a vendor's bundled suites
// (bundled/<vendor>/…), when the tree has one.
func (m *Model) toVendor(v vendor.ID) {
	for i, r := range m.rows {
		if r.broken < 0 && r.sc < 0 && strings.HasPrefix(m.files[r.file].Title(), suites.Bundled+"/"+string(v)+"/") {
			m.nav.Pos = i
			m.scrollTree()
			return
		}
	}
}

// scrollTree keeps the row under the cursor in sight; rows take as many
// lines as their text needs.
func (m *Model) scrollTree() {
	m.nav.ScrollRows(m.rowHeight, len(m.rows), m.treeHeight())
}

func (m *Model) rowHeight(i int) int { return len(m.rowLines(i)) }

// under returns the file and the scenario (nil on a file row) under the
// cursor.
func (m *Model) under() (*suites.File, *scen.Scenario) {
	if m.nav.Pos >= len(m.rows) {
		return nil, nil
	}
	r := m.rows[m.nav.Pos]
	if r.broken >= 0 {
		return nil, nil
	}
	f := &m.files[r.file]
	if r.sc < 0 {
		return f, nil
	}
	return f, f.Scenarios[r.sc]
}

func (m *Model) updateTree(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	if m.nav.Key(msg, k.Nav, len(m.rows), m.treeHeight()) {
		m.scrollTree()
		return nil
	}
	f, sc := m.under()
	switch {
	case key.Matches(msg, k.RunAll):
		var all []*scen.Scenario
		for _, f := range m.files {
			all = append(all, f.Scenarios...)
		}
		return m.start("all", all)
	case key.Matches(msg, k.Cancel):
		if m.run == nil {
			return nil
		}
		m.run.cancel()
		return ui.Status("cancelling the run…")
	case f == nil:
		return nil
	case key.Matches(msg, k.Open) && sc == nil:
		m.folded[f.Title()] = !m.folded[f.Title()]
		m.rebuild()
	case key.Matches(msg, k.Open):
		m.show(sc)
	case key.Matches(msg, k.Run) && sc == nil:
		return m.start(f.Title(), f.Scenarios)
	case key.Matches(msg, k.Run):
		return m.start(sc.Name, []*scen.Scenario{sc})
	case key.Matches(msg, k.Step) && sc != nil:
		return m.startStepping(sc)
	}
	return nil
}

func (m *Model) click(mouse tea.Mouse) tea.Cmd {
	i, ok := m.nav.RowAt(mouse.Y-treeTop, m.rowHeight, len(m.rows))
	if mouse.Button != tea.MouseLeft || !ok || mouse.Y-treeTop >= m.treeHeight() {
		return nil
	}
	if i != m.nav.Pos {
		m.nav.Pos = i
		return nil
	}
	return m.updateTree(tea.KeyPressMsg{Code: tea.KeyEnter})
}

// show opens a scenario's detail, on its first step that did not pass.
func (m *Model) show(sc *scen.Scenario) {
	m.mode, m.open, m.step = modeDetail, sc, 0
	if res := m.results[sc]; res != nil {
		for i, st := range res.Steps {
			if st.Status == runner.Failed || st.Status == runner.Errored {
				m.step = i
				break
			}
		}
	}
	m.layout()
	m.view.GotoTop()
}

func (m *Model) updateDetail(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	st := m.stepper
	switch {
	case key.Matches(msg, k.Back):
		m.mode = modeTree
		return m.stopStepping()
	case st != nil && key.Matches(msg, k.Next):
		return m.next(false)
	case st != nil && key.Matches(msg, k.Finish):
		return m.next(true)
	case key.Matches(msg, k.Nav.Up):
		m.step = max(0, m.step-1)
	case key.Matches(msg, k.Nav.Down):
		m.step = min(len(m.open.Steps)-1, m.step+1)
	case key.Matches(msg, k.PageUp):
		m.view.PageUp()
		return nil
	case key.Matches(msg, k.PageDown):
		m.view.PageDown()
		return nil
	case key.Matches(msg, k.Curl):
		if sr := m.stepResult(m.step); sr != nil && sr.Curl != "" {
			return tea.Batch(tea.SetClipboard(sr.Curl), ui.Status("copied the curl of step "+sr.Step.ID))
		}
		return ui.Problem("this step sent no request")
	case key.Matches(msg, k.Again) && st == nil:
		return m.start(m.open.Name, []*scen.Scenario{m.open})
	case key.Matches(msg, k.Step) && st == nil:
		return m.startStepping(m.open)
	default:
		return nil
	}
	m.layout()
	m.view.GotoTop()
	return nil
}

// stepResult is the result of step i of the scenario shown: the
// step-through's, or the last run's; nil when it has none.
func (m *Model) stepResult(i int) *runner.StepResult {
	var steps []*runner.StepResult
	switch {
	case m.stepper != nil:
		steps = m.stepper.steps
	case m.results[m.open] != nil:
		steps = m.results[m.open].Steps
	}
	if i < len(steps) {
		return steps[i]
	}
	return nil
}
