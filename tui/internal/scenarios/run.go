package scenarios

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	scen "github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/scenarios/runner"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

type (
	// progressMsg is a scenario of the run that ended.
	progressMsg struct {
		done, total int
		result      *runner.ScenarioResult
	}
	// runDoneMsg ends a run.
	runDoneMsg struct{ err error }
	// stepperMsg is a step-through ready to run its first step.
	stepperMsg struct {
		sc  *scen.Scenario
		s   *runner.Stepper
		err error
	}
	// steppedMsg is a step-through after one or more steps; last is the
	// index of the last step that ran.
	steppedMsg struct {
		s     *runner.Stepper
		steps []*runner.StepResult
		last  int
	}
)

func (m *Model) runnerOptions() runner.Options {
	return runner.Options{Seed: m.opts.Seed, Jobs: m.opts.Jobs}
}

// start runs scenarios in the background; each result comes back as it
// ends.
func (m *Model) start(what string, list []*scen.Scenario) tea.Cmd {
	if m.run != nil {
		return ui.Problem("a run is under way: wait for it, or cancel it with x")
	}
	if len(list) == 0 {
		return ui.Problem("nothing to run")
	}
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan tea.Msg, len(list)+1) // the runner never waits for the pane
	m.run = &progress{what: what, total: len(list), count: map[runner.Status]int{}, cancel: cancel, ch: ch}
	for _, sc := range list {
		m.queued[sc] = true
	}
	opts := m.runnerOptions()
	opts.Progress = func(done, total int, r *runner.ScenarioResult) { ch <- progressMsg{done, total, r} }
	begin := func() tea.Msg {
		_, err := runner.Run(ctx, list, opts)
		cancel()
		ch <- runDoneMsg{err: err}
		return nil
	}
	return tea.Batch(begin, wait(ch), ui.Status(fmt.Sprintf("running %s (%d scenarios)…", what, len(list))))
}

// wait returns the run's next message.
func wait(ch <-chan tea.Msg) tea.Cmd { return func() tea.Msg { return <-ch } }

func (m *Model) progressed(msg progressMsg) tea.Cmd {
	if m.run == nil {
		return nil
	}
	sc := msg.result.Scenario
	m.results[sc] = msg.result
	delete(m.queued, sc)
	m.run.done = msg.done
	m.run.count[msg.result.Status]++
	if sc == m.open {
		m.layout()
	}
	return wait(m.run.ch)
}

func (m *Model) finished(msg runDoneMsg) tea.Cmd {
	r := m.run
	if r == nil {
		return nil
	}
	m.run = nil
	clear(m.queued)
	if msg.err != nil {
		m.last = "the run failed: " + msg.err.Error()
		return ui.Problem(m.last)
	}
	m.last = fmt.Sprintf("last run: %s · %d of %d · %s · seed %d", r.what, r.done, r.total, counts(r.count), m.opts.Seed)
	if bad := r.count[runner.Failed] + r.count[runner.Errored]; bad > 0 {
		m.unfoldFailures()
		return ui.Problem(fmt.Sprintf("%s: %d of %d scenarios did not pass", r.what, bad, r.total))
	}
	return ui.Status(fmt.Sprintf("%s: %d scenarios, %s", r.what, r.done, counts(r.count)))
}

// counts sums up statuses: "78 passed · 2 failed".
func counts(n map[runner.Status]int) string {
	out := ""
	for _, s := range []runner.Status{runner.Passed, runner.Failed, runner.Errored, runner.Skipped} {
		if n[s] > 0 {
			if out != "" {
				out += " · "
			}
			out += fmt.Sprintf("%d %s", n[s], s)
		}
	}
	if out == "" {
		return "none ended"
	}
	return out
}

// startStepping prepares a step-through of sc: its sandbox is made in a
// command, and no step runs until asked.
func (m *Model) startStepping(sc *scen.Scenario) tea.Cmd {
	if m.stepper != nil {
		return ui.Problem("a step-through is under way")
	}
	m.show(sc)
	m.stepper = &stepping{busy: true}
	opts := m.runnerOptions()
	return func() tea.Msg {
		s, err := runner.NewStepper(context.Background(), sc, opts)
		return stepperMsg{sc: sc, s: s, err: err}
	}
}

func (m *Model) stepperReady(msg stepperMsg) tea.Cmd {
	st := m.stepper
	if msg.err != nil || st == nil || st.closing {
		m.stepper = nil
		if msg.err != nil {
			return ui.Problem("step-through: " + msg.err.Error())
		}
		return closeStepper(msg.s)
	}
	if msg.s.Done() { // it could not start: its result says why
		m.results[msg.sc], m.stepper = msg.s.Result(), nil
		m.layout()
		return tea.Batch(closeStepper(msg.s), ui.Problem(fmt.Sprintf("%q: %s", msg.sc.Name, msg.s.Result().Reason)))
	}
	st.s, st.busy, st.steps = msg.s, false, nil
	m.layout()
	return ui.Status(fmt.Sprintf("stepping through %q: n runs the next step", msg.sc.Name))
}

// next runs the next step, or every step left.
func (m *Model) next(all bool) tea.Cmd {
	st := m.stepper
	if st.busy || st.s == nil {
		return nil
	}
	st.busy = true
	s, before := st.s, len(st.steps)
	return func() tea.Msg {
		ctx := context.Background()
		ran := 0
		for ran == 0 || all && !s.Done() {
			s.Next(ctx)
			ran++
		}
		// A copy: the pane reads it while the stepper may run again.
		return steppedMsg{s: s, steps: append([]*runner.StepResult(nil), s.Result().Steps...), last: before + ran - 1}
	}
}

func (m *Model) stepped(msg steppedMsg) tea.Cmd {
	st := m.stepper
	if st == nil || st.s != msg.s {
		return nil
	}
	st.busy, st.steps = false, msg.steps
	if st.closing {
		m.stepper = nil
		return closeStepper(msg.s)
	}
	m.step = msg.last
	last := msg.steps[msg.last]
	m.layout()
	m.view.GotoTop()
	if len(msg.steps) < len(m.open.Steps) {
		return ui.Status(fmt.Sprintf("step %s: %s", last.Step.ID, last.Status))
	}
	// The last step: the result is the scenario's, like a run's.
	res := msg.s.Result()
	m.results[m.open] = &runner.ScenarioResult{Scenario: res.Scenario, Status: res.Status, Reason: res.Reason, Steps: msg.steps}
	m.stepper = nil
	m.layout()
	if res.Status == runner.Passed {
		return tea.Batch(closeStepper(msg.s), ui.Status(fmt.Sprintf("%q passed, step by step", res.Scenario.Name)))
	}
	return tea.Batch(closeStepper(msg.s), ui.Problem(fmt.Sprintf("%q %s at step %s", res.Scenario.Name, res.Status, last.Step.ID)))
}

// stopStepping leaves the step-through; its sandbox is closed now, or
// when the step under way ends.
func (m *Model) stopStepping() tea.Cmd {
	st := m.stepper
	if st == nil {
		return nil
	}
	if st.busy {
		st.closing = true
		return nil
	}
	m.stepper = nil
	if st.s == nil {
		return nil
	}
	return closeStepper(st.s)
}

func closeStepper(s *runner.Stepper) tea.Cmd {
	if s == nil {
		return nil
	}
	return func() tea.Msg {
		s.Close()
		return nil
	}
}

// unfoldFailures opens the files that hold a scenario that did not pass.
func (m *Model) unfoldFailures() {
	for _, f := range m.files {
		for _, sc := range f.Scenarios {
			if res := m.results[sc]; res != nil && res.Status != runner.Passed {
				m.folded[f.Title()] = false
			}
		}
	}
	m.rebuild()
}
