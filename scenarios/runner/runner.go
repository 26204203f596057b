package runner

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"runtime"
	"sync"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/scenarios"
)

// Options configure a run.
type Options struct {
	// Seed is the seed of every in-process sandbox whose scenario sets none.
	Seed uint64
	// Jobs is how many scenarios run at once; 0 means the number of CPUs.
	Jobs int
	// Target is the base URL of a live server; empty runs in-process.
	Target string
	// Username and Password log in to the target. In-process, the world's
	// first account is used.
	Username, Password string
	// SolifynKey is the target's Solifyn API key, ${solifyn.api_key}; a
	// scenario that reads it is skipped when it is empty. In-process, the
	// world's first business's first key is used.
	SolifynKey string
	// TwoCheckoutMerchant and TwoCheckoutSecret are the 2Checkout merchant
	// code and secret key rpc_login signs with on the target; empty reads
	// them from EnvTwoCheckoutMerchant and EnvTwoCheckoutSecret. In-process,
	// the world's first merchant is used.
	TwoCheckoutMerchant, TwoCheckoutSecret string
	// Timeout bounds each request to the target; 0 means 30 seconds.
	Timeout time.Duration
	// KeepGoing runs the steps after a failed one (for --update); a step
	// that errors still ends its scenario.
	KeepGoing bool
	// Progress, when set, is called after each scenario, one call at a time.
	Progress func(done, total int, r *ScenarioResult)
	// Logger receives the runner's logs; nil discards them.
	Logger *slog.Logger
}

// Status is how a step or scenario ended.
type Status string

// The statuses, from best to worst.
const (
	Passed  Status = "passed"
	Skipped Status = "skipped"
	Failed  Status = "failed"
	// Errored is a runtime error: the target could not be reached, or a
	// sandbox could not be made.
	Errored Status = "error"
)

func worse(a, b Status) Status {
	rank := map[Status]int{Passed: 0, Skipped: 1, Failed: 2, Errored: 3}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// Result is a whole run.
type Result struct {
	Seed uint64
	// Target is the live server's URL; empty for in-process runs.
	Target string
	// Flashcart is true when sandbox-only steps could run: in-process, or a
	// target that answered GET /_sandbox/health.
	Flashcart bool
	Scenarios []*ScenarioResult
}

// Count returns how many scenarios ended with each status.
func (r *Result) Count() map[Status]int {
	n := map[Status]int{}
	for _, s := range r.Scenarios {
		n[s.Status]++
	}
	return n
}

// Steps returns how many steps sent a request.
func (r *Result) Steps() int {
	n := 0
	for _, s := range r.Scenarios {
		for _, st := range s.Steps {
			if st.Sent {
				n++
			}
		}
	}
	return n
}

// ScenarioResult is how one scenario went.
type ScenarioResult struct {
	Scenario *scenarios.Scenario
	Status   Status
	// Reason says why the scenario was skipped or errored.
	Reason string
	Steps  []*StepResult
}

// ErrUnreachable is returned when the target does not answer.
var ErrUnreachable = errors.New("target unreachable")

// Run runs the scenarios. It fails only when a target does not answer at
// all; everything else is in the result.
func Run(ctx context.Context, list []*scenarios.Scenario, opts Options) (*Result, error) {
	r, err := newRunner(ctx, opts)
	if err != nil {
		return nil, err
	}
	opts = r.opts
	res := &Result{Seed: opts.Seed, Target: opts.Target, Flashcart: r.flashcart, Scenarios: make([]*ScenarioResult, len(list))}

	// On a shared server, a scenario that moves the clock would expire the
	// tokens of the scenarios beside it: those run alone, last.
	var parallel, alone []int
	for i, s := range list {
		if opts.Target != "" && s.ChangesClock() {
			alone = append(alone, i)
		} else {
			parallel = append(parallel, i)
		}
	}
	var mu sync.Mutex
	done := 0
	finish := func(i int, sr *ScenarioResult) {
		mu.Lock()
		defer mu.Unlock()
		res.Scenarios[i] = sr
		done++
		if opts.Progress != nil {
			opts.Progress(done, len(list), sr)
		}
	}
	r.pool(ctx, list, parallel, opts.Jobs, finish)
	r.pool(ctx, list, alone, 1, finish)
	return res, nil
}

// The defaults of Options.
const defaultTimeout = 30 * time.Second

func defaultJobs() int { return runtime.NumCPU() }

type runner struct {
	opts         Options
	client       *http.Client
	flashcart    bool
	defaultWorld *fixtures.World
}

func (r *runner) pool(ctx context.Context, list []*scenarios.Scenario, idx []int, jobs int, finish func(int, *ScenarioResult)) {
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(jobs, len(idx)) {
		wg.Go(func() {
			for i := range work {
				finish(i, r.scenario(ctx, list[i]))
			}
		})
	}
	for _, i := range idx {
		work <- i
	}
	close(work)
	wg.Wait()
}

// InProcessBase is the base URL requests are given in-process, as if sent
// to a default `flashcart serve`.
const InProcessBase = "http://127.0.0.1:8080"

// scenario runs one scenario against its own sandbox, or the target.
func (r *runner) scenario(ctx context.Context, sc *scenarios.Scenario) *ScenarioResult {
	s := r.start(sc)
	defer s.Close()
	for !s.Done() {
		s.Next(ctx)
	}
	return s.Result()
}

func skipAll(res *ScenarioResult, reason string) *ScenarioResult {
	res.Status, res.Reason = Skipped, reason
	for _, st := range res.Scenario.Steps {
		res.Steps = append(res.Steps, &StepResult{Step: st, Status: Skipped, Reason: reason})
	}
	return res
}
