package scenarios

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	scen "github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/scenarios/runner"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/styles"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

// treeTop is the first line of the tree; treeHeight how many lines of
// rows show.
const treeTop = 1

func (m *Model) treeHeight() int { return max(0, m.height-treeTop-1) }

// icon marks how a scenario or step went.
func icon(status runner.Status, queued bool) string {
	switch {
	case queued:
		return styles.Warn.Render("…")
	case status == runner.Passed:
		return styles.Good.Render("✓")
	case status == runner.Failed:
		return styles.Error.Render("✗")
	case status == runner.Errored:
		return styles.ErrorCode.Render("!")
	case status == runner.Skipped:
		return styles.Warn.Render("~")
	}
	return styles.Hint.Render("·")
}

// View renders the pane.
func (m *Model) View() string {
	if m.mode == modeDetail {
		return m.detailView()
	}
	n := 0
	for _, f := range m.files {
		n += len(f.Scenarios)
	}
	head := styles.Title.Render("Scenarios") + styles.Hint.Render(fmt.Sprintf(" · %s · %s", plural(len(m.files), "file"), plural(n, "scenario")))
	if len(m.errs) > 0 {
		head += styles.Error.Render(fmt.Sprintf(" · %d not read", len(m.errs)))
	}
	head += styles.Hint.Render(fmt.Sprintf(" · seed %d · each runs on its own fresh sandbox", m.opts.Seed))
	if !m.loaded {
		head = styles.Title.Render("Scenarios") + styles.Hint.Render(" · loading the suites…")
	}
	lines := []string{head}
	if m.loaded && len(m.files) == 0 {
		lines = append(lines, styles.Hint.Render("No suite found: give your own with flashcart --scenarios PATH."))
	}
	for i := m.nav.Offset; i < len(m.rows) && len(lines) < treeTop+m.treeHeight(); i++ {
		lines = append(lines, m.rowLines(i)...)
	}
	lines = lines[:min(len(lines), treeTop+m.treeHeight())]
	for len(lines) < m.height-1 {
		lines = append(lines, "")
	}
	return ui.Fit(append(lines, m.footer()), m.width, m.height)
}

// footer is the run's progress, or how the last one went.
func (m *Model) footer() string {
	r := m.run
	if r == nil {
		if m.last != "" {
			return styles.Hint.Render(ui.Sanitize(m.last))
		}
		return styles.Hint.Render("r runs the scenario (or file) under the cursor · a runs all · s steps through one")
	}
	const barW = 20
	fill := barW * r.done / max(1, r.total)
	bar := styles.Good.Render(strings.Repeat("█", fill)) + styles.Hint.Render(strings.Repeat("░", barW-fill))
	return styles.Warn.Render("running ") + ui.Sanitize(r.what) + fmt.Sprintf(" %s %d/%d · %s", bar, r.done, r.total, counts(r.count)) + styles.Hint.Render(" · x cancels")
}

// rowLines are the lines of row i, wrapped at the pane's width: a file
// that could not be read with each of its problems, a file with what its
// scenarios did, or a scenario with why it did not pass.
func (m *Model) rowLines(i int) []string {
	r := m.rows[i]
	var lines []string
	if r.broken >= 0 {
		file, problems := brokenFile(m.errs[r.broken])
		if file != "" {
			lines = ui.Wrap(styles.Error.Render("✗ "+ui.Sanitize(file)), m.width, 2)
			for _, p := range problems {
				lines = append(lines, ui.Wrap(styles.Error.Render("    line "+ui.Sanitize(p)), m.width, 6)...)
			}
		} else {
			lines = ui.Wrap(styles.Error.Render("✗ "+ui.Sanitize(strings.Join(problems, "; "))), m.width, 2)
		}
	} else {
		lines = ui.Wrap(m.treeLine(r), m.width, 6)
	}
	if i == m.nav.Pos {
		for j, l := range lines {
			lines[j] = styles.Selected.Render(ansi.Strip(l))
		}
	}
	return lines
}

// problemRE is a problem of a scenario file: "path:line: what".
var problemRE = regexp.MustCompile(`^(.+?):(\d+: .*)$`)

// brokenFile splits the error of a file that could not be read into the
// file and its problems ("12: what"), each a line of the error; file is ""
// when the problems do not all name one file.
func brokenFile(err error) (file string, problems []string) {
	lines := strings.Split(err.Error(), "\n")
	for _, l := range lines {
		sub := problemRE.FindStringSubmatch(l)
		if sub == nil || file != "" && sub[1] != file {
			return "", lines
		}
		file = sub[1]
		problems = append(problems, sub[2])
	}
	return file, problems
}

// treeLine is the text of a file's or a scenario's row.
func (m *Model) treeLine(r row) string {
	f := m.files[r.file]
	var line string
	if r.sc < 0 {
		fold := "▾ "
		if m.folded[f.Title()] {
			fold = "▸ "
		}
		n := map[runner.Status]int{}
		ran := 0
		for _, sc := range f.Scenarios {
			if res := m.results[sc]; res != nil {
				n[res.Status]++
				ran++
			}
		}
		summary := "  " + plural(len(f.Scenarios), "scenario")
		if ran > 0 {
			summary += " · " + counts(n)
		}
		line = fold + styles.Section.Render(ui.Sanitize(f.Title())) + styles.Hint.Render(summary)
		if n[runner.Failed]+n[runner.Errored] > 0 {
			line = fold + styles.Section.Render(ui.Sanitize(f.Title())) + styles.Error.Render(summary)
		}
	} else {
		sc := f.Scenarios[r.sc]
		res := m.results[sc]
		var status runner.Status
		why := ""
		if res != nil {
			status = res.Status
			why = firstProblem(res)
		}
		line = "    " + icon(status, m.queued[sc]) + " " + ui.Sanitize(sc.Name)
		if why != "" {
			line += styles.Hint.Render(" — " + ui.Sanitize(why))
		}
	}
	return line
}

// firstProblem says in a few words why a scenario did not pass.
func firstProblem(res *runner.ScenarioResult) string {
	if res.Status == runner.Passed {
		return ""
	}
	for _, st := range res.Steps {
		switch {
		case len(st.Problems) > 0:
			return "step " + st.Step.ID + ": " + st.Problems[0].String()
		case st.Status == runner.Failed || st.Status == runner.Errored:
			return "step " + st.Step.ID + ": " + st.Reason
		}
	}
	return res.Reason
}

// stepsShown is how many step rows the detail shows at once.
func (m *Model) stepsShown() int {
	return min(len(m.open.Steps), max(3, (m.height-4)/3))
}

// layout fills the selected step's details.
func (m *Model) layout() {
	m.view.SetWidth(m.width)
	if m.open == nil {
		return
	}
	m.view.SetHeight(max(0, m.height-3-m.stepsShown()-1))
	m.view.SetContentLines(m.stepLines(m.open.Steps[min(m.step, len(m.open.Steps)-1)], m.stepResult(m.step)))
}

// status is a scenario's result in words, colored.
func status(res *runner.ScenarioResult) string {
	if res == nil {
		return styles.Hint.Render("not run")
	}
	st := styles.Good
	if res.Status != runner.Passed {
		st = styles.Error
	}
	return st.Render(string(res.Status))
}

func (m *Model) detailView() string {
	sc := m.open
	title := styles.Title.Render(ui.Sanitize(sc.Name)) + "  " + status(m.results[sc])
	about := fmt.Sprintf("%s:%d", m.fileTitle(sc), sc.Line)
	if len(sc.Tags) > 0 {
		about += " · tags " + strings.Join(sc.Tags, ", ")
	}
	hint := "r run again · s step through · y copy the step's curl · esc back"
	switch st := m.stepper; {
	case st != nil && st.s == nil:
		hint = "step-through: making its sandbox…"
		title = styles.Title.Render(ui.Sanitize(sc.Name)) + "  " + styles.Warn.Render("stepping")
	case st != nil:
		hint = fmt.Sprintf("step-through: %d of %d steps run · n/enter next step · f the rest · esc stop", len(st.steps), len(sc.Steps))
		title = styles.Title.Render(ui.Sanitize(sc.Name)) + "  " + styles.Warn.Render("stepping")
	}
	lines := []string{title, styles.Hint.Render(ui.Sanitize(about)), styles.Hint.Render(hint)}
	shown := m.stepsShown()
	first := min(max(0, m.step-shown+1), len(sc.Steps)-shown)
	for i := first; i < first+shown; i++ {
		lines = append(lines, m.stepRow(i))
	}
	st := sc.Steps[min(m.step, len(sc.Steps)-1)]
	lines = append(lines, ui.Rule("step "+ui.Sanitize(st.ID), m.width), m.view.View())
	return ui.Fit(lines, m.width, m.height)
}

// fileTitle names the file of a scenario as the tree does.
func (m *Model) fileTitle(sc *scen.Scenario) string {
	for _, f := range m.files {
		if f.Path == sc.File {
			return f.Title()
		}
	}
	return sc.File
}

func (m *Model) stepRow(i int) string {
	st := m.open.Steps[i]
	sr := m.stepResult(i)
	mark := icon("", false)
	target := st.Request.Method + " " + st.Request.Path
	if sr != nil {
		mark = icon(sr.Status, false)
		if sr.Response != nil {
			target += fmt.Sprintf(" → %d", sr.Response.Status)
		}
	} else if s := m.stepper; s != nil && i == len(s.steps) {
		mark = styles.Warn.Render("▸")
	}
	line := fmt.Sprintf("  %s %-16s %-14s %s", mark, ui.Cut(st.ID, 16), st.Kind, ui.Sanitize(target))
	if i == m.step {
		return styles.Selected.Render(ansi.Strip(line))
	}
	return line
}

// stepLines are a step's details: what it sent, what went wrong (the
// problems and the diff of expected against actual), the curl, the
// sandbox's hints, and the response.
func (m *Model) stepLines(st *scen.Step, sr *runner.StepResult) []string {
	if sr == nil {
		return []string{styles.Hint.Render("not run yet"), "", styles.Section.Render("request"),
			"  " + ui.Sanitize(st.Request.Method+" "+st.Request.Path)}
	}
	lines := []string{}
	if sr.URL != "" {
		line := ui.Sanitize(sr.Method + " " + sr.URL)
		if sr.Response != nil {
			line += " → " + styles.StatusCode(sr.Response.Status).Render(fmt.Sprintf("%d %s", sr.Response.Status, http.StatusText(sr.Response.Status)))
		}
		lines = append(lines, line)
	}
	if sr.Reason != "" {
		lines = append(lines, styles.Warn.Render(ui.Sanitize(sr.Reason)))
	}
	section := func(title string) { lines = append(lines, "", styles.Section.Render(title)) }
	if len(sr.Problems) > 0 {
		section("problems")
		for _, p := range sr.Problems {
			lines = append(lines, styles.Error.Render("  ✗ "+ui.Sanitize(p.String())))
		}
	}
	if sr.Diff != "" {
		section("diff: - expected, + actual")
		lines = append(lines, ui.DiffLines(sr.Diff)...)
	}
	if len(sr.Hints) > 0 {
		section("sandbox hints")
		for _, h := range sr.Hints {
			lines = append(lines, styles.Warn.Render("  ⚑ ")+ui.Sanitize(h))
		}
	}
	if sr.Curl != "" {
		section("curl")
		lines = append(lines, client.CurlLines(ui.Sanitize(sr.Curl), m.width)...)
	}
	if sr.Response != nil {
		section("response body")
		lines = append(lines, ui.Lines(sr.Response.Body)...)
	}
	return lines
}

// plural is "1 file", "2 files".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// ShortHelp lists the main keys of what is shown.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.mode == modeDetail && m.stepper != nil:
		return []key.Binding{k.Next, k.Finish, k.Back}
	case m.mode == modeDetail:
		return []key.Binding{k.Again, k.Step, k.Curl, k.Back}
	case m.run != nil:
		return []key.Binding{k.Open, k.Cancel}
	}
	return []key.Binding{k.Open, k.Run, k.RunAll, k.Step}
}

// FullHelp lists every key of the pane.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		append(k.Nav.List(), k.Open, k.Run, k.RunAll, k.Step, k.Cancel),
		{k.Again, k.Next, k.Finish, k.Curl, k.PageUp, k.PageDown, k.Back},
	}
}
