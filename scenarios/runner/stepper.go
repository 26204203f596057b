package runner

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/scenarios/internal/vars"
)

// Stepper runs one scenario a step at a time, as Run does, so that a
// person can watch each step: in-process against its own fresh sandbox, or
// against opts.Target. Use it from one goroutine; Close it when done.
type Stepper struct {
	res   *ScenarioResult
	x     *exec
	keep  bool
	next  int
	stop  string
	close func()
}

// NewStepper prepares sc (its sandbox, or the probe of the target) without
// running any step. Like Run, it fails only when the target does not
// answer; a sandbox that cannot be made is an errored result.
func NewStepper(ctx context.Context, sc *scenarios.Scenario, opts Options) (*Stepper, error) {
	r, err := newRunner(ctx, opts)
	if err != nil {
		return nil, err
	}
	return r.start(sc), nil
}

// newRunner fills in the defaults of opts and probes the target.
func newRunner(ctx context.Context, opts Options) (*runner, error) {
	if opts.Jobs <= 0 {
		opts.Jobs = defaultJobs()
	}
	if opts.Timeout == 0 {
		opts.Timeout = defaultTimeout
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Target != "" && opts.TwoCheckoutMerchant == "" && opts.TwoCheckoutSecret == "" {
		opts.TwoCheckoutMerchant, opts.TwoCheckoutSecret = os.Getenv(EnvTwoCheckoutMerchant), os.Getenv(EnvTwoCheckoutSecret)
	}
	r := &runner{opts: opts, defaultWorld: fixtures.Default(), flashcart: true}
	if opts.Target != "" {
		r.client = targetClient(opts.Timeout)
		flashcart, err := probe(ctx, r.client, opts.Target)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrUnreachable, err)
		}
		r.flashcart = flashcart
		opts.Logger.Info("target", "url", opts.Target, "flashcart", flashcart)
	}
	return r, nil
}

// start prepares a scenario: its own sandbox in-process, or the target.
// A scenario that cannot run comes back already done.
func (r *runner) start(sc *scenarios.Scenario) *Stepper {
	s := &Stepper{res: &ScenarioResult{Scenario: sc, Status: Passed}, keep: r.opts.KeepGoing, close: func() {}}
	s.x = &exec{client: r.client, base: r.opts.Target, flashcart: r.flashcart, now: r.targetNow}
	s.x.scope.Set(vars.Username, r.opts.Username)
	s.x.scope.Set(vars.Password, r.opts.Password)
	if r.opts.SolifynKey != "" {
		s.x.scope.Set(vars.SolifynKey, r.opts.SolifynKey)
	}
	s.x.setTwoCheckout(r.opts.TwoCheckoutMerchant, r.opts.TwoCheckoutSecret)
	switch {
	case r.opts.Target != "" && sc.WorldPath != "":
		skipAll(s.res, "needs the world "+sc.WorldPath+", which only an in-process run can load")
		s.next = len(sc.Steps)
	case r.opts.Target != "" && r.opts.SolifynKey == "" && sc.Reads(vars.SolifynKey):
		skipAll(s.res, "needs the target's Solifyn API key for ${"+vars.SolifynKey+"}")
		s.next = len(sc.Steps)
	case r.opts.Target == "":
		world := sc.World
		if world == nil {
			world = r.defaultWorld
		}
		seed := r.opts.Seed
		if sc.Seed != nil {
			seed = *sc.Seed
		}
		sb, err := sandbox.New(sandbox.Options{World: world, Seed: &seed, Clock: sandbox.FrozenClock(sc.Start), JournalSize: 64})
		if err != nil {
			s.res.Status, s.res.Reason = Errored, err.Error()
			s.next = len(sc.Steps)
			return s
		}
		s.close = func() { sb.Close() }
		s.x.client, s.x.base = inProcessClient(sb.Handler()), InProcessBase
		first := world.Noventiq.Accounts[0]
		s.x.scope.Set(vars.Username, first.Username)
		s.x.scope.Set(vars.Password, first.Password)
		s.x.now = func(context.Context) (time.Time, error) { return sb.Clock().Now(), nil }
		if sol := world.Solifyn; sol != nil {
			s.x.scope.Set(vars.SolifynKey, sol.Businesses[0].APIKeys[0])
		}
		if tc := world.TwoCheckout; tc != nil {
			s.x.setTwoCheckout(tc.Merchants[0].Code, tc.Merchants[0].SecretKey)
		}
	}
	return s
}

// Done reports whether every step has a result.
func (s *Stepper) Done() bool { return s.next >= len(s.res.Scenario.Steps) }

// Next runs the next step and returns its result, or nil when every step
// has one. After a step that fails (unless Options.KeepGoing), errors or is
// skipped, the steps left are marked skipped with the reason, as Run marks
// them, and the stepper is done.
func (s *Stepper) Next(ctx context.Context) *StepResult {
	if s.Done() {
		return nil
	}
	st := s.res.Scenario.Steps[s.next]
	s.next++
	sr := s.x.step(ctx, st)
	s.res.Steps = append(s.res.Steps, sr)
	s.res.Status = worse(s.res.Status, sr.Status)
	switch sr.Status {
	case Skipped:
		s.stop = "not run: step " + st.ID + " was skipped"
		s.res.Reason = "step " + st.ID + ": " + sr.Reason
	case Failed:
		if !s.keep {
			s.stop = "not run: step " + st.ID + " failed"
		}
	case Errored:
		s.stop = "not run: step " + st.ID + " errored"
	}
	if s.stop != "" {
		for _, rest := range s.res.Scenario.Steps[s.next:] {
			s.res.Steps = append(s.res.Steps, &StepResult{Step: rest, Status: Skipped, Reason: s.stop})
		}
		s.next = len(s.res.Scenario.Steps)
	}
	return sr
}

// Result returns how the scenario went so far: the steps run, and the
// ones marked skipped.
func (s *Stepper) Result() *ScenarioResult { return s.res }

// Close releases the scenario's sandbox; it may be called more than once.
func (s *Stepper) Close() {
	s.close()
	s.close = func() {}
}
