// Command soak drives mixed traffic (logins, links with every kind of
// error, purchases through the checkout, order lookups and searches,
// journal reads) at a real `flashcart serve` process on
// loopback for a bounded time and reports requests per second, p99, the
// 5xx count and the server's memory at start and end, with a bare net/http
// server measured in the same run as the baseline. It exits non-zero when
// a 5xx, a failed request, an unexpected answer or memory growth is seen.
//
//	go run ./internal/soak --duration 30s
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"

	"github.com/flashcart/flashcart/internal/traffic"
	"github.com/flashcart/flashcart/sandbox"
)

type config struct {
	duration, warmup, baseline, resetEvery time.Duration
	workers                                int
	binary                                 string
	state, hanging                         bool
	maxGrowth                              float64
}

func main() {
	var cfg config
	flag.DurationVar(&cfg.duration, "duration", 30*time.Second, "how long to drive traffic after the warm-up")
	flag.DurationVar(&cfg.warmup, "warmup", 3*time.Second, "traffic before memory is first measured (fills the journal)")
	flag.DurationVar(&cfg.baseline, "baseline", 3*time.Second, "how long to measure the bare net/http baseline")
	flag.DurationVar(&cfg.resetEvery, "reset-every", 5*time.Second, "reset the account's records this often, so that stored links do not grow without bound (0: never)")
	flag.IntVar(&cfg.workers, "workers", 8, "concurrent clients")
	flag.StringVar(&cfg.binary, "binary", "", "flashcart binary to run (default: build one)")
	flag.BoolVar(&cfg.state, "state", false, "run the server with --state in a temporary directory")
	flag.Float64Var(&cfg.maxGrowth, "max-heap-growth", 1.5, "fail when the live heap at the end exceeds this many times the start (plus 4 MiB)")
	flag.BoolVar(&cfg.hanging, "hanging-receiver", true, "send the webhooks to a receiver that takes them and never answers")
	flag.Parse()
	if err := soak(cfg, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "soak: %v\n", err)
		os.Exit(1)
	}
}

// memory is the server's memory at one moment.
type memory struct {
	RSS       int64  `json:"rss_bytes"`
	HeapInuse uint64 `json:"heap_inuse_bytes"`
	Journal   int    `json:"journal_kept"`
}

func soak(cfg config, out io.Writer) error {
	dir, err := os.MkdirTemp("", "flashcart-soak-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if cfg.binary == "" {
		cfg.binary = filepath.Join(dir, "flashcart")
		build := exec.Command("go", "build", "-o", cfg.binary, "github.com/flashcart/flashcart")
		build.Stderr = os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("build flashcart: %w", err)
		}
	}

	base, err := baseline(cfg)
	if err != nil {
		return err
	}

	args := []string{"serve", "--addr", "127.0.0.1:0", "--seed", "1", "--links", "local"}
	if cfg.hanging {
		// It reads each delivery whole and then never answers, until the
		// soak ends (a handler waiting on an unread body's request context
		// alone would never see its connection close, and Close would wait
		// for it forever).
		stop := make(chan struct{})
		hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			select {
			case <-r.Context().Done():
			case <-stop:
			}
		}))
		defer func() { close(stop); hang.Close() }()
		args = append(args, "--webhook-url", hang.URL)
	}
	if cfg.state {
		args = append(args, "--state", filepath.Join(dir, "state.db"))
	}
	p, err := traffic.Start(exec.Command(cfg.binary, args...), os.Stderr, 10*time.Second)
	if err != nil {
		return err
	}
	defer p.Stop()

	rec := traffic.NewRecorder()
	hc := &http.Client{Transport: rec.Transport(&http.Transport{MaxIdleConnsPerHost: cfg.workers})}
	newClient := func() *traffic.Client {
		c := &traffic.Client{Base: p.URL, Username: p.Username, Password: p.Password, HTTP: hc}
		_, _ = c.Login(context.Background())
		return c
	}
	control := &traffic.Client{Base: p.URL}
	mix := traffic.Vendor()

	// Warm up with the same traffic, recorded apart, then measure.
	warm := traffic.NewRecorder()
	warmCtx, cancel := context.WithTimeout(context.Background(), cfg.warmup)
	var gate sync.RWMutex
	mix.Run(warmCtx, cfg.workers, 1, func() *traffic.Client {
		c := newClient()
		c.HTTP = &http.Client{Transport: warm.Transport(http.DefaultTransport)}
		return c
	}, warm, &gate)
	cancel()
	start, err := measure(p, control, p.Username)
	if err != nil {
		return err
	}

	ctx, cancel := context.WithTimeout(context.Background(), cfg.duration)
	defer cancel()
	resets := make(chan error, 1)
	go func() { resets <- resetLoop(ctx, control, p.Username, cfg.resetEvery, &gate) }()
	began := time.Now()
	mix.Run(ctx, cfg.workers, 2, newClient, rec, &gate)
	elapsed := time.Since(began)
	if err := <-resets; err != nil {
		return err
	}
	end, err := measure(p, control, p.Username)
	if err != nil {
		return err
	}
	return report(out, cfg, rec.Summary(elapsed), base, start, end)
}

// baseline measures a bare net/http handler with the same clients.
func baseline(cfg config) (traffic.Summary, error) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"status":"ok"}`)
	}))
	defer srv.Close()
	rec := traffic.NewRecorder()
	hc := &http.Client{Transport: rec.Transport(&http.Transport{MaxIdleConnsPerHost: cfg.workers})}
	step := traffic.Step{Name: "bare", Weight: 1, Do: func(ctx context.Context, c *traffic.Client) error {
		_, err := c.Do(ctx, http.MethodPost, "/", traffic.JSON(), []byte(traffic.ValidLinkBody))
		return err
	}}
	ctx, cancel := context.WithTimeout(context.Background(), cfg.baseline)
	defer cancel()
	began := time.Now()
	traffic.Mix{step}.Run(ctx, cfg.workers, 0, func() *traffic.Client { return &traffic.Client{Base: srv.URL, HTTP: hc} }, rec, &sync.RWMutex{})
	sum := rec.Summary(time.Since(began))
	if sum.Requests == 0 {
		return sum, errors.New("the baseline server answered nothing")
	}
	return sum, nil
}

// resetLoop resets the account every so often, between steps.
func resetLoop(ctx context.Context, c *traffic.Client, account string, every time.Duration, gate *sync.RWMutex) error {
	if every <= 0 {
		return nil
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			gate.Lock()
			err := resetAccount(c, account)
			gate.Unlock()
			if err != nil {
				return err
			}
		}
	}
}

// resetAccount removes the account's records but keeps the journal full,
// so that memory is measured with the journal at its bound.
func resetAccount(c *traffic.Client, account string) error {
	body, _ := json.Marshal(map[string]string{"account": account})
	resp, err := c.Do(context.Background(), http.MethodPost, "/_sandbox/reset", traffic.JSON(), body)
	if err != nil || resp.Status != http.StatusOK {
		return fmt.Errorf("reset: %v %d %s", err, resp.Status, resp.Body)
	}
	return nil
}

// measure removes the account's records, so that the figures do not count
// the links made since the last reset, and reads the server's RSS and,
// after a collection, its live heap.
func measure(p *traffic.Process, c *traffic.Client, account string) (memory, error) {
	if err := resetAccount(c, account); err != nil {
		return memory{}, err
	}
	resp, err := c.Do(context.Background(), http.MethodGet, "/_sandbox/stats?gc=1", nil, nil)
	if err != nil {
		return memory{}, err
	}
	var st sandbox.Stats
	if err := json.Unmarshal(resp.Body, &st); err != nil {
		return memory{}, fmt.Errorf("stats: %w", err)
	}
	rss, err := p.RSS()
	if err != nil {
		return memory{}, err
	}
	return memory{RSS: rss, HeapInuse: st.HeapInuseBytes, Journal: st.JournalKept}, nil
}

func report(out io.Writer, cfg config, sum, base traffic.Summary, start, end memory) error {
	mib := func(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }
	fmt.Fprintf(out, "soak: %s, %d workers, state=%v, reset every %s\n", cfg.duration, cfg.workers, cfg.state, cfg.resetEvery)
	fmt.Fprintf(out, "  requests        %d (%.0f/s; bare net/http baseline %.0f/s; ratio %.2f)\n", sum.Requests, sum.PerSecond, base.PerSecond, sum.PerSecond/base.PerSecond)
	fmt.Fprintf(out, "  p50 / p99 / max %s / %s / %s (baseline p99 %s; ratio %.2f)\n", sum.P50, sum.P99, sum.Max, base.P99, float64(sum.P99)/float64(max(base.P99, 1)))
	fmt.Fprintf(out, "  by status       %v\n", sum.ByStatus)
	fmt.Fprintf(out, "  5xx             %d\n", sum.Status5xx)
	fmt.Fprintf(out, "  failed          %d\n", sum.Failed)
	fmt.Fprintf(out, "  unexpected      %v\n", sum.Surprises)
	fmt.Fprintf(out, "  server RSS      %s at start, %s at end (ratio %.2f)\n", mib(start.RSS), mib(end.RSS), float64(end.RSS)/float64(start.RSS))
	fmt.Fprintf(out, "  live heap       %s at start, %s at end (ratio %.2f)\n", mib(int64(start.HeapInuse)), mib(int64(end.HeapInuse)), float64(end.HeapInuse)/float64(start.HeapInuse))
	fmt.Fprintf(out, "  journal entries %d at start, %d at end\n", start.Journal, end.Journal)

	var problems []error
	if sum.Status5xx > 0 {
		problems = append(problems, fmt.Errorf("%d answers were 5xx", sum.Status5xx))
	}
	if sum.Failed > 0 {
		problems = append(problems, fmt.Errorf("%d requests got no answer", sum.Failed))
	}
	if len(sum.Surprises) > 0 {
		problems = append(problems, fmt.Errorf("unexpected answers: %v", sum.Surprises))
	}
	if limit := uint64(float64(start.HeapInuse)*cfg.maxGrowth) + 4<<20; end.HeapInuse > limit {
		problems = append(problems, fmt.Errorf("the live heap grew from %s to %s", mib(int64(start.HeapInuse)), mib(int64(end.HeapInuse))))
	}
	return errors.Join(problems...)
}
